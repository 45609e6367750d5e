//! The main navigation: one row a phone shows at the top of every page, the
//! volunteer's four places and, in coordinator mode, Plan, behind which the
//! planning pages wait. A planning page marks Plan as the section it is in.

use leptos::prelude::*;

use crate::route::{Page, Route};
use crate::state::{use_device, use_texts};

#[component]
pub fn MainNav(route: RwSignal<Route>) -> impl IntoView {
    let (device, words) = (use_device(), use_texts());
    let current = move |page: Page| match route.get() {
        Route::Page(now) if now == page => Some("page"),
        Route::Page(now) if page == Page::Plan && Page::PLANNING.contains(&now) => Some("true"),
        Route::Person(_) if page == Page::Plan => Some("true"),
        _ => None,
    };
    view! {
        <nav aria-label=move || words.t().main_navigation>
            <ul class="main-nav">
                {move || Page::BAR
                    .into_iter()
                    .filter(|page| device.coordinator.get() || !page.for_coordinators())
                    .map(|page| view! {
                        <li>
                            <a href=page.href() aria-current=move || current(page)>{move || words.t().page(page)}</a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
