//! Follow-ups: the trial conversation a month after a volunteer starts an
//! agreement and the follow-up a month later, due and overdue ones first;
//! record when it was held, the outcome, and a private note.

use chrono::{Duration, NaiveDate};
use flok_core::model::follow_up::Due;
use flok_core::model::{Agreement, FollowUp, Function, Outcome, Person, Stage};
use flok_core::{Entity, Id};
use leptos::prelude::*;

use crate::components::adding::SaveOrCancel;
use crate::components::field::{EmptyList, FormField};
use crate::components::history::WithHistory;
use crate::components::page_heading::PageHeading;
use crate::pages::agreements::{AgreementForm, EndAgreement};
use crate::route::Page;
use crate::state::{use_now, use_store, use_texts};

const OUTCOMES: [Outcome; 3] = [Outcome::Continue, Outcome::Change, Outcome::Stop];

#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    // Two weeks ahead, so a coordinator can plan the conversation.
    let now = use_now();
    let due = Memo::new(move |_| {
        let until = now.today() + Duration::days(14);
        store.with(&[FollowUp::KIND, Agreement::KIND, Person::KIND], |r| FollowUp::due(r, until))
    });
    let status = RwSignal::new(None::<String>);
    let next = RwSignal::new(None::<NextStep>);
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page(Page::FollowUps)) />
            <h2>{move || words.all().due_and_overdue}</h2>
            <p class="status" role="status">{move || status.get()}</p>
            {move || next.get().map(|step| view! { <NextStepCard step next /> })}
            <WithHistory>
                <Show
                    when=move || due.with(|d| !d.is_empty())
                    fallback=|| view! { <EmptyList text=|w| w.all().no_follow_ups_due /> }
                >
                    <ul class="shifts" aria-label=move || words.all().due_and_overdue>
                        <For each=move || due.get() key=|d| (d.agreement, d.stage) let:due>
                            <li class="card"><DueItem due status next /></li>
                        </For>
                    </ul>
                </Show>
            </WithHistory>
        </section>
    }
}

/// What a conversation's outcome asks for next: ending the agreement, or changing it.
#[derive(Clone, PartialEq)]
struct NextStep {
    agreement: Id,
    outcome: Outcome,
    person: String,
}

/// After "stops": end the agreement (a last day); after "changes": its editor.
#[component]
fn NextStepCard(step: NextStep, next: RwSignal<Option<NextStep>>) -> impl IntoView {
    let words = use_texts();
    let done = Callback::new(move |_: String| next.set(None));
    let close = Callback::new(move |()| next.set(None));
    let t = words.all();
    let NextStep { agreement, outcome, person } = step;
    view! {
        <section class="card news" aria-labelledby="next-step-heading">
            <h2 id="next-step-heading">{match outcome {
                Outcome::Stop => (t.end_agreement_now)(&person),
                _ => (t.change_agreement_now)(&person),
            }}</h2>
            {match outcome {
                Outcome::Stop => view! { <EndAgreement id=agreement label=(t.end_agreement_of)(&person) done close /> }.into_any(),
                _ => view! { <AgreementForm editing=Some(agreement) on_added=done on_cancel=close /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn DueItem(due: Due, status: RwSignal<Option<String>>, next: RwSignal<Option<NextStep>>) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let asking = RwSignal::new(false);
    let now = use_now();
    let held_on = RwSignal::new(now.today().to_string());
    let outcome = RwSignal::new("0".to_owned());
    let note = RwSignal::new(String::new());
    let invalid = RwSignal::new(false);
    let person = store.name_of(due.person);
    let function = store
        .with_untracked(|r| r.read::<Agreement>(due.agreement).and_then(|a| r.read::<Function>(a.function)))
        .map(|f| f.name)
        .unwrap_or_default();
    let stage = move || match due.stage {
        Stage::Trial => words.all().trial_conversation,
        Stage::FollowUp => words.all().follow_up_conversation,
    };
    let when = move || {
        let t = words.all();
        if due.due < now.today() {
            (t.overdue_since)(&t.short_day(due.due))
        } else {
            (t.due_on)(&t.short_day(due.due))
        }
    };
    let field = move |name: &str| format!("follow-up-{}-{:?}-{name}", due.agreement, due.stage);
    let label = {
        let person = person.clone();
        move || (words.all().conversation_with)(stage(), &person)
    };
    let saved_name = person.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(held) = held_on.get_untracked().parse::<NaiveDate>() else { return invalid.set(true) };
        let note = Some(note.get_untracked().trim().to_owned()).filter(|n| !n.is_empty());
        let chosen = OUTCOMES[outcome.get_untracked().parse::<usize>().unwrap_or(0).min(2)];
        let follow_up =
            FollowUp { agreement: due.agreement, stage: due.stage, held_on: held, outcome: Some(chosen), note };
        store.record_follow_up(&follow_up);
        status.set(Some((words.all().conversation_saved)(&saved_name)));
        // A conversation that ends or changes the agreement leads straight there.
        let person = saved_name.clone();
        next.set((chosen != Outcome::Continue).then_some(NextStep {
            agreement: due.agreement,
            outcome: chosen,
            person,
        }));
    };

    view! {
        <p class="agreement-who">{format!("{person} · {function}")}</p>
        <p>{stage}</p>
        <p class="shift-detail" class:overdue=move || due.due < now.today()>{when}</p>
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <div class="actions">
                    <button type="button" on:click=move |_| asking.set(true)>{move || words.all().record_conversation}</button>
                </div>
            }
        >
            <form aria-label=label.clone() novalidate on:submit=submit.clone()>
                <FormField id=field("held") label=|w| w.all().held_on kind="date" min="1900-01-01" max="2200-12-31" value=held_on
                    error=Signal::derive(move || invalid.get().then(|| words.all().enter_date.to_owned()))
                    on_edit=Callback::new(move |()| invalid.set(false)) />
                <FormField id=field("outcome") label=|w| w.all().outcome value=outcome>
                    {(0..3).map(|i| view! { <option value=i.to_string()>{move || words.all().outcomes[i]}</option> }).collect_view()}
                </FormField>
                <FormField id=field("note") label=|w| w.all().note_private multiline=true value=note />
                <SaveOrCancel on_cancel=Callback::new(move |()| asking.set(false)) />
            </form>
        </Show>
    }
}
