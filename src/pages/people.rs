//! People: add a person by name and see everyone, alphabetically.

use flok_core::model::{Person, Status};
use flok_core::{Entity, Id};
use leptos::html::Input;
use leptos::prelude::*;

use crate::components::adding::{focus_on_open, AddPanel, SaveOrCancel};
use crate::components::field::{EmptyList, FormField};
use crate::components::page_heading::PageHeading;
use crate::components::status::StatusControls;
use crate::i18n::AllTexts;
use crate::renders::rendered;
use crate::route::Page;
use crate::slices::rows_in_parts;
use crate::state::{use_deletion, use_store, use_texts};

#[component]
pub fn PeoplePage() -> impl IntoView {
    let (store, words, deletion) = (use_store(), use_texts(), use_deletion());
    let query = RwSignal::new(String::new());
    // Read when people change, and only then (not when someone checks in).
    let people: Memo<Vec<(Id, Person)>> = Memo::new(move |_| {
        rendered("people-list");
        store.with(&[Person::KIND], Person::by_name)
    });
    // Those matching the search, less one whose deletion waits out the undo window.
    let shown = Memo::new(move |_| {
        let waiting = deletion.pending.with(|p| p.as_ref().map(|(id, _)| *id));
        query.with(|q| {
            people.with(|all| {
                all.iter().filter(|(id, p)| Some(*id) != waiting && p.matches(q)).map(|(id, _)| *id).collect::<Vec<_>>()
            })
        })
    });
    let drawn = rows_in_parts(Signal::derive(move || shown.with(Vec::len)));

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page(Page::People)) />
            <AddPanel
                label=|t| t.add_person
                form=|on_added, on_cancel| view! { <AddPersonForm on_added on_cancel /> }
            />
            <DeletionToast />
            <Show when=move || people.with(|listed| !listed.is_empty())>
                <FormField id="people-search" label=|w| w.all().search_by_name kind="search" value=query />
            </Show>
            <Show
                when=move || people.with(|listed| !listed.is_empty())
                fallback=|| view! { <EmptyList text=|w| w.all().no_one_yet /> }
            >
                <ul class="people" aria-label=move || words.all().everyone_in_group>
                    <For each=move || shown.with(|ids| ids.iter().take(drawn.get()).copied().collect::<Vec<_>>()) key=|id| *id let:id>
                        <PersonRow id people />
                    </For>
                </ul>
                <Show when=move || shown.with(Vec::is_empty)>
                    <p class="empty">{move || words.all().no_one_matches}</p>
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn AddPersonForm(on_added: Callback<String>, on_cancel: Callback<()>) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<Input>::new();
    focus_on_open(input);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match store.add_person(&name.get_untracked()) {
            Ok((_, added)) => on_added.run(added.to_string()),
            Err(refused) => {
                error.set(Some(words.all().name_error(&refused)));
                if let Some(field) = input.get_untracked() {
                    let _ = field.focus();
                }
            }
        }
    };

    view! {
        <form class="card" aria-label=move || words.all().new_person novalidate on:submit=submit>
            <FormField id="person-name" label=|w| w.all().name value=name error input_ref=input
                on_edit=Callback::new(move |()| error.set(None)) />
            <SaveOrCancel on_cancel />
        </form>
    }
}

/// One person in the list: their name opens their details.
#[component]
fn PersonRow(id: Id, people: Memo<Vec<(Id, Person)>>) -> impl IntoView {
    let words = use_texts();
    let open = RwSignal::new(false);
    // Its person, taken from the list already read (not parsed again): the
    // row re-renders only when its own person changed.
    let person = Memo::new(move |_| people.with(|all| all.iter().find(|(at, _)| *at == id).map(|(_, p)| p.clone())));
    view! {
        <li class="person">
            <button
                type="button"
                class="person-name"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || {
                    rendered("person-row");
                    person.with(|p| p.as_ref().map(|p| p.name.to_string()))
                }}
            </button>
            {move || {
                person
                    .with(|p| p.as_ref().and_then(|p| status_text(words.all(), &p.status)))
                    .map(|text| view! { <p class="person-status">{text}</p> })
            }}
            <Show when=move || open.get()>
                <PersonDetails id=id />
            </Show>
        </li>
    }
}

fn status_text(t: &AllTexts, status: &Status) -> Option<String> {
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
    let (store, words) = (use_store(), use_texts());
    let Some(person) = store.with_untracked(|r| r.read::<Person>(id)) else { return ().into_any() };
    let text = |value: &Option<String>| RwSignal::new(value.clone().unwrap_or_default());
    let (name, phone, email, note) =
        (RwSignal::new(person.name.to_string()), text(&person.phone), text(&person.email), text(&person.note));
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let field_id = |field: &str| format!("person-{id}-{field}");

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = store.edit_person(
            id,
            &name.get_untracked(),
            &phone.get_untracked(),
            &email.get_untracked(),
            &note.get_untracked(),
        );
        saved.set(result.is_ok());
        error.set(result.err().map(|refused| words.all().name_error(&refused)));
    };
    let edited = Callback::new(move |()| saved.set(false));
    // The form is named for the person as saved, not as being typed.
    let saved_name = move || store.name_of(id);

    view! {
        <div class="card person-details">
            <form aria-label=move || (words.all().details_of)(&saved_name()) novalidate on:submit=submit>
                <FormField id=field_id("name") label=|w| w.all().name value=name error on_edit=edited />
                <FormField id=field_id("phone") label=|w| w.all().phone kind="tel" value=phone on_edit=edited />
                <FormField id=field_id("email") label=|w| w.all().email kind="email" value=email on_edit=edited />
                <FormField id=field_id("note") label=|w| w.all().note_private multiline=true value=note on_edit=edited />
                <div class="actions">
                    <button type="submit" class="primary">{move || words.all().save}</button>
                </div>
                <p class="status" role="status">{move || saved.get().then(|| words.all().details_saved)}</p>
            </form>
            <p><a class="button" href=crate::route::Route::person_href(id)>{move || (words.all().open_page_of)(&saved_name())}</a></p>
            <StatusControls id=id can_leave=true />
            <DeleteControls id=id />
        </div>
    }
    .into_any()
}

/// Delete, after a question that says what deleting means.
#[component]
fn DeleteControls(id: Id) -> impl IntoView {
    let (store, words, deletion) = (use_store(), use_texts(), use_deletion());
    let asking = RwSignal::new(false);
    let name = move || store.name_of(id);
    view! {
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <div class="actions">
                    <button type="button" class="danger" on:click=move |_| asking.set(true)>
                        {move || words.all().delete}
                    </button>
                </div>
            }
        >
            <div class="confirm" role="group" aria-label=move || words.all().delete>
                <p>{move || (words.all().delete_question)(&name())}</p>
                <div class="actions">
                    <button type="button" class="danger" on:click=move |_| deletion.soon(id, name())>
                        {move || words.all().delete_for_good}
                    </button>
                    <button type="button" on:click=move |_| asking.set(false)>{move || words.all().keep}</button>
                </div>
            </div>
        </Show>
    }
}

/// "Anna is deleted. Undo" while the deletion waits.
#[component]
fn DeletionToast() -> impl IntoView {
    let (words, deletion) = (use_texts(), use_deletion());
    move || {
        deletion.pending.get().map(|(_, name)| {
            let t = words.all();
            view! {
                <div class="toast" role="status">
                    <p>{(t.deleted_person)(&name)}</p>
                    <button type="button" on:click=move |_| deletion.undo()>{t.undo}</button>
                </div>
            }
        })
    }
}
