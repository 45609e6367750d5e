//! The roster for coordinators: a day or a week, per function and time, with
//! who is expected, who checked in, who cancelled, who is missing (not in 15
//! minutes after the start), and the places still open.

use chrono::{Datelike, Duration, NaiveDate};
use flok_core::model::Function;
use flok_core::roster::{self, Presence, Slot};
use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::i18n::Texts;
use crate::route::Page;
use crate::state::{now, today, AppState};

#[component]
pub fn RosterPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let week_view = RwSignal::new(false);
    let day = RwSignal::new(today());
    let period = move || {
        if week_view.get() {
            let monday = roster::week_start(day.get());
            (monday, monday + Duration::days(6))
        } else {
            (day.get(), day.get())
        }
    };
    // "Missing" turns true as time passes: re-derive each minute.
    let clock = RwSignal::new(now());
    if let Ok(ticker) = set_interval_with_handle(move || clock.set(now()), std::time::Duration::from_secs(60)) {
        on_cleanup(move || ticker.clear());
    }
    let slots = Memo::new(move |_| {
        let (from, to) = period();
        crate::perf::measure("flok:roster", || state.replica.with(|r| roster::roster(r, from, to, clock.get())))
    });
    let step = move |forward: bool| {
        let days = if week_view.get_untracked() { 7 } else { 1 };
        day.update(|d| *d += Duration::days(if forward { days } else { -days }));
    };
    let title = move || {
        let t = state.t();
        let (from, to) = period();
        if week_view.get() {
            (t.week_number)(from.iso_week().week(), &t.short_day(from), &t.short_day(to))
        } else {
            t.long_day(from)
        }
    };

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || state.t().page(Page::Roster)) />
            <div class="actions" role="group" aria-label=move || state.t().page(Page::Roster)>
                <button type="button" aria-pressed=move || (!week_view.get()).to_string() on:click=move |_| week_view.set(false)>
                    {move || state.t().day}
                </button>
                <button type="button" aria-pressed=move || week_view.get().to_string() on:click=move |_| week_view.set(true)>
                    {move || state.t().week}
                </button>
            </div>
            <div class="period">
                <button type="button" on:click=move |_| step(false)>
                    {move || if week_view.get() { state.t().previous_week } else { state.t().previous_day }}
                </button>
                <h2 class="period-title" aria-live="polite">{title}</h2>
                <button type="button" on:click=move |_| step(true)>
                    {move || if week_view.get() { state.t().next_week } else { state.t().next_day }}
                </button>
            </div>
            <Show
                when=move || slots.with(|s| !s.is_empty())
                fallback=move || view! { <p class="empty">{move || state.t().no_shifts_then}</p> }
            >
                <ul class="slots" aria-label=move || state.t().shifts_of_roster>
                    {move || {
                        let t = state.t();
                        let mut shown_day: Option<NaiveDate> = None;
                        slots
                            .get()
                            .into_iter()
                            .map(|slot| {
                                // In the week view, each day is named once, above its first slot.
                                let new_day = week_view.get() && shown_day.replace(slot.date) != Some(slot.date);
                                view! { <SlotView entry=slot.clone() day_heading=new_day.then(|| t.long_day(slot.date)) /> }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn SlotView(entry: Slot, day_heading: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = state.t();
    let slot = entry;
    let function = state.replica.with_untracked(|r| r.read::<Function>(slot.function));
    let name = function.as_ref().map(|f| f.name.clone()).unwrap_or_default();
    let needed = function.map_or(0, |f| f.needed);
    let summary =
        format!("{} · {} · {}", t.times(slot.starts, slot.ends), (t.needs)(needed), (t.open_places)(slot.open));
    view! {
        <li class="slot card">
            {day_heading.map(|d| view! { <p class="slot-day">{d}</p> })}
            <p class="slot-function">{name}</p>
            <p class="slot-summary" class:short={slot.open > 0}>{summary}</p>
            <ul class="slot-people">
                {slot.people.into_iter().map(|(person, presence)| {
                    view! {
                        <li class=presence_class(&presence)>
                            <span class="slot-person">{state.name_of(person)}</span>
                            " "
                            <span class="presence">{presence_text(t, &presence)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </li>
    }
}

fn presence_text(t: &Texts, presence: &Presence) -> String {
    match presence {
        Presence::Expected => t.expected.into(),
        Presence::CheckedIn { at } => (t.checked_in_at)(&t.time(at.time())),
        Presence::CheckedOut { at, out } => (t.came)(&t.time(at.time()), &t.time(out.time())),
        Presence::Missing => t.missing.into(),
        Presence::Cancelled { notice_hours } => (t.cancelled_hours_before)(notice_hours.floor() as i64),
    }
}

fn presence_class(presence: &Presence) -> &'static str {
    match presence {
        Presence::Expected => "expected",
        Presence::CheckedIn { .. } | Presence::CheckedOut { .. } => "came",
        Presence::Missing => "missing",
        Presence::Cancelled { .. } => "cancelled",
    }
}
