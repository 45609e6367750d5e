//! An address no page answers to: say so and offer the way back.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::route::Page;

#[component]
pub fn NotFound(asked: String) -> impl IntoView {
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text="Page not found" />
            <p>"Flok has no page at “" {asked} "”."</p>
            <p><a href=Page::Today.href()>"Go to Today"</a></p>
        </section>
    }
}
