//! One shift as a volunteer reads it on a phone: when, which function, who
//! to call, and who their buddy is; the page adds what can be done with it.

use flok_core::model::Function;
use flok_core::shifts::Shift;
use leptos::prelude::*;

use crate::state::{use_store, use_texts, Store};

/// The lines describing a shift, in the interface's language.
#[component]
pub fn ShiftSummary(shift: Shift) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let function = move || store.read::<Function>(shift.function);
    let contact = move || function().and_then(|f| f.contact).map(|id| store.name_of(id)).filter(|n| !n.is_empty());
    let buddy = move || shift.buddy.map(|id| store.name_of(id)).filter(|n| !n.is_empty());
    view! {
        <p class="shift-when">
            {move || {
                let t = words.t();
                format!("{} · {}", t.short_day(shift.date), t.times(shift.starts, shift.ends))
            }}
        </p>
        <p class="shift-function">{move || function().map(|f| f.name).unwrap_or_default()}</p>
        {move || contact().map(|name| view! { <p class="shift-detail">{(words.t().contact_is)(&name)}</p> })}
        {move || buddy().map(|name| view! { <p class="shift-detail">{(words.t().buddy_is)(&name)}</p> })}
    }
}

/// A shift's function name, for sentences about it.
pub fn function_name(store: Store, shift: &Shift) -> String {
    store.with_untracked(|r| r.read::<Function>(shift.function)).map(|f| f.name).unwrap_or_default()
}
