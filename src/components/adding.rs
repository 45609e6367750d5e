//! Shared pieces of the forms that add and choose records.

use flok_core::model::{Function, Person};
use flok_core::{Entity, Id};
use leptos::html::Input;
use leptos::prelude::*;

use crate::i18n::AllTexts;
use crate::state::{use_store, use_texts};

/// An "Add …" button that opens a form, and the status line that says what
/// was added. `form` gets what to call once added (with the name) or cancelled.
#[component]
pub fn AddPanel<F, V>(label: fn(&AllTexts) -> &'static str, form: F) -> impl IntoView
where
    F: Fn(Callback<String>, Callback<()>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let words = use_texts();
    let open = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let on_added = Callback::new(move |name: String| {
        status.set((words.all().added)(&name));
        open.set(false);
    });
    let on_cancel = Callback::new(move |()| open.set(false));
    view! {
        <button
            type="button"
            class="primary"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| {
                open.set(true);
                status.set(String::new());
            }
        >
            {move || label(words.all())}
        </button>
        {move || open.get().then(|| form(on_added, on_cancel))}
        <p class="status" role="status">{move || status.get()}</p>
    }
}

/// Everyone in the group as `<option>`s, alphabetically, `selected` marked.
/// Keyed, so an option stays put (and stays chosen) when another tab or a
/// sync adds a person while the picker is open.
#[component]
pub fn PersonOptions(#[prop(into)] selected: Signal<Option<Id>>) -> impl IntoView {
    let store = use_store();
    let people = Memo::new(move |_| {
        store.track(&[Person::KIND]);
        store.with_untracked(Person::by_name).into_iter().map(|(id, p)| (id, String::from(p.name))).collect::<Vec<_>>()
    });
    view! {
        <For each=move || people.get() key=|entry| entry.clone() let:entry>
            <option value=entry.0.to_string() prop:selected=move || selected.get() == Some(entry.0)>{entry.1}</option>
        </For>
    }
}

/// The functions still done (not retired) as `<option>`s, alphabetically,
/// `selected` marked; keyed like [`PersonOptions`].
#[component]
pub fn FunctionOptions(#[prop(into)] selected: Signal<Option<Id>>) -> impl IntoView {
    let store = use_store();
    let functions = Memo::new(move |_| {
        store.track(&[Function::KIND]);
        store.with_untracked(Function::in_use).into_iter().map(|(id, f)| (id, f.name)).collect::<Vec<_>>()
    });
    view! {
        <For each=move || functions.get() key=|entry| entry.clone() let:entry>
            <option value=entry.0.to_string() prop:selected=move || selected.get() == Some(entry.0)>{entry.1}</option>
        </For>
    }
}

/// A picker's chosen id, from the text its value holds.
pub fn chosen(value: RwSignal<String>) -> Signal<Option<Id>> {
    Signal::derive(move || value.get().parse::<Id>().ok())
}

/// A form's Save (which submits it) and Cancel.
#[component]
pub fn SaveOrCancel(on_cancel: Callback<()>) -> impl IntoView {
    let words = use_texts();
    view! {
        <div class="actions">
            <button type="submit" class="primary">{move || words.all().save}</button>
            <button type="button" on:click=move |_| on_cancel.run(())>{move || words.all().cancel}</button>
        </div>
    }
}

/// Puts the cursor in `input` as soon as its form opens.
pub fn focus_on_open(input: NodeRef<Input>) {
    Effect::new(move || {
        if let Some(field) = input.get() {
            let _ = field.focus();
        }
    });
}
