//! The word tables' tests: every text in both languages, dates and
//! numbers in words, and controls named by what they show.

use super::*;

#[test]
fn every_export_problem_is_told_wholly_in_the_chosen_language() {
    let problems = [
        ExportProblem::Seal(SealError::ShortPassphrase),
        ExportProblem::Seal(SealError::WrongPassphraseOrTampered),
        ExportProblem::Seal(SealError::Damaged("expected value at line 1 column 1".into())),
        ExportProblem::NoRandomness,
        ExportProblem::NoWebCrypto,
        ExportProblem::NotSaved,
    ];
    for problem in &problems {
        let (da, en) = (Lang::Da.all_texts().export_problem(problem), Lang::En.all_texts().export_problem(problem));
        assert!(!da.is_empty() && !en.is_empty() && da != en, "{problem:?}: {da} / {en}");
        for english in ["expected", "line", "column", "damaged:", ": ."] {
            assert!(!da.contains(english), "{problem:?} in Danish: {da}");
        }
        assert!(!en.contains(": ."), "{problem:?} says nothing of what happened: {en}");
    }
}

/// A button or link named for whom it acts on still says the words it
/// shows, so a person using voice control can say what they see.
#[test]
fn a_named_control_says_its_visible_words() {
    for lang in Lang::ALL {
        let t = lang.all_texts();
        let named = [
            (t.check_in, (t.check_in_person)("X")),
            (t.check_out, (t.check_out_person)("X")),
            (t.record_cancellation, (t.record_cancellation_for)("X")),
            (t.undo_cancellation, (t.take_back_cancellation_of)("X")),
            (t.correct_times, (t.correct_times_of)("X")),
            (t.put_someone_in, (t.put_someone_into)("X")),
            (t.call, (t.call_person)("X")),
            (t.text, (t.text_person)("X")),
            (t.email, (t.email_person)("X")),
            (t.change, (t.change_agreement_of)("X")),
            (t.end, (t.end_agreement_of)("X")),
            (t.delete, (t.delete_agreement_of)("X")),
            (t.delete, (t.delete_named)("X")),
            (t.retire, (t.retire_named)("X")),
            (t.bring_back, (t.bring_back_named)("X")),
            (t.edit, (t.edit_named)("X")),
            (t.remove, (t.remove_named)("X")),
        ];
        // Word by word, as screen readers and voice control match them.
        let words = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
        };
        for (visible, name) in named {
            let (visible_words, name_words) = (words(visible), words(&name));
            let says = name_words.windows(visible_words.len()).any(|run| run == visible_words.as_slice());
            assert!(says, "{lang:?}: “{name}” does not say “{visible}”");
        }
    }
}

#[test]
fn every_kind_of_record_has_a_name_in_an_import_preview() {
    for lang in Lang::ALL {
        for kind in flok_core::model::KINDS {
            assert!((lang.all_texts().kind)(kind).is_some(), "{lang:?} has no name for {kind}");
        }
    }
}

#[test]
fn every_planning_page_says_what_it_is_for() {
    for lang in Lang::ALL {
        for page in Page::PLANNING {
            assert!(!lang.all_texts().page_purpose(page).is_empty(), "{lang:?} {page:?}");
        }
    }
}

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
        assert!(!Lang::Da.all_texts().page(page).is_empty());
        assert!(!Lang::En.all_texts().page(page).is_empty());
    }
    assert_ne!(Lang::Da.all_texts().add_person, Lang::En.all_texts().add_person);
}

#[test]
fn dates_times_and_patterns_read_naturally_in_each_language() {
    let (da, en) = (Lang::Da.all_texts(), Lang::En.all_texts());
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert_eq!(en.short_day(day), "Mon 23 Nov");
    assert_eq!(da.short_day(day), "man. 23. nov.");
    assert_eq!(en.long_day(day), "Monday 23 November 2026");
    assert_eq!(da.long_day(day), "mandag den 23. november 2026");
    let (ten, one) = (NaiveTime::from_hms_opt(10, 0, 0).unwrap(), NaiveTime::from_hms_opt(13, 5, 0).unwrap());
    assert_eq!(en.times(ten, one), "10:00–13:05");
    assert_eq!(da.times(ten, one), "10.00–13.05");
    assert_eq!(en.minutes(185), "3 h 5 min");
    assert_eq!(da.minutes(45), "45 min.");
    let fortnightly = Recurrence::Weekly { weekdays: vec![Weekday::Mon, Weekday::Thu], interval: 2 };
    assert_eq!(en.recurrence(&fortnightly), "Every 2 weeks on Monday, Thursday");
    assert_eq!(da.recurrence(&fortnightly), "Hver 2. uge mandag, torsdag");
    let last_friday = Recurrence::Monthly { nth: Nth::Last, weekday: Weekday::Fri };
    assert_eq!(en.recurrence(&last_friday), "Monthly, the last Friday");
    assert_eq!(da.recurrence(&last_friday), "Månedligt, sidste fredag");
}

#[test]
fn seeded_competences_speak_the_language_until_renamed() {
    let (id, key) = Competence::seeded().remove(2);
    assert_eq!(Lang::Da.all_texts().competence_name(id, &key), "Har nøgle");
    let renamed = Competence { name: "Nøgle til kælderen".into() };
    assert_eq!(Lang::Da.all_texts().competence_name(id, &renamed), "Nøgle til kælderen");
}

#[test]
fn refused_files_and_links_are_told_in_each_language() {
    use flok_core::invitation::InvitationError;
    let files = [
        ImportError::NotCompressed,
        ImportError::CompressedDamaged,
        ImportError::UnpacksTooLarge { max: 104_857_600 },
        ImportError::Foreign,
    ];
    for error in &files {
        let (da, en) = (Lang::Da.all_texts().import_error(error), Lang::En.all_texts().import_error(error));
        assert!(!da.is_empty() && da != en, "{error:?}: {da} / {en}");
    }
    assert!(Lang::En.all_texts().import_error(&files[2]).contains("100 MB"));
    for error in [InvitationError::Damaged, InvitationError::Newer, InvitationError::Settings(SettingsError::NotSecure)]
    {
        let (da, en) = (Lang::Da.all_texts().invitation_error(&error), Lang::En.all_texts().invitation_error(&error));
        assert!(!da.is_empty() && da != en, "{error:?}: {da} / {en}");
    }
}
