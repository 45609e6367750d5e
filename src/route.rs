//! Which page the address shows.
//!
//! Pages live in the URL fragment (`#/people`): a static host serves
//! `index.html` for every fragment, so a reload on any screen works on any
//! plain file server, with no rewrite rules (Leptos's router has no hash mode).

/// A page of the app, in the order the navigation lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Today,
    MyShifts,
    OpenSlots,
    People,
    Functions,
    Agreements,
    Roster,
    FollowUps,
    Competences,
    Reports,
    Settings,
    /// Full screen at the counter; reached from Settings, not the navigation.
    Kiosk,
}

/// Where the address points: a page, or a fragment no page answers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Page(Page),
    NotFound(String),
}

impl Page {
    pub const ALL: [Page; 12] = [
        Page::Today,
        Page::MyShifts,
        Page::OpenSlots,
        Page::People,
        Page::Functions,
        Page::Agreements,
        Page::Roster,
        Page::FollowUps,
        Page::Competences,
        Page::Reports,
        Page::Settings,
        Page::Kiosk,
    ];

    /// Whether the navigation lists the page only in coordinator mode.
    pub fn for_coordinators(self) -> bool {
        matches!(
            self,
            Page::People
                | Page::Functions
                | Page::Agreements
                | Page::Roster
                | Page::FollowUps
                | Page::Competences
                | Page::Reports
        )
    }

    /// Whether the navigation lists the page at all.
    pub fn in_navigation(self) -> bool {
        self != Page::Kiosk
    }

    /// The fragment path segment, stable across languages so links keep working.
    pub fn slug(self) -> &'static str {
        match self {
            Page::Today => "today",
            Page::MyShifts => "my-shifts",
            Page::OpenSlots => "open-slots",
            Page::People => "people",
            Page::Functions => "functions",
            Page::Agreements => "agreements",
            Page::Roster => "roster",
            Page::FollowUps => "follow-ups",
            Page::Competences => "competences",
            Page::Reports => "reports",
            Page::Settings => "settings",
            Page::Kiosk => "kiosk",
        }
    }

    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }
}

impl Route {
    /// Reads `location.hash`. An empty fragment is the start page; a trailing
    /// slash or a query after the path is tolerated, as people paste links.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?', '/']).next().unwrap_or_default();
        if path.is_empty() {
            return Route::Page(Page::Today);
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
    fn a_trailing_slash_or_query_is_tolerated() {
        assert_eq!(Route::from_hash("#/people/"), Route::Page(Page::People));
        assert_eq!(Route::from_hash("#/people?x=1"), Route::Page(Page::People));
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
