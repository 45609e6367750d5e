//! Functions: the kinds of task the group shares (café, kitchen, instructor…),
//! each with its staff contact and how many people a shift needs.

use flok_core::model::{Agreement, Function, FunctionError, Person};
use flok_core::{Entity, Id};
use leptos::html::Input;
use leptos::prelude::*;

use crate::components::adding::{chosen, focus_on_open, AddPanel, PersonOptions, SaveOrCancel};
use crate::components::field::{EmptyList, FormField};
use crate::components::page_heading::PageHeading;
use crate::components::write_to::WriteToEveryone;
use crate::renders::rendered;
use crate::route::Page;
use crate::state::{use_store, use_texts};

#[component]
pub fn FunctionsPage() -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let functions: Memo<Vec<(Id, Function)>> = Memo::new(move |_| {
        rendered("functions-list");
        store.with(&[Function::KIND], Function::by_name)
    });
    // The function being edited: one form open at a time.
    let editing = RwSignal::new(None::<Id>);

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page(Page::Functions)) />
            <AddPanel
                label=|t| t.add_function
                form=|on_added, on_cancel| view! { <FunctionForm editing=None on_added on_cancel /> }
            />
            <Show
                when=move || functions.with(|listed| !listed.is_empty())
                fallback=|| view! { <EmptyList text=|w| w.all().no_functions_yet /> }
            >
                <ul class="functions" aria-label=move || words.all().all_functions>
                    <For each=move || functions.get() key=|(id, f)| (*id, f.name.clone(), f.needed, f.contact, f.retired, f.description.clone()) let:entry>
                        <FunctionRow id=entry.0 function=entry.1 editing=editing />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// Everyone with an agreement in the function, to write to at once.
fn doing(store: crate::state::Store, function: Id) -> Vec<Id> {
    store.with(&[Agreement::KIND], |r| {
        r.all::<Agreement>().iter().filter(|(_, a)| a.function == function).map(|(_, a)| a.person).collect()
    })
}

/// One function: its name and summary, or its form while being edited.
#[component]
fn FunctionRow(id: Id, function: Function, editing: RwSignal<Option<Id>>) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let name = function.name.clone();
    let (retired, description) = (function.retired, function.description.clone());
    let summary = move || {
        let contact = function.contact.and_then(|c| store.read::<Person>(c)).map(|p| p.name.to_string());
        let summary = (words.all().function_summary)(contact.as_deref(), function.needed);
        if retired {
            format!("{summary} · {}", words.all().retired)
        } else {
            summary
        }
    };
    let done = Callback::new(move |_| editing.set(None));
    view! {
        <li class="function">
            <Show
                when=move || editing.get() == Some(id)
                fallback=move || {
                    let name = name.clone();
                    let (label, retire_label) = (name.clone(), name.clone());
                    let everyone = (words.all().everyone_in)(&name);
                    let description = description.clone();
                    view! {
                        <div class="row">
                            <div>
                                <p class="function-name">{name}</p>
                                <p class="function-summary">{summary}</p>
                                {description.map(|d| view! { <p class="shift-description">{d}</p> })}
                                <WriteToEveryone people=Signal::derive(move || doing(store, id)) label=everyone />
                            </div>
                            <div class="actions">
                                <button type="button" aria-label=move || (words.all().edit_named)(&label) on:click=move |_| editing.set(Some(id))>
                                    {move || words.all().edit}
                                </button>
                                <button type="button" on:click=move |_| store.retire_function(id, !retired)
                                    aria-label=move || {
                                        let t = words.all();
                                        if retired { (t.bring_back_named)(&retire_label) } else { (t.retire_named)(&retire_label) }
                                    }>
                                    {move || if retired { words.all().bring_back } else { words.all().retire }}
                                </button>
                            </div>
                        </div>
                    }
                }
            >
                <FunctionForm editing=Some(id) on_added=done on_cancel=Callback::new(move |()| editing.set(None)) />
            </Show>
        </li>
    }
}

/// Adds a function, or with `editing` changes one.
#[component]
fn FunctionForm(editing: Option<Id>, on_added: Callback<String>, on_cancel: Callback<()>) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let saved = editing.and_then(|id| store.with_untracked(|r| r.read::<Function>(id)));
    let name = RwSignal::new(saved.as_ref().map(|f| f.name.clone()).unwrap_or_default());
    let contact = RwSignal::new(saved.as_ref().and_then(|f| f.contact).map(|c| c.to_string()).unwrap_or_default());
    let needed = RwSignal::new(saved.as_ref().map_or(1, |f| f.needed).to_string());
    let description = RwSignal::new(saved.as_ref().and_then(|f| f.description.clone()).unwrap_or_default());
    let field_id =
        move |field: &str| format!("function-{}-{field}", editing.map(|id| id.to_string()).unwrap_or("new".into()));
    let error = RwSignal::new(None::<FunctionError>);
    let input = NodeRef::<Input>::new();
    focus_on_open(input);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let contact = contact.get_untracked().parse::<Id>().ok();
        let texts = (name.get_untracked(), description.get_untracked());
        match store.save_function(editing, (&texts.0, &texts.1), contact, &needed.get_untracked()) {
            Ok(()) => on_added.run(name.get_untracked().trim().to_owned()),
            Err(refused) => error.set(Some(refused)),
        }
    };
    let message = move |which: FunctionError| {
        Signal::derive(move || {
            let t = words.all();
            error.get().filter(|e| *e == which).map(|e| match e {
                FunctionError::NoName => t.function_needs_name.to_owned(),
                FunctionError::Needed => (t.needed_range)(Function::MAX_NEEDED),
            })
        })
    };
    let clear = Callback::new(move |()| error.set(None));

    view! {
        <form
            class="card"
            aria-label=move || match &saved {
                Some(f) => (words.all().edit_named)(&f.name),
                None => words.all().new_function.to_owned(),
            }
            novalidate
            on:submit=submit
        >
            <FormField id=field_id("name") label=|w| w.all().name value=name error=message(FunctionError::NoName)
                input_ref=input on_edit=clear />
            <FormField id=field_id("contact") label=|w| w.all().staff_contact value=contact>
                <option value="">{move || words.all().no_contact}</option>
                <PersonOptions selected=chosen(contact) />
            </FormField>
            <FormField id=field_id("needed") label=|w| w.all().people_needed kind="number" inputmode="numeric"
                min="1" max=Function::MAX_NEEDED.to_string() value=needed error=message(FunctionError::Needed) on_edit=clear />
            <FormField id=field_id("description") label=|w| w.all().description_optional value=description multiline=true />
            <SaveOrCancel on_cancel />
        </form>
    }
}
