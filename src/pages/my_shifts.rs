//! My shifts: the coming eight weeks of a volunteer's shifts, each of which
//! can be cancelled (*melde afbud*) with an optional reason; the hours they
//! gave this month and this year; and stepping back for a while.

use chrono::{Datelike, Duration, NaiveDate};
use flok_core::duty::{self, Hours, KINDS_READ};
use flok_core::model::Person;
use flok_core::shifts::Shift;
use flok_core::Id;
use leptos::prelude::*;

use crate::components::field::{EmptyList, FormField};
use crate::components::history::WithHistory;
use crate::components::page_heading::PageHeading;
use crate::components::shift::{dom_id, shift_name, ShiftSummary};
use crate::components::status::StatusControls;
use crate::files;
use crate::route::Page;
use crate::state::{use_device, use_now, use_store, use_texts};

#[component]
pub fn MyShiftsPage() -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let me = Memo::new(move |_| device.me.get().filter(|id| store.read::<Person>(*id).is_some()));
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.t().page(Page::MyShifts)) />
            {move || match me.get() {
                None => view! { <p class="empty">{words.t().choose_who_you_are}</p> }.into_any(),
                Some(me) => view! {
                    <WithHistory>
                        <MyHours me />
                    </WithHistory>
                    <ShiftList me />
                    <CalendarExport me />
                    <section class="card" aria-labelledby="step-back-heading">
                        <h2 id="step-back-heading">{move || words.t().step_back}</h2>
                        <p>{move || words.t().step_back_help}</p>
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
    let (store, words, now) = (use_store(), use_texts(), use_now());
    let line = move |year: bool| {
        let day = now.today();
        let from = if year { NaiveDate::from_ymd_opt(day.year(), 1, 1) } else { day.with_day(1) }.unwrap_or(day);
        let Hours { agreed_minutes, spontaneous_minutes } =
            store.with(&KINDS_READ, |r| duty::hours(r, me, from, day, now.at()));
        let t = words.t();
        (t.agreed_and_spontaneous)(&t.minutes(agreed_minutes), &t.minutes(spontaneous_minutes))
    };
    view! {
        <section class="card" aria-labelledby="my-hours-heading">
            <h2 id="my-hours-heading">{move || words.t().my_hours}</h2>
            <dl class="hours">
                <dt>{move || words.t().this_month}</dt>
                <dd>{move || line(false)}</dd>
                <dt>{move || words.t().this_year}</dt>
                <dd>{move || line(true)}</dd>
            </dl>
        </section>
    }
}

/// The coming shifts, each with Cancel this shift, or how it was cancelled.
#[component]
fn ShiftList(me: Id) -> impl IntoView {
    let (store, words, now) = (use_store(), use_texts(), use_now());
    let shifts = Memo::new(move |_| {
        let at = now.at();
        let from = at.date();
        store.with(&KINDS_READ, |r| {
            duty::shifts_of(r, me, from, from + Duration::weeks(8))
                .into_iter()
                .filter(|s| s.date.and_time(s.ends) > at)
                .collect::<Vec<_>>()
        })
    });
    let status = RwSignal::new(None::<String>);
    view! {
        <section aria-labelledby="shift-list-heading">
            <h2 id="shift-list-heading">{move || words.t().next_shifts}</h2>
            <Show
                when=move || shifts.with(|s| !s.is_empty())
                fallback=|| view! { <EmptyList text=|w| w.t().no_shifts_coming /> }
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
    let (store, words) = (use_store(), use_texts());
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let my_notice = shift.cancelled.iter().find(|c| c.person == me).map(|c| c.notice_hours(shift.start()));
    let (occurrence, date) = (shift.occurrence, shift.date);
    let reason_id = dom_id("reason", &shift.occurrence);
    let label = {
        let t = words.t();
        (t.cancel_shift_on)(&shift_name(store, &shift), &t.short_day(shift.date))
    };
    let confirm = move |_| {
        let t = words.t();
        status.set(Some(match store.cancel_shift(me, occurrence, date, &reason.get_untracked()) {
            Ok(()) => t.cancellation_sent.into(),
            Err(refused) => t.duty_error(&refused).into(),
        }));
    };
    // A closed day has nothing to cancel: the summary says it is closed.
    let closed = shift.closed.is_some();
    view! {
        <ShiftSummary shift=shift.clone() />
        {match my_notice {
            Some(hours) => view! { <p class="cancelled">{move || (words.t().cancelled_with_notice)(hours.floor() as i64)}</p> }.into_any(),
            None if closed => ().into_any(),
            None => view! {
                <Show
                    when=move || asking.get()
                    fallback=move || view! {
                        <div class="actions">
                            <button type="button" on:click=move |_| asking.set(true)>{move || words.t().cancel_this_shift}</button>
                        </div>
                    }
                >
                    <div class="confirm" role="group" aria-label=label.clone()>
                        <FormField id=reason_id.clone() label=|w| w.t().reason_optional value=reason />
                        <div class="actions">
                            <button type="button" class="danger" on:click=confirm>{move || words.t().confirm_cancellation}</button>
                            <button type="button" on:click=move |_| asking.set(false)>{move || words.t().keep}</button>
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
    let (store, words) = (use_store(), use_texts());
    let failed = RwSignal::new(false);
    let download = move |_| {
        let (name, text) = store.calendar_file(me);
        failed.set(
            files::Outgoing::text(name, &text, "text/calendar;charset=utf-8").and_then(|file| file.download()).is_err(),
        );
    };
    view! {
        <p class="help">{move || words.t().calendar_help}</p>
        <div class="actions">
            <button type="button" on:click=download>{move || words.t().add_to_calendar}</button>
        </div>
        <p class="status" role="status">{move || failed.get().then(|| words.t().could_not_save_file)}</p>
    }
}
