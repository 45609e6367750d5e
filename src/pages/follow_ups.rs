//! Follow-ups: the trial conversation a month after a volunteer starts an
//! agreement and the follow-up a month later, due and overdue ones first;
//! record when it was held, the outcome, and a private note.

use chrono::{Duration, NaiveDate};
use flok_core::model::follow_up::Due;
use flok_core::model::{Agreement, FollowUp, Function, Outcome, Stage};
use leptos::prelude::*;

use crate::components::adding::SaveOrCancel;
use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::{today, AppState};

const OUTCOMES: [Outcome; 3] = [Outcome::Continue, Outcome::Change, Outcome::Stop];

#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Two weeks ahead, so a coordinator can plan the conversation.
    let due = Memo::new(move |_| state.replica.with(|r| FollowUp::due(r, today() + Duration::days(14))));
    let status = RwSignal::new(None::<String>);
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || state.t().page(Page::FollowUps)) />
            <h2>{move || state.t().due_and_overdue}</h2>
            <p class="status" role="status">{move || status.get()}</p>
            <Show
                when=move || due.with(|d| !d.is_empty())
                fallback=move || view! { <p class="empty">{move || state.t().no_follow_ups_due}</p> }
            >
                <ul class="shifts" aria-label=move || state.t().due_and_overdue>
                    <For each=move || due.get() key=|d| (d.agreement, d.stage) let:due>
                        <li class="card"><DueItem due status /></li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn DueItem(due: Due, status: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let asking = RwSignal::new(false);
    let held_on = RwSignal::new(today().to_string());
    let outcome = RwSignal::new(0usize);
    let note = RwSignal::new(String::new());
    let invalid = RwSignal::new(false);
    let person = state.name_of(due.person);
    let function = state
        .replica
        .with_untracked(|r| r.read::<Agreement>(due.agreement).and_then(|a| r.read::<Function>(a.function)))
        .map(|f| f.name)
        .unwrap_or_default();
    let stage = move || match due.stage {
        Stage::Trial => state.t().trial_conversation,
        Stage::FollowUp => state.t().follow_up_conversation,
    };
    let when = move || {
        let t = state.t();
        if due.due < today() {
            (t.overdue_since)(&t.short_day(due.due))
        } else {
            (t.due_on)(&t.short_day(due.due))
        }
    };
    let field = move |name: &str| format!("follow-up-{}-{:?}-{name}", due.agreement, due.stage);
    let label = {
        let person = person.clone();
        move || (state.t().conversation_with)(stage(), &person)
    };
    let saved_name = person.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(held) = held_on.get_untracked().parse::<NaiveDate>() else { return invalid.set(true) };
        let note = Some(note.get_untracked().trim().to_owned()).filter(|n| !n.is_empty());
        let follow_up = FollowUp {
            agreement: due.agreement,
            stage: due.stage,
            held_on: held,
            outcome: OUTCOMES[outcome.get_untracked()],
            note,
        };
        state.record_follow_up(&follow_up);
        status.set(Some((state.t().conversation_saved)(&saved_name)));
    };

    view! {
        <p class="agreement-who">{format!("{person} · {function}")}</p>
        <p>{stage}</p>
        <p class="shift-detail" class:overdue={due.due < today()}>{when}</p>
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <div class="actions">
                    <button type="button" on:click=move |_| asking.set(true)>{move || state.t().record_conversation}</button>
                </div>
            }
        >
            <form aria-label=label.clone() novalidate on:submit=submit.clone()>
                <div class="field">
                    <label for=field("held")>{move || state.t().held_on}</label>
                    <input id=field("held") type="date" min="1900-01-01" max="2200-12-31"
                        prop:value=move || held_on.get()
                        on:input=move |ev| { held_on.set(event_target_value(&ev)); invalid.set(false); }
                        aria-invalid=move || invalid.get().to_string() aria-describedby=field("held-error") />
                    <p id=field("held-error") class="field-error">{move || invalid.get().then(|| state.t().enter_date)}</p>
                </div>
                <div class="field">
                    <label for=field("outcome")>{move || state.t().outcome}</label>
                    <select id=field("outcome") on:change=move |ev| outcome.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {(0..3).map(|i| view! { <option value=i.to_string()>{move || state.t().outcomes[i]}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=field("note")>{move || state.t().note_private}</label>
                    <textarea id=field("note") rows="3" prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </div>
                <SaveOrCancel on_cancel=Callback::new(move |()| asking.set(false)) />
            </form>
        </Show>
    }
}
