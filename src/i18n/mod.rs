//! The app's words, in Danish and English.
//!
//! Each language is one [`Texts`] value; a word missing from either is a
//! compile error, so no screen shows a key or an untranslated sentence.
//! Sentences with numbers or names are functions, so each language can put
//! them in its own order. Plain Rust: tested natively.

mod da;
mod en;

use flok_core::export::ImportError;
use flok_core::model::NameError;

use crate::route::Page;

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Da,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    /// The BCP 47 code, for `<html lang>` and the stored choice.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language a browser asks for: Danish when its first preference is
    /// Danish (`da`, `da-DK`), English otherwise.
    pub fn from_browser<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Lang {
        let first = preferences.into_iter().next().unwrap_or_default();
        let primary = first.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("da") {
            Lang::Da
        } else {
            Lang::En
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Da => &da::DA,
            Lang::En => &en::EN,
        }
    }
}

/// Every word the interface shows, in one language.
pub struct Texts {
    /// The language's own name, for the language switch.
    pub language_name: &'static str,
    pub skip_to_content: &'static str,
    pub main_navigation: &'static str,
    pub today: &'static str,
    pub my_shifts: &'static str,
    pub open_slots: &'static str,
    pub people: &'static str,
    pub functions: &'static str,
    pub reports: &'static str,
    pub settings: &'static str,
    pub page_not_found: &'static str,
    pub no_page_at: fn(&str) -> String,
    pub go_to_today: &'static str,
    pub coming_soon: &'static str,
    pub loading: &'static str,
    pub dismiss: &'static str,
    pub cancel: &'static str,
    pub save: &'static str,

    // Saving and keeping data.
    pub saving: &'static str,
    pub all_saved: &'static str,
    pub not_saved: &'static str,
    pub still_saving: &'static str,
    pub export_reminder: &'static str,
    pub never_exported: &'static str,
    pub last_exported_on: fn(&str) -> String,
    pub why_export: &'static str,
    pub export_in_settings: &'static str,
    pub storage_unavailable: &'static str,
    pub stored_data_unreadable: fn(reason: &str, kept_as: &str) -> String,
    pub save_failed: fn(cause: &str) -> String,
    pub cause_unavailable: &'static str,
    pub cause_full: &'static str,

    // Today, and getting started on a new device.
    pub welcome: &'static str,
    pub getting_started: &'static str,
    pub group_name: &'static str,
    pub who_are_you: &'static str,
    pub i_am_new: &'static str,
    pub your_name: &'static str,
    pub start: &'static str,
    pub hello: fn(&str) -> String,
    pub this_device: &'static str,
    pub who_uses_device: &'static str,
    pub no_one_chosen: &'static str,
    pub go_to_people: &'static str,
    pub people_in_group: fn(usize) -> String,
    pub shifts_coming: &'static str,

    // People.
    pub add_person: &'static str,
    pub new_person: &'static str,
    pub name: &'static str,
    pub everyone_in_group: &'static str,
    pub no_one_yet: &'static str,
    pub added: fn(&str) -> String,
    pub name_required: &'static str,
    pub name_too_long: fn(max: usize, actual: usize) -> String,
    pub search_by_name: &'static str,
    pub no_one_matches: &'static str,
    pub details_of: fn(&str) -> String,
    pub phone: &'static str,
    pub email: &'static str,
    pub note_private: &'static str,
    pub details_saved: &'static str,
    pub pause_from: &'static str,
    pub return_date: &'static str,
    pub pause: &'static str,
    pub return_before_pause: &'static str,
    pub date_out_of_range: &'static str,
    pub mark_as_left: &'static str,
    pub take_back: &'static str,
    pub status_paused: fn(from: &str, until: Option<&str>) -> String,
    pub status_left: fn(on: &str) -> String,
    pub delete: &'static str,
    pub delete_question: fn(&str) -> String,
    pub delete_for_good: &'static str,
    pub keep: &'static str,
    pub deleted_person: fn(&str) -> String,
    pub undo: &'static str,

    // Functions.
    pub add_function: &'static str,
    pub new_function: &'static str,
    pub staff_contact: &'static str,
    pub no_contact: &'static str,
    pub people_needed: &'static str,
    pub function_needs_name: &'static str,
    pub needed_range: fn(max: u16) -> String,
    pub all_functions: &'static str,
    pub no_functions_yet: &'static str,
    pub function_summary: fn(contact: Option<&str>, needed: u16) -> String,

    // Settings.
    pub language: &'static str,
    pub follow_browser: &'static str,
    pub your_data: &'static str,
    pub your_data_help: &'static str,
    pub export_data: &'static str,
    pub import_file: &'static str,
    pub reading: fn(&str) -> String,
    pub could_not_save_file: &'static str,
    pub could_not_read_file: &'static str,
    pub refused: fn(reason: &str) -> String,
    pub import_preview: &'static str,
    pub import_changes: &'static str,
    pub import_scroll_region: &'static str,
    pub records: &'static str,
    pub new: &'static str,
    pub changed: &'static str,
    pub deleted: &'static str,
    pub older_edits_kept: fn(usize) -> String,
    pub nothing_new_in_file: &'static str,
    pub merge_into_my_data: &'static str,
    pub clock_ahead: fn(records: usize, device: &str, latest: &str) -> String,
    pub imported: fn(new: usize, changed: usize, deleted: usize) -> String,
    pub imported_nothing: &'static str,
    pub keeping_safe: &'static str,
    pub persistent_yes: &'static str,
    pub persistent_no: &'static str,
    pub persistent_asking: &'static str,
    pub last_export_from_device: fn(&str) -> String,
    pub not_exported_yet: &'static str,
    pub reminder_days: &'static str,
    pub reminder_days_invalid: &'static str,
    /// Record kinds in an import preview; unknown kinds show their own name.
    pub kind: fn(&str) -> Option<&'static str>,

    // Why a file was refused.
    pub file_empty: &'static str,
    pub file_too_large: fn(bytes: usize, max: usize) -> String,
    pub file_not_json: &'static str,
    pub file_truncated: &'static str,
    pub file_damaged: fn(detail: &str) -> String,
    pub file_foreign: &'static str,
    pub file_newer: fn(found: &str) -> String,
}

impl Texts {
    /// Why a file was refused, as a sentence.
    pub fn import_error(&self, error: &ImportError) -> String {
        match error {
            ImportError::Empty => self.file_empty.into(),
            ImportError::TooLarge { bytes, max } => (self.file_too_large)(*bytes, *max),
            ImportError::NotJson => self.file_not_json.into(),
            ImportError::Truncated => self.file_truncated.into(),
            // The detail names a path in the file: for whoever repairs it.
            ImportError::Corrupt(detail) => (self.file_damaged)(detail),
            ImportError::Foreign => self.file_foreign.into(),
            ImportError::NewerVersion { found } => (self.file_newer)(found),
        }
    }

    /// Why a name was refused, as a sentence beside the field.
    pub fn name_error(&self, error: &NameError) -> String {
        match error {
            NameError::Empty => self.name_required.into(),
            NameError::TooLong { max, actual } => (self.name_too_long)(*max, *actual),
        }
    }

    /// A page's name in navigation, headings and the window title.
    pub fn page(&self, page: Page) -> &'static str {
        match page {
            Page::Today => self.today,
            Page::MyShifts => self.my_shifts,
            Page::OpenSlots => self.open_slots,
            Page::People => self.people,
            Page::Functions => self.functions,
            Page::Reports => self.reports,
            Page::Settings => self.settings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_browsers_get_danish_and_everyone_else_english() {
        assert_eq!(Lang::from_browser(["da-DK", "en"]), Lang::Da);
        assert_eq!(Lang::from_browser(["da"]), Lang::Da);
        assert_eq!(Lang::from_browser(["DA_dk"]), Lang::Da);
        assert_eq!(Lang::from_browser(["en-US", "da"]), Lang::En);
        assert_eq!(Lang::from_browser(["sv-SE"]), Lang::En);
        assert_eq!(Lang::from_browser([]), Lang::En);
    }

    #[test]
    fn a_stored_choice_reads_back() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
    }

    #[test]
    fn the_languages_differ_and_every_page_has_a_name() {
        for page in Page::ALL {
            assert!(!Lang::Da.texts().page(page).is_empty());
            assert!(!Lang::En.texts().page(page).is_empty());
        }
        assert_ne!(Lang::Da.texts().add_person, Lang::En.texts().add_person);
        assert_eq!((Lang::Da.texts().people_in_group)(1), "1 person i gruppen.");
        assert_eq!((Lang::En.texts().people_in_group)(2), "2 people in the group.");
    }
}
