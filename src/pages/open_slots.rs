//! Open slots: shifts in the next four weeks that lack people (a
//! cancellation, an event, a function short of people), as a plain list for
//! a phone. By default only the functions I already do; a switch shows all.
//! Take this slot signs me up. Full events offer their waiting list. Both
//! wait for the years of records to be read.

use chrono::Duration;
use flok_core::duty::{self, KINDS_READ};
use flok_core::shifts::Shift;
use flok_core::Id;
use leptos::prelude::*;

use crate::components::field::EmptyList;
use crate::components::history::WithHistory;
use crate::components::page_heading::PageHeading;
use crate::components::shift::{shift_name, ShiftSummary};
use crate::route::Page;
use crate::state::{use_device, use_now, use_store, use_texts};

#[component]
pub fn OpenSlotsPage() -> impl IntoView {
    let (store, words, device, now) = (use_store(), use_texts(), use_device(), use_now());
    let show_all = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let slots = Memo::new(move |_| {
        let at = now.at();
        let me = device.me.get();
        let all = show_all.get();
        store.with(&KINDS_READ, |r| {
            let mine = me.map(|id| duty::functions_of(r, id)).unwrap_or_default();
            // Someone who does no function yet sees everything.
            let everything = all || mine.is_empty();
            duty::open_slots(r, at, at.date() + Duration::days(28), me)
                .into_iter()
                // A joint meeting is everyone's.
                .filter(|s| everything || s.function.is_none_or(|f| mine.contains(&f)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.t().page(Page::OpenSlots)) />
            <div class="field check">
                <input id="show-all-functions" type="checkbox"
                    prop:checked=move || show_all.get() on:change=move |ev| show_all.set(event_target_checked(&ev)) />
                <label for="show-all-functions">{move || words.t().show_all_functions}</label>
            </div>
            <p class="status" role="status">{move || status.get()}</p>
            // A place taken months ago for next week is in the years' records:
            // until they are read, no place is offered as open.
            <WithHistory>
                <Show
                    when=move || slots.with(|s| !s.is_empty())
                    fallback=|| view! { <EmptyList text=|w| w.t().no_open_slots /> }
                >
                    <ul class="shifts" aria-label=move || words.t().page(Page::OpenSlots)>
                        <For each=move || slots.get() key=|s| (s.occurrence, s.expected.clone(), s.waiting.clone()) let:shift>
                            <li class="shift card"><OpenSlot shift status /></li>
                        </For>
                    </ul>
                </Show>
                <FullEvents status />
            </WithHistory>
        </section>
    }
}

/// Events with every place taken, each with its waiting list.
#[component]
fn FullEvents(status: RwSignal<Option<String>>) -> impl IntoView {
    let (store, words, now) = (use_store(), use_texts(), use_now());
    let full = Memo::new(move |_| {
        let at = now.at();
        store.with(&KINDS_READ, |r| duty::full_events(r, at, at.date() + Duration::days(56)))
    });
    view! {
        <Show when=move || full.with(|f| !f.is_empty())>
            <section aria-labelledby="full-events-heading">
                <h2 id="full-events-heading">{move || words.t().full_events}</h2>
                <ul class="shifts" aria-label=move || words.t().full_events>
                    <For each=move || full.get() key=|s| (s.occurrence, s.expected.clone(), s.waiting.clone()) let:shift>
                        <li class="shift card"><WaitingList shift status /></li>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

/// A full event: Put me on the waiting list, or my place in the line.
#[component]
fn WaitingList(shift: Shift, status: RwSignal<Option<String>>) -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let (occurrence, date) = (shift.occurrence, shift.date);
    let name = shift_name(store, &shift);
    let waiting = shift.waiting.clone();
    let place_in_line = move || device.me.get().and_then(|me| waiting.iter().position(|p| *p == me)).map(|at| at + 1);
    let join = move |_| {
        let t = words.t();
        let Some(me) = device.me.get_untracked() else {
            return status.set(Some(t.choose_who_you_are.into()));
        };
        status.set(Some(match store.join_waiting_list(me, occurrence, date) {
            Ok(()) => (t.on_waiting_list)(&name),
            Err(refused) => t.duty_error(&refused).into(),
        }));
    };
    let leave = move |_| {
        if let Some(me) = device.me.get_untracked() {
            store.leave_waiting_list(me, occurrence);
        }
    };
    let already = shift.expected.clone();
    let on_it = move || device.me.get().is_some_and(|me| already.contains(&me));
    view! {
        <ShiftSummary shift=shift.clone() />
        <p class="open-places">{move || words.t().event_full}</p>
        {move || match (on_it(), place_in_line()) {
            (true, _) => view! { <p class="shift-detail">{words.t().you_have_a_place}</p> }.into_any(),
            (false, Some(at)) => view! {
                <p class="shift-detail">{(words.t().number_on_waiting_list)(at)}</p>
                <div class="actions">
                    <button type="button" on:click=leave>{words.t().leave_waiting_list}</button>
                </div>
            }.into_any(),
            (false, None) => view! {
                <div class="actions">
                    <button type="button" class="primary" on:click=join.clone()>{words.t().put_me_on_waiting_list}</button>
                </div>
            }.into_any(),
        }}
    }
}

#[component]
fn OpenSlot(shift: Shift, status: RwSignal<Option<String>>) -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let open = shift.open_places();
    let (occurrence, date) = (shift.occurrence, shift.date);
    let name = shift_name(store, &shift);
    let take = move |_| {
        let t = words.t();
        let Some(me) = device.me.get_untracked() else {
            return status.set(Some(t.choose_who_you_are.into()));
        };
        status.set(Some(match store.take_slot(me, occurrence, date) {
            Ok(()) => (t.slot_taken)(&name, &t.short_day(date)),
            Err(refused) => t.duty_error(&refused).into(),
        }));
    };
    let expected = shift.expected.clone();
    let taken_by_me = move |me: Option<Id>| me.is_some_and(|me| expected.contains(&me));
    let offered = shift.offered().to_vec();
    let offered_to_me = move || device.me.get().is_some_and(|me| offered.contains(&me));
    let pass = move |_| {
        if let Some(me) = device.me.get_untracked() {
            store.leave_waiting_list(me, occurrence);
        }
    };
    view! {
        <ShiftSummary shift=shift.clone() />
        <p class="open-places">{move || (words.t().open_places)(open)}</p>
        <Show when=offered_to_me.clone()>
            <p class="offer">{move || words.t().place_offered_to_you}</p>
        </Show>
        <Show when=move || !taken_by_me(device.me.get())>
            <div class="actions">
                <button type="button" class="primary" on:click=take.clone()>{move || words.t().take_this_slot}</button>
                <Show when=offered_to_me.clone()>
                    <button type="button" on:click=pass>{move || words.t().let_it_pass}</button>
                </Show>
            </div>
        </Show>
    }
}
