//! The start page. Until shifts exist it points a new group to its first step.

use leptos::prelude::*;

use flok_core::model::Person;

use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::AppState;

#[component]
pub fn TodayPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = move || state.replica.with(|replica| Person::by_name(replica).len());
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Page::Today.label() />
            {move || match count() {
                0 if !state.loaded.get() => view! { <p class="empty">"Loading…"</p> }.into_any(),
                0 => view! {
                    <p>"Welcome to Flok. Start by adding the people of your group."</p>
                    <p><a class="button" href=Page::People.href()>"Go to People"</a></p>
                }.into_any(),
                1 => view! { <p>"1 person in the group."</p> }.into_any(),
                n => view! { <p>{n} " people in the group."</p> }.into_any(),
            }}
            <p class="coming">"Shifts and check-in are coming soon."</p>
        </section>
    }
}
