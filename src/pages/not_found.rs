//! An address no page answers to: say so and offer the way back.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::AppState;

#[component]
pub fn NotFound(asked: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || state.t().page_not_found) />
            <p>{move || (state.t().no_page_at)(&asked)}</p>
            <p><a href=Page::Today.href()>{move || state.t().go_to_today}</a></p>
        </section>
    }
}
