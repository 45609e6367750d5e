//! A page whose feature has not landed yet says so plainly.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::AppState;

#[component]
pub fn Coming(page: Page) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || state.t().page(page)) />
            <p class="coming">{move || state.t().coming_soon}</p>
        </section>
    }
}
