//! The start page. On a new device it offers to start a group or join one,
//! then asks who is using it; afterwards it is the volunteer's day: Check in or out, their next
//! shifts, and news of cancellations they should hear of.

use chrono::Duration;
use flok_core::duty;
use flok_core::model::Person;
// The shifts' kinds, not the check-ins': a check-in does not re-work weeks
// of the group's shifts for the next shifts, offers and news.
use flok_core::shifts::KINDS_READ;
use flok_core::Id;
use leptos::prelude::*;

use crate::components::duty::DutyControls;
use crate::components::joining::{Welcome, WhoAreYou};
use crate::components::page_heading::PageHeading;
use crate::components::shift::{shift_name, ShiftSummary};
use crate::renders::rendered;
use crate::route::Page;
use crate::state::{use_device, use_now, use_store, use_texts};

#[component]
pub fn TodayPage() -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    // Who uses the device, if still in the group: a memo, so the page is not
    // rebuilt (losing what Check in just said) by every change to the data.
    let me = Memo::new(move |_| device.me.get().filter(|id| store.read::<Person>(*id).is_some()));
    let name = move |id| store.read::<Person>(id).map(|p| p.name.to_string()).unwrap_or_default();
    // An empty phone offers two doors; one holding a group asks who you are.
    let no_one = Memo::new(move |_| !store.has_people());
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.t().page(Page::Today)) />
            {move || {
                let t = words.t();
                if !store.loaded.get() {
                    return view! { <p class="empty">{t.loading}</p> }.into_any();
                }
                match me.get() {
                    None if no_one.get() => view! { <Welcome /> }.into_any(),
                    None => view! { <WhoAreYou /> }.into_any(),
                    Some(id) => {
                        let group = move || store.settings().group_name;
                        view! {
                            <p class="greeting">{move || (words.t().hello)(&name(id))}</p>
                            <Show when=move || !group().is_empty()>
                                <p class="group-name">{group}</p>
                            </Show>
                            <DutyControls person=id />
                            <Offers person=id />
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
    let (store, words, now) = (use_store(), use_texts(), use_now());
    let shifts = move || {
        rendered("next-shifts");
        let at = now.at();
        store.with(&KINDS_READ, |r| {
            duty::shifts_of(r, person, at.date(), at.date() + Duration::days(28))
                .into_iter()
                .filter(|s| s.expected.contains(&person) && s.date.and_time(s.ends) > at)
                .take(3)
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="next-shifts-heading">
            <h2 id="next-shifts-heading">{move || words.t().next_shifts}</h2>
            {move || {
                let shifts = shifts();
                if shifts.is_empty() {
                    return view! { <p class="empty">{words.t().no_shifts_coming}</p> }.into_any();
                }
                view! {
                    <ul class="shifts">
                        {shifts.into_iter().map(|shift| view! { <li class="shift"><ShiftSummary shift /></li> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <p><a class="button" href=Page::MyShifts.href()>{move || words.t().page(Page::MyShifts)}</a></p>
        </section>
    }
}

/// Places offered to the person from a waiting list: take it or let it pass.
#[component]
fn Offers(person: Id) -> impl IntoView {
    let (store, words, now) = (use_store(), use_texts(), use_now());
    let offers = Memo::new(move |_| {
        let at = now.at();
        store.with(&KINDS_READ, |r| duty::offers_for(r, person, at, at.date() + Duration::days(56)))
    });
    let status = RwSignal::new(None::<String>);
    view! {
        // Offered once the years are read: the place may have been taken long ago.
        <Show when=move || store.history.get() && offers.with(|o| !o.is_empty())>
            <section class="card news" aria-labelledby="offers-heading">
                <h2 id="offers-heading">{move || words.t().places_for_you}</h2>
                <p>{move || words.t().place_offered_to_you}</p>
                <ul class="shifts">
                    {move || offers.get().into_iter().map(|shift| {
                        let (occurrence, date) = (shift.occurrence, shift.date);
                        let name = shift_name(store, &shift);
                        let take = move |_| {
                            let t = words.t();
                            status.set(Some(match store.take_slot(person, occurrence, date) {
                                Ok(()) => (t.slot_taken)(&name, &t.short_day(date)),
                                Err(refused) => t.duty_error(&refused).into(),
                            }));
                        };
                        view! {
                            <li class="shift">
                                <ShiftSummary shift />
                                <div class="actions">
                                    <button type="button" class="primary" on:click=take>{move || words.t().take_this_slot}</button>
                                    <button type="button" on:click=move |_| store.leave_waiting_list(person, occurrence)>
                                        {move || words.t().let_it_pass}
                                    </button>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
        <p class="status" role="status">{move || status.get()}</p>
    }
}

/// Cancellations the person should know of, as buddy or staff contact: one
/// closure, so four weeks of the group's shifts are worked out once a change.
#[component]
fn News(person: Id) -> impl IntoView {
    let (store, words, now) = (use_store(), use_texts(), use_now());
    move || {
        rendered("news");
        let from = now.today();
        let news = store.with(&KINDS_READ, |r| duty::cancellations_for(r, person, from, from + Duration::days(28)));
        let t = words.t();
        let lines: Vec<_> = news
            .into_iter()
            .map(|(shift, notice)| {
                let line = (t.cannot_come)(
                    &store.name_of(notice.person),
                    &shift_name(store, &shift),
                    &t.short_day(shift.date),
                    &t.times(shift.starts, shift.ends),
                    notice.reason.as_deref(),
                );
                view! { <li>{line}</li> }
            })
            .collect();
        (!lines.is_empty()).then(|| {
            view! {
                <section class="card news" aria-labelledby="news-heading">
                    <h2 id="news-heading">{t.news_for_you}</h2>
                    <ul class="news-list">{lines}</ul>
                </section>
            }
        })
    }
}
