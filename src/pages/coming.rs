//! A page whose feature has not landed yet says so plainly.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::route::Page;

#[component]
pub fn Coming(page: Page) -> impl IntoView {
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=page.label() />
            <p class="coming">"Coming soon: this part of Flok is being built."</p>
        </section>
    }
}
