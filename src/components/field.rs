//! One form field: its label, its control, and why the value was refused
//! beside it, wired for screen readers (`aria-invalid` while refused,
//! `aria-describedby` naming the reason). Every form's fields are these.

use leptos::html::Input;
use leptos::prelude::*;

use crate::state::{use_texts, Words};

/// A text-like input (`kind`: text, date, time, number, …); with `multiline`
/// a textarea; with children (its options) a select.
#[component]
pub fn FormField(
    #[prop(into)] id: String,
    /// Its words: the day's (`words.t()`) on a volunteer's page, any
    /// (`words.all()`) on the others.
    label: fn(Words) -> &'static str,
    value: RwSignal<String>,
    /// Why the value was refused, if it was.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional, into)] min: Option<String>,
    #[prop(optional, into)] max: Option<String>,
    #[prop(optional)] multiline: bool,
    /// Called after each edit (to clear a refusal, say).
    #[prop(optional)]
    on_edit: Option<Callback<()>>,
    /// Called when an edit is done (the field left, Enter pressed).
    #[prop(optional)]
    on_commit: Option<Callback<()>>,
    #[prop(optional)] input_ref: NodeRef<Input>,
    #[prop(optional)] children: Option<ChildrenFn>,
) -> impl IntoView {
    let words = use_texts();
    let error_id = format!("{id}-error");
    let invalid = move || error.with(Option::is_some).to_string();
    let edited = move |text: String| {
        value.set(text);
        if let Some(on_edit) = on_edit {
            on_edit.run(());
        }
    };
    let committed = move |_| {
        if let Some(on_commit) = on_commit {
            on_commit.run(());
        }
    };
    let control = match (children, multiline) {
        (Some(options), _) => view! {
            <select id=id.clone() prop:value=move || value.get() on:change=move |ev| edited(event_target_value(&ev))
                aria-invalid=invalid aria-describedby=error_id.clone()>
                {options()}
            </select>
        }
        .into_any(),
        (None, true) => view! {
            <textarea id=id.clone() rows="3" prop:value=move || value.get() on:input=move |ev| edited(event_target_value(&ev))
                aria-invalid=invalid aria-describedby=error_id.clone()></textarea>
        }
        .into_any(),
        (None, false) => view! {
            <input id=id.clone() type=kind autocomplete=autocomplete inputmode=inputmode min=min max=max node_ref=input_ref
                prop:value=move || value.get() on:input=move |ev| edited(event_target_value(&ev)) on:change=committed
                aria-invalid=invalid aria-describedby=error_id.clone() />
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{move || label(words)}</label>
            {control}
            <p id=error_id class="field-error">{move || error.get()}</p>
        </div>
    }
}

/// What an empty list says: "Loading…" until the saved data is read, then `text`.
#[component]
pub fn EmptyList(text: fn(Words) -> &'static str) -> impl IntoView {
    let words = use_texts();
    let store = expect_context::<crate::state::Store>();
    view! { <p class="empty">{move || if store.loaded.get() { text(words) } else { words.t().loading }}</p> }
}
