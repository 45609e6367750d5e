//! The one `<h1>` of each page; focus moves here after a navigation.

use leptos::prelude::*;

#[component]
pub fn PageHeading(#[prop(into)] text: Signal<&'static str>) -> impl IntoView {
    view! { <h1 id="page-heading" tabindex="-1">{text}</h1> }
}
