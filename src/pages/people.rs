//! People: add a person by name and see everyone, alphabetically.

use flok_core::model::{Person, Status};
use flok_core::Id;
use leptos::html::Input;
use leptos::prelude::*;

use crate::components::adding::{focus_on_open, AddPanel, SaveOrCancel};
use crate::components::page_heading::PageHeading;
use crate::components::status::StatusControls;
use crate::i18n::Texts;
use crate::route::Page;
use crate::state::AppState;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(String::new());
    let people: Memo<Vec<(Id, Person)>> = Memo::new(move |_| state.replica.with(Person::by_name));
    // Those matching the search, less one whose deletion waits out the undo window.
    let shown = Memo::new(move |_| {
        let waiting = state.pending_deletion.with(|p| p.as_ref().map(|(id, _)| *id));
        query.with(|q| {
            people.with(|all| {
                all.iter().filter(|(id, p)| Some(*id) != waiting && p.matches(q)).cloned().collect::<Vec<_>>()
            })
        })
    });

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || state.t().page(Page::People)) />
            <AddPanel
                label=|t| t.add_person
                form=|on_added, on_cancel| view! { <AddPersonForm on_added on_cancel /> }
            />
            <DeletionToast />
            <Show when=move || people.with(|listed| !listed.is_empty())>
                <div class="field">
                    <label for="people-search">{move || state.t().search_by_name}</label>
                    <input
                        id="people-search"
                        type="search"
                        autocomplete="off"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                </div>
            </Show>
            <Show
                when=move || people.with(|listed| !listed.is_empty())
                fallback=move || {
                    let t = state.t();
                    view! { <p class="empty">{if state.loaded.get() { t.no_one_yet } else { t.loading }}</p> }
                }
            >
                <ul class="people" aria-label=move || state.t().everyone_in_group>
                    <For each=move || shown.get() key=|(id, _)| *id let:entry>
                        <PersonRow id=entry.0 />
                    </For>
                </ul>
                <Show when=move || shown.with(Vec::is_empty)>
                    <p class="empty">{move || state.t().no_one_matches}</p>
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn AddPersonForm(on_added: Callback<String>, on_cancel: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<Input>::new();
    focus_on_open(input);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match state.add_person(&name.get_untracked()) {
            Ok(added) => on_added.run(added.to_string()),
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
            <SaveOrCancel on_cancel />
        </form>
    }
}

/// One person in the list: their name opens their details.
#[component]
fn PersonRow(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let person = Memo::new(move |_| state.person(id));
    view! {
        <li class="person">
            <button
                type="button"
                class="person-name"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || person.with(|p| p.as_ref().map(|p| p.name.to_string()))}
            </button>
            {move || {
                person
                    .with(|p| p.as_ref().and_then(|p| status_text(state.t(), &p.status)))
                    .map(|text| view! { <p class="person-status">{text}</p> })
            }}
            <Show when=move || open.get()>
                <PersonDetails id=id />
            </Show>
        </li>
    }
}

fn status_text(t: &Texts, status: &Status) -> Option<String> {
    match status {
        Status::Active => None,
        Status::Paused { from, until } => {
            Some((t.status_paused)(&t.short_day(*from), until.map(|d| t.short_day(d)).as_deref()))
        }
        Status::Left { on } => Some((t.status_left)(&t.short_day(*on))),
    }
}

/// A person's details: edit them, pause or mark as left, or delete.
#[component]
fn PersonDetails(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(person) = state.person(id) else { return ().into_any() };
    let text = |value: &Option<String>| RwSignal::new(value.clone().unwrap_or_default());
    let (name, phone, email, note) =
        (RwSignal::new(person.name.to_string()), text(&person.phone), text(&person.email), text(&person.note));
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let field_id = |field: &str| format!("person-{id}-{field}");

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = state.edit_person(
            id,
            &name.get_untracked(),
            &phone.get_untracked(),
            &email.get_untracked(),
            &note.get_untracked(),
        );
        saved.set(result.is_ok());
        error.set(result.err().map(|refused| state.t().name_error(&refused)));
    };
    let input = move |signal: RwSignal<String>| {
        move |ev| {
            signal.set(event_target_value(&ev));
            saved.set(false);
        }
    };
    let name_error_id = field_id("name-error");
    // The form is named for the person as saved, not as being typed.
    let saved_name = move || state.name_of(id);

    view! {
        <div class="card person-details">
            <form aria-label=move || (state.t().details_of)(&saved_name()) novalidate on:submit=submit>
                <div class="field">
                    <label for=field_id("name")>{move || state.t().name}</label>
                    <input
                        id=field_id("name")
                        type="text"
                        autocomplete="off"
                        prop:value=move || name.get()
                        on:input=input(name)
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        aria-describedby=name_error_id.clone()
                    />
                    <p id=name_error_id class="field-error">{move || error.get()}</p>
                </div>
                <div class="field">
                    <label for=field_id("phone")>{move || state.t().phone}</label>
                    <input id=field_id("phone") type="tel" autocomplete="off" prop:value=move || phone.get() on:input=input(phone) />
                </div>
                <div class="field">
                    <label for=field_id("email")>{move || state.t().email}</label>
                    <input id=field_id("email") type="email" autocomplete="off" prop:value=move || email.get() on:input=input(email) />
                </div>
                <div class="field">
                    <label for=field_id("note")>{move || state.t().note_private}</label>
                    <textarea id=field_id("note") rows="3" prop:value=move || note.get() on:input=input(note)></textarea>
                </div>
                <div class="actions">
                    <button type="submit" class="primary">{move || state.t().save}</button>
                </div>
                <p class="status" role="status">{move || saved.get().then(|| state.t().details_saved)}</p>
            </form>
            <StatusControls id=id can_leave=true />
            <DeleteControls id=id />
        </div>
    }
    .into_any()
}

/// Delete, after a question that says what deleting means.
#[component]
fn DeleteControls(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let asking = RwSignal::new(false);
    let name = move || state.name_of(id);
    view! {
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <div class="actions">
                    <button type="button" class="danger" on:click=move |_| asking.set(true)>
                        {move || state.t().delete}
                    </button>
                </div>
            }
        >
            <div class="confirm" role="group" aria-label=move || state.t().delete>
                <p>{move || (state.t().delete_question)(&name())}</p>
                <div class="actions">
                    <button type="button" class="danger" on:click=move |_| state.delete_person_soon(id, name())>
                        {move || state.t().delete_for_good}
                    </button>
                    <button type="button" on:click=move |_| asking.set(false)>{move || state.t().keep}</button>
                </div>
            </div>
        </Show>
    }
}

/// "Anna is deleted. Undo" while the deletion waits.
#[component]
fn DeletionToast() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.pending_deletion.get().map(|(_, name)| {
            let t = state.t();
            view! {
                <div class="toast" role="status">
                    <p>{(t.deleted_person)(&name)}</p>
                    <button type="button" on:click=move |_| state.undo_deletion()>{t.undo}</button>
                </div>
            }
        })
    }
}
