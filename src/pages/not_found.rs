//! An address no page answers to: say so and offer the way back.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::use_texts;

#[component]
pub fn NotFound(asked: String) -> impl IntoView {
    let words = use_texts();
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page_not_found) />
            <p>{move || (words.all().no_page_at)(&asked)}</p>
            <p><a href=Page::Today.href()>{move || words.all().go_to_today}</a></p>
        </section>
    }
}
