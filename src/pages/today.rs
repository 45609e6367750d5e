//! The start page. Until shifts exist it points a new group to its first step.

use flok_core::model::Person;
use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::AppState;

#[component]
pub fn TodayPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = move || state.replica.with(|replica| replica.all::<Person>().len());
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || state.t().page(Page::Today)) />
            {move || {
                let t = state.t();
                match count() {
                    0 if !state.loaded.get() => view! { <p class="empty">{t.loading}</p> }.into_any(),
                    0 => view! {
                        <p>{t.welcome}</p>
                        <p><a class="button" href=Page::People.href()>{t.go_to_people}</a></p>
                    }.into_any(),
                    n => view! { <p>{(t.people_in_group)(n)}</p> }.into_any(),
                }
            }}
            <p class="coming">{move || state.t().shifts_coming}</p>
        </section>
    }
}
