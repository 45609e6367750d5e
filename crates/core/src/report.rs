//! Reports of the effort: hours given (agreed shifts apart from spontaneous
//! help, as the seed policy asks), cancellations and open places, per person,
//! function or month, for a chosen period.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::entity::Id;
use crate::model::{Agreement, Cancellation, CheckIn, Event, Function, OccurrenceRef, Person, Status};
use crate::replica::Replica;
use crate::shifts::shifts_between;
use crate::stays;
use crate::typed_cache::{find, Typed};

/// What a report's rows stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Person,
    Function,
    Month,
}

/// One row of a report. Minutes are whole; hours are derived for display.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub agreed_minutes: i64,
    pub spontaneous_minutes: i64,
    pub cancellations: usize,
    pub open_places: u64,
}

/// The label used for help that belongs to no function.
pub const NO_FUNCTION: &str = "(spontaneous)";
/// The label of records whose person or function was deleted.
pub const DELETED: &str = "(deleted)";

/// The report for `from`..=`to` as of `now` (a forgotten check-out counts to
/// its shift's end), rows ordered by label (months in time order).
pub fn report(replica: &Replica, from: NaiveDate, to: NaiveDate, by: GroupBy, now: NaiveDateTime) -> Vec<Row> {
    let names = Names::of(replica);
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let label = |person: Option<Id>, function: Option<Id>, date: NaiveDate| match by {
        GroupBy::Person => person.map_or(DELETED.to_owned(), |p| names.person(p)),
        GroupBy::Function => function.map_or(NO_FUNCTION.to_owned(), |f| names.function(f)),
        GroupBy::Month => format!("{:04}-{:02}", date.year(), date.month()),
    };
    for (_, stay) in replica.all::<CheckIn>().iter() {
        let date = stay.checked_in.date();
        if !(from..=to).contains(&date) {
            continue;
        }
        let Some(minutes) = stays::minutes(replica, stay, now) else {
            continue;
        };
        let function = stay.function.or_else(|| stay.occurrence.and_then(|o| names.function_of(&o)));
        let r = match (by, function, stay.occurrence) {
            // The shift's agreement or event was deleted: its hours still count.
            (GroupBy::Function, None, Some(_)) => row(&mut rows, DELETED.to_owned()),
            _ => row(&mut rows, label(Some(stay.person), function, date)),
        };
        if stay.is_spontaneous() {
            r.spontaneous_minutes += minutes;
        } else {
            r.agreed_minutes += minutes;
        }
    }
    for (_, cancellation) in replica.all::<Cancellation>().iter() {
        let date = cancellation.occurrence.date(|event| replica.read::<Event>(event).map(|e| e.date));
        if let Some(date) = date.filter(|d| (from..=to).contains(d)) {
            let function = names.function_of(&cancellation.occurrence);
            row(&mut rows, label(Some(cancellation.person), function, date)).cancellations += 1;
        }
    }
    if by != GroupBy::Person {
        for shift in shifts_between(replica, from, to).into_iter().filter(|s| s.open_places() > 0) {
            row(&mut rows, label(None, shift.function, shift.date)).open_places += u64::from(shift.open_places());
        }
    }
    rows.into_values().collect()
}

/// The year's thank-you list: everyone still in the group at the end of the
/// year, by name, with the minutes they gave in it (none is also thanked).
pub fn thank_you(replica: &Replica, year: i32, now: NaiveDateTime) -> Vec<(Id, String, i64)> {
    let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Vec::new();
    };
    // One pass over the stays, not one per person: years of data are large.
    let mut given: BTreeMap<Id, i64> = BTreeMap::new();
    for (_, stay) in replica.all::<CheckIn>().iter().filter(|(_, s)| (first..=last).contains(&s.checked_in.date())) {
        *given.entry(stay.person).or_default() += stays::minutes(replica, stay, now).unwrap_or(0);
    }
    Person::by_name(replica)
        .into_iter()
        .filter(|(_, p)| p.added_on <= last && !matches!(p.status, Status::Left { on } if on <= last))
        .map(|(id, p)| (id, p.name.into(), given.get(&id).copied().unwrap_or(0)))
        .collect()
}

fn row(rows: &mut BTreeMap<String, Row>, label: String) -> &mut Row {
    rows.entry(label.clone()).or_insert_with(|| Row { label, ..Row::default() })
}

/// Names of people and functions, and which function a shift belongs to,
/// read from the shared typed copies (sorted by id).
struct Names {
    people: Typed<Person>,
    functions: Typed<Function>,
    agreements: Typed<Agreement>,
    events: Typed<Event>,
}

impl Names {
    fn of(replica: &Replica) -> Self {
        Self { people: replica.all(), functions: replica.all(), agreements: replica.all(), events: replica.all() }
    }

    fn person(&self, id: Id) -> String {
        find(&self.people, id).map_or_else(|| DELETED.to_owned(), |p| p.name.to_string())
    }

    fn function(&self, id: Id) -> String {
        find(&self.functions, id).map_or_else(|| DELETED.to_owned(), |f| f.name.clone())
    }

    fn function_of(&self, occurrence: &OccurrenceRef) -> Option<Id> {
        match occurrence {
            OccurrenceRef::Agreement { agreement, .. } => find(&self.agreements, *agreement).map(|a| a.function),
            OccurrenceRef::Event { event } => find(&self.events, *event).and_then(|e| e.function),
            OccurrenceRef::Needed { function, .. } => Some(*function),
        }
    }
}

/// How a CSV is laid out for the spreadsheet that opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvStyle {
    /// Comma separator, decimal point.
    International,
    /// What Danish Excel expects: semicolon separator, decimal comma, and a
    /// UTF-8 byte order mark so æ, ø and å come out right.
    Danish,
}

/// The report as CSV with English column names, one line per row.
pub fn to_csv(rows: &[Row], by: GroupBy, style: CsvStyle) -> String {
    let first = match by {
        GroupBy::Person => "person",
        GroupBy::Function => "function",
        GroupBy::Month => "month",
    };
    to_csv_headed(rows, [first, "agreed hours", "spontaneous hours", "cancellations", "open places"], style)
}

/// The report as CSV under the given column names (the app's language).
pub fn to_csv_headed(rows: &[Row], header: [&str; 5], style: CsvStyle) -> String {
    let (sep, bom) = match style {
        CsvStyle::International => (',', ""),
        CsvStyle::Danish => (';', "\u{feff}"),
    };
    let hours = |minutes: i64| {
        let text = format!("{:.2}", minutes as f64 / 60.0);
        if style == CsvStyle::Danish {
            text.replace('.', ",")
        } else {
            text
        }
    };
    let header: Vec<String> = header.iter().map(|h| quote(h, sep)).collect();
    let mut out = format!("{bom}{}\r\n", header.join(&sep.to_string()));
    for row in rows {
        let fields = [
            quote(&row.label, sep),
            hours(row.agreed_minutes),
            hours(row.spontaneous_minutes),
            row.cancellations.to_string(),
            row.open_places.to_string(),
        ];
        out.push_str(&fields.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// Quotes a CSV field when it holds the separator, a quote or a line break,
/// and defuses text a spreadsheet would run as a formula.
fn quote(text: &str, sep: char) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{DeviceId, Stamp};
    use crate::recurrence::{Recurrence, Schedule};
    use chrono::{NaiveTime, Weekday};

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn stamp() -> Stamp {
        Stamp { millis: 1, counter: 0, device: DeviceId::from_u64(1) }
    }

    const ANNA: Id = Id::from_u128(1);
    const CAFE: Id = Id::from_u128(10);
    const MONDAYS: Id = Id::from_u128(20);

    fn group() -> Replica {
        let mut r = Replica::new();
        r.put(ANNA, &Person::new("Anna", date(1, 1)).unwrap(), stamp());
        r.put(CAFE, &Function::new("Café", None, 1).unwrap(), stamp());
        let schedule = Schedule::new(
            Recurrence::Weekly { weekdays: vec![Weekday::Mon], interval: 1 },
            NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
            date(11, 2),
            Some(date(11, 30)),
        )
        .unwrap();
        r.put(MONDAYS, &Agreement { person: ANNA, function: CAFE, schedule, buddy: None, follows: None }, stamp());
        // Came on 2 Nov (3 h), cancelled 9 Nov, helped spontaneously on 4 Nov (1.5 h).
        let at = |d, h, m| date(11, d).and_hms_opt(h, m, 0).unwrap();
        let agreed = OccurrenceRef::Agreement { agreement: MONDAYS, date: date(11, 2) };
        r.put(
            Id::from_u128(30),
            &CheckIn {
                person: ANNA,
                occurrence: Some(agreed),
                checked_in: at(2, 10, 0),
                checked_out: Some(at(2, 13, 0)),
                function: None,
                recorded_by: None,
                by_hand: false,
            },
            stamp(),
        );
        r.put(
            Id::from_u128(31),
            &CheckIn {
                person: ANNA,
                occurrence: None,
                checked_in: at(4, 9, 0),
                checked_out: Some(at(4, 10, 30)),
                function: None,
                recorded_by: None,
                by_hand: false,
            },
            stamp(),
        );
        let cancelled = OccurrenceRef::Agreement { agreement: MONDAYS, date: date(11, 9) };
        r.put(
            Id::from_u128(32),
            &Cancellation {
                person: ANNA,
                occurrence: cancelled,
                reason: None,
                given_at: at(8, 12, 0),
                recorded_by: None,
            },
            stamp(),
        );
        r
    }

    #[test]
    fn hours_per_person_keep_agreed_and_spontaneous_apart() {
        let rows = report(&group(), date(11, 1), date(11, 30), GroupBy::Person, NaiveDateTime::MAX);
        assert_eq!(
            rows,
            [Row {
                label: "Anna".into(),
                agreed_minutes: 180,
                spontaneous_minutes: 90,
                cancellations: 1,
                open_places: 0
            }]
        );
    }

    #[test]
    fn per_function_spontaneous_help_has_its_own_row_and_open_places_show() {
        let rows = report(&group(), date(11, 1), date(11, 30), GroupBy::Function, NaiveDateTime::MAX);
        assert_eq!(rows[0], Row { label: NO_FUNCTION.into(), spontaneous_minutes: 90, ..Row::default() });
        assert_eq!(
            rows[1],
            Row { label: "Café".into(), agreed_minutes: 180, cancellations: 1, open_places: 1, ..Row::default() }
        );
    }

    #[test]
    fn the_period_limits_what_is_counted() {
        assert!(report(&group(), date(12, 1), date(12, 31), GroupBy::Month, NaiveDateTime::MAX).is_empty());
        let rows = report(&group(), date(11, 3), date(11, 30), GroupBy::Month, NaiveDateTime::MAX);
        assert_eq!(
            rows,
            [Row {
                label: "2026-11".into(),
                spontaneous_minutes: 90,
                cancellations: 1,
                open_places: 1,
                ..Row::default()
            }]
        );
    }

    #[test]
    fn csv_for_danish_spreadsheets_uses_semicolons_decimal_commas_and_a_bom() {
        let rows = report(&group(), date(11, 1), date(11, 30), GroupBy::Person, NaiveDateTime::MAX);
        assert_eq!(
            to_csv(&rows, GroupBy::Person, CsvStyle::Danish),
            "\u{feff}person;agreed hours;spontaneous hours;cancellations;open places\r\nAnna;3,00;1,50;1;0\r\n"
        );
        assert_eq!(
            to_csv(&rows, GroupBy::Person, CsvStyle::International),
            "person,agreed hours,spontaneous hours,cancellations,open places\r\nAnna,3.00,1.50,1,0\r\n"
        );
    }

    #[test]
    fn the_thank_you_list_has_everyone_still_in_the_group_with_their_year() {
        let mut r = group();
        let bo = Id::from_u128(2);
        r.put(bo, &Person::new("Bo", date(3, 1)).unwrap(), stamp());
        let mut left = Person::new("Cai", date(1, 1)).unwrap();
        left.status = Status::Left { on: date(6, 1) };
        r.put(Id::from_u128(3), &left, stamp());
        assert_eq!(thank_you(&r, 2026, NaiveDateTime::MAX), [(ANNA, "Anna".into(), 270), (bo, "Bo".into(), 0)]);
        assert_eq!(thank_you(&r, 2025, NaiveDateTime::MAX), []);
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        let rows = [Row { label: "=HYPERLINK(\"x\"), \"Bo\"".into(), ..Row::default() }];
        let csv = to_csv(&rows, GroupBy::Person, CsvStyle::International);
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\"), \"\"Bo\"\"\",0.00"), "{csv}");
    }
}
