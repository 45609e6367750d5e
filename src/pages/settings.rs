//! Settings: the device's data — export it to keep or share, import a file
//! from someone in the group (checked and previewed before it merges).

use flok_core::import::ImportPlan;
use flok_core::replica::MergeSummary;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::page_heading::PageHeading;
use crate::files;
use crate::route::Page;
use crate::state::AppState;

/// Where an import stands.
#[derive(Clone, Debug, PartialEq)]
enum Import {
    Idle,
    Reading(String),
    Refused(String),
    Planned(ImportPlan),
    Done(MergeSummary),
}

/// The words for a record kind in a preview; unknown kinds by their own name.
fn kind_label(kind: &str) -> String {
    match kind {
        "person" => "People",
        "function" => "Functions",
        "agreement" => "Agreements",
        "event" => "Events",
        "signup" => "Sign-ups",
        "cancellation" => "Cancellations",
        "checkin" => "Check-ins",
        "competence" => "Competences",
        "grant" => "Competences given",
        "followup" => "Follow-ups",
        "settings" => "Group settings",
        other => other,
    }
    .to_owned()
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let import = RwSignal::new(Import::Idle);
    let picker = NodeRef::<Input>::new();

    let export = move |_| {
        let (name, text) = state.export_file();
        match files::download(&name, &text, "application/json") {
            Ok(()) => state.exported(),
            Err(_) => import.set(Import::Refused("This browser would not save the file.".into())),
        }
    };

    let picked = move |_| {
        let Some(file) = picker.get_untracked().and_then(|input| input.files()).and_then(|list| list.get(0)) else {
            return;
        };
        let max = flok_core::export::MAX_BYTES as f64;
        if file.size() > max {
            let error = flok_core::export::ImportError::TooLarge { bytes: file.size() as usize, max: max as usize };
            import.set(Import::Refused(format!("{error} Nothing was changed.")));
            return;
        }
        import.set(Import::Reading(file.name()));
        spawn_local(async move {
            let outcome = match files::read(&file).await {
                Ok(bytes) => match state.plan_import(&bytes) {
                    Ok(plan) => Import::Planned(plan),
                    Err(error) => Import::Refused(format!("{error} Nothing was changed.")),
                },
                Err(_) => Import::Refused("The file could not be read. Nothing was changed.".into()),
            };
            import.set(outcome);
        });
    };

    let finish = move || {
        if let Some(input) = picker.get_untracked() {
            input.set_value("");
        }
    };

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Page::Settings.label() />
            <section class="card" aria-labelledby="data-heading">
                <h2 id="data-heading">"Your data"</h2>
                <p>
                    "Everything is kept in this browser only. Export a file to keep a copy, \
                     or to pass to others in your group; importing their file merges it with yours."
                </p>
                <div class="actions">
                    <button type="button" class="primary" on:click=export>"Export data"</button>
                </div>
                <div class="field">
                    <label for="import-file">"Import file"</label>
                    <input
                        id="import-file"
                        type="file"
                        accept=".json,.txt,application/json,text/plain"
                        node_ref=picker
                        on:change=picked
                    />
                </div>
            </section>
            <ReminderSetting />
            {move || match import.get() {
                Import::Idle => ().into_any(),
                Import::Reading(name) => view! {
                    <p class="status" role="status">"Reading " {name} "…"</p>
                }.into_any(),
                Import::Refused(message) => view! {
                    <p class="field-error" role="alert">{message}</p>
                }.into_any(),
                Import::Done(summary) => view! {
                    <p class="status" role="status">{done_message(&summary)}</p>
                }.into_any(),
                Import::Planned(plan) => view! {
                    <ImportPreview
                        plan=plan
                        on_merge=move |plan: ImportPlan| {
                            let summary = state.apply_import(&plan);
                            finish();
                            import.set(Import::Done(summary));
                        }
                        on_cancel=move || {
                            finish();
                            import.set(Import::Idle);
                        }
                    />
                }.into_any(),
            }}
        </section>
    }
}

fn done_message(summary: &MergeSummary) -> String {
    if summary.is_empty() {
        return "Imported: nothing was new.".into();
    }
    let total = |f: fn(&flok_core::replica::KindSummary) -> usize| summary.kinds.values().map(f).sum::<usize>();
    format!("Imported: {} new, {} changed, {} deleted.", total(|k| k.new), total(|k| k.changed), total(|k| k.deleted))
}

#[component]
fn ImportPreview(
    plan: ImportPlan,
    on_merge: impl Fn(ImportPlan) + 'static,
    on_cancel: impl Fn() + 'static,
) -> impl IntoView {
    let held = plan.held_back.clone();
    let nothing = plan.changes_nothing();
    let older: usize = plan.preview.kinds.values().map(|k| k.conflicts_resolved).sum();
    let rows = plan
        .preview
        .kinds
        .iter()
        .map(|(kind, k)| {
            view! {
                <tr>
                    <th scope="row">{kind_label(kind)}</th>
                    <td>{k.new}</td>
                    <td>{k.changed}</td>
                    <td>{k.deleted}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="preview-heading">
            <h2 id="preview-heading">"Import preview"</h2>
            {held
                .into_iter()
                .map(|ahead| view! {
                    <p class="field-error" role="alert">
                        {format!(
                            "{} records from device {} were left out: they are dated up to {}, more than a day \
                             ahead of this device. Check the date and time on that device, then export again.",
                            ahead.records, ahead.device, ahead.latest
                        )}
                    </p>
                })
                .collect_view()}
            {if nothing {
                view! { <p>"This file holds nothing you do not already have."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Import preview table">
                        <table>
                            <caption>"What the import will change"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Records"</th>
                                    <th scope="col">"New"</th>
                                    <th scope="col">"Changed"</th>
                                    <th scope="col">"Deleted"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    {(older > 0).then(|| view! {
                        <p>{format!("{older} of its edits are older than yours; yours are kept.")}</p>
                    })}
                }.into_any()
            }}
            <div class="actions">
                <button type="button" class="primary" disabled=nothing on:click=move |_| on_merge(plan.clone())>
                    "Merge into my data"
                </button>
                <button type="button" on:click=move |_| on_cancel()>"Cancel"</button>
            </div>
        </section>
    }
}

/// How often to be reminded to export, and whether the browser keeps the data.
#[component]
fn ReminderSetting() -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<String>);
    let changed = move |ev| match event_target_value(&ev).trim().parse::<u16>() {
        Ok(days @ 1..=365) => {
            error.set(None);
            state.set_export_reminder_days(days);
        }
        _ => error.set(Some("Enter a number of days from 1 to 365.".into())),
    };
    view! {
        <section class="card" aria-labelledby="keeping-heading">
            <h2 id="keeping-heading">"Keeping your data safe"</h2>
            <p>
                {move || match state.persistent.get() {
                    Some(true) => "This browser has promised to keep Flok's data until you delete it.",
                    Some(false) => "This browser may delete Flok's data if space runs low or Flok goes unused \
                                    for a while. Installing Flok on the home screen and exporting often help.",
                    None => "Asking this browser to keep Flok's data…",
                }}
            </p>
            <p>
                {move || match state.last_export.get() {
                    Some(day) => format!("Last export from this device: {day}."),
                    None => "This device has not exported yet.".to_owned(),
                }}
            </p>
            <div class="field">
                <label for="reminder-days">"Remind me to export after (days)"</label>
                <input
                    id="reminder-days"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max="365"
                    prop:value=move || state.settings().export_reminder_days.to_string()
                    on:change=changed
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby="reminder-days-error"
                />
                <p id="reminder-days-error" class="field-error">{move || error.get()}</p>
            </div>
        </section>
    }
}
