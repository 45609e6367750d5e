//! The banner that tells a person something happened to their data.

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn DataNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.notice.get().map(|notice| {
            view! {
                <div class="notice" role="alert">
                    <p>{notice.0}</p>
                    <button type="button" on:click=move |_| state.notice.set(None)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}
