//! The shell: header, navigation, the current page, and the data notice.

use leptos::prelude::*;

use crate::arrivals::Arrivals;
use crate::components::nav::MainNav;
use crate::components::notice::{DataNotice, ExportReminder, SaveState, UpdateNotice};
use crate::pages::{
    agreements::AgreementsPage, competences::CompetencesPage, events::EventsPage, follow_ups::FollowUpsPage,
    functions::FunctionsPage, join::JoinPage, kiosk::KioskPage, my_shifts::MyShiftsPage, not_found::NotFound,
    open::OpenPage, open_slots::OpenSlotsPage, people::PeoplePage, person::PersonPage, plan::PlanPage,
    reports::ReportsPage, roster::RosterPage, settings::SettingsPage, today::TodayPage,
};
use crate::route::{Page, Route};
use crate::state::{self, use_store, use_texts};
use crate::storage::{self, Migration};

fn current_route() -> Route {
    Route::from_hash(&window().location().hash().unwrap_or_default())
}

/// What sets a build apart.
#[derive(Clone, Copy)]
struct Build {
    /// The view of a route, or `None` for a page only the whole app has.
    pages: fn(&Route) -> Option<AnyView>,
    /// How it moves data an earlier build kept as one value: only the whole
    /// app can, and the small build opens it when it meets such data.
    migration: Option<Migration>,
}

/// The whole app: every page.
#[component]
pub fn App() -> impl IntoView {
    // Files shared to Flok or opened with it arrive here (the loader starts
    // the whole app for them).
    provide_context(Arrivals::start());
    view! { <Shell app=Build { pages: every_page, migration: Some(storage::migration) } /> }
}

/// A volunteer's day (Today, My shifts, Open slots): the small first
/// download. Any other page opens the whole app in its place.
#[component]
pub fn VolunteerApp() -> impl IntoView {
    view! { <Shell app=Build { pages: volunteer_page, migration: None } /> }
}

fn every_page(route: &Route) -> Option<AnyView> {
    Some(match route.clone() {
        Route::Page(Page::Today) => view! { <TodayPage /> }.into_any(),
        Route::Page(Page::MyShifts) => view! { <MyShiftsPage /> }.into_any(),
        Route::Page(Page::OpenSlots) => view! { <OpenSlotsPage /> }.into_any(),
        Route::Page(Page::Plan) => view! { <PlanPage /> }.into_any(),
        Route::Page(Page::Events) => view! { <EventsPage /> }.into_any(),
        Route::Person(id) => view! { <PersonPage id /> }.into_any(),
        Route::Join(invitation) => view! { <JoinPage invitation /> }.into_any(),
        Route::Page(Page::Open) => view! { <OpenPage /> }.into_any(),
        Route::Page(Page::Agreements) => view! { <AgreementsPage /> }.into_any(),
        Route::Page(Page::Roster) => view! { <RosterPage /> }.into_any(),
        Route::Page(Page::FollowUps) => view! { <FollowUpsPage /> }.into_any(),
        Route::Page(Page::Competences) => view! { <CompetencesPage /> }.into_any(),
        Route::Page(Page::Reports) => view! { <ReportsPage /> }.into_any(),
        Route::Page(Page::Kiosk) => view! { <KioskPage /> }.into_any(),
        Route::Page(Page::People) => view! { <PeoplePage /> }.into_any(),
        Route::Page(Page::Functions) => view! { <FunctionsPage /> }.into_any(),
        Route::Page(Page::Settings) => view! { <SettingsPage /> }.into_any(),
        Route::NotFound(asked) => view! { <NotFound asked=asked /> }.into_any(),
    })
}

fn volunteer_page(route: &Route) -> Option<AnyView> {
    match route {
        Route::Page(Page::Today) => Some(view! { <TodayPage /> }.into_any()),
        Route::Page(Page::MyShifts) => Some(view! { <MyShiftsPage /> }.into_any()),
        Route::Page(Page::OpenSlots) => Some(view! { <OpenSlotsPage /> }.into_any()),
        _ => None,
    }
}

/// Header, navigation, notices and the page the address names.
#[component]
fn Shell(app: Build) -> impl IntoView {
    state::provide(app.migration);
    let (store, words) = (use_store(), use_texts());

    // Closing the tab while a save is being written could lose it: ask first.
    let _ = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if store.saving.get_untracked() > 0 {
            ev.prevent_default();
            ev.set_return_value(words.t().still_saving);
        }
    });

    let update_ready = RwSignal::new(false);
    crate::pwa::register(update_ready);

    let route = RwSignal::new(current_route());
    // The listener lives as long as the page: the app is never unmounted.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| route.set(current_route()));

    // The page's language is the interface's, for screen readers and hyphenation.
    Effect::new(move || {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", words.lang().code());
        }
    });

    // Keep the window title in step, and after a navigation move focus to the
    // new page's heading so a screen reader announces where the person is.
    Effect::new(move |previous: Option<Route>| {
        let now = route.get();
        let t = words.t();
        let title = match &now {
            Route::Page(page) => format!("{} · Flok", t.page(*page)),
            Route::Person(id) => format!("{} · Flok", store.name_of(*id)),
            Route::Join(_) => format!("{} · Flok", t.join_a_group),
            Route::NotFound(_) => format!("{} · Flok", t.page_not_found),
        };
        document().set_title(&title);
        // In the next frame: focusing lays the page out at once, which
        // here would add to the task that built it (on a slow phone, a
        // long page's layout is as long as its building).
        if previous.is_some_and(|before| before != now) {
            request_animation_frame(focus_page_heading);
        }
        now
    });

    // The kiosk is full screen: no header, no navigation, no reminders.
    let in_kiosk = move || route.get() == Route::Page(Page::Kiosk);

    view! {
        <a class="skip-link" href="#page-heading" on:click=|ev| { ev.prevent_default(); focus_page_heading(); }>
            {move || words.t().skip_to_content}
        </a>
        <Show when=move || !in_kiosk()>
            <header class="app-header">
                <div class="brand-row">
                    <p class="brand">"Flok"</p>
                    <SaveState />
                </div>
                <MainNav route=route />
            </header>
        </Show>
        <main id="main" class:kiosk-main=in_kiosk>
            <DataNotice />
            <UpdateNotice ready=update_ready />
            <Show when=move || !in_kiosk()>
                <ExportReminder />
            </Show>
            // A page this build lacks, or data only the whole app can move:
            // the whole app shows it.
            {move || (app.pages)(&route.get()).filter(|_| !store.needs_whole_app()).unwrap_or_else(|| {
                crate::builds::open_whole_app(store);
                view! { <p class="empty">{move || words.t().loading}</p> }.into_any()
            })}
        </main>
    }
}

fn focus_page_heading() {
    use leptos::wasm_bindgen::JsCast;
    if let Some(heading) =
        document().get_element_by_id("page-heading").and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        let _ = heading.focus();
    }
}
