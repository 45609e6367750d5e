//! My shifts: the coming eight weeks of a volunteer's shifts, each of which
//! can be cancelled (*melde afbud*) with an optional reason; the hours they
//! gave this month and this year; and stepping back for a while.

use chrono::{Datelike, Duration, NaiveDate};
use flok_core::duty::{self, Hours};
use flok_core::shifts::Shift;
use flok_core::Id;
use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::components::shift::{function_name, ShiftSummary};
use crate::components::status::StatusControls;
use crate::files;
use crate::route::Page;
use crate::state::{now, today, AppState};

#[component]
pub fn MyShiftsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let me = Memo::new(move |_| state.me.get().filter(|id| state.person(*id).is_some()));
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || state.t().page(Page::MyShifts)) />
            {move || match me.get() {
                None => view! { <p class="empty">{state.t().choose_who_you_are}</p> }.into_any(),
                Some(me) => view! {
                    <MyHours me />
                    <ShiftList me />
                    <CalendarExport me />
                    <section class="card" aria-labelledby="step-back-heading">
                        <h2 id="step-back-heading">{move || state.t().step_back}</h2>
                        <p>{move || state.t().step_back_help}</p>
                        <StatusControls id=me can_leave=false />
                    </section>
                }
                .into_any(),
            }}
        </section>
    }
}

/// Hours given this month and this year, agreed apart from spontaneous.
#[component]
fn MyHours(me: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let day = today();
    let month_start = day.with_day(1).unwrap_or(day);
    let year_start = NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day);
    let line = move |from: NaiveDate| {
        let Hours { agreed_minutes, spontaneous_minutes } = state.replica.with(|r| duty::hours(r, me, from, day));
        let t = state.t();
        (t.agreed_and_spontaneous)(&t.minutes(agreed_minutes), &t.minutes(spontaneous_minutes))
    };
    view! {
        <section class="card" aria-labelledby="my-hours-heading">
            <h2 id="my-hours-heading">{move || state.t().my_hours}</h2>
            <dl class="hours">
                <dt>{move || state.t().this_month}</dt>
                <dd>{move || line(month_start)}</dd>
                <dt>{move || state.t().this_year}</dt>
                <dd>{move || line(year_start)}</dd>
            </dl>
        </section>
    }
}

/// The coming shifts, each with Cancel this shift, or how it was cancelled.
#[component]
fn ShiftList(me: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let shifts = Memo::new(move |_| {
        let from = today();
        let at = now();
        state.replica.with(|r| {
            duty::shifts_of(r, me, from, from + Duration::weeks(8))
                .into_iter()
                .filter(|s| s.date.and_time(s.ends) > at)
                .collect::<Vec<_>>()
        })
    });
    let status = RwSignal::new(None::<String>);
    view! {
        <section aria-labelledby="shift-list-heading">
            <h2 id="shift-list-heading">{move || state.t().next_shifts}</h2>
            <Show
                when=move || shifts.with(|s| !s.is_empty())
                fallback=move || view! { <p class="empty">{move || state.t().no_shifts_coming}</p> }
            >
                <ul class="shifts">
                    <For each=move || shifts.get() key=|s| (s.occurrence, s.expected.clone(), s.cancelled.len()) let:shift>
                        <li class="shift card"><MyShift me shift status /></li>
                    </For>
                </ul>
            </Show>
            <p class="status" role="status">{move || status.get()}</p>
        </section>
    }
}

/// One of my shifts: its summary, then Cancel this shift (asking for an
/// optional reason and a confirmation), or how much notice I gave.
#[component]
fn MyShift(me: Id, shift: Shift, status: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let my_notice = shift.cancelled.iter().find(|c| c.person == me).map(|c| c.notice_hours(shift.start()));
    let (occurrence, date) = (shift.occurrence, shift.date);
    let reason_id = format!("reason-{}-{}", shift.function, shift.start().and_utc().timestamp());
    let label = {
        let t = state.t();
        (t.cancel_shift_on)(&function_name(&state, &shift), &t.short_day(shift.date))
    };
    let confirm = move |_| {
        let t = state.t();
        status.set(Some(match state.cancel_shift(me, occurrence, date, &reason.get_untracked()) {
            Ok(()) => t.cancellation_sent.into(),
            Err(refused) => t.duty_error(&refused).into(),
        }));
    };
    view! {
        <ShiftSummary shift=shift.clone() />
        {match my_notice {
            Some(hours) => view! { <p class="cancelled">{move || (state.t().cancelled_with_notice)(hours.floor() as i64)}</p> }.into_any(),
            None => view! {
                <Show
                    when=move || asking.get()
                    fallback=move || view! {
                        <div class="actions">
                            <button type="button" on:click=move |_| asking.set(true)>{move || state.t().cancel_this_shift}</button>
                        </div>
                    }
                >
                    <div class="confirm" role="group" aria-label=label.clone()>
                        <div class="field">
                            <label for=reason_id.clone()>{move || state.t().reason_optional}</label>
                            <input id=reason_id.clone() type="text" autocomplete="off"
                                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                        </div>
                        <div class="actions">
                            <button type="button" class="danger" on:click=confirm>{move || state.t().confirm_cancellation}</button>
                            <button type="button" on:click=move |_| asking.set(false)>{move || state.t().keep}</button>
                        </div>
                    </div>
                </Show>
            }
            .into_any(),
        }}
    }
}

/// My coming shifts into the phone's own calendar, with reminders.
#[component]
fn CalendarExport(me: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let failed = RwSignal::new(false);
    let download = move |_| {
        let (name, text) = state.calendar_file(me);
        failed.set(files::download(&name, &text, "text/calendar;charset=utf-8").is_err());
    };
    view! {
        <p class="help">{move || state.t().calendar_help}</p>
        <div class="actions">
            <button type="button" on:click=download>{move || state.t().add_to_calendar}</button>
        </div>
        <p class="status" role="status">{move || failed.get().then(|| state.t().could_not_save_file)}</p>
    }
}
