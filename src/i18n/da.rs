//! Dansk.

use super::Texts;

pub const DA: Texts = Texts {
    language_name: "Dansk",
    skip_to_content: "Spring til indholdet",
    main_navigation: "Hovedmenu",
    today: "I dag",
    my_shifts: "Mine vagter",
    open_slots: "Ledige vagter",
    people: "Personer",
    functions: "Funktioner",
    reports: "Rapporter",
    settings: "Indstillinger",
    page_not_found: "Siden findes ikke",
    no_page_at: |asked| format!("Flok har ingen side på “{asked}”."),
    go_to_today: "Gå til I dag",
    coming_soon: "Kommer snart: denne del af Flok er ved at blive bygget.",
    loading: "Indlæser…",
    dismiss: "Luk",
    cancel: "Annuller",
    save: "Gem",

    saving: "Gemmer…",
    all_saved: "Alle ændringer er gemt",
    not_saved: "Ændringer er ikke gemt",
    still_saving: "Flok er stadig ved at gemme din ændring.",
    export_reminder: "Påmindelse om eksport",
    never_exported: "Du har endnu ikke eksporteret dine data fra denne enhed.",
    last_exported_on: |day| format!("Din seneste eksport fra denne enhed var den {day}."),
    why_export: "Browsere kan slette en hjemmesides data; en eksport gemmer en kopi.",
    export_in_settings: "Eksportér under Indstillinger",
    storage_unavailable: "Denne browser lader ikke Flok gemme noget her (er det et privat vindue?). \
                          Det, du tilføjer, findes kun, indtil fanen lukkes.",
    stored_data_unreadable: |reason, kept_as| {
        format!("De gemte data kunne ikke læses: {reason} De er bevaret urørt under “{kept_as}”; Flok startede tom.")
    },
    save_failed: |cause| format!("Ikke gemt: {cause}. Din ændring findes kun i denne fane; lad fanen være åben."),
    cause_unavailable: "denne browser tillader ikke, at der gemmes her",
    cause_full: "browserens lager til Flok er fyldt",

    welcome: "Velkommen til Flok. Begynd med at tilføje gruppens personer.",
    go_to_people: "Gå til Personer",
    people_in_group: |n| if n == 1 { "1 person i gruppen.".into() } else { format!("{n} personer i gruppen.") },
    shifts_coming: "Vagter og indtjekning kommer snart.",

    add_person: "Tilføj person",
    new_person: "Ny person",
    name: "Navn",
    everyone_in_group: "Alle i gruppen",
    no_one_yet: "Der er ikke tilføjet nogen endnu.",
    added: |name| format!("{name} er tilføjet."),
    name_required: "Skriv et navn.",
    name_too_long: |max, actual| format!("Et navn kan højst have {max} tegn; dette har {actual}."),
    search_by_name: "Søg efter navn",
    no_one_matches: "Ingen navne passer.",
    details_of: |name| format!("Oplysninger om {name}"),
    phone: "Telefon",
    email: "E-mail",
    note_private: "Note (til koordinatorer; udelades af eksporter uden personoplysninger)",
    details_saved: "Oplysningerne er gemt.",
    pause_from: "Pause fra",
    return_date: "Tilbage den (valgfrit)",
    pause: "Sæt på pause",
    return_before_pause: "Tilbagedatoen skal ligge efter pausens start.",
    date_out_of_range: "Datoer skal ligge mellem 1900 og 2200.",
    mark_as_left: "Markér som stoppet",
    take_back: "Aktiv igen",
    status_paused: |from, until| match until {
        Some(until) => format!("På pause fra {from} til {until}"),
        None => format!("På pause fra {from}"),
    },
    status_left: |on| format!("Stoppet den {on}"),
    delete: "Slet",
    delete_question: |name| {
        format!("Slet {name}? Personens oplysninger fjernes på alle enheder, der modtager sletningen.")
    },
    delete_for_good: "Slet for altid",
    keep: "Behold",
    deleted_person: |name| format!("{name} er slettet."),
    undo: "Fortryd",

    add_function: "Tilføj funktion",
    new_function: "Ny funktion",
    staff_contact: "Kontaktperson",
    no_contact: "Ingen kontaktperson endnu",
    people_needed: "Antal personer pr. vagt",
    function_needs_name: "Skriv et navn til funktionen.",
    needed_range: |max| format!("Skriv et tal fra 1 til {max}."),
    all_functions: "Alle funktioner",
    no_functions_yet: "Ingen funktioner endnu: tilføj de opgaver, gruppen deler, fx café eller køkken.",
    function_summary: |contact, needed| {
        let people = if needed == 1 { "1 person".to_owned() } else { format!("{needed} personer") };
        match contact {
            Some(contact) => format!("{people} pr. vagt · kontakt: {contact}"),
            None => format!("{people} pr. vagt · ingen kontaktperson endnu"),
        }
    },

    language: "Sprog",
    follow_browser: "Som browseren",
    your_data: "Dine data",
    your_data_help: "Alt gemmes kun i denne browser. Eksportér en fil for at have en kopi eller for at give den \
                     videre til andre i gruppen; når du importerer deres fil, flettes den sammen med din.",
    export_data: "Eksportér data",
    import_file: "Importér fil",
    reading: |name| format!("Læser {name}…"),
    could_not_save_file: "Browseren ville ikke gemme filen.",
    could_not_read_file: "Filen kunne ikke læses.",
    refused: |reason| format!("{reason} Intet blev ændret."),
    import_preview: "Forhåndsvisning af import",
    import_changes: "Det vil importen ændre",
    import_scroll_region: "Tabel over importen",
    records: "Poster",
    new: "Nye",
    changed: "Ændrede",
    deleted: "Slettede",
    older_edits_kept: |n| format!("{n} af filens ændringer er ældre end dine; dine bevares."),
    nothing_new_in_file: "Filen indeholder intet, du ikke allerede har.",
    merge_into_my_data: "Flet ind i mine data",
    clock_ahead: |records, device, latest| {
        format!(
            "{records} poster fra enheden {device} blev udeladt: de er dateret op til {latest}, mere end et døgn \
             foran denne enhed. Tjek dato og klokkeslæt på den enhed, og eksportér igen."
        )
    },
    imported: |new, changed, deleted| format!("Importeret: {new} nye, {changed} ændrede, {deleted} slettede."),
    imported_nothing: "Importeret: intet var nyt.",
    keeping_safe: "Pas godt på dine data",
    persistent_yes: "Browseren har lovet at beholde Floks data, indtil du selv sletter dem.",
    persistent_no: "Browseren kan slette Floks data, hvis pladsen slipper op, eller Flok ikke bruges i en periode. \
                    Det hjælper at lægge Flok på hjemmeskærmen og eksportere ofte.",
    persistent_asking: "Beder browseren om at beholde Floks data…",
    last_export_from_device: |day| format!("Seneste eksport fra denne enhed: {day}."),
    not_exported_yet: "Denne enhed har endnu ikke eksporteret.",
    reminder_days: "Mind mig om at eksportere efter (dage)",
    reminder_days_invalid: "Skriv et antal dage fra 1 til 365.",
    kind: |kind| {
        Some(match kind {
            "person" => "Personer",
            "function" => "Funktioner",
            "agreement" => "Aftaler",
            "event" => "Arrangementer",
            "signup" => "Tilmeldinger",
            "cancellation" => "Afbud",
            "checkin" => "Indtjekninger",
            "competence" => "Kompetencer",
            "grant" => "Tildelte kompetencer",
            "followup" => "Opfølgninger",
            "settings" => "Gruppens indstillinger",
            _ => return None,
        })
    },

    file_empty: "Filen er tom.",
    file_too_large: |bytes, max| format!("Filen er for stor til at være en Flok-eksport ({bytes} byte; højst {max})."),
    file_not_json: "Filen er ikke JSON, så den er ikke en Flok-eksport.",
    file_truncated: "Filen slutter for tidligt: den blev nok afbrudt under kopiering eller download.",
    file_damaged: |detail| format!("Filen er beskadiget: {detail}."),
    file_foreign: "Denne JSON-fil er ikke en Flok-eksport.",
    file_newer: |found| {
        format!("Filen er skrevet af en nyere version af Flok (format {found}); opdatér Flok for at importere den.")
    },
};
