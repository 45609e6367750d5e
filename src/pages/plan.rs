//! Plan: the coordinator's planning pages, each a link with its name and a
//! line on what it is for.

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::use_texts;

#[component]
pub fn PlanPage() -> impl IntoView {
    let words = use_texts();
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page(Page::Plan)) />
            <nav aria-label=move || words.all().planning>
                <ul class="plan-list">
                    {Page::PLANNING.into_iter().map(|page| view! {
                        <li class="card">
                            <a class="plan-link" href=page.href()>{move || words.all().page(page)}</a>
                            <p class="help">{move || words.all().page_purpose(page)}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </nav>
        </section>
    }
}
