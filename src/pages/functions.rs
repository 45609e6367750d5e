//! Functions: the kinds of task the group shares (café, kitchen, instructor…),
//! each with its staff contact and how many people a shift needs.

use flok_core::model::{Function, FunctionError};
use flok_core::Id;
use leptos::html::Input;
use leptos::prelude::*;

use crate::components::adding::{AddPanel, PersonOptions};
use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::AppState;

#[component]
pub fn FunctionsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let functions: Memo<Vec<(Id, Function)>> = Memo::new(move |_| state.replica.with(Function::by_name));

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || state.t().page(Page::Functions)) />
            <AddPanel
                label=|t| t.add_function
                form=|on_added, on_cancel| view! { <AddFunctionForm on_added on_cancel /> }
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
                        <li class="function">
                            <p class="function-name">{entry.1.name.clone()}</p>
                            <p class="function-summary">
                                {move || {
                                    let contact = entry.1.contact.and_then(|c| state.person(c)).map(|p| p.name.to_string());
                                    (state.t().function_summary)(contact.as_deref(), entry.1.needed)
                                }}
                            </p>
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn AddFunctionForm(on_added: Callback<String>, on_cancel: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let needed = RwSignal::new("1".to_owned());
    let error = RwSignal::new(None::<FunctionError>);
    let input = NodeRef::<Input>::new();
    Effect::new(move || {
        if let Some(field) = input.get() {
            let _ = field.focus();
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let contact = contact.get_untracked().parse::<Id>().ok();
        match state.add_function(&name.get_untracked(), contact, &needed.get_untracked()) {
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
        <form class="card" aria-label=move || state.t().new_function novalidate on:submit=submit>
            <div class="field">
                <label for="function-name">{move || state.t().name}</label>
                <input
                    id="function-name"
                    type="text"
                    autocomplete="off"
                    node_ref=input
                    prop:value=move || name.get()
                    on:input=move |ev| {
                        name.set(event_target_value(&ev));
                        error.set(None);
                    }
                    aria-invalid=move || (error.get() == Some(FunctionError::NoName)).to_string()
                    aria-describedby="function-name-error"
                />
                <p id="function-name-error" class="field-error">{move || message(FunctionError::NoName)}</p>
            </div>
            <div class="field">
                <label for="function-contact">{move || state.t().staff_contact}</label>
                <select id="function-contact" on:change=move |ev| contact.set(event_target_value(&ev))>
                    <option value="">{move || state.t().no_contact}</option>
                    <PersonOptions />
                </select>
            </div>
            <div class="field">
                <label for="function-needed">{move || state.t().people_needed}</label>
                <input
                    id="function-needed"
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
                    aria-describedby="function-needed-error"
                />
                <p id="function-needed-error" class="field-error">{move || message(FunctionError::Needed)}</p>
            </div>
            <div class="actions">
                <button type="submit" class="primary">{move || state.t().save}</button>
                <button type="button" on:click=move |_| on_cancel.run(())>{move || state.t().cancel}</button>
            </div>
        </form>
    }
}
