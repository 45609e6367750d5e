//! The main navigation: every page one tap away, wrapping on a narrow phone
//! rather than hiding pages behind a horizontal scroll.

use leptos::prelude::*;

use crate::route::{Page, Route};

#[component]
pub fn MainNav(route: RwSignal<Route>) -> impl IntoView {
    view! {
        <nav aria-label="Main">
            <ul class="main-nav">
                {Page::ALL
                    .into_iter()
                    .map(|page| {
                        let current = move || (route.get() == Route::Page(page)).then_some("page");
                        view! {
                            <li>
                                <a href=page.href() aria-current=current>{page.label()}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
