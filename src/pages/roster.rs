//! The roster for coordinators: a day or a week, per function and time, with
//! who is expected, who checked in, who cancelled, who is missing (not in 15
//! minutes after the start), and the places still open.

use chrono::{Datelike, Duration, NaiveDate};
use flok_core::duty::KINDS_READ;
use flok_core::model::Function;
use flok_core::roster::{self, Presence, Slot};
use leptos::prelude::*;

use crate::components::field::EmptyList;
use crate::components::page_heading::PageHeading;
use crate::i18n::Texts;
use crate::route::Page;
use crate::state::{use_now, use_store, use_texts, wall_today};

#[component]
pub fn RosterPage() -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let week_view = RwSignal::new(false);
    let now = use_now();
    let day = RwSignal::new(wall_today());
    let period = move || {
        if week_view.get() {
            let monday = roster::week_start(day.get());
            (monday, monday + Duration::days(6))
        } else {
            (day.get(), day.get())
        }
    };
    // "Missing" turns true as time passes: re-derived each tick of `now`.
    let slots = Memo::new(move |_| {
        let (from, to) = period();
        let at = now.at();
        crate::perf::measure("flok:roster", || store.with(&KINDS_READ, |r| roster::roster(r, from, to, at)))
    });
    let step = move |forward: bool| {
        let days = if week_view.get_untracked() { 7 } else { 1 };
        day.update(|d| *d += Duration::days(if forward { days } else { -days }));
    };
    let title = move || {
        let t = words.t();
        let (from, to) = period();
        if week_view.get() {
            (t.week_number)(from.iso_week().week(), &t.short_day(from), &t.short_day(to))
        } else {
            t.long_day(from)
        }
    };

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.t().page(Page::Roster)) />
            <div class="actions" role="group" aria-label=move || words.t().page(Page::Roster)>
                <button type="button" aria-pressed=move || (!week_view.get()).to_string() on:click=move |_| week_view.set(false)>
                    {move || words.t().day}
                </button>
                <button type="button" aria-pressed=move || week_view.get().to_string() on:click=move |_| week_view.set(true)>
                    {move || words.t().week}
                </button>
            </div>
            <div class="period">
                <button type="button" on:click=move |_| step(false)>
                    {move || if week_view.get() { words.t().previous_week } else { words.t().previous_day }}
                </button>
                <h2 class="period-title" aria-live="polite">{title}</h2>
                <button type="button" on:click=move |_| step(true)>
                    {move || if week_view.get() { words.t().next_week } else { words.t().next_day }}
                </button>
            </div>
            <Show
                when=move || slots.with(|s| !s.is_empty())
                fallback=|| view! { <EmptyList text=|t| t.no_shifts_then /> }
            >
                <ul class="slots" aria-label=move || words.t().shifts_of_roster>
                    {move || {
                        let t = words.t();
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
    let (store, words) = (use_store(), use_texts());
    let t = words.t();
    let slot = entry;
    let function = store.with_untracked(|r| r.read::<Function>(slot.function));
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
                            <span class="slot-person">{store.name_of(person)}</span>
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
