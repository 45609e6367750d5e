//! People: add a person by name and see everyone, alphabetically.

use flok_core::model::Person;
use flok_core::Id;
use leptos::html::Input;
use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::AppState;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let form_open = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let people: Memo<Vec<(Id, Person)>> = Memo::new(move |_| state.replica.with(Person::by_name));

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || state.t().page(Page::People)) />
            <button
                type="button"
                class="primary"
                aria-expanded=move || form_open.get().to_string()
                on:click=move |_| {
                    form_open.set(true);
                    status.set(String::new());
                }
            >
                {move || state.t().add_person}
            </button>
            <Show when=move || form_open.get()>
                <AddPersonForm
                    on_added=move |name| {
                        status.set((state.t().added)(&name));
                        form_open.set(false);
                    }
                    on_cancel=move || form_open.set(false)
                />
            </Show>
            <p class="status" role="status">{move || status.get()}</p>
            <Show
                when=move || people.with(|listed| !listed.is_empty())
                fallback=move || {
                    let t = state.t();
                    view! { <p class="empty">{if state.loaded.get() { t.no_one_yet } else { t.loading }}</p> }
                }
            >
                <ul class="people" aria-label=move || state.t().everyone_in_group>
                    <For each=move || people.get() key=|(id, _)| *id let:entry>
                        <li class="person">{entry.1.name.to_string()}</li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn AddPersonForm(on_added: impl Fn(String) + Copy + 'static, on_cancel: impl Fn() + Copy + 'static) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<Input>::new();
    // Put the cursor in the field as soon as the form opens.
    Effect::new(move || {
        if let Some(field) = input.get() {
            let _ = field.focus();
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match state.add_person(&name.get_untracked()) {
            Ok(added) => on_added(added.to_string()),
            Err(refused) => {
                error.set(Some(state.t().name_error(&refused)));
                if let Some(field) = input.get_untracked() {
                    let _ = field.focus();
                }
            }
        }
    };

    view! {
        <form class="card" aria-label=move || state.t().new_person novalidate on:submit=submit>
            <div class="field">
                <label for="person-name">{move || state.t().name}</label>
                <input
                    id="person-name"
                    type="text"
                    autocomplete="off"
                    node_ref=input
                    prop:value=move || name.get()
                    on:input=move |ev| {
                        name.set(event_target_value(&ev));
                        error.set(None);
                    }
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby="person-name-error"
                />
                <p id="person-name-error" class="field-error">
                    {move || error.get()}
                </p>
            </div>
            <div class="actions">
                <button type="submit" class="primary">{move || state.t().save}</button>
                <button type="button" on:click=move |_| on_cancel()>{move || state.t().cancel}</button>
            </div>
        </form>
    }
}
