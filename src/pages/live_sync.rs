//! Settings for live sync with a CouchDB database, and how it goes.

use flok_core::couch::SettingsError;
use leptos::prelude::*;

use crate::i18n::Texts;
use crate::state::AppState;
use crate::sync::SyncSettings;

#[component]
pub fn LiveSync() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="card" aria-labelledby="sync-heading">
            <h2 id="sync-heading">{move || state.t().live_sync}</h2>
            <p>{move || state.t().live_sync_help}</p>
            {move || match state.sync_settings.get() {
                None => view! { <SyncForm /> }.into_any(),
                Some(settings) => view! { <SyncPanel settings /> }.into_any(),
            }}
        </section>
    }
}

/// Where to sync, checked before it is kept.
#[component]
fn SyncForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let [server, database, user, password] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let error = RwSignal::new(None::<SettingsError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let settings = SyncSettings {
            server: server.get_untracked(),
            database: database.get_untracked(),
            user: user.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        error.set(state.set_sync_settings(Some(settings)).err());
    };
    let error_of = move |database_field: bool| {
        Signal::derive(move || {
            error
                .get()
                .filter(|e| (*e == SettingsError::DatabaseName) == database_field)
                .map(|e| state.t().sync_settings_error(&e))
        })
    };
    view! {
        <form aria-label=move || state.t().live_sync novalidate on:submit=submit>
            <SyncField id="sync-server" label=|t| t.server_address kind="url" autocomplete="url"
                value=server error error_text=error_of(false) />
            <SyncField id="sync-database" label=|t| t.database_name kind="text" autocomplete="off"
                value=database error error_text=error_of(true) />
            <SyncField id="sync-user" label=|t| t.user_name kind="text" autocomplete="username"
                value=user error error_text=Signal::derive(|| None) />
            <SyncField id="sync-password" label=|t| t.password kind="password" autocomplete="current-password"
                value=password error error_text=Signal::derive(|| None) />
            <p class="hint">{move || state.t().password_kept_here}</p>
            <div class="actions">
                <button type="submit" class="primary">{move || state.t().start_syncing}</button>
            </div>
        </form>
    }
}

/// One setting, with why it was refused beside it.
#[component]
fn SyncField(
    id: &'static str,
    label: fn(&Texts) -> &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
    /// The form's refusal, cleared by typing.
    error: RwSignal<Option<SettingsError>>,
    /// The refusal's words when it concerns this field.
    error_text: Signal<Option<&'static str>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{move || label(state.t())}</label>
            <input id=id type=kind autocomplete=autocomplete autocapitalize="none" spellcheck="false"
                prop:value=move || value.get()
                on:input=move |ev| { value.set(event_target_value(&ev)); error.set(None); }
                aria-invalid=move || error_text.with(Option::is_some).to_string()
                aria-describedby=error_id.clone() />
            <p id=error_id class="field-error">{move || error_text.get()}</p>
        </div>
    }
}

/// How syncing goes: the last sync or why it stopped, Sync now, Stop syncing.
#[component]
fn SyncPanel(settings: SyncSettings) -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = state.sync_status;
    let place = format!("{}/{}", settings.server.trim().trim_end_matches('/'), settings.database.trim());
    let progress = move || {
        let t = state.t();
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
    view! {
        <p>{move || (state.t().syncing_with)(&place, &settings.user)}</p>
        <p class="status" role="status">{progress}</p>
        {move || status.with(|s| s.error.clone()).map(|error| {
            let t = state.t();
            view! { <p class="field-error" role="alert">{t.sync_error(&error)} " " {t.sync_nothing_lost}</p> }
        })}
        <div class="actions">
            <button type="button" class="primary" on:click=move |_| state.sync_now()>
                {move || state.t().sync_now}
            </button>
            <button type="button" on:click=move |_| { let _ = state.set_sync_settings(None); }>
                {move || state.t().stop_syncing}
            </button>
        </div>
    }
}
