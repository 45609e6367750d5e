//! Settings for live sync with a CouchDB database, and how it goes.

use flok_core::couch::{SettingsError, SyncError};
use leptos::prelude::*;

use crate::components::field::FormField;
use crate::state::{use_sync, use_texts};
use crate::sync::SyncSettings;

#[component]
pub fn LiveSyncSettings() -> impl IntoView {
    let (sync, words) = (use_sync(), use_texts());
    view! {
        <section class="card" aria-labelledby="sync-heading">
            <h2 id="sync-heading">{move || words.all().live_sync}</h2>
            <p>{move || words.all().live_sync_help}</p>
            {move || match sync.settings.get() {
                None => view! { <SyncForm /> }.into_any(),
                Some(settings) => view! { <SyncPanel settings /> }.into_any(),
            }}
        </section>
    }
}

/// Where to sync, checked before it is kept.
#[component]
fn SyncForm() -> impl IntoView {
    let (sync, words) = (use_sync(), use_texts());
    let [server, database, user, password] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let error = RwSignal::new(None::<SettingsError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let settings = SyncSettings {
            server: server.get_untracked(),
            database: database.get_untracked(),
            user: user.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            session: false,
        };
        error.set(sync.set_settings(Some(settings)).err());
    };
    let clear = Callback::new(move |()| error.set(None));
    let error_of = move |database_field: bool| {
        Signal::derive(move || {
            error
                .get()
                .filter(|e| (*e == SettingsError::DatabaseName) == database_field)
                .map(|e| words.all().sync_settings_error(&e).to_owned())
        })
    };
    view! {
        <form aria-label=move || words.all().live_sync novalidate on:submit=submit>
            <FormField id="sync-server" label=|w| w.all().server_address kind="url" autocomplete="url"
                value=server error=error_of(false) on_edit=clear />
            <FormField id="sync-database" label=|w| w.all().database_name value=database error=error_of(true) on_edit=clear />
            <FormField id="sync-user" label=|w| w.all().user_name autocomplete="username" value=user on_edit=clear />
            <FormField id="sync-password" label=|w| w.all().password kind="password" autocomplete="current-password"
                value=password on_edit=clear />
            <p class="hint">{move || words.all().password_kept_where}</p>
            <div class="actions">
                <button type="submit" class="primary">{move || words.all().start_syncing}</button>
            </div>
        </form>
    }
}

/// How syncing goes: the last sync or why it stopped, Sync now, Stop syncing.
#[component]
fn SyncPanel(settings: SyncSettings) -> impl IntoView {
    let (sync, words) = (use_sync(), use_texts());
    let status = sync.status;
    let place = format!("{}/{}", settings.server.trim().trim_end_matches('/'), settings.database.trim());
    let progress = move || {
        let t = words.all();
        status.with(|s| {
            if s.running {
                return t.syncing.to_owned();
            }
            let Some(at) = s.synced_at else { return t.not_synced_yet.to_owned() };
            let mut line = (t.last_synced)(&format!("{} {}", t.short_day(at.date()), t.time(at.time())));
            if let Some(last) = s.last {
                line = format!("{line} {}", (t.sync_counts)(last.received, last.sent));
                if last.waiting > 0 {
                    line = format!("{line} {}", (t.sync_waiting)(last.waiting));
                }
            }
            line
        })
    };
    let session = settings.session;
    let user = settings.user.clone();
    // A session that ended (the server's cookie expired): the password once more.
    let signed_out = move || session && status.with(|s| s.error == Some(SyncError::Unauthorized));
    let password = RwSignal::new(String::new());
    let sign_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let again = SyncSettings { password: password.get_untracked(), session: false, ..settings.clone() };
        let _ = sync.set_settings(Some(again));
    };
    view! {
        <p>{move || (words.all().syncing_with)(&place, &user)}</p>
        <p class="help">{move || if session { words.all().password_not_kept } else { words.all().password_kept_here }}</p>
        <p class="status" role="status">{progress}</p>
        <Show when=signed_out>
            <form aria-label=move || words.all().sign_in_again novalidate on:submit=sign_in.clone()>
                <FormField id="sync-password-again" label=|w| w.all().password kind="password" autocomplete="current-password"
                    value=password />
                <div class="actions">
                    <button type="submit" class="primary">{move || words.all().sign_in_again}</button>
                </div>
            </form>
        </Show>
        {move || status.with(|s| s.error.clone()).map(|error| {
            let t = words.all();
            view! { <p class="field-error" role="alert">{t.sync_error(&error)} " " {t.sync_nothing_lost}</p> }
        })}
        <div class="actions">
            <button type="button" class="primary" on:click=move |_| sync.now()>
                {move || words.all().sync_now}
            </button>
            <button type="button" on:click=move |_| { let _ = sync.set_settings(None); }>
                {move || words.all().stop_syncing}
            </button>
        </div>
    }
}
