//! Settings: the interface language, and the device's data — export it to
//! keep or share, import a file from someone in the group (checked and
//! previewed before it merges), and how often to be reminded to export.

use std::sync::Arc;

use flok_core::export::{ImportError, MAX_BYTES};
use flok_core::import::ImportPlan;
use flok_core::replica::{KindSummary, MergeSummary};
use flok_core::sealed;
use flok_core::Id;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::adding::PersonOptions;
use crate::components::field::FormField;
use crate::components::page_heading::PageHeading;
use crate::files;
use crate::i18n::{ExportProblem, Lang, Texts};
use crate::pages::kiosk;
use crate::pages::live_sync::LiveSyncSettings;
use crate::route::Page;
use crate::state::{use_device, use_imports, use_store, use_texts, wall_today};

/// Where an import stands.
#[derive(Clone, Debug, PartialEq)]
enum Import {
    Idle,
    Reading(String),
    Refused(Refusal),
    /// Shared, not copied, while shown: it holds every record of the file.
    Planned(Arc<ImportPlan>),
    Merging,
    Done(MergeSummary),
    Undone,
    /// An encrypted file, waiting for its passphrase.
    Sealed(Vec<u8>),
}

/// Why a file did not get as far as a preview.
#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    Invalid(ImportError),
    Unreadable,
    NotSaved,
}

fn refusal_text(t: &Texts, refusal: &Refusal) -> String {
    match refusal {
        Refusal::Invalid(error) => (t.refused)(&t.import_error(error)),
        Refusal::Unreadable => (t.refused)(t.could_not_read_file),
        Refusal::NotSaved => t.could_not_save_file.into(),
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let (store, words, device, imports) = (use_store(), use_texts(), use_device(), use_imports());
    let import = RwSignal::new(Import::Idle);
    let picker = NodeRef::<Input>::new();

    // A full export counts as this device's copy; one without personal
    // details is for sharing and does not quiet the reminder.
    let export = move |personal: bool| {
        let (name, text) = store.export_file(personal);
        match files::download(&name, &text, "application/json") {
            Ok(()) if personal => device.exported(wall_today()),
            Ok(()) => {}
            Err(_) => import.set(Import::Refused(Refusal::NotSaved)),
        }
    };

    // The full export through the phone's share sheet, else as a download.
    let share = move |_| {
        spawn_local(async move {
            let (name, text) = store.export_file(true);
            match files::share(&name, &text, "application/json").await {
                Ok(true) => device.exported(wall_today()),
                Ok(false) => export(true),
                Err(_) => import.set(Import::Refused(Refusal::NotSaved)),
            }
        })
    };
    let planned = move |bytes: Vec<u8>| async move {
        match imports.plan(&bytes).await {
            Ok(plan) => Import::Planned(Arc::new(plan)),
            Err(error) => Import::Refused(Refusal::Invalid(error)),
        }
    };
    let read = move |file: web_sys::File| {
        if file.size() > MAX_BYTES as f64 {
            let error = ImportError::TooLarge { bytes: file.size() as usize, max: MAX_BYTES };
            import.set(Import::Refused(Refusal::Invalid(error)));
            return;
        }
        import.set(Import::Reading(file.name()));
        spawn_local(async move {
            let outcome = match files::read(&file).await {
                Ok(bytes) if sealed::is_sealed(&bytes) => Import::Sealed(bytes),
                Ok(bytes) => planned(bytes).await,
                Err(_) => Import::Refused(Refusal::Unreadable),
            };
            import.set(outcome);
        });
    };
    let picked = move |_| {
        if let Some(file) = picker.get_untracked().and_then(|input| input.files()).and_then(|list| list.get(0)) {
            read(file);
        }
    };
    // A file dropped anywhere on the data card is read as if picked.
    let dragging = RwSignal::new(false);
    let dropped = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|data| data.files()).and_then(|list| list.get(0)) {
            read(file);
        }
    };

    let finish = move || {
        if let Some(input) = picker.get_untracked() {
            input.set_value("");
        }
    };

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.t().page(Page::Settings)) />
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
                <h2 id="data-heading">{move || words.t().your_data}</h2>
                <p>{move || words.t().your_data_help}</p>
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| export(true)>{move || words.t().export_data}</button>
                    <button type="button" on:click=move |_| export(false)>{move || words.t().export_without_personal}</button>
                    <button type="button" on:click=share>{move || words.t().share}</button>
                </div>
                <SealedExport />
                <p class="help">{move || words.t().drop_file_here}</p>
                <div class="field">
                    <label for="import-file">{move || words.t().import_file}</label>
                    <input
                        id="import-file"
                        type="file"
                        accept=".json,.txt,application/json,text/plain"
                        node_ref=picker
                        on:change=picked
                    />
                </div>
            </section>
            {move || {
                let t = words.t();
                match import.get() {
                    Import::Idle => ().into_any(),
                    Import::Reading(name) => view! {
                        <p class="status" role="status">{(t.reading)(&name)}</p>
                    }.into_any(),
                    Import::Merging => view! {
                        <p class="status" role="status">{t.merging}</p>
                    }.into_any(),
                    Import::Refused(refusal) => view! {
                        <p class="field-error" role="alert">{refusal_text(t, &refusal)}</p>
                    }.into_any(),
                    Import::Done(summary) => view! {
                        <p class="status" role="status">{done_text(t, &summary)}</p>
                        <Show when=move || imports.can_undo()>
                                <div class="actions">
                                <button type="button" on:click=move |_| {
                                    imports.undo();
                                    import.set(Import::Undone);
                                }>{move || words.t().undo_import}</button>
                            </div>
                        </Show>
                    }.into_any(),
                    Import::Sealed(bytes) => view! {
                        <OpenSealed
                            bytes=bytes
                            on_open={move |plain: Vec<u8>| spawn_local(async move { import.set(planned(plain).await) })}
                            on_cancel=move || {
                                finish();
                                import.set(Import::Idle);
                            }
                        />
                    }.into_any(),
                    Import::Undone => view! {
                        <p class="status" role="status">{t.import_undone}</p>
                    }.into_any(),
                    Import::Planned(plan) => view! {
                        <ImportPreview
                            plan=plan
                            on_merge={move |plan: Arc<ImportPlan>| {
                                finish();
                                import.set(Import::Merging);
                                spawn_local(async move { import.set(Import::Done(imports.apply(plan).await)) });
                            }}
                            on_cancel=move || {
                                finish();
                                import.set(Import::Idle);
                            }
                        />
                    }.into_any(),
                }
            }}
            <ReminderSetting />
            <LiveSyncSettings />
        </section>
    }
}

fn done_text(t: &Texts, summary: &MergeSummary) -> String {
    if summary.is_empty() {
        return t.imported_nothing.into();
    }
    let total = |f: fn(&KindSummary) -> usize| summary.kinds.values().map(f).sum::<usize>();
    (t.imported)(total(|k| k.new), total(|k| k.changed), total(|k| k.deleted))
}

#[component]
fn ImportPreview(
    plan: Arc<ImportPlan>,
    on_merge: impl Fn(Arc<ImportPlan>) + 'static,
    on_cancel: impl Fn() + 'static,
) -> impl IntoView {
    let words = use_texts();
    let t = words.t();
    let nothing = plan.changes_nothing();
    let older: usize = plan.preview.kinds.values().map(|k| k.conflicts_resolved).sum();
    let held = plan
        .held_back
        .iter()
        .map(|ahead| {
            let text = (t.clock_ahead)(ahead.records, &ahead.device.to_string(), &ahead.latest.to_string());
            view! { <p class="field-error" role="alert">{text}</p> }
        })
        .collect_view();
    let rows = plan
        .preview
        .kinds
        .iter()
        .map(|(kind, k)| {
            view! {
                <tr>
                    <th scope="row">{(t.kind)(kind).map_or_else(|| kind.clone(), str::to_owned)}</th>
                    <td>{k.new}</td>
                    <td>{k.changed}</td>
                    <td>{k.deleted}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t.import_preview}</h2>
            {held}
            {if nothing {
                view! { <p>{t.nothing_new_in_file}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=t.import_scroll_region>
                        <table>
                            <caption>{t.import_changes}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t.records}</th>
                                    <th scope="col">{t.new}</th>
                                    <th scope="col">{t.changed}</th>
                                    <th scope="col">{t.deleted}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    {(older > 0).then(|| view! { <p>{(t.older_edits_kept)(older)}</p> })}
                }.into_any()
            }}
            <div class="actions">
                <button type="button" class="primary" disabled=nothing on:click=move |_| on_merge(plan.clone())>
                    {t.merge_into_my_data}
                </button>
                <button type="button" on:click=move |_| on_cancel()>{t.cancel}</button>
            </div>
        </section>
    }
}

/// The interface language: as the browser, or chosen here.
#[component]
fn LanguageSetting() -> impl IntoView {
    let (device, words) = (use_device(), use_texts());
    let changed = move |ev| device.choose_language(Lang::from_code(&event_target_value(&ev)));
    let selected = move |choice: Option<Lang>| device.language_choice.get() == choice;
    view! {
        <div class="field">
            <label for="language">{move || words.t().language}</label>
            <select id="language" on:change=changed>
                <option value="" selected=move || selected(None)>{move || words.t().follow_browser}</option>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.code() lang=lang.code() selected=move || selected(Some(lang))>
                                {lang.texts().language_name}
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
            <h2 id="keeping-heading">{move || words.t().keeping_safe}</h2>
            <p>
                {move || {
                    let t = words.t();
                    match device.persistent.get() {
                        Some(true) => t.persistent_yes,
                        Some(false) => t.persistent_no,
                        None => t.persistent_asking,
                    }
                }}
            </p>
            <p>
                {move || {
                    let t = words.t();
                    match device.last_export.get() {
                        Some(day) => (t.last_export_from_device)(&t.long_day(day)),
                        None => t.not_exported_yet.to_owned(),
                    }
                }}
            </p>
            <NumberSetting
                id="reminder-days"
                label=|t| t.reminder_days
                invalid_text=|t| t.reminder_days_invalid
                range=(1, 365)
                value=Signal::derive(move || store.settings().export_reminder_days)
                set=Callback::new(move |days| store.change_settings(|s| s.export_reminder_days = days))
            />
            <NumberSetting
                id="alarm-minutes"
                label=|t| t.calendar_alarm
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
            <h2 id="device-heading">{move || words.t().this_device}</h2>
            <div class="field">
                <label for="settings-group-name">{move || words.t().group_name}</label>
                <input
                    id="settings-group-name"
                    type="text"
                    autocomplete="organization"
                    prop:value=move || store.settings().group_name
                    on:change=move |ev| store.set_group_name(&event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="settings-me">{move || words.t().who_uses_device}</label>
                <select id="settings-me" on:change=move |ev| device.set_me(event_target_value(&ev).parse::<Id>().ok())>
                    <option value="" prop:selected=move || device.me.get().is_none()>{move || words.t().no_one_chosen}</option>
                    <PersonOptions selected=device.me />
                </select>
            </div>
            <div class="field check">
                <input id="coordinator-mode" type="checkbox" aria-describedby="coordinator-help"
                    prop:checked=move || device.coordinator.get()
                    on:change=move |ev| device.set_coordinator(event_target_checked(&ev)) />
                <label for="coordinator-mode">{move || words.t().coordinator_mode}</label>
            </div>
            <p id="coordinator-help" class="help">{move || words.t().coordinator_help}</p>
            <p class="help">{move || words.t().kiosk_help}</p>
            <div class="actions">
                <button type="button" on:click=|_| kiosk::open()>{move || words.t().open_kiosk}</button>
            </div>
        </section>
    }
}

/// A whole number the group sets in Settings, refused beside the field when
/// outside `range`; saved when the field is left.
#[component]
fn NumberSetting(
    id: &'static str,
    label: fn(&Texts) -> &'static str,
    invalid_text: fn(&Texts) -> &'static str,
    range: (u16, u16),
    value: Signal<u16>,
    set: Callback<u16>,
) -> impl IntoView {
    let words = use_texts();
    let invalid = RwSignal::new(false);
    // What is typed, kept as the group's value moves on (another device).
    let typed = RwSignal::new(value.get_untracked().to_string());
    Effect::new(move |_| typed.set(value.get().to_string()));
    let edited = Callback::new(move |()| match typed.get_untracked().trim().parse::<u16>() {
        Ok(n) if (range.0..=range.1).contains(&n) => {
            invalid.set(false);
            set.run(n);
        }
        _ => invalid.set(true),
    });
    view! {
        <FormField id=id label kind="number" inputmode="numeric" min=range.0.to_string() max=range.1.to_string()
            value=typed error=Signal::derive(move || invalid.get().then(|| invalid_text(words.t()).to_owned()))
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
                files::download(&name, &text, "application/json").map_err(|_| ExportProblem::NotSaved)
            });
            if result.is_ok() {
                device.exported(wall_today());
            }
            let _ = error.try_set(result.err());
            let _ = working.try_set(false);
        });
    };
    view! {
        <form class="sealed" aria-label=move || words.t().encrypted_export novalidate on:submit=submit>
            <PassphraseField id="seal-passphrase" autocomplete="new-password" passphrase error />
            <div class="actions">
                <button type="submit" disabled=move || working.get()>{move || words.t().export_encrypted}</button>
            </div>
            <p class="status" role="status">{move || working.get().then(|| words.t().encrypting)}</p>
        </form>
    }
}

/// Asks the passphrase of an encrypted file; a wrong one changes nothing.
#[component]
fn OpenSealed(bytes: Vec<u8>, on_open: impl Fn(Vec<u8>) + 'static, on_cancel: impl Fn() + 'static) -> impl IntoView {
    let words = use_texts();
    let passphrase = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ExportProblem>);
    let working = RwSignal::new(false);
    let (bytes, on_open) = (StoredValue::new_local(bytes), StoredValue::new_local(on_open));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        working.set(true);
        spawn_local(async move {
            let file = bytes.try_with_value(Clone::clone).unwrap_or_default();
            match crate::crypto::open(&file, &passphrase.get_untracked()).await {
                Ok(plain) => {
                    let _ = on_open.try_with_value(|open| open(plain));
                }
                Err(refused) => {
                    let _ = error.try_set(Some(refused));
                }
            }
            let _ = working.try_set(false);
        });
    };
    view! {
        <form class="card" aria-label=move || words.t().open_encrypted_file novalidate on:submit=submit>
            <p>{move || words.t().file_is_encrypted}</p>
            <PassphraseField id="open-passphrase" autocomplete="current-password" passphrase error />
            <p class="status" role="status">{move || working.get().then(|| words.t().decrypting)}</p>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || working.get()>{move || words.t().open_file}</button>
                <button type="button" on:click=move |_| on_cancel()>{move || words.t().cancel}</button>
            </div>
        </form>
    }
}

/// The group passphrase, with why it was refused beside it.
#[component]
fn PassphraseField(
    id: &'static str,
    autocomplete: &'static str,
    passphrase: RwSignal<String>,
    error: RwSignal<Option<ExportProblem>>,
) -> impl IntoView {
    let words = use_texts();
    view! {
        <FormField id=id label=|t| t.group_passphrase kind="password" autocomplete value=passphrase
            error=Signal::derive(move || error.get().map(|e| words.t().export_problem(&e)))
            on_edit=Callback::new(move |()| error.set(None)) />
    }
}
