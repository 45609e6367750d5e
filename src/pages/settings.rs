//! Settings: the interface language, and the device's data — export it to
//! keep or share, import a file from someone in the group (checked and
//! previewed before it merges), invite a new phone, and how often to be
//! reminded to export.

use flok_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::adding::PersonOptions;
use crate::components::exporting::ExportActions;
use crate::components::field::FormField;
use crate::components::importing::{FilePicker, ImportState, Importer, PassphraseField};
use crate::components::inviting::InviteCard;
use crate::components::page_heading::PageHeading;
use crate::files::Outgoing;
use crate::i18n::{AllTexts, ExportProblem, Lang};
use crate::pages::kiosk;
use crate::pages::live_sync::LiveSyncSettings;
use crate::route::Page;
use crate::state::{use_device, use_store, use_texts, wall_today, Words};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let (words, device) = (use_texts(), use_device());
    let importer = Importer::new();
    // A file dropped anywhere on the data card is read as if picked.
    let dragging = RwSignal::new(false);
    let dropped = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|data| data.files()).and_then(|list| list.get(0)) {
            importer.read(file);
        }
    };
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page(Page::Settings)) />
            <LanguageSetting />
            <DeviceSetting />
            <section
                class="card drop-zone"
                class:dragging=move || dragging.get()
                aria-labelledby="data-heading"
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=dropped
            >
                <h2 id="data-heading">{move || words.all().your_data}</h2>
                <p>{move || words.all().your_data_help}</p>
                <ExportActions />
                <SealedExport />
                <p class="help">{move || words.all().drop_file_here}</p>
                <FilePicker importer id="import-file" label=|t| t.import_file />
                <p class="help">{move || if opens_files() { words.all().open_with_flok } else { words.all().save_then_import }}</p>
            </section>
            <ImportState importer finished=|| () />
            <Show when=move || device.coordinator.get()>
                <InviteCard />
            </Show>
            <ReminderSetting />
            <LiveSyncSettings />
        </section>
    }
}

/// Whether files can reach Flok from other apps here (opened with it or
/// shared to it: Chromium on Android and desktop); elsewhere a file is saved
/// and picked.
fn opens_files() -> bool {
    js_sys::Reflect::has(&window(), &"launchQueue".into()).unwrap_or(false)
}

/// The interface language: as the browser, or chosen here.
#[component]
fn LanguageSetting() -> impl IntoView {
    let (device, words) = (use_device(), use_texts());
    let changed = move |ev| device.choose_language(Lang::from_code(&event_target_value(&ev)));
    let selected = move |choice: Option<Lang>| device.language_choice.get() == choice;
    view! {
        <div class="field">
            <label for="language">{move || words.all().language}</label>
            <select id="language" on:change=changed>
                <option value="" selected=move || selected(None)>{move || words.all().follow_browser}</option>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.code() lang=lang.code() selected=move || selected(Some(lang))>
                                {lang.all_texts().language_name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// How often to be reminded to export, and whether the browser keeps the data.
#[component]
fn ReminderSetting() -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    view! {
        <section class="card" aria-labelledby="keeping-heading">
            <h2 id="keeping-heading">{move || words.all().keeping_safe}</h2>
            <p>
                {move || {
                    let t = words.all();
                    match device.persistent.get() {
                        Some(true) => t.persistent_yes,
                        Some(false) => t.persistent_no,
                        None => t.persistent_asking,
                    }
                }}
            </p>
            <p>
                {move || {
                    let t = words.all();
                    match device.last_export.get() {
                        Some(day) => (t.last_export_from_device)(&t.long_day(day)),
                        None => t.not_exported_yet.to_owned(),
                    }
                }}
            </p>
            <NumberSetting
                id="reminder-days"
                label=|w| w.all().reminder_days
                invalid_text=|t| t.reminder_days_invalid
                range=(1, 365)
                value=Signal::derive(move || store.settings().export_reminder_days)
                set=Callback::new(move |days| store.change_settings(|s| s.export_reminder_days = days))
            />
            <NumberSetting
                id="alarm-minutes"
                label=|w| w.all().calendar_alarm
                invalid_text=|t| t.calendar_alarm_invalid
                range=(0, 10_080)
                value=Signal::derive(move || store.settings().calendar_alarm_minutes)
                set=Callback::new(move |minutes| store.change_settings(|s| s.calendar_alarm_minutes = minutes))
            />
        </section>
    }
}

/// The group's name, and who uses this device.
#[component]
fn DeviceSetting() -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    view! {
        <section class="card" aria-labelledby="device-heading">
            <h2 id="device-heading">{move || words.all().this_device}</h2>
            <div class="field">
                <label for="settings-group-name">{move || words.all().group_name}</label>
                <input
                    id="settings-group-name"
                    type="text"
                    autocomplete="organization"
                    prop:value=move || store.settings().group_name
                    on:change=move |ev| store.set_group_name(&event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="settings-me">{move || words.all().who_uses_device}</label>
                <select id="settings-me" on:change=move |ev| device.set_me(event_target_value(&ev).parse::<Id>().ok())>
                    <option value="" prop:selected=move || device.me.get().is_none()>{move || words.all().no_one_chosen}</option>
                    <PersonOptions selected=device.me />
                </select>
            </div>
            <div class="field check">
                <input id="coordinator-mode" type="checkbox" aria-describedby="coordinator-help"
                    prop:checked=move || device.coordinator.get()
                    on:change=move |ev| device.set_coordinator(event_target_checked(&ev)) />
                <label for="coordinator-mode">{move || words.all().coordinator_mode}</label>
            </div>
            <p id="coordinator-help" class="help">{move || words.all().coordinator_help}</p>
            <p class="help">{move || words.all().kiosk_help}</p>
            <div class="actions">
                <button type="button" on:click=|_| kiosk::open()>{move || words.all().open_kiosk}</button>
            </div>
        </section>
    }
}

/// A whole number the group sets in Settings, refused beside the field when
/// outside `range`; saved when the field is left.
#[component]
fn NumberSetting(
    id: &'static str,
    label: fn(Words) -> &'static str,
    invalid_text: fn(&AllTexts) -> &'static str,
    range: (u16, u16),
    value: Signal<u16>,
    set: Callback<u16>,
) -> impl IntoView {
    let words = use_texts();
    let invalid = RwSignal::new(false);
    // What is typed, replaced only when the group's value moves on (another
    // device): the effect's first run must not undo what was typed already.
    let initial = value.get_untracked();
    let typed = RwSignal::new(initial.to_string());
    Effect::new(move |shown: Option<u16>| {
        let now = value.get();
        if shown.unwrap_or(initial) != now {
            typed.set(now.to_string());
        }
        now
    });
    let edited = Callback::new(move |()| match typed.get_untracked().trim().parse::<u16>() {
        Ok(n) if (range.0..=range.1).contains(&n) => {
            invalid.set(false);
            set.run(n);
        }
        _ => invalid.set(true),
    });
    view! {
        <FormField id=id label kind="number" inputmode="numeric" min=range.0.to_string() max=range.1.to_string()
            value=typed error=Signal::derive(move || invalid.get().then(|| invalid_text(words.all()).to_owned()))
            on_commit=edited />
    }
}

/// The full export, encrypted under the group passphrase.
#[component]
fn SealedExport() -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let passphrase = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ExportProblem>);
    let working = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        working.set(true);
        spawn_local(async move {
            let sealed = store.export_sealed(&passphrase.get_untracked()).await;
            let result = sealed.and_then(|(name, text)| {
                let file = Outgoing::text(name, &text, "application/json");
                file.and_then(|file| file.download()).map_err(|_| ExportProblem::NotSaved)
            });
            if result.is_ok() {
                device.exported(wall_today());
            }
            let _ = error.try_set(result.err());
            let _ = working.try_set(false);
        });
    };
    view! {
        <form class="sealed" aria-label=move || words.all().encrypted_export novalidate on:submit=submit>
            <PassphraseField id="seal-passphrase" autocomplete="new-password" passphrase error />
            <div class="actions">
                <button type="submit" disabled=move || working.get()>{move || words.all().export_encrypted}</button>
            </div>
            <p class="status" role="status">{move || working.get().then(|| words.all().encrypting)}</p>
        </form>
    }
}
