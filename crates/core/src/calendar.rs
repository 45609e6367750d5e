//! A person's coming shifts as an iCalendar file (RFC 5545), for the phone's
//! own calendar: a serverless app cannot push reminders, but a calendar can.
//! Each shift is one event (expanded, so a cancelled date is simply absent)
//! with a reminder some minutes before.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::duty::shifts_of;
use crate::entity::Id;
use crate::model::{Function, OccurrenceRef, Person};
use crate::replica::Replica;

/// The calendar of `person`'s shifts from `from` to `to`, each with an alarm
/// `alarm_minutes` before. `now` (UTC) stamps the events, as RFC 5545 asks.
/// Times are the group's wall-clock times ("floating"), which calendars show
/// as written.
pub fn shifts_calendar(
    replica: &Replica,
    person: Id,
    from: NaiveDate,
    to: NaiveDate,
    alarm_minutes: u32,
    now: NaiveDateTime,
) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Flok//Volunteer shifts//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
    ];
    let name = |id: Id| replica.read::<Person>(id).map(|p| p.name.to_string());
    for shift in shifts_of(replica, person, from, to).into_iter().filter(|s| s.expected.contains(&person)) {
        let function = shift.function.and_then(|f| replica.read::<Function>(f));
        let title = match (&shift.title, &function) {
            (Some(title), _) => title.clone(),
            (None, Some(f)) => f.name.clone(),
            (None, None) => "Flok".to_owned(),
        };
        let mut details = Vec::new();
        if let Some(contact) = function.and_then(|f| f.contact).and_then(name) {
            details.push(format!("Contact: {contact}"));
        }
        if let Some(buddy) = shift.buddy.filter(|b| *b != person).and_then(name) {
            details.push(format!("Buddy: {buddy}"));
        }
        let uid = match shift.occurrence {
            OccurrenceRef::Agreement { agreement, date } => format!("{agreement}-{}", basic_date(date)),
            OccurrenceRef::Event { event } => event.to_string(),
            OccurrenceRef::Needed { function, date, starts, .. } => {
                format!("{function}-{}T{:02}{:02}", basic_date(date), starts.hour(), starts.minute())
            }
        };
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{uid}-{person}@flok"),
            format!("DTSTAMP:{}Z", basic_moment(now)),
            format!("DTSTART:{}", basic_moment(shift.start())),
            format!("DTEND:{}", basic_moment(shift.date.and_time(shift.ends))),
            format!("SUMMARY:{}", escape(&title)),
        ]);
        if !details.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&details.join("\n"))));
        }
        lines.extend([
            "BEGIN:VALARM".to_owned(),
            "ACTION:DISPLAY".to_owned(),
            format!("DESCRIPTION:{}", escape(&title)),
            format!("TRIGGER:-PT{alarm_minutes}M"),
            "END:VALARM".to_owned(),
            "END:VEVENT".to_owned(),
        ]);
    }
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|line| fold(line)).collect()
}

/// Escapes text values: backslash, semicolon, comma and line breaks.
/// "20261224": RFC 5545's basic date, written by hand (chrono's format
/// strings would put its formatting machinery in the volunteer's download).
fn basic_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// "20261224T100000": RFC 5545's local date and time.
fn basic_moment(at: NaiveDateTime) -> String {
    format!("{}T{:02}{:02}{:02}", basic_date(at.date()), at.hour(), at.minute(), at.second())
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace("\r\n", "\\n").replace('\n', "\\n")
}

/// Ends a content line with CRLF, folding it so no physical line exceeds 75
/// octets (never inside a UTF-8 character).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{DeviceId, Stamp};
    use crate::model::{Agreement, Cancellation};
    use crate::testing::mondays;
    use std::io::BufReader;

    #[test]
    fn my_shifts_become_events_with_alarms_and_a_cancelled_one_is_left_out() {
        let stamp = Stamp { millis: 1, counter: 0, device: DeviceId::from_u64(1) };
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let (anna, bent, cafe, agreement) = (Id::from_u128(1), Id::from_u128(2), Id::from_u128(3), Id::from_u128(4));
        let mut r = Replica::new();
        r.put(anna, &Person::new("Anna", day(1)).unwrap(), stamp);
        r.put(bent, &Person::new("Bent", day(1)).unwrap(), stamp);
        let long_name = "Café; kitchen, and the long counter by the window where the coffee machine stands";
        r.put(cafe, &Function::new(long_name, Some(bent), 1).unwrap(), stamp);
        r.put(
            agreement,
            &Agreement {
                person: anna,
                function: cafe,
                schedule: mondays(10, 13, day(2)),
                buddy: Some(bent),
                follows: None,
            },
            stamp,
        );
        let occurrence = OccurrenceRef::Agreement { agreement, date: day(16) };
        let given_at = day(10).and_hms_opt(9, 0, 0).unwrap();
        r.put(
            Id::from_u128(5),
            &Cancellation { person: anna, occurrence, reason: None, given_at, recorded_by: None },
            stamp,
        );

        let text = shifts_calendar(&r, anna, day(1), day(30), 120, day(1).and_hms_opt(8, 0, 0).unwrap());
        assert!(text.split("\r\n").all(|line| line.len() <= 75), "lines are folded");
        let calendar = ical::IcalParser::new(BufReader::new(text.as_bytes())).next().unwrap().unwrap();
        let starts: Vec<String> = calendar
            .events
            .iter()
            .map(|e| e.properties.iter().find(|p| p.name == "DTSTART").unwrap().value.clone().unwrap())
            .collect();
        assert_eq!(starts, ["20261102T100000", "20261109T100000", "20261123T100000", "20261130T100000"]);
        let first = &calendar.events[0];
        let property = |name: &str| first.properties.iter().find(|p| p.name == name).unwrap().value.clone().unwrap();
        assert_eq!(property("SUMMARY"), escape(long_name));
        assert_eq!(property("DTEND"), "20261102T130000");
        assert_eq!(property("DTSTAMP"), "20261101T080000Z");
        assert_eq!(property("UID"), format!("{agreement}-20261102-{anna}@flok"));
        assert_eq!(property("DESCRIPTION"), "Contact: Bent\\nBuddy: Bent");
        assert_eq!(first.alarms.len(), 1);
        let trigger = first.alarms[0].properties.iter().find(|p| p.name == "TRIGGER").unwrap();
        assert_eq!(trigger.value.as_deref(), Some("-PT120M"));
        let uids: std::collections::BTreeSet<String> = calendar
            .events
            .iter()
            .map(|e| e.properties.iter().find(|p| p.name == "UID").unwrap().value.clone().unwrap())
            .collect();
        assert_eq!(uids.len(), 4, "each event has its own UID");
        assert!(shifts_calendar(&r, bent, day(1), day(30), 120, given_at).contains("END:VCALENDAR"));

        // An event Anna takes a place at goes in under its title.
        let time = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        let party = crate::model::Event::new("Christmas party", None, day(27), (time(17), time(22)), 10, "").unwrap();
        r.put(Id::from_u128(6), &party, stamp);
        let place = crate::model::SignUp {
            person: anna,
            occurrence: OccurrenceRef::Event { event: Id::from_u128(6) },
            recorded_by: None,
        };
        r.put(Id::from_u128(7), &place, stamp);
        let text = shifts_calendar(&r, anna, day(1), day(30), 120, given_at);
        assert!(text.contains("SUMMARY:Christmas party\r\n"), "{text}");
    }

    #[test]
    fn folding_never_splits_a_character() {
        let line = format!("SUMMARY:{}", "æ".repeat(100));
        let folded = fold(&line);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }
}
