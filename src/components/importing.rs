//! Importing a file, wherever it comes from — picked in Settings, dropped,
//! shared to Flok from a messenger, opened with Flok, or received when
//! joining: read (unpacked if compressed, opened if encrypted), checked and
//! previewed without changing anything, merged on request, undoable.

use std::sync::Arc;

use flok_core::export::OMITTED;
use flok_core::import::ImportPlan;
use flok_core::replica::{KindSummary, MergeSummary};
use flok_core::sealed;
use flok_core::sharing::VOLUNTEER_COPY;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::field::FormField;
use crate::files::{self, Packing, Unread};
use crate::i18n::{AllTexts, ExportProblem};
use crate::state::{use_imports, use_texts, Imports};

/// Where an import stands.
#[derive(Clone, Debug, PartialEq)]
enum Import {
    Idle,
    Reading(String),
    Refused(Unread),
    /// Shared, not copied, while shown: it holds every record of the file.
    Planned(Arc<ImportPlan>, Packing),
    Merging,
    Done(MergeSummary),
    Undone,
    /// An encrypted file, waiting for its passphrase.
    Sealed(Vec<u8>),
}

/// One import at a time, read from a file and shown by [`ImportState`].
#[derive(Clone, Copy)]
pub struct Importer {
    state: RwSignal<Import>,
    imports: Imports,
}

impl Importer {
    pub fn new() -> Self {
        Self { state: RwSignal::new(Import::Idle), imports: use_imports() }
    }

    /// Reads `file` and previews what importing it would do.
    pub fn read(&self, file: web_sys::File) {
        let (state, imports) = (self.state, self.imports);
        state.set(Import::Reading(file.name()));
        spawn_local(async move {
            let outcome = match files::read(&file).await {
                Ok((bytes, _)) if sealed::is_sealed(&bytes) => Import::Sealed(bytes),
                Ok((bytes, packing)) => planned(imports, bytes, packing).await,
                Err(unread) => Import::Refused(unread),
            };
            let _ = state.try_set(outcome);
        });
    }

    /// Whether a file was merged (and not undone).
    pub fn merged(&self) -> bool {
        self.state.with(|s| matches!(s, Import::Done(_)))
    }
}

/// The preview of importing `bytes`, or why they were refused.
async fn planned(imports: Imports, bytes: Vec<u8>, packing: Packing) -> Import {
    match imports.plan(&bytes).await {
        Ok(plan) => Import::Planned(Arc::new(plan), packing),
        Err(error) => Import::Refused(Unread::Invalid(error)),
    }
}

fn unread_text(t: &AllTexts, unread: &Unread) -> String {
    match unread {
        Unread::Invalid(error) => (t.refused)(&t.import_error(error)),
        Unread::Unreadable => (t.refused)(t.could_not_read_file),
        Unread::Picture => (t.refused)(t.file_is_picture),
    }
}

/// How the import goes: reading, the preview, the merge, and Undo.
/// `finished` runs when the preview is left (merged or cancelled).
#[component]
pub fn ImportState(importer: Importer, #[prop(into)] finished: Callback<()>) -> impl IntoView {
    let words = use_texts();
    let (import, imports) = (importer.state, importer.imports);
    move || {
        let t = words.all();
        match import.get() {
            Import::Idle => ().into_any(),
            Import::Reading(name) => view! { <p class="status" role="status">{(t.reading)(&name)}</p> }.into_any(),
            Import::Merging => view! { <p class="status" role="status">{t.merging}</p> }.into_any(),
            Import::Refused(unread) => {
                view! { <p class="field-error" role="alert">{unread_text(t, &unread)}</p> }.into_any()
            }
            Import::Done(summary) => view! {
                <p class="status" role="status">{done_text(t, &summary)}</p>
                <Show when=move || imports.can_undo()>
                    <div class="actions">
                        <button type="button" on:click=move |_| {
                            imports.undo();
                            import.set(Import::Undone);
                        }>{move || words.all().undo_import}</button>
                    </div>
                </Show>
            }
            .into_any(),
            Import::Sealed(bytes) => view! {
                <OpenSealed
                    bytes=bytes
                    on_open={move |plain: Vec<u8>| spawn_local(async move { import.set(planned(imports, plain, Packing::Plain).await) })}
                    on_cancel=move || {
                        finished.run(());
                        import.set(Import::Idle);
                    }
                />
            }
            .into_any(),
            Import::Undone => view! { <p class="status" role="status">{t.import_undone}</p> }.into_any(),
            Import::Planned(plan, packing) => view! {
                <ImportPreview
                    plan=plan
                    packing
                    on_merge={move |plan: Arc<ImportPlan>| {
                        finished.run(());
                        import.set(Import::Merging);
                        spawn_local(async move { import.set(Import::Done(imports.apply(plan).await)) });
                    }}
                    on_cancel=move || {
                        finished.run(());
                        import.set(Import::Idle);
                    }
                />
            }
            .into_any(),
        }
    }
}

fn done_text(t: &AllTexts, summary: &MergeSummary) -> String {
    if summary.is_empty() {
        return t.imported_nothing.into();
    }
    let total = |f: fn(&KindSummary) -> usize| summary.kinds.values().map(f).sum::<usize>();
    (t.imported)(total(|k| k.new), total(|k| k.changed), total(|k| k.deleted))
}

/// What the file is, as its envelope and packing say.
fn file_facts(t: &AllTexts, plan: &ImportPlan, packing: Packing) -> Vec<String> {
    let mut facts = vec![match packing {
        Packing::Compressed => t.read_compressed_file,
        Packing::Plain => t.read_plain_file,
    }
    .to_owned()];
    if let Some(since) = &plan.scope.since {
        let day = since.parse().map_or_else(|_| since.clone(), |day| t.long_day(day));
        facts.push((t.file_holds_changes_since)(&day));
    }
    match plan.scope.personal_details.as_deref() {
        Some(VOLUNTEER_COPY) => facts.push(t.file_is_volunteer_copy.to_owned()),
        Some(OMITTED) => facts.push(t.file_without_personal.to_owned()),
        _ => {}
    }
    facts
}

#[component]
fn ImportPreview(
    plan: Arc<ImportPlan>,
    packing: Packing,
    on_merge: impl Fn(Arc<ImportPlan>) + 'static,
    on_cancel: impl Fn() + 'static,
) -> impl IntoView {
    let words = use_texts();
    let t = words.all();
    let nothing = plan.changes_nothing();
    let older: usize = plan.preview.kinds.values().map(|k| k.conflicts_resolved).sum();
    let facts = file_facts(t, &plan, packing).into_iter().map(|fact| view! { <p>{fact}</p> }).collect_view();
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
            {facts}
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
        <form class="card" aria-label=move || words.all().open_encrypted_file novalidate on:submit=submit>
            <p>{move || words.all().file_is_encrypted}</p>
            <PassphraseField id="open-passphrase" autocomplete="current-password" passphrase error />
            <p class="status" role="status">{move || working.get().then(|| words.all().decrypting)}</p>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || working.get()>{move || words.all().open_file}</button>
                <button type="button" on:click=move |_| on_cancel()>{move || words.all().cancel}</button>
            </div>
        </form>
    }
}

/// The group passphrase, with why it was refused beside it.
#[component]
pub fn PassphraseField(
    id: &'static str,
    autocomplete: &'static str,
    passphrase: RwSignal<String>,
    error: RwSignal<Option<ExportProblem>>,
) -> impl IntoView {
    let words = use_texts();
    view! {
        <FormField id=id label=|w| w.all().group_passphrase kind="password" autocomplete value=passphrase
            error=Signal::derive(move || error.get().map(|e| words.all().export_problem(&e)))
            on_edit=Callback::new(move |()| error.set(None)) />
    }
}

/// A file picker (and a drop zone around `children`) that hands the file to `importer`.
#[component]
pub fn FilePicker(importer: Importer, id: &'static str, label: fn(&AllTexts) -> &'static str) -> impl IntoView {
    let words = use_texts();
    let picked = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|list| list.get(0)) {
            importer.read(file);
        }
        // The same file can be picked again after a refusal or a cancel.
        input.set_value("");
    };
    view! {
        <div class="field">
            <label for=id>{move || label(words.all())}</label>
            <input id=id type="file" accept=".flok,.json,.txt,application/gzip,application/json,text/plain" on:change=picked />
        </div>
    }
}
