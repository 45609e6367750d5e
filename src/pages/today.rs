//! The start page. On a new device it asks the group's name and who is using
//! it; afterwards it is the volunteer's day: Check in or out, their next
//! shifts, and news of cancellations they should hear of.

use chrono::Duration;
use flok_core::duty;
use flok_core::Id;
use leptos::prelude::*;

use crate::components::adding::PersonOptions;
use crate::components::duty::DutyControls;
use crate::components::page_heading::PageHeading;
use crate::components::shift::{function_name, ShiftSummary};
use crate::route::Page;
use crate::state::{now, today, AppState};

#[component]
pub fn TodayPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Who uses the device, if still in the group: a memo, so the page is not
    // rebuilt (losing what Check in just said) by every change to the data.
    let me = Memo::new(move |_| state.me.get().filter(|id| state.person(*id).is_some()));
    let name = move |id| state.person(id).map(|p| p.name.to_string()).unwrap_or_default();
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || state.t().page(Page::Today)) />
            {move || {
                let t = state.t();
                if !state.loaded.get() {
                    return view! { <p class="empty">{t.loading}</p> }.into_any();
                }
                match me.get() {
                    None => view! { <GettingStarted /> }.into_any(),
                    Some(id) => {
                        let group = move || state.settings().group_name;
                        view! {
                            <p class="greeting">{move || (state.t().hello)(&name(id))}</p>
                            <Show when=move || !group().is_empty()>
                                <p class="group-name">{group}</p>
                            </Show>
                            <DutyControls person=id />
                            <NextShifts person=id />
                            <News person=id />
                        }
                            .into_any()
                    }
                }
            }}
        </section>
    }
}

/// The person's next few shifts, with a link to all of them.
#[component]
fn NextShifts(person: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let shifts = move || {
        let from = today();
        state.replica.with(|r| {
            duty::shifts_of(r, person, from, from + Duration::days(28))
                .into_iter()
                .filter(|s| s.expected.contains(&person) && s.date.and_time(s.ends) > now())
                .take(3)
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="next-shifts-heading">
            <h2 id="next-shifts-heading">{move || state.t().next_shifts}</h2>
            {move || {
                let shifts = shifts();
                if shifts.is_empty() {
                    return view! { <p class="empty">{state.t().no_shifts_coming}</p> }.into_any();
                }
                view! {
                    <ul class="shifts">
                        {shifts.into_iter().map(|shift| view! { <li class="shift"><ShiftSummary shift /></li> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <p><a class="button" href=Page::MyShifts.href()>{move || state.t().page(Page::MyShifts)}</a></p>
        </section>
    }
}

/// Cancellations the person should know of, as buddy or staff contact.
#[component]
fn News(person: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let news = move || {
        let from = today();
        state.replica.with(|r| duty::cancellations_for(r, person, from, from + Duration::days(28)))
    };
    view! {
        <Show when=move || !news().is_empty()>
            <section class="card news" aria-labelledby="news-heading">
                <h2 id="news-heading">{move || state.t().news_for_you}</h2>
                <ul class="news-list">
                    {move || {
                        let t = state.t();
                        news()
                            .into_iter()
                            .map(|(shift, notice)| {
                                let line = (t.cannot_come)(
                                    &state.name_of(notice.person),
                                    &function_name(&state, &shift),
                                    &t.short_day(shift.date),
                                    &t.times(shift.starts, shift.ends),
                                    notice.reason.as_deref(),
                                );
                                view! { <li>{line}</li> }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}

/// The first questions on a new device: the group's name, and who you are
/// (someone already in the group, or someone new).
#[component]
fn GettingStarted() -> impl IntoView {
    let state = expect_context::<AppState>();
    const NEW: &str = "new";
    let group = RwSignal::new(state.settings().group_name);
    let who = RwSignal::new(NEW.to_owned());
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = who.get_untracked();
        if chosen == NEW {
            if let Err(refused) = state.add_me(&name.get_untracked()) {
                error.set(Some(state.t().name_error(&refused)));
                return;
            }
        } else if let Ok(id) = chosen.parse::<Id>() {
            state.set_me(Some(id));
        }
        state.set_group_name(&group.get_untracked());
    };

    view! {
        <p>{move || state.t().welcome}</p>
        <form class="card" aria-label=move || state.t().getting_started novalidate on:submit=submit>
            <div class="field">
                <label for="group-name">{move || state.t().group_name}</label>
                <input id="group-name" type="text" autocomplete="organization"
                    prop:value=move || group.get() on:input=move |ev| group.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="who-am-i">{move || state.t().who_are_you}</label>
                <select id="who-am-i" on:change=move |ev| who.set(event_target_value(&ev))>
                    <option value=NEW selected=move || who.get() == NEW>{move || state.t().i_am_new}</option>
                    <PersonOptions />
                </select>
            </div>
            <Show when=move || who.get() == NEW>
                <div class="field">
                    <label for="my-name">{move || state.t().your_name}</label>
                    <input
                        id="my-name"
                        type="text"
                        autocomplete="name"
                        prop:value=move || name.get()
                        on:input=move |ev| {
                            name.set(event_target_value(&ev));
                            error.set(None);
                        }
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        aria-describedby="my-name-error"
                    />
                    <p id="my-name-error" class="field-error">{move || error.get()}</p>
                </div>
            </Show>
            <div class="actions">
                <button type="submit" class="primary">{move || state.t().start}</button>
            </div>
        </form>
    }
}
