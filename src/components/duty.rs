//! One-tap Check in and Check out for a person, with what it did in words,
//! and the on-duty line while they are checked in.

use flok_core::duty::{self, KINDS_READ};
use flok_core::Id;
use leptos::prelude::*;

use crate::components::shift::shift_name;
use crate::state::{use_now, use_store, use_texts};

#[component]
pub fn DutyControls(person: Id) -> impl IntoView {
    let (store, words, now) = (use_store(), use_texts(), use_now());
    let message = RwSignal::new(None::<String>);
    let stay = move || {
        let at = now.at();
        store.with(&KINDS_READ, |r| duty::open_stay(r, person, at)).map(|(_, stay)| stay)
    };
    let shift_now = move || {
        let at = now.at();
        store.with(&KINDS_READ, |r| duty::shift_to_check_in(r, person, at))
    };

    let check_in = move |_| {
        let t = words.t();
        message.set(Some(match store.check_in(person) {
            Ok(Some(shift)) => (t.checked_in_for)(&shift_name(store, &shift), &t.times(shift.starts, shift.ends)),
            Ok(None) => t.checked_in_spontaneous.into(),
            Err(refused) => t.duty_error(&refused).into(),
        }));
    };
    let check_out = move |_| {
        let t = words.t();
        message.set(Some(match store.check_out(person) {
            Ok(minutes) => (t.checked_out_after)(&t.minutes(minutes)),
            Err(refused) => t.duty_error(&refused).into(),
        }));
    };

    view! {
        <div class="duty">
            {move || match stay() {
                Some(stay) => {
                    let t = words.t();
                    view! {
                        <p class="on-duty">{(t.on_duty_since)(&t.time(stay.checked_in.time()))}</p>
                        <button type="button" class="primary big" on:click=check_out>{t.check_out}</button>
                    }
                        .into_any()
                }
                None => {
                    let t = words.t();
                    let today = shift_now().map(|shift| {
                        (t.your_shift_today)(&shift_name(store, &shift), &t.times(shift.starts, shift.ends))
                    });
                    view! {
                        {today.map(|line| view! { <p class="shift-today">{line}</p> })}
                        <button type="button" class="primary big" on:click=check_in>{t.check_in}</button>
                    }
                        .into_any()
                }
            }}
            <p class="status" role="status">{move || message.get()}</p>
        </div>
    }
}
