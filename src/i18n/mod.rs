//! The app's words, in Danish and English.
//!
//! Each language is two values: [`Texts`], the words of a volunteer's day,
//! and [`AllTexts`], every other word (it derefs to the first). The
//! volunteer's build names only the first, so the linker leaves the rest of
//! both languages out of its download. A word missing from either language
//! is a compile error, so no screen shows a key or an untranslated sentence.
//! Sentences with numbers or names are functions, so each language can put
//! them in its own order. Plain Rust: tested natively.

mod da;
mod en;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};
use flok_core::couch::{SettingsError, SyncError};
use flok_core::duplicates::MergeError;
use flok_core::duty::DutyError;
use flok_core::export::ImportError;
use flok_core::invitation::InvitationError;
use flok_core::model::{CheckOutError, Competence, NameError};
use flok_core::recurrence::{Nth, Recurrence};
use flok_core::sealed::{self, SealError};
use flok_core::{report, Id};

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

    /// The day's words: a build that names no other word leaves the rest
    /// out (the volunteer's build).
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Da => &da::DA,
            Lang::En => &en::EN,
        }
    }

    /// Every word, for the pages only the whole app holds.
    pub fn all_texts(self) -> &'static AllTexts {
        match self {
            Lang::Da => &da::DA_ALL,
            Lang::En => &en::EN_ALL,
        }
    }
}

/// The words of a volunteer's day (Today, My shifts, Open slots and what
/// every page shows), in one language: all the volunteer's build holds.
pub struct Texts {
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
    pub loading: &'static str,
    pub dismiss: &'static str,
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
    /// While the whole app opens to move what an earlier version kept.
    pub moving_earlier_data: &'static str,

    // Today, and getting started on a new device.
    pub welcome: &'static str,
    pub getting_started: &'static str,
    pub group_name: &'static str,
    pub who_are_you: &'static str,
    pub your_name: &'static str,
    pub start: &'static str,
    pub hello: fn(&str) -> String,

    // People.
    pub add_person: &'static str,
    pub name: &'static str,
    pub name_required: &'static str,
    pub name_too_long: fn(max: usize, actual: usize) -> String,
    pub email: &'static str,
    pub pause_from: &'static str,
    pub return_date: &'static str,
    pub pause: &'static str,
    pub return_before_pause: &'static str,
    pub date_out_of_range: &'static str,
    pub mark_as_left: &'static str,
    pub take_back: &'static str,
    pub delete: &'static str,
    pub keep: &'static str,

    // Settings.
    pub language: &'static str,
    pub could_not_save_file: &'static str,
    pub records: &'static str,
    pub add_to_calendar: &'static str,
    pub calendar_help: &'static str,
    /// Record kinds in an import preview; unknown kinds show their own name.
    pub kind: fn(&str) -> Option<&'static str>,

    // Dates and times.
    pub weekdays_short: [&'static str; 7],
    pub months_short: [&'static str; 12],
    pub short_date: fn(weekday: &str, day: u32, month: &str) -> String,
    /// Between hours and minutes: "10:00", "10.00".
    pub time_separator: char,
    pub duration: fn(hours: i64, minutes: i64) -> String,

    // Pages for coordinators, and the mode that shows them.
    pub agreements: &'static str,
    pub roster: &'static str,
    pub follow_ups: &'static str,
    pub competences: &'static str,
    pub kiosk: &'static str,

    // A volunteer's day.
    pub choose_who_you_are: &'static str,
    pub check_in: &'static str,
    pub check_out: &'static str,
    pub on_duty_since: fn(time: &str) -> String,
    pub checked_in_for: fn(function: &str, times: &str) -> String,
    pub checked_in_spontaneous: &'static str,
    pub checked_out_after: fn(duration: &str) -> String,
    pub already_checked_in: &'static str,
    pub not_checked_in: &'static str,
    pub check_out_before_in: &'static str,
    pub shift_over: &'static str,
    pub your_shift_today: fn(function: &str, times: &str) -> String,
    pub next_shifts: &'static str,
    pub no_shifts_coming: &'static str,
    pub news_for_you: &'static str,
    pub cannot_come: fn(person: &str, function: &str, day: &str, times: &str, reason: Option<&str>) -> String,
    pub contact_is: fn(&str) -> String,
    pub buddy_is: fn(&str) -> String,
    pub cancel_this_shift: &'static str,
    pub cancel_shift_on: fn(function: &str, day: &str) -> String,
    pub reason_optional: &'static str,
    pub confirm_cancellation: &'static str,
    pub cancelled_with_notice: fn(hours: i64) -> String,
    pub cancellation_sent: &'static str,
    pub my_hours: &'static str,
    pub this_month: &'static str,
    pub this_year: &'static str,
    pub agreed_and_spontaneous: fn(agreed: &str, spontaneous: &str) -> String,
    pub step_back: &'static str,
    pub step_back_help: &'static str,
    pub show_all_functions: &'static str,
    pub no_open_slots: &'static str,
    pub open_places: fn(u16) -> String,
    pub take_this_slot: &'static str,
    pub slot_taken: fn(function: &str, day: &str) -> String,
    pub no_open_place: &'static str,
    pub not_on_shift: &'static str,
    pub already_on_shift: &'static str,

    // Agreements.
    pub person: &'static str,
    pub function: &'static str,
    pub starts: &'static str,
    pub ends: &'static str,
    pub buddy: &'static str,

    // Roster.
    pub day: &'static str,
    pub expected: &'static str,

    // Competences.
    pub remove: &'static str,

    // Editing a function.
    pub saved: &'static str,

    // A new version of the app.
    pub new_version: &'static str,
    pub new_version_ready: &'static str,
    pub reload_to_update: &'static str,

    // Live sync.
    pub password: &'static str,

    // Why a file was refused.
    pub file_empty: &'static str,
    pub file_too_large: fn(bytes: usize, max: usize) -> String,
    pub file_not_json: &'static str,
    pub file_truncated: &'static str,
    pub file_damaged: fn(detail: &str) -> String,
    pub file_foreign: &'static str,
    pub file_newer: fn(found: &str) -> String,
    pub call: &'static str,
    pub text: &'static str,
    pub call_person: fn(&str) -> String,
    pub text_person: fn(&str) -> String,
    pub email_person: fn(&str) -> String,
    pub closed_because: fn(&str) -> String,
    pub closed_that_day: &'static str,
    pub already_waiting: &'static str,
    pub place_open: &'static str,
    pub time_in_future: &'static str,
    pub plan: &'static str,
    pub events: &'static str,
    pub change: &'static str,
    pub title: &'static str,
    pub date: &'static str,
    pub contact: &'static str,
    pub full_events: &'static str,
    pub event_full: &'static str,
    pub you_have_a_place: &'static str,
    pub put_me_on_waiting_list: &'static str,
    pub leave_waiting_list: &'static str,
    pub on_waiting_list: fn(&str) -> String,
    pub number_on_waiting_list: fn(usize) -> String,
    pub place_offered_to_you: &'static str,
    pub let_it_pass: &'static str,
    pub places_for_you: &'static str,
    /// The first screen's two doors.
    pub start_new_group: &'static str,
    pub join_my_group: &'static str,
    pub tap_your_name: &'static str,
    pub find_your_name: &'static str,
    pub not_on_the_list: &'static str,
    pub add_me: &'static str,
    pub file_not_compressed: &'static str,
    pub file_compressed_damaged: &'static str,
    pub file_unpacks_too_large: fn(usize) -> String,
    pub open_a_file: &'static str,
    /// The page an invitation opens.
    pub join_a_group: &'static str,
    pub reading_history: &'static str,
}

/// Every word the interface shows, in one language: the day's words and
/// those of the pages only the whole app holds.
pub struct AllTexts {
    /// The day's words, which every page also shows.
    pub everyday: &'static Texts,
    /// The language's own name, for the language switch.
    pub language_name: &'static str,
    pub no_page_at: fn(&str) -> String,
    pub go_to_today: &'static str,
    pub cancel: &'static str,

    // Today, and getting started on a new device.
    pub this_device: &'static str,
    pub who_uses_device: &'static str,
    pub no_one_chosen: &'static str,

    // People.
    pub new_person: &'static str,
    pub everyone_in_group: &'static str,
    pub no_one_yet: &'static str,
    pub added: fn(&str) -> String,
    pub search_by_name: &'static str,
    pub no_one_matches: &'static str,
    pub details_of: fn(&str) -> String,
    pub phone: &'static str,
    pub note_private: &'static str,
    pub details_saved: &'static str,
    pub status_paused: fn(from: &str, until: Option<&str>) -> String,
    pub status_left: fn(on: &str) -> String,
    pub delete_question: fn(&str) -> String,
    pub delete_for_good: &'static str,
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
    pub follow_browser: &'static str,
    pub your_data: &'static str,
    pub your_data_help: &'static str,
    pub export_data: &'static str,
    pub export_without_personal: &'static str,
    pub share: &'static str,
    pub import_file: &'static str,
    pub drop_file_here: &'static str,
    pub undo_import: &'static str,
    pub import_undone: &'static str,
    pub encrypted_export: &'static str,
    pub group_passphrase: &'static str,
    pub export_encrypted: &'static str,
    pub wrong_passphrase: &'static str,
    pub open_encrypted_file: &'static str,
    pub file_is_encrypted: &'static str,
    pub open_file: &'static str,
    pub passphrase_too_short: fn(usize) -> String,
    pub reading: fn(&str) -> String,
    pub merging: &'static str,
    pub encrypting: &'static str,
    pub decrypting: &'static str,
    pub password_not_kept: &'static str,
    pub sign_in_again: &'static str,
    pub password_kept_where: &'static str,
    pub sealed_file_damaged: &'static str,
    pub no_secure_random: &'static str,
    pub no_web_crypto: &'static str,
    pub could_not_read_file: &'static str,
    pub refused: fn(reason: &str) -> String,
    pub import_preview: &'static str,
    pub import_changes: &'static str,
    pub import_scroll_region: &'static str,
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
    pub calendar_alarm: &'static str,
    pub calendar_alarm_invalid: &'static str,
    pub reminder_days_invalid: &'static str,

    // Dates and times.
    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],
    pub long_date: fn(weekday: &str, day: u32, month: &str, year: i32) -> String,

    // Pages for coordinators, and the mode that shows them.
    pub coordinator_mode: &'static str,
    pub coordinator_help: &'static str,

    // Agreements.
    pub add_agreement: &'static str,
    pub new_agreement: &'static str,
    pub choose: &'static str,
    pub repeats: &'static str,
    pub weekly: &'static str,
    pub monthly: &'static str,
    pub on_weekdays: &'static str,
    pub every_how_many_weeks: &'static str,
    pub which_week: &'static str,
    pub weekday: &'static str,
    pub nth: [&'static str; 5],
    pub first_day: &'static str,
    pub last_day_optional: &'static str,
    pub no_buddy: &'static str,
    pub next_five_dates: &'static str,
    pub choose_person: &'static str,
    pub choose_function: &'static str,
    pub no_weekday: &'static str,
    pub interval_range: fn(max: u8) -> String,
    pub ends_before_start: &'static str,
    pub last_before_first: &'static str,
    pub enter_time: &'static str,
    pub enter_date: &'static str,
    pub all_agreements: &'static str,
    pub no_agreements_yet: &'static str,
    pub every_week_on: fn(days: &str) -> String,
    pub every_nth_week_on: fn(n: u8, days: &str) -> String,
    pub monthly_on: fn(nth: &str, weekday: &str) -> String,
    pub from_day: fn(&str) -> String,
    pub from_to_day: fn(&str, &str) -> String,

    // Roster.
    pub week: &'static str,
    pub previous_day: &'static str,
    pub next_day: &'static str,
    pub previous_week: &'static str,
    pub next_week: &'static str,
    pub week_number: fn(week: u32, from: &str, to: &str) -> String,
    pub checked_in_at: fn(&str) -> String,
    pub came: fn(from: &str, to: &str) -> String,
    pub missing: &'static str,
    pub cancelled_hours_before: fn(hours: i64) -> String,
    pub needs: fn(u16) -> String,
    pub no_shifts_then: &'static str,
    pub shifts_of_roster: &'static str,

    // Follow-ups.
    pub due_and_overdue: &'static str,
    pub no_follow_ups_due: &'static str,
    pub trial_conversation: &'static str,
    pub follow_up_conversation: &'static str,
    pub due_on: fn(&str) -> String,
    pub overdue_since: fn(&str) -> String,
    pub record_conversation: &'static str,
    pub conversation_with: fn(stage: &str, person: &str) -> String,
    pub held_on: &'static str,
    pub outcome: &'static str,
    pub outcomes: [&'static str; 3],
    pub conversation_saved: fn(&str) -> String,

    // Competences.
    pub competence: &'static str,
    pub show_who_holds: &'static str,
    pub all_competences: &'static str,
    pub on_duty_now: &'static str,
    pub who_holds_which: &'static str,
    pub give_competence: &'static str,
    pub give: &'static str,
    pub given: fn(competence: &str, person: &str) -> String,
    pub remove_from: fn(competence: &str, person: &str) -> String,
    pub no_holders: &'static str,
    pub add_competence: &'static str,
    pub competence_needs_name: &'static str,
    /// The seeded competences' names, in the order of `Competence::seeded`.
    pub seeded_competences: [&'static str; 5],

    // Reports.
    pub from: &'static str,
    pub to: &'static str,
    pub rows: &'static str,
    pub per_person: &'static str,
    pub per_function: &'static str,
    pub month: &'static str,
    pub per_month: &'static str,
    pub hours_table: &'static str,
    pub agreed_hours: &'static str,
    pub spontaneous_hours: &'static str,
    pub cancellations: &'static str,
    pub open_places_column: &'static str,
    pub hours_chart: &'static str,
    pub chart_shows_most: fn(usize) -> String,
    pub download_csv: &'static str,
    pub danish_spreadsheet: &'static str,
    pub thank_you_list: fn(year: i32) -> String,
    pub nothing_in_period: &'static str,
    pub period_backwards: &'static str,
    pub spontaneous_label: &'static str,
    pub deleted_label: &'static str,

    // Kiosk.
    pub open_kiosk: &'static str,
    pub kiosk_help: &'static str,
    pub expected_today: &'static str,
    pub someone_else: &'static str,
    pub hold_to_leave: &'static str,
    pub welcome_person: fn(&str) -> String,
    pub goodbye_person: fn(&str) -> String,

    // Editing a function.
    pub edit: &'static str,
    pub edit_named: fn(&str) -> String,

    // Live sync.
    pub live_sync: &'static str,
    pub live_sync_help: &'static str,
    pub server_address: &'static str,
    pub database_name: &'static str,
    pub user_name: &'static str,
    pub password_kept_here: &'static str,
    pub start_syncing: &'static str,
    pub sync_now: &'static str,
    pub stop_syncing: &'static str,
    pub syncing_with: fn(database: &str, user: &str) -> String,
    pub syncing: &'static str,
    pub not_synced_yet: &'static str,
    pub last_synced: fn(when: &str) -> String,
    pub sync_counts: fn(received: usize, sent: usize) -> String,
    pub sync_waiting: fn(usize) -> String,
    pub sync_unreachable: &'static str,
    pub sync_unauthorized: &'static str,
    pub sync_no_database: &'static str,
    pub sync_status_code: fn(u16) -> String,
    pub sync_garbage: &'static str,
    pub sync_nothing_lost: &'static str,
    pub address_not_https: &'static str,
    pub address_not_secure: &'static str,
    pub database_name_rule: &'static str,

    // Why a file was refused.
    pub check_in_person: fn(&str) -> String,
    pub check_out_person: fn(&str) -> String,
    pub record_cancellation: &'static str,
    pub record_cancellation_for: fn(&str) -> String,
    pub take_back_cancellation_of: fn(&str) -> String,
    pub correct_times: &'static str,
    pub correct_times_of: fn(&str) -> String,
    pub time_in: &'static str,
    pub time_out: &'static str,
    pub notice_given_at: &'static str,
    pub put_someone_in: &'static str,
    pub put_someone_into: fn(&str) -> String,
    pub put_in_done: fn(&str, &str) -> String,
    pub clashes_with: fn(&str, &str) -> String,
    pub recorded_by: fn(&str) -> String,
    pub not_checked_out: fn(&str, &str) -> String,
    pub forgotten_check_outs: &'static str,
    pub forgotten_line: fn(&str, &str, &str) -> String,
    pub close_this_day: &'static str,
    pub why_closed: &'static str,
    pub give_closure_reason: &'static str,
    pub open_day_again: &'static str,
    pub day_closed: fn(&str) -> String,
    pub print_roster: &'static str,
    pub write_to_everyone: &'static str,
    pub phone_numbers: &'static str,
    pub enter_time_and_date: &'static str,
    pub hours_error: fn(&flok_core::stays::HoursError) -> &'static str,
    pub undo_cancellation: &'static str,
    pub planning: &'static str,
    pub purpose_roster: &'static str,
    pub purpose_people: &'static str,
    pub purpose_agreements: &'static str,
    pub purpose_events: &'static str,
    pub purpose_functions: &'static str,
    pub purpose_follow_ups: &'static str,
    pub purpose_competences: &'static str,
    pub purpose_reports: &'static str,
    pub retired: &'static str,
    pub retire: &'static str,
    pub bring_back: &'static str,
    pub retire_named: fn(&str) -> String,
    pub bring_back_named: fn(&str) -> String,
    pub description_optional: &'static str,
    pub end: &'static str,
    pub change_agreement_of: fn(&str) -> String,
    pub end_agreement_of: fn(&str) -> String,
    pub delete_agreement_of: fn(&str) -> String,
    pub delete_agreement_warning: &'static str,
    pub confirm_delete: &'static str,
    pub agreement_changed: &'static str,
    pub agreement_ends: fn(&str) -> String,
    pub changes_from: &'static str,
    pub before_agreement_started: &'static str,
    pub after_agreement_ended: &'static str,
    pub agreement_gone: &'static str,
    pub last_day: &'static str,
    pub add_event: &'static str,
    pub new_event: &'static str,
    pub no_events_coming: &'static str,
    pub coming_events: &'static str,
    pub joint_meeting: &'static str,
    pub places_taken: fn(usize, u16) -> String,
    pub waiting_count: fn(usize) -> String,
    pub delete_named: fn(&str) -> String,
    pub delete_event_warning: &'static str,
    pub event_needs_title: &'static str,
    pub places_range: fn(u16) -> String,
    pub places: &'static str,
    pub all_people: &'static str,
    pub not_in_group: &'static str,
    pub hours_this_year: &'static str,
    pub granted_line: fn(&str, Option<&str>, &str) -> String,
    pub no_competences_held: &'static str,
    pub conversations: &'static str,
    pub no_conversations_yet: &'static str,
    pub conversation_line: fn(&str, &str, Option<&str>, Option<&str>) -> String,
    pub hours_by_hand: &'static str,
    pub hours_by_hand_help: &'static str,
    pub add_hours: &'static str,
    pub hours: &'static str,
    pub hours_added: fn(&str, &str) -> String,
    pub no_function_spontaneous: &'static str,
    pub open_page_of: fn(&str) -> String,
    pub end_agreement_now: fn(&str) -> String,
    pub change_agreement_now: fn(&str) -> String,
    pub attendance: &'static str,
    pub shifts_due: &'static str,
    pub came_column: &'static str,
    pub cancelled_column: &'static str,
    pub cancelled_count: fn(u32, u32) -> String,
    pub attendance_help: &'static str,
    pub everyone_on_roster: &'static str,
    pub everyone_in: fn(&str) -> String,
    pub cancellation_recorded_for: fn(&str) -> String,
    pub remove_named: fn(&str) -> String,
    pub hours_entry: fn(&str, &str, Option<&str>) -> String,
    pub join_help: &'static str,
    pub open_file_received: &'static str,
    pub open_invitation: &'static str,
    pub invitation_link: &'static str,
    /// Files: what was read, and why one was refused.
    pub file_is_picture: &'static str,
    pub read_compressed_file: &'static str,
    pub read_plain_file: &'static str,
    pub file_holds_changes_since: fn(&str) -> String,
    pub file_is_volunteer_copy: &'static str,
    pub file_without_personal: &'static str,
    pub open_with_flok: &'static str,
    pub save_then_import: &'static str,
    pub open_file_help: &'static str,
    /// Exports.
    pub export_plain_json: &'static str,
    pub volunteer_copy_help: &'static str,
    pub export_volunteer_copy: &'static str,
    pub export_changes: &'static str,
    pub changes_since: &'static str,
    pub since_file_sent: fn(&str) -> String,
    pub since_a_day: &'static str,
    pub first_day_of_changes: &'static str,
    pub changes_day_invalid: &'static str,
    pub file_saved: fn(&str, u64) -> String,
    /// Invitations.
    pub invite_someone: &'static str,
    pub invite_help: &'static str,
    pub how_data_comes: &'static str,
    pub through_live_sync: &'static str,
    pub a_file_i_send: &'static str,
    pub live_sync_not_set_up: &'static str,
    pub which_file_to_ask_for: &'static str,
    pub for_a_volunteer: &'static str,
    pub make_invitation: &'static str,
    pub link_reads_everything: &'static str,
    pub copy_link: &'static str,
    pub share_link: &'static str,
    pub link_copied: &'static str,
    pub copy_by_hand: &'static str,
    pub invitation_to_flok: &'static str,
    pub qr_of_invitation: &'static str,
    pub join_group_named: fn(&str) -> String,
    pub will_sync_with: fn(&str, &str) -> String,
    pub file_invitation: &'static str,
    pub phone_for_volunteer: &'static str,
    pub join_the_group: &'static str,
    pub fetching_group_data: &'static str,
    pub group_data_here: &'static str,
    pub invitation_damaged: &'static str,
    pub invitation_newer: &'static str,
    /// Merging one person recorded twice.
    pub same_person_twice: &'static str,
    pub same_person_help: fn(&str) -> String,
    pub other_record: &'static str,
    pub merge_into: fn(&str) -> String,
    pub merge_warning: fn(&str, &str) -> String,
    pub confirm_merge: &'static str,
    pub merged_people: fn(&str, &str) -> String,
    pub merged_into_person: fn(&str) -> String,
    pub choose_other_record: &'static str,
    pub merge_with_self: &'static str,
    pub merge_person_gone: &'static str,
    pub invitation_needs_password: &'static str,
    pub phone_for_coordinator: &'static str,
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
            ImportError::NotCompressed => self.file_not_compressed.into(),
            ImportError::CompressedDamaged => self.file_compressed_damaged.into(),
            ImportError::UnpacksTooLarge { max } => (self.file_unpacks_too_large)(*max),
        }
    }

    /// Why a name was refused, as a sentence beside the field.
    pub fn name_error(&self, error: &NameError) -> String {
        match error {
            NameError::Empty => self.name_required.into(),
            NameError::TooLong { max, actual } => (self.name_too_long)(*max, *actual),
        }
    }

    /// Why an action on a shift or a stay was refused, as a sentence.
    pub fn duty_error(&self, error: &DutyError) -> &'static str {
        match error {
            DutyError::AlreadyCheckedIn => self.already_checked_in,
            DutyError::NotCheckedIn | DutyError::CheckOut(CheckOutError::AlreadyOut) => self.not_checked_in,
            DutyError::CheckOut(CheckOutError::BeforeCheckIn) => self.check_out_before_in,
            DutyError::NotExpected => self.not_on_shift,
            DutyError::ShiftOver => self.shift_over,
            DutyError::NoOpenPlace => self.no_open_place,
            DutyError::AlreadyOnShift => self.already_on_shift,
            DutyError::Closed => self.closed_that_day,
            DutyError::AlreadyWaiting => self.already_waiting,
            DutyError::PlaceOpen => self.place_open,
            DutyError::InFuture => self.time_in_future,
        }
    }

    /// A page's name in navigation, headings and the window title.
    pub fn page(&self, page: Page) -> &'static str {
        match page {
            Page::Today => self.today,
            Page::MyShifts => self.my_shifts,
            Page::OpenSlots => self.open_slots,
            Page::Plan => self.plan,
            Page::Events => self.events,
            Page::People => self.people,
            Page::Functions => self.functions,
            Page::Agreements => self.agreements,
            Page::Roster => self.roster,
            Page::FollowUps => self.follow_ups,
            Page::Competences => self.competences,
            Page::Reports => self.reports,
            Page::Settings => self.settings,
            Page::Kiosk => self.kiosk,
            Page::Open => self.open_a_file,
        }
    }

    /// "Mon 23 Nov" / "man. 23. nov.": for lists of shifts.
    pub fn short_day(&self, date: NaiveDate) -> String {
        let weekday = self.weekdays_short[date.weekday().num_days_from_monday() as usize];
        (self.short_date)(weekday, date.day(), self.months_short[date.month0() as usize])
    }

    /// "10:00" / "10.00".
    pub fn time(&self, time: NaiveTime) -> String {
        format!("{:02}{}{:02}", time.hour(), self.time_separator, time.minute())
    }

    /// "10:00–13:00".
    pub fn times(&self, starts: NaiveTime, ends: NaiveTime) -> String {
        format!("{}–{}", self.time(starts), self.time(ends))
    }

    /// A number of minutes as hours and minutes: "3 h 5 min".
    pub fn minutes(&self, minutes: i64) -> String {
        (self.duration)(minutes / 60, minutes % 60)
    }
}

impl std::ops::Deref for AllTexts {
    type Target = Texts;

    fn deref(&self) -> &Texts {
        self.everyday
    }
}

impl AllTexts {
    /// Why an invitation link sets nothing up, as a sentence.
    pub fn invitation_error(&self, error: &InvitationError) -> String {
        match error {
            InvitationError::Damaged => self.invitation_damaged.into(),
            InvitationError::Newer => self.invitation_newer.into(),
            InvitationError::Settings(settings) => self.sync_settings_error(settings).into(),
        }
    }

    /// Why two people were not merged.
    pub fn merge_error(&self, error: &MergeError) -> &'static str {
        match error {
            MergeError::Same => self.merge_with_self,
            MergeError::Unknown => self.merge_person_gone,
        }
    }

    /// Why an encrypted file could not be made, saved or opened, as a
    /// sentence wholly in this language (the core's details are English).
    pub fn export_problem(&self, problem: &ExportProblem) -> String {
        match problem {
            ExportProblem::Seal(SealError::ShortPassphrase) => {
                (self.passphrase_too_short)(sealed::MIN_PASSPHRASE_CHARS)
            }
            ExportProblem::Seal(SealError::WrongPassphraseOrTampered) => self.wrong_passphrase.into(),
            ExportProblem::Seal(SealError::Damaged(_)) => self.sealed_file_damaged.into(),
            ExportProblem::NoRandomness => self.no_secure_random.into(),
            ExportProblem::NoWebCrypto => self.no_web_crypto.into(),
            ExportProblem::NotSaved => self.could_not_save_file.into(),
        }
    }

    /// Why a sync stopped, as a sentence.
    pub fn sync_error(&self, error: &SyncError) -> String {
        match error {
            SyncError::Unreachable => self.sync_unreachable.into(),
            SyncError::Unauthorized => self.sync_unauthorized.into(),
            SyncError::NoDatabase => self.sync_no_database.into(),
            SyncError::Status(status) => (self.sync_status_code)(*status),
            SyncError::Garbage(_) => self.sync_garbage.into(),
        }
    }

    /// Why sync settings were refused, beside the field.
    pub fn sync_settings_error(&self, error: &SettingsError) -> &'static str {
        match error {
            SettingsError::NotAnAddress => self.address_not_https,
            SettingsError::NotSecure => self.address_not_secure,
            SettingsError::DatabaseName => self.database_name_rule,
        }
    }

    /// A conversation's outcome in words.
    pub fn outcome_name(&self, outcome: flok_core::model::Outcome) -> &'static str {
        use flok_core::model::Outcome;
        let at = match outcome {
            Outcome::Continue => 0,
            Outcome::Change => 1,
            Outcome::Stop => 2,
        };
        self.outcomes[at]
    }

    /// What a planning page is for, as Plan lists it.
    pub fn page_purpose(&self, page: Page) -> &'static str {
        match page {
            Page::Roster => self.purpose_roster,
            Page::People => self.purpose_people,
            Page::Agreements => self.purpose_agreements,
            Page::Events => self.purpose_events,
            Page::Functions => self.purpose_functions,
            Page::FollowUps => self.purpose_follow_ups,
            Page::Competences => self.purpose_competences,
            Page::Reports => self.purpose_reports,
            _ => "",
        }
    }

    /// "Monday 23 November 2026" / "mandag den 23. november 2026".
    pub fn long_day(&self, date: NaiveDate) -> String {
        let weekday = self.weekdays[date.weekday().num_days_from_monday() as usize];
        (self.long_date)(weekday, date.day(), self.months[date.month0() as usize], date.year())
    }

    /// An agreement's pattern as a phrase: "Every week on Mon, Thu".
    pub fn recurrence(&self, recurrence: &Recurrence) -> String {
        let day = |d: Weekday| self.weekdays[d.num_days_from_monday() as usize];
        match recurrence {
            Recurrence::Weekly { weekdays, interval } => {
                let days: Vec<&str> = weekdays.iter().map(|d| day(*d)).collect();
                match interval {
                    1 => (self.every_week_on)(&days.join(", ")),
                    n => (self.every_nth_week_on)(*n, &days.join(", ")),
                }
            }
            Recurrence::Monthly { nth, weekday } => {
                (self.monthly_on)(&self.nth[nth_index(*nth)].to_lowercase(), day(*weekday))
            }
        }
    }

    /// A competence's name: the seeded ones in this language unless the group renamed them.
    pub fn competence_name(&self, id: Id, stored: &Competence) -> String {
        Competence::seeded()
            .iter()
            .position(|(seeded, original)| *seeded == id && original == stored)
            .map_or_else(|| stored.name.clone(), |i| self.seeded_competences[i].to_owned())
    }

    /// A report row's label, with the core's placeholders translated.
    pub fn report_label(&self, label: &str) -> String {
        match label {
            report::NO_FUNCTION => self.spontaneous_label.into(),
            report::DELETED => self.deleted_label.into(),
            _ => label.into(),
        }
    }
}

/// The place of an `Nth` in the `nth` word list.
pub fn nth_index(nth: Nth) -> usize {
    match nth {
        Nth::First => 0,
        Nth::Second => 1,
        Nth::Third => 2,
        Nth::Fourth => 3,
        Nth::Last => 4,
    }
}

/// What went wrong with an encrypted file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportProblem {
    /// Sealing or opening refused it.
    Seal(SealError),
    /// This browser has no secure random numbers: no safe seal.
    NoRandomness,
    /// This page may not use the browser's cryptography (not https).
    NoWebCrypto,
    /// The browser would not save the file.
    NotSaved,
}

#[cfg(test)]
mod tests;
