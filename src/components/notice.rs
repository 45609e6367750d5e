//! The banner that tells a person something happened to their data.

use leptos::prelude::*;

use crate::route::Page;
use crate::state::AppState;

#[component]
pub fn DataNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.notice.get().map(|notice| {
            view! {
                <div class="notice" role="alert">
                    <p>{notice.text}</p>
                    {notice.offer_export.then(|| view! { <a href=Page::Settings.href()>"Export in Settings"</a> })}
                    <button type="button" on:click=move |_| state.notice.set(None)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}

/// A reminder to export when this device's last export is old (or never was).
#[component]
pub fn ExportReminder() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.export_due().then(|| {
            let when = match state.last_export.get() {
                Some(day) => format!("Your last export from this device was on {day}."),
                None => "You have not exported your data from this device yet.".to_owned(),
            };
            view! {
                <section class="reminder" aria-label="Export reminder">
                    <p>{when} " Browsers can delete a site's data; an export keeps a copy."</p>
                    <a href=Page::Settings.href()>"Export in Settings"</a>
                </section>
            }
        })
    }
}

/// Whether what the person did is safely stored, so they know when they may
/// close the tab.
#[component]
pub fn SaveState() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = move || {
        if state.saving.get() > 0 {
            "Saving…"
        } else if state.save_failed.get() {
            "Changes not saved"
        } else {
            "All changes saved"
        }
    };
    view! { <p class="save-state" role="status">{text}</p> }
}
