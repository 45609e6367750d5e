//! The start page. On a new device it asks the group's name and who is using
//! it; afterwards it greets that person. (Shifts and check-in come next.)

use flok_core::model::Person;
use flok_core::Id;
use leptos::prelude::*;

use crate::components::adding::PersonOptions;
use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::AppState;

#[component]
pub fn TodayPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let me = move || state.me.get().and_then(|id| state.person(id));
    let count = move || state.replica.with(|replica| replica.all::<Person>().len());
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || state.t().page(Page::Today)) />
            {move || {
                let t = state.t();
                if !state.loaded.get() {
                    return view! { <p class="empty">{t.loading}</p> }.into_any();
                }
                match me() {
                    None => view! { <GettingStarted /> }.into_any(),
                    Some(person) => {
                        let group = state.settings().group_name;
                        view! {
                            <p class="greeting">{(t.hello)(person.name.as_str())}</p>
                            {(!group.is_empty()).then(|| view! { <p class="group-name">{group}</p> })}
                            <p>{(t.people_in_group)(count())}</p>
                            <p><a class="button" href=Page::People.href()>{t.go_to_people}</a></p>
                        }
                            .into_any()
                    }
                }
            }}
            <p class="coming">{move || state.t().shifts_coming}</p>
        </section>
    }
}

/// The first questions on a new device: the group's name, and who you are
/// (someone already in the group, or someone new).
#[component]
fn GettingStarted() -> impl IntoView {
    let state = expect_context::<AppState>();
    const NEW: &str = "new";
    let group = RwSignal::new(state.settings().group_name);
    let who = RwSignal::new(NEW.to_owned());
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = who.get_untracked();
        if chosen == NEW {
            if let Err(refused) = state.add_me(&name.get_untracked()) {
                error.set(Some(state.t().name_error(&refused)));
                return;
            }
        } else if let Ok(id) = chosen.parse::<Id>() {
            state.set_me(Some(id));
        }
        state.set_group_name(&group.get_untracked());
    };

    view! {
        <p>{move || state.t().welcome}</p>
        <form class="card" aria-label=move || state.t().getting_started novalidate on:submit=submit>
            <div class="field">
                <label for="group-name">{move || state.t().group_name}</label>
                <input id="group-name" type="text" autocomplete="organization"
                    prop:value=move || group.get() on:input=move |ev| group.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="who-am-i">{move || state.t().who_are_you}</label>
                <select id="who-am-i" on:change=move |ev| who.set(event_target_value(&ev))>
                    <option value=NEW selected=move || who.get() == NEW>{move || state.t().i_am_new}</option>
                    <PersonOptions />
                </select>
            </div>
            <Show when=move || who.get() == NEW>
                <div class="field">
                    <label for="my-name">{move || state.t().your_name}</label>
                    <input
                        id="my-name"
                        type="text"
                        autocomplete="name"
                        prop:value=move || name.get()
                        on:input=move |ev| {
                            name.set(event_target_value(&ev));
                            error.set(None);
                        }
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        aria-describedby="my-name-error"
                    />
                    <p id="my-name-error" class="field-error">{move || error.get()}</p>
                </div>
            </Show>
            <div class="actions">
                <button type="submit" class="primary">{move || state.t().start}</button>
            </div>
        </form>
    }
}
