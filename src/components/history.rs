//! Pages that need the years of check-ins, cancellations, sign-ups and
//! conversations held (reports, an old roster, a person's hours and
//! conversations, the follow-ups due, the open places: a sign-up or a
//! cancellation made months ago can be for next week) wait for them: the
//! first screen is drawn from the recent data, and the older records are
//! read just after (see `Store::history`).

use leptos::prelude::*;

use crate::state::{use_store, use_texts};

/// `children` once every saved record is read; until then, a note saying so.
#[component]
pub fn WithHistory(children: ChildrenFn) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    view! {
        <Show
            when=move || store.history.get()
            fallback=move || view! { <p class="status" role="status">{move || words.t().reading_history}</p> }
        >
            {children()}
        </Show>
    }
}
