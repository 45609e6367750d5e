//! The main navigation: every page one tap away, wrapping on a narrow phone
//! rather than hiding pages behind a horizontal scroll. The coordinator pages
//! show in coordinator mode only, so a volunteer sees a short menu.

use leptos::prelude::*;

use crate::route::{Page, Route};
use crate::state::{use_device, use_texts};

#[component]
pub fn MainNav(route: RwSignal<Route>) -> impl IntoView {
    let (device, words) = (use_device(), use_texts());
    view! {
        <nav aria-label=move || words.t().main_navigation>
            <ul class="main-nav">
                {move || Page::ALL
                    .into_iter()
                    .filter(|page| page.in_navigation() && (device.coordinator.get() || !page.for_coordinators()))
                    .map(|page| {
                        let current = move || (route.get() == Route::Page(page)).then_some("page");
                        view! {
                            <li>
                                <a href=page.href() aria-current=current>{move || words.t().page(page)}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
