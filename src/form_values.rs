//! What people type into Flok's forms, read into values: times as a time
//! field gives them ("10:00") or as Danes write them ("10.00"), dates, and
//! moments from a date-and-time field. Plain Rust: tested natively.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// A time of day: "10:00" or "10.00".
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M").or_else(|_| NaiveTime::parse_from_str(text, "%H.%M")).ok()
}

/// A date as a date field gives it: "2026-12-24".
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    text.trim().parse().ok()
}

/// A moment as a date-and-time field gives it: "2026-12-24T10:00".
pub fn parse_moment(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

/// A moment as a date-and-time field shows it.
pub fn moment_value(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

/// A time as a time field shows it.
pub fn time_value(at: NaiveTime) -> String {
    at.format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_dates_and_moments_are_read_as_fields_give_them() {
        let ten = NaiveTime::from_hms_opt(10, 0, 0);
        assert_eq!((parse_time("10:00"), parse_time(" 10.00 "), parse_time("25:00")), (ten, ten, None));
        let eve = NaiveDate::from_ymd_opt(2026, 12, 24);
        assert_eq!((parse_date("2026-12-24"), parse_date("24/12/2026")), (eve, None));
        let moment = eve.and_then(|d| d.and_hms_opt(10, 0, 0));
        assert_eq!(parse_moment("2026-12-24T10:00"), moment);
        assert_eq!(parse_moment("2026-12-24T10:00:00"), moment);
        assert_eq!(parse_moment("2026-12-24"), None);
        assert_eq!(moment.map(moment_value).as_deref(), Some("2026-12-24T10:00"));
    }
}
