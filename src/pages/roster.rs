//! The roster for coordinators: a day or a week, per function and time, with
//! who is expected, who checked in, who cancelled, who is missing (not in 15
//! minutes after the start), and the places still open.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use flok_core::duty::KINDS_READ;
use flok_core::model::{CheckIn, Closure, Function};
use flok_core::roster::{self, Presence, Slot};
use flok_core::{stays, Entity};
use leptos::prelude::*;

use crate::components::acting::{EntryActions, PutSomeoneIn, StayTimes};
use crate::components::adding::SaveOrCancel;
use crate::components::field::{EmptyList, FormField};
use crate::components::page_heading::PageHeading;
use crate::components::write_to::WriteToEveryone;
use crate::i18n::AllTexts;
use crate::route::Page;
use crate::state::{use_device, use_now, use_store, use_texts, wall_today};

/// Days back the first screen's data covers (the store reads two months of
/// check-ins first, a little more than this).
const RECENT_DAYS: i64 = 56;

#[component]
pub fn RosterPage() -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let week_view = RwSignal::new(false);
    let now = use_now();
    let status = RwSignal::new(None::<String>);
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
        let t = words.all();
        let (from, to) = period();
        if week_view.get() {
            (t.week_number)(from.iso_week().week(), &t.short_day(from), &t.short_day(to))
        } else {
            t.long_day(from)
        }
    };

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page(Page::Roster)) />
            <div class="actions" role="group" aria-label=move || words.all().page(Page::Roster)>
                <button type="button" aria-pressed=move || (!week_view.get()).to_string() on:click=move |_| week_view.set(false)>
                    {move || words.all().day}
                </button>
                <button type="button" aria-pressed=move || week_view.get().to_string() on:click=move |_| week_view.set(true)>
                    {move || words.all().week}
                </button>
            </div>
            <div class="period">
                <button type="button" on:click=move |_| step(false)>
                    {move || if week_view.get() { words.all().previous_week } else { words.all().previous_day }}
                </button>
                <h2 class="period-title" aria-live="polite">{title}</h2>
                <button type="button" on:click=move |_| step(true)>
                    {move || if week_view.get() { words.all().next_week } else { words.all().next_day }}
                </button>
            </div>
            <p class="status" role="status">{move || status.get()}</p>
            <div class="actions no-print">
                <button type="button" on:click=move |_| { let _ = window().print(); }>{move || words.all().print_roster}</button>
            </div>
            <WriteToEveryone people=Signal::derive(move || slots.with(|s| on_roster(s))) label=words.all().everyone_on_roster.to_owned() />
            <Show when=move || !week_view.get()>
                <ClosedDay date=day.into() />
            </Show>
            // A period of the last weeks is read with the first screen; an older one waits.
            <Show
                when=move || { store.history.get() || period().0 >= wall_today() - Duration::days(RECENT_DAYS) }
                fallback=move || view! { <p class="status" role="status">{move || words.all().reading_history}</p> }
            >
            <Show
                when=move || slots.with(|s| !s.is_empty())
                fallback=|| view! { <EmptyList text=|w| w.all().no_shifts_then /> }
            >
                <ul class="slots" aria-label=move || words.all().shifts_of_roster>
                    {move || {
                        let t = words.all();
                        let mut shown_day: Option<NaiveDate> = None;
                        slots
                            .get()
                            .into_iter()
                            .map(|slot| {
                                // In the week view, each day is named once, above its first slot.
                                let new_day = week_view.get() && shown_day.replace(slot.date) != Some(slot.date);
                                view! { <SlotView entry=slot.clone() day_heading=new_day.then(|| t.long_day(slot.date)) status /> }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
            </Show>
            <ForgottenCheckOuts status />
        </section>
    }
}

/// Everyone due on the roster shown (not those who cancelled), once each.
fn on_roster(slots: &[Slot]) -> Vec<flok_core::Id> {
    let mut people: Vec<flok_core::Id> = Vec::new();
    for entry in slots.iter().flat_map(|s| &s.people) {
        if !matches!(entry.presence, Presence::Cancelled { .. }) && !people.contains(&entry.person) {
            people.push(entry.person);
        }
    }
    people
}

/// A day the centre is closed: its reason and Open again; or Close this day.
#[component]
fn ClosedDay(date: Signal<NaiveDate>) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let closed = move || {
        let day = date.get();
        store.with(&[Closure::KIND], |r| {
            r.all::<Closure>().iter().find(|(_, c)| c.date == day).map(|(_, c)| c.reason.clone())
        })
    };
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if store.close_day(date.get_untracked(), &reason.get_untracked()) {
            asking.set(false);
            reason.set(String::new());
        } else {
            error.set(Some(words.all().give_closure_reason.into()));
        }
    };
    view! {
        {move || match closed() {
            Some(why) => view! {
                <div class="card closed-day">
                    <p class="closed">{(words.all().day_closed)(&why)}</p>
                    <div class="actions">
                        <button type="button" on:click=move |_| store.reopen_day(date.get_untracked())>{words.all().open_day_again}</button>
                    </div>
                </div>
            }.into_any(),
            None => view! {
                <div class="actions no-print">
                    <button type="button" aria-expanded=move || asking.get().to_string() on:click=move |_| asking.update(|a| *a = !*a)>
                        {move || words.all().close_this_day}
                    </button>
                </div>
                <Show when=move || asking.get()>
                    <form class="inline-form" aria-label=move || words.all().close_this_day novalidate on:submit=submit>
                        <FormField id="closure-reason" label=|w| w.all().why_closed value=reason error=error
                            on_edit=Callback::new(move |()| error.set(None)) />
                        <SaveOrCancel on_cancel=Callback::new(move |()| asking.set(false)) />
                    </form>
                </Show>
            }.into_any(),
        }}
    }
}

/// Check-ins never checked out, closed by themselves: for the coordinator
/// to correct (the last eight weeks).
#[component]
fn ForgottenCheckOuts(status: RwSignal<Option<String>>) -> impl IntoView {
    let (store, words, now) = (use_store(), use_texts(), use_now());
    let forgotten = Memo::new(move |_| {
        let at = now.at();
        let since = at - Duration::weeks(8);
        store.with(&KINDS_READ, |r| {
            let mut all = stays::forgotten(r, at);
            all.retain(|(_, s, _)| s.checked_in >= since);
            all
        })
    });
    view! {
        <Show when=move || forgotten.with(|f| !f.is_empty())>
            <section class="card no-print" aria-labelledby="forgotten-heading">
                <h2 id="forgotten-heading">{move || words.all().forgotten_check_outs}</h2>
                <ul class="forgotten" aria-label=move || words.all().forgotten_check_outs>
                    <For each=move || forgotten.get() key=|(id, s, to)| (*id, s.checked_in, *to) let:entry>
                        <ForgottenStay entry status />
                    </For>
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn ForgottenStay(entry: (flok_core::Id, CheckIn, NaiveDateTime), status: RwSignal<Option<String>>) -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let (id, stay, counted_to) = entry;
    let open = RwSignal::new(false);
    let name = store.name_of(stay.person);
    let t = words.all();
    let line = (t.forgotten_line)(
        &name,
        &format!("{} {}", t.short_day(stay.checked_in.date()), t.time(stay.checked_in.time())),
        &t.time(counted_to.time()),
    );
    let done = Callback::new(move |message: String| {
        status.set(Some(message));
        open.set(false);
    });
    view! {
        <li>
            <p>{line}</p>
            <button type="button" aria-label=(t.correct_times_of)(&name) aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>{move || words.all().correct_times}</button>
            <Show when=move || open.get()>
                <StayTimes stay=id done close=Callback::new(move |()| open.set(false)) by=move || device.me.get_untracked() />
            </Show>
        </li>
    }
}

#[component]
fn SlotView(entry: Slot, day_heading: Option<String>, status: RwSignal<Option<String>>) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let t = words.all();
    let slot = entry;
    let function = slot.function.and_then(|f| store.with_untracked(|r| r.read::<Function>(f)));
    let name = slot.title.clone().or_else(|| function.as_ref().map(|f| f.name.clone())).unwrap_or_default();
    let needed = function.map_or(0, |f| f.needed);
    let summary = match &slot.closed {
        Some(reason) => format!("{} · {}", t.times(slot.starts, slot.ends), (t.closed_because)(reason)),
        None if slot.title.is_some() => format!("{} · {}", t.times(slot.starts, slot.ends), (t.open_places)(slot.open)),
        None => format!("{} · {} · {}", t.times(slot.starts, slot.ends), (t.needs)(needed), (t.open_places)(slot.open)),
    };
    let what = format!("{name} {}", t.times(slot.starts, slot.ends));
    let (date, starts) = (slot.date, slot.starts);
    let can_put_in = slot.open > 0 && slot.closed.is_none();
    let open_slot = slot.clone();
    view! {
        <li class="slot card">
            {day_heading.map(|d| view! { <p class="slot-day">{d}</p> })}
            <p class="slot-function">{name}</p>
            <p class="slot-summary" class:short={slot.open > 0}>{summary}</p>
            <ul class="slot-people">
                {slot.people.into_iter().map(|entry| {
                    let presence = entry.presence;
                    view! {
                        <li class=presence_class(&presence)>
                            <span class="slot-person">{store.name_of(entry.person)}</span>
                            " "
                            <span class="presence">{presence_text(t, &presence)}</span>
                            <EntryActions entry date starts status />
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_put_in.then(|| view! { <div class="actions acting"><PutSomeoneIn row=open_slot what status /></div> })}
        </li>
    }
}

fn presence_text(t: &AllTexts, presence: &Presence) -> String {
    match presence {
        Presence::Expected => t.expected.into(),
        Presence::CheckedIn { at } => (t.checked_in_at)(&t.time(at.time())),
        Presence::CheckedOut { at, out } => (t.came)(&t.time(at.time()), &t.time(out.time())),
        Presence::NotCheckedOut { at, closed } => (t.not_checked_out)(&t.time(at.time()), &t.time(closed.time())),
        Presence::Missing => t.missing.into(),
        Presence::Cancelled { notice_hours } => (t.cancelled_hours_before)(notice_hours.floor() as i64),
    }
}

fn presence_class(presence: &Presence) -> &'static str {
    match presence {
        Presence::Expected => "expected",
        Presence::CheckedIn { .. } | Presence::CheckedOut { .. } => "came",
        Presence::NotCheckedOut { .. } | Presence::Missing => "missing",
        Presence::Cancelled { .. } => "cancelled",
    }
}
