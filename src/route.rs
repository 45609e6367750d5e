//! Which page the address shows.
//!
//! Pages live in the URL fragment (`#/people`): a static host serves
//! `index.html` for every fragment, so a reload on any screen works on any
//! plain file server, with no rewrite rules (Leptos's router has no hash mode).

use flok_core::Id;

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Today,
    MyShifts,
    OpenSlots,
    /// The coordinator's planning pages, one tap away from the bar.
    Plan,
    People,
    Functions,
    Agreements,
    Events,
    Roster,
    FollowUps,
    Competences,
    Reports,
    Settings,
    /// Full screen at the counter; reached from Settings, not the navigation.
    Kiosk,
    /// Where a file shared to Flok, or opened with it, is imported.
    Open,
}

/// Where the address points: a page, one person's page, or a fragment no
/// page answers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Page(Page),
    Person(Id),
    /// An invitation to join a group (`#/join/<invitation>`).
    Join(String),
    NotFound(String),
}

impl Page {
    pub const ALL: [Page; 15] = [
        Page::Today,
        Page::MyShifts,
        Page::OpenSlots,
        Page::Plan,
        Page::People,
        Page::Functions,
        Page::Agreements,
        Page::Events,
        Page::Roster,
        Page::FollowUps,
        Page::Competences,
        Page::Reports,
        Page::Settings,
        Page::Kiosk,
        Page::Open,
    ];

    /// The bar every phone shows: a volunteer's four places, and Plan in
    /// coordinator mode.
    pub const BAR: [Page; 5] = [Page::Today, Page::MyShifts, Page::OpenSlots, Page::Plan, Page::Settings];

    /// The planning pages behind Plan, in the order it lists them.
    pub const PLANNING: [Page; 8] = [
        Page::Roster,
        Page::People,
        Page::Agreements,
        Page::Events,
        Page::Functions,
        Page::FollowUps,
        Page::Competences,
        Page::Reports,
    ];

    /// Whether the page is for coordinators (the bar shows Plan only in
    /// coordinator mode).
    pub fn for_coordinators(self) -> bool {
        self == Page::Plan || Self::PLANNING.contains(&self)
    }

    /// The fragment path segment, stable across languages so links keep working.
    pub fn slug(self) -> &'static str {
        match self {
            Page::Today => "today",
            Page::MyShifts => "my-shifts",
            Page::OpenSlots => "open-slots",
            Page::Plan => "plan",
            Page::People => "people",
            Page::Functions => "functions",
            Page::Agreements => "agreements",
            Page::Events => "events",
            Page::Roster => "roster",
            Page::FollowUps => "follow-ups",
            Page::Competences => "competences",
            Page::Reports => "reports",
            Page::Settings => "settings",
            Page::Kiosk => "kiosk",
            Page::Open => "open",
        }
    }

    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }
}

impl Route {
    /// The join page without an invitation: open a file, or paste a link.
    pub fn join_href() -> String {
        "#/join".to_owned()
    }

    /// The address of one person's page.
    pub fn person_href(id: Id) -> String {
        format!("#/people/{id}")
    }

    /// Reads `location.hash`. An empty fragment is the start page; a trailing
    /// slash or a query after the path is tolerated, as people paste links.
    /// `#/people/<id>` is that person's page; `#/join/…` an invitation.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split('?').next().unwrap_or_default();
        let mut parts = path.split('/');
        let path = parts.next().unwrap_or_default();
        if path.is_empty() {
            return Route::Page(Page::Today);
        }
        if path == "join" {
            return Route::Join(parts.collect::<Vec<_>>().join("/"));
        }
        if path == Page::People.slug() {
            if let Some(Ok(id)) = parts.next().map(str::parse::<Id>) {
                return Route::Person(id);
            }
        }
        Page::ALL
            .into_iter()
            .find(|page| page.slug() == path)
            .map_or_else(|| Route::NotFound(hash.to_owned()), Route::Page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_address_opens_today() {
        assert_eq!(Route::from_hash(""), Route::Page(Page::Today));
        assert_eq!(Route::from_hash("#"), Route::Page(Page::Today));
        assert_eq!(Route::from_hash("#/"), Route::Page(Page::Today));
    }

    #[test]
    fn every_page_is_found_by_its_own_link() {
        for page in Page::ALL {
            assert_eq!(Route::from_hash(&page.href()), Route::Page(page));
        }
    }

    #[test]
    fn joining_without_an_invitation_is_the_join_page() {
        assert_eq!(Route::from_hash(&Route::join_href()), Route::Join(String::new()));
        assert_eq!(Route::from_hash("#/join/"), Route::Join(String::new()));
    }

    #[test]
    fn a_trailing_slash_or_query_is_tolerated() {
        assert_eq!(Route::from_hash("#/people/"), Route::Page(Page::People));
        assert_eq!(Route::from_hash("#/people?x=1"), Route::Page(Page::People));
    }

    #[test]
    fn a_person_has_a_page_of_their_own() {
        let id = Id::from_u128(7);
        assert_eq!(Route::from_hash(&Route::person_href(id)), Route::Person(id));
        assert_eq!(Route::from_hash("#/people/not-an-id"), Route::Page(Page::People));
        assert_eq!(Route::from_hash(&format!("#/functions/{id}")), Route::Page(Page::Functions));
    }

    #[test]
    fn the_bar_and_plan_reach_every_page_but_the_kiosk_and_open() {
        for page in Page::ALL {
            let reached = Page::BAR.contains(&page) || Page::PLANNING.contains(&page);
            assert_eq!(reached, ![Page::Kiosk, Page::Open].contains(&page), "{page:?}");
        }
    }

    #[test]
    fn an_invitation_keeps_all_it_carries() {
        assert_eq!(Route::from_hash("#/join/1.abc.def"), Route::Join("1.abc.def".into()));
        assert_eq!(Route::from_hash("#/join"), Route::Join(String::new()));
    }

    #[test]
    fn an_unknown_page_is_not_found_and_keeps_what_was_asked() {
        assert_eq!(Route::from_hash("#/nowhere"), Route::NotFound("#/nowhere".into()));
    }

    #[test]
    fn slugs_are_unique() {
        let mut slugs: Vec<_> = Page::ALL.iter().map(|p| p.slug()).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), Page::ALL.len());
    }
}
