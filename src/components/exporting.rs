//! Exports: the group's data as a compressed `.flok` file by default (a
//! fifth of the JSON or less), shared or saved; as plain JSON; as a
//! volunteer's copy; without personal details; or only the changes since
//! a file this device sent (or since a day).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::field::FormField;
use crate::files::Outgoing;
use crate::form_values::parse_date;
use crate::prefs;
use crate::state::{use_device, use_store, use_texts, wall_today, Export};

/// How a file leaves the phone.
#[derive(Clone, Copy, PartialEq)]
enum Way {
    Download,
    Share,
    PlainJson,
}

/// Every way of exporting, with what the last one did.
#[component]
pub fn ExportActions() -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let status = RwSignal::new(None::<Result<String, ()>>);
    // Notified once a file is out: the list of files sent grows.
    let sent = Trigger::new();
    let export = move |export: Export, way: Way| {
        spawn_local(async move {
            let (name, text) = store.export_text(&export).await;
            let file = if way == Way::PlainJson {
                Outgoing::text(name, &text, "application/json")
            } else {
                Outgoing::flok(&name, &text).await
            };
            let done = match (file, way) {
                (Ok(file), Way::Share) => match file.share().await {
                    Ok(true) => Ok(file),
                    Ok(false) => file.download().map(|()| file),
                    Err(error) => Err(error),
                },
                (Ok(file), _) => file.download().map(|()| file),
                (Err(error), _) => Err(error),
            };
            let outcome = done.map(|file| {
                if export == Export::Full {
                    device.exported(wall_today());
                }
                store.sent(&export);
                sent.notify();
                (words.all().file_saved)(&file.name, file.blob.size() as u64)
            });
            let _ = status.try_set(Some(outcome.map_err(drop)));
        });
    };
    view! {
        <div class="actions">
            <button type="button" class="primary" on:click=move |_| export(Export::Full, Way::Download)>{move || words.all().export_data}</button>
            <button type="button" on:click=move |_| export(Export::Full, Way::Share)>{move || words.all().share}</button>
            <button type="button" on:click=move |_| export(Export::Full, Way::PlainJson)>{move || words.all().export_plain_json}</button>
        </div>
        <p class="help">{move || words.all().volunteer_copy_help}</p>
        <div class="actions">
            <button type="button" on:click=move |_| export(Export::Volunteers, Way::Download)>{move || words.all().export_volunteer_copy}</button>
            <button type="button" on:click=move |_| export(Export::WithoutPersonal, Way::Download)>{move || words.all().export_without_personal}</button>
        </div>
        <ChangesSince export=Callback::new(move |asked: Export| export(asked, Way::Download)) sent />
        {move || status.get().map(|outcome| match outcome {
            Ok(saved) => view! { <p class="status" role="status">{saved}</p> }.into_any(),
            Err(()) => view! { <p class="field-error" role="alert">{words.all().could_not_save_file}</p> }.into_any(),
        })}
    }
}

/// Only what changed since a file this device sent, or since a day.
#[component]
fn ChangesSince(export: Callback<Export>, sent: Trigger) -> impl IntoView {
    let words = use_texts();
    // The files this device sent, read again after each export.
    let sent = Memo::new(move |_| {
        sent.track();
        prefs::sent_files()
    });
    const A_DAY: &str = "day";
    let since = RwSignal::new(if sent.with_untracked(Vec::is_empty) { A_DAY.to_owned() } else { "0".to_owned() });
    // The newest file sent is the usual start, once there is one.
    Effect::new(move |had: Option<bool>| {
        let has = sent.with(|s| !s.is_empty());
        if had == Some(false) && has {
            since.set("0".to_owned());
        }
        has
    });
    let day = RwSignal::new((wall_today() - chrono::Duration::days(7)).to_string());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = since.get_untracked();
        let asked = match chosen.parse::<usize>().ok().and_then(|n| sent.with_untracked(|s| s.get(n).cloned())) {
            Some(file) => Export::SinceSent(file),
            None => match parse_date(&day.get_untracked()).filter(|d| *d <= wall_today()) {
                Some(day) => Export::SinceDay(day),
                None => return error.set(Some(words.all().changes_day_invalid.to_owned())),
            },
        };
        export.run(asked);
    };
    let file_label = move |day: NaiveDate| (words.all().since_file_sent)(&words.all().long_day(day));
    view! {
        <form class="changes-since" aria-label=move || words.all().export_changes novalidate on:submit=submit>
            <FormField id="changes-since" label=|w| w.all().changes_since value=since>
                {move || sent.get().into_iter().enumerate().map(|(n, file)| view! {
                    <option value=n.to_string()>{file_label(file.day)}</option>
                }).collect_view()}
                <option value=A_DAY>{move || words.all().since_a_day}</option>
            </FormField>
            <Show when=move || since.get() == A_DAY>
                <FormField id="changes-day" label=|w| w.all().first_day_of_changes kind="date" value=day error
                    on_edit=Callback::new(move |()| error.set(None)) />
            </Show>
            <div class="actions">
                <button type="submit">{move || words.all().export_changes}</button>
            </div>
        </form>
    }
}
