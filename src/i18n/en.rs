//! English.

use super::Texts;

pub const EN: Texts = Texts {
    language_name: "English",
    skip_to_content: "Skip to content",
    main_navigation: "Main",
    today: "Today",
    my_shifts: "My shifts",
    open_slots: "Open slots",
    people: "People",
    functions: "Functions",
    reports: "Reports",
    settings: "Settings",
    page_not_found: "Page not found",
    no_page_at: |asked| format!("Flok has no page at “{asked}”."),
    go_to_today: "Go to Today",
    coming_soon: "Coming soon: this part of Flok is being built.",
    loading: "Loading…",
    dismiss: "Dismiss",
    cancel: "Cancel",
    save: "Save",

    saving: "Saving…",
    all_saved: "All changes saved",
    not_saved: "Changes not saved",
    still_saving: "Flok is still saving your change.",
    export_reminder: "Export reminder",
    never_exported: "You have not exported your data from this device yet.",
    last_exported_on: |day| format!("Your last export from this device was on {day}."),
    why_export: "Browsers can delete a site's data; an export keeps a copy.",
    export_in_settings: "Export in Settings",
    storage_unavailable: "This browser does not let Flok save anything here (is it a private window?). \
                          What you add stays only until this tab closes.",
    stored_data_unreadable: |reason, kept_as| {
        format!(
            "The saved data could not be read: {reason} It was kept untouched under “{kept_as}”; Flok started empty."
        )
    },
    save_failed: |cause| format!("Not saved: {cause}. Your change is kept in this tab only; keep the tab open."),
    cause_unavailable: "this browser does not allow saving here",
    cause_full: "this browser's storage for Flok is full",

    welcome: "Welcome to Flok. Tell it your group's name and who you are; both can be changed in Settings.",
    getting_started: "Getting started",
    group_name: "Your group's name",
    who_are_you: "Who are you?",
    i_am_new: "I am new here",
    your_name: "Your name",
    start: "Start",
    hello: |name| format!("Hello, {name}."),
    this_device: "This device",
    who_uses_device: "Who uses this device",
    no_one_chosen: "No one chosen",
    go_to_people: "Go to People",
    people_in_group: |n| if n == 1 { "1 person in the group.".into() } else { format!("{n} people in the group.") },
    shifts_coming: "Shifts and check-in are coming soon.",

    add_person: "Add person",
    new_person: "New person",
    name: "Name",
    everyone_in_group: "Everyone in the group",
    no_one_yet: "No one has been added yet.",
    added: |name| format!("Added {name}."),
    name_required: "Please enter a name.",
    name_too_long: |max, actual| format!("A name can be at most {max} characters; this one has {actual}."),
    search_by_name: "Search by name",
    no_one_matches: "No one's name matches.",
    details_of: |name| format!("Details of {name}"),
    phone: "Phone",
    email: "E-mail",
    note_private: "Note (for coordinators; left out of exports without personal details)",
    details_saved: "Details saved.",
    pause_from: "Pause from",
    return_date: "Return date (optional)",
    pause: "Pause",
    return_before_pause: "The return date must come after the pause starts.",
    date_out_of_range: "Dates must lie between 1900 and 2200.",
    mark_as_left: "Mark as left",
    take_back: "Active again",
    status_paused: |from, until| match until {
        Some(until) => format!("Paused from {from} until {until}"),
        None => format!("Paused from {from}"),
    },
    status_left: |on| format!("Left on {on}"),
    delete: "Delete",
    delete_question: |name| {
        format!("Delete {name}? Their personal details are removed on every device that receives the deletion.")
    },
    delete_for_good: "Delete for good",
    keep: "Keep",
    deleted_person: |name| format!("{name} is deleted."),
    undo: "Undo",

    add_function: "Add function",
    new_function: "New function",
    staff_contact: "Staff contact",
    no_contact: "No contact yet",
    people_needed: "People needed per shift",
    function_needs_name: "Please enter a name for the function.",
    needed_range: |max| format!("Enter a number from 1 to {max}."),
    all_functions: "All functions",
    no_functions_yet: "No functions yet: add the tasks your group shares, such as café or kitchen.",
    function_summary: |contact, needed| {
        let people = if needed == 1 { "1 person".to_owned() } else { format!("{needed} people") };
        match contact {
            Some(contact) => format!("{people} per shift · contact: {contact}"),
            None => format!("{people} per shift · no contact yet"),
        }
    },

    language: "Language",
    follow_browser: "As the browser",
    your_data: "Your data",
    your_data_help: "Everything is kept in this browser only. Export a file to keep a copy, \
                     or to pass to others in your group; importing their file merges it with yours.",
    export_data: "Export data",
    import_file: "Import file",
    reading: |name| format!("Reading {name}…"),
    could_not_save_file: "This browser would not save the file.",
    could_not_read_file: "The file could not be read.",
    refused: |reason| format!("{reason} Nothing was changed."),
    import_preview: "Import preview",
    import_changes: "What the import will change",
    import_scroll_region: "Import preview table",
    records: "Records",
    new: "New",
    changed: "Changed",
    deleted: "Deleted",
    older_edits_kept: |n| format!("{n} of its edits are older than yours; yours are kept."),
    nothing_new_in_file: "This file holds nothing you do not already have.",
    merge_into_my_data: "Merge into my data",
    clock_ahead: |records, device, latest| {
        format!(
            "{records} records from device {device} were left out: they are dated up to {latest}, more than a day \
             ahead of this device. Check the date and time on that device, then export again."
        )
    },
    imported: |new, changed, deleted| format!("Imported: {new} new, {changed} changed, {deleted} deleted."),
    imported_nothing: "Imported: nothing was new.",
    keeping_safe: "Keeping your data safe",
    persistent_yes: "This browser has promised to keep Flok's data until you delete it.",
    persistent_no: "This browser may delete Flok's data if space runs low or Flok goes unused for a while. \
                    Installing Flok on the home screen and exporting often help.",
    persistent_asking: "Asking this browser to keep Flok's data…",
    last_export_from_device: |day| format!("Last export from this device: {day}."),
    not_exported_yet: "This device has not exported yet.",
    reminder_days: "Remind me to export after (days)",
    reminder_days_invalid: "Enter a number of days from 1 to 365.",
    kind: |kind| {
        Some(match kind {
            "person" => "People",
            "function" => "Functions",
            "agreement" => "Agreements",
            "event" => "Events",
            "signup" => "Sign-ups",
            "cancellation" => "Cancellations",
            "checkin" => "Check-ins",
            "competence" => "Competences",
            "grant" => "Competences given",
            "followup" => "Follow-ups",
            "settings" => "Group settings",
            _ => return None,
        })
    },

    file_empty: "The file is empty.",
    file_too_large: |bytes, max| format!("The file is too large to be a Flok export ({bytes} bytes; at most {max})."),
    file_not_json: "The file is not JSON, so it is not a Flok export.",
    file_truncated: "The file ends too early: it was probably cut off while being copied or downloaded.",
    file_damaged: |detail| format!("The file is damaged: {detail}."),
    file_foreign: "This JSON file is not a Flok export.",
    file_newer: |found| {
        format!("The file was written by a newer version of Flok (format {found}); update Flok to import it.")
    },
};
