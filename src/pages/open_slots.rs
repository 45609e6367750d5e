//! Open slots: shifts in the next four weeks that lack people, as a plain
//! list for a phone. By default only the functions I already do; a switch
//! shows all. Take this slot signs me up.

use chrono::Duration;
use flok_core::duty::{self, KINDS_READ};
use flok_core::shifts::Shift;
use flok_core::Id;
use leptos::prelude::*;

use crate::components::field::EmptyList;
use crate::components::page_heading::PageHeading;
use crate::components::shift::{function_name, ShiftSummary};
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
            duty::open_slots(r, at, at.date() + Duration::days(28))
                .into_iter()
                .filter(|s| everything || mine.contains(&s.function))
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
            <Show
                when=move || slots.with(|s| !s.is_empty())
                fallback=|| view! { <EmptyList text=|t| t.no_open_slots /> }
            >
                <ul class="shifts" aria-label=move || words.t().page(Page::OpenSlots)>
                    <For each=move || slots.get() key=|s| (s.occurrence, s.expected.clone()) let:shift>
                        <li class="shift card"><OpenSlot shift status /></li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn OpenSlot(shift: Shift, status: RwSignal<Option<String>>) -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let open = shift.open_places();
    let (occurrence, date) = (shift.occurrence, shift.date);
    let name = function_name(store, &shift);
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
    view! {
        <ShiftSummary shift=shift.clone() />
        <p class="open-places">{move || (words.t().open_places)(open)}</p>
        <Show when=move || !taken_by_me(device.me.get())>
            <div class="actions">
                <button type="button" class="primary" on:click=take.clone()>{move || words.t().take_this_slot}</button>
            </div>
        </Show>
    }
}
