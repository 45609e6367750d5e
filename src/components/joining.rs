//! A new phone's first questions. Two doors: start a new group, or join
//! the group you are in (the join page: open the file you received, or its
//! invitation).
//! Once the group's data is here, "Who are you?" lists its people; a new
//! person is added only after that list was shown, so no one becomes two.

use flok_core::model::Person;
use flok_core::Entity;
use leptos::prelude::*;

use crate::components::field::FormField;
use crate::route::{Page, Route};
use crate::state::{use_device, use_store, use_texts};

/// The first screen of an empty phone. Joining is a page of its own
/// (`#/join`): the whole app's, as it opens files (see `builds.rs`).
#[component]
pub fn Welcome() -> impl IntoView {
    let words = use_texts();
    let starting = RwSignal::new(false);
    let join = |_| {
        let _ = window().location().set_hash(&Route::join_href()[1..]);
    };
    view! {
        <p>{move || words.t().welcome}</p>
        <div class="actions doors">
            <button type="button" class="primary" aria-pressed=move || starting.get().to_string()
                on:click=move |_| starting.set(true)>{move || words.t().start_new_group}</button>
            <button type="button" class:primary=move || !starting.get() on:click=join>{move || words.t().join_my_group}</button>
        </div>
        <Show when=move || starting.get()>
            <StartGroup />
        </Show>
    }
}

/// A new group: its name, and the first person (who uses this phone).
#[component]
fn StartGroup() -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let group = RwSignal::new(store.settings_untracked().group_name);
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match store.add_person(&name.get_untracked()) {
            Ok((id, _)) => {
                store.set_group_name(&group.get_untracked());
                // Whoever starts a group plans it.
                device.set_coordinator(true);
                device.set_me(Some(id));
            }
            Err(refused) => error.set(Some(words.t().name_error(&refused))),
        }
    };
    view! {
        <form class="card" aria-label=move || words.t().getting_started novalidate on:submit=submit>
            <FormField id="group-name" label=|w| w.t().group_name autocomplete="organization" value=group />
            <FormField id="my-name" label=|w| w.t().your_name autocomplete="name" value=name error
                on_edit=Callback::new(move |()| error.set(None)) />
            <div class="actions">
                <button type="submit" class="primary">{move || words.t().start}</button>
            </div>
        </form>
    }
}

/// Who uses this phone: one of the group's people, or (after seeing them
/// all) someone new.
#[component]
pub fn WhoAreYou() -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let find = RwSignal::new(String::new());
    let people = move || store.with(&[Person::KIND], Person::by_name);
    let adding = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // Chosen from a page an invitation or a shared file opened: their day next.
    let i_am = move |id| {
        device.set_me(Some(id));
        let _ = window().location().set_hash(&Page::Today.href()[1..]);
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match store.add_person(&name.get_untracked()) {
            Ok((id, _)) => i_am(id),
            Err(refused) => error.set(Some(words.t().name_error(&refused))),
        }
    };
    view! {
        <section class="card" aria-labelledby="who-heading">
            <h2 id="who-heading">{move || words.t().who_are_you}</h2>
            <p>{move || words.t().tap_your_name}</p>
            <Show when=move || { people().len() > 8 }>
                <FormField id="find-me" label=|w| w.t().find_your_name kind="search" value=find />
            </Show>
            <ul class="who-list" aria-labelledby="who-heading">
                {move || {
                    let query = find.get();
                    people()
                        .into_iter()
                        .filter(|(_, p)| p.matches(&query))
                        .map(|(id, p)| view! {
                            <li><button type="button" on:click=move |_| i_am(id)>{p.name.to_string()}</button></li>
                        })
                        .collect_view()
                }}
            </ul>
            <Show when=move || !adding.get()>
                <div class="actions">
                    <button type="button" on:click=move |_| adding.set(true)>{move || words.t().not_on_the_list}</button>
                </div>
            </Show>
            <Show when=move || adding.get()>
                <form aria-label=move || words.t().not_on_the_list novalidate on:submit=add>
                    <FormField id="my-name" label=|w| w.t().your_name autocomplete="name" value=name error
                        on_edit=Callback::new(move |()| error.set(None)) />
                    <div class="actions">
                        <button type="submit" class="primary">{move || words.t().add_me}</button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
