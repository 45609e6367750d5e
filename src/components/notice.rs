//! Banners about the person's data: a problem, a reminder to export,
//! whether every change is stored; and a new version waiting.

use leptos::prelude::*;

use crate::i18n::Texts;
use crate::route::Page;
use crate::state::{use_device, use_store, use_texts, wall_today, Notice};
use crate::storage::{LoadError, SaveError};

fn notice_text(t: &Texts, notice: &Notice) -> String {
    match notice {
        Notice::NotLoaded(LoadError::Unavailable) => t.storage_unavailable.into(),
        Notice::NotLoaded(LoadError::Unreadable { kept_as, reason }) => {
            (t.stored_data_unreadable)(&t.import_error(reason), kept_as)
        }
        Notice::NotLoaded(LoadError::Earlier) => t.moving_earlier_data.into(),
        Notice::NotSaved(error) => (t.save_failed)(match error {
            SaveError::Unavailable => t.cause_unavailable,
            SaveError::Full => t.cause_full,
            SaveError::Failed(reason) => reason,
        }),
    }
}

#[component]
pub fn DataNotice() -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    move || {
        store.notice.get().map(|notice| {
            let t = words.t();
            let offer_export = matches!(notice, Notice::NotSaved(_));
            view! {
                <div class="notice" role="alert">
                    <p>{notice_text(t, &notice)}</p>
                    {offer_export.then(|| view! { <a href=Page::Settings.href()>{t.export_in_settings}</a> })}
                    <button type="button" on:click=move |_| store.notice.set(None)>
                        {t.dismiss}
                    </button>
                </div>
            }
        })
    }
}

/// A reminder to export when this device's last export is old (or never was).
#[component]
pub fn ExportReminder() -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    // A memo: the reminder is redrawn when it comes or goes, not on each change.
    let due = Memo::new(move |_| {
        store.track_all();
        let holds_data = store.with_untracked(|r| !r.is_empty());
        store.settings().export_due(device.last_export.get(), wall_today(), holds_data)
    });
    move || {
        due.get().then(|| {
            let t = words.t();
            let when = match device.last_export.get() {
                Some(day) => (t.last_exported_on)(&day.to_string()),
                None => t.never_exported.to_owned(),
            };
            view! {
                <section class="reminder" aria-label=t.export_reminder>
                    <p>{when} " " {t.why_export}</p>
                    <a href=Page::Settings.href()>{t.export_in_settings}</a>
                </section>
            }
        })
    }
}

/// A new version of Flok has been installed and waits: offered, never forced.
#[component]
pub fn UpdateNotice(ready: RwSignal<bool>) -> impl IntoView {
    let words = use_texts();
    move || {
        ready.get().then(|| {
            let t = words.t();
            view! {
                <section class="reminder" aria-label=t.new_version>
                    <p>{t.new_version_ready}</p>
                    <button type="button" class="primary" on:click=|_| crate::pwa::update()>{t.reload_to_update}</button>
                </section>
            }
        })
    }
}

/// Whether what the person did is safely stored, so they know when they may
/// close the tab.
#[component]
pub fn SaveState() -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let text = move || {
        let t = words.t();
        if store.saving.get() > 0 {
            t.saving
        } else if store.save_failed.get() {
            t.not_saved
        } else {
            t.all_saved
        }
    };
    view! { <p class="save-state" role="status">{text}</p> }
}
