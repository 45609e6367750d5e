//! Shared pieces of the forms that add and choose records.

use flok_core::model::Person;
use flok_core::Id;
use leptos::html::Input;
use leptos::prelude::*;

use crate::i18n::Texts;
use crate::state::AppState;

/// An "Add …" button that opens a form, and the status line that says what
/// was added. `form` gets what to call once added (with the name) or cancelled.
#[component]
pub fn AddPanel<F, V>(label: fn(&Texts) -> &'static str, form: F) -> impl IntoView
where
    F: Fn(Callback<String>, Callback<()>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let on_added = Callback::new(move |name: String| {
        status.set((state.t().added)(&name));
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
            {move || label(state.t())}
        </button>
        {move || open.get().then(|| form(on_added, on_cancel))}
        <p class="status" role="status">{move || status.get()}</p>
    }
}

/// Everyone in the group as `<option>`s, alphabetically; `selected` marks one.
#[component]
pub fn PersonOptions(#[prop(optional, into)] selected: Option<Signal<Option<Id>>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state
            .replica
            .with(Person::by_name)
            .into_iter()
            .map(|(id, person)| {
                let chosen = move || selected.is_some_and(|s| s.get() == Some(id));
                view! { <option value=id.to_string() selected=chosen>{person.name.to_string()}</option> }
            })
            .collect_view()
    }
}

/// A form's Save (which submits it) and Cancel.
#[component]
pub fn SaveOrCancel(on_cancel: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="actions">
            <button type="submit" class="primary">{move || state.t().save}</button>
            <button type="button" on:click=move |_| on_cancel.run(())>{move || state.t().cancel}</button>
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
