//! Functions: the kinds of task the group shares (café, kitchen, instructor…),
//! each with its staff contact and how many people a shift needs.

use flok_core::model::{Function, FunctionError};
use flok_core::Id;
use leptos::html::Input;
use leptos::prelude::*;

use crate::components::adding::{focus_on_open, AddPanel, PersonOptions, SaveOrCancel};
use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::AppState;

#[component]
pub fn FunctionsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let functions: Memo<Vec<(Id, Function)>> = Memo::new(move |_| state.replica.with(Function::by_name));
    // The function being edited: one form open at a time.
    let editing = RwSignal::new(None::<Id>);

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || state.t().page(Page::Functions)) />
            <AddPanel
                label=|t| t.add_function
                form=|on_added, on_cancel| view! { <FunctionForm editing=None on_added on_cancel /> }
            />
            <Show
                when=move || functions.with(|listed| !listed.is_empty())
                fallback=move || {
                    let t = state.t();
                    view! { <p class="empty">{if state.loaded.get() { t.no_functions_yet } else { t.loading }}</p> }
                }
            >
                <ul class="functions" aria-label=move || state.t().all_functions>
                    <For each=move || functions.get() key=|(id, f)| (*id, f.name.clone(), f.needed, f.contact) let:entry>
                        <FunctionRow id=entry.0 function=entry.1 editing=editing />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// One function: its name and summary, or its form while being edited.
#[component]
fn FunctionRow(id: Id, function: Function, editing: RwSignal<Option<Id>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = function.name.clone();
    let summary = move || {
        let contact = function.contact.and_then(|c| state.person(c)).map(|p| p.name.to_string());
        (state.t().function_summary)(contact.as_deref(), function.needed)
    };
    let done = Callback::new(move |_| editing.set(None));
    view! {
        <li class="function">
            <Show
                when=move || editing.get() == Some(id)
                fallback=move || {
                    let name = name.clone();
                    let label = name.clone();
                    view! {
                        <div class="row">
                            <div>
                                <p class="function-name">{name}</p>
                                <p class="function-summary">{summary}</p>
                            </div>
                            <button type="button" aria-label=move || (state.t().edit_named)(&label) on:click=move |_| editing.set(Some(id))>
                                {move || state.t().edit}
                            </button>
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
    let state = expect_context::<AppState>();
    let saved = editing.and_then(|id| state.replica.with_untracked(|r| r.read::<Function>(id)));
    let name = RwSignal::new(saved.as_ref().map(|f| f.name.clone()).unwrap_or_default());
    let contact = RwSignal::new(saved.as_ref().and_then(|f| f.contact).map(|c| c.to_string()).unwrap_or_default());
    let needed = RwSignal::new(saved.as_ref().map_or(1, |f| f.needed).to_string());
    let field_id =
        move |field: &str| format!("function-{}-{field}", editing.map(|id| id.to_string()).unwrap_or("new".into()));
    let error = RwSignal::new(None::<FunctionError>);
    let input = NodeRef::<Input>::new();
    focus_on_open(input);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let contact = contact.get_untracked().parse::<Id>().ok();
        match state.save_function(editing, &name.get_untracked(), contact, &needed.get_untracked()) {
            Ok(()) => on_added.run(name.get_untracked().trim().to_owned()),
            Err(refused) => error.set(Some(refused)),
        }
    };
    let message = move |which: FunctionError| {
        let t = state.t();
        error.get().filter(|e| *e == which).map(|e| match e {
            FunctionError::NoName => t.function_needs_name.to_owned(),
            FunctionError::Needed => (t.needed_range)(Function::MAX_NEEDED),
        })
    };

    view! {
        <form
            class="card"
            aria-label=move || match &saved {
                Some(f) => (state.t().edit_named)(&f.name),
                None => state.t().new_function.to_owned(),
            }
            novalidate
            on:submit=submit
        >
            <div class="field">
                <label for=field_id("name")>{move || state.t().name}</label>
                <input
                    id=field_id("name")
                    type="text"
                    autocomplete="off"
                    node_ref=input
                    prop:value=move || name.get()
                    on:input=move |ev| {
                        name.set(event_target_value(&ev));
                        error.set(None);
                    }
                    aria-invalid=move || (error.get() == Some(FunctionError::NoName)).to_string()
                    aria-describedby=field_id("name-error")
                />
                <p id=field_id("name-error") class="field-error">{move || message(FunctionError::NoName)}</p>
            </div>
            <div class="field">
                <label for=field_id("contact")>{move || state.t().staff_contact}</label>
                <select id=field_id("contact") on:change=move |ev| contact.set(event_target_value(&ev))>
                    <option value="">{move || state.t().no_contact}</option>
                    <PersonOptions selected=Signal::derive(move || contact.get().parse::<Id>().ok()) />
                </select>
            </div>
            <div class="field">
                <label for=field_id("needed")>{move || state.t().people_needed}</label>
                <input
                    id=field_id("needed")
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max=Function::MAX_NEEDED
                    prop:value=move || needed.get()
                    on:input=move |ev| {
                        needed.set(event_target_value(&ev));
                        error.set(None);
                    }
                    aria-invalid=move || (error.get() == Some(FunctionError::Needed)).to_string()
                    aria-describedby=field_id("needed-error")
                />
                <p id=field_id("needed-error") class="field-error">{move || message(FunctionError::Needed)}</p>
            </div>
            <SaveOrCancel on_cancel />
        </form>
    }
}
