//! What people type into Flok's forms, read into values: times as a time
//! field gives them ("10:00") or as Danes write them ("10.00"), dates, and
//! moments from a date-and-time field. Read and written by hand: chrono's
//! format strings would put its whole formatting machinery in the
//! volunteer's download. Plain Rust: tested natively.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// A time of day: "10:00" or "10.00" (the hour may be one digit).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let (hour, minute) = text.trim().split_once([':', '.'])?;
    NaiveTime::from_hms_opt(number(hour, 1..=2)?, number(minute, 2..=2)?, 0)
}

/// A number of `digits` ASCII digits (no sign, no spaces).
fn number(text: &str, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (digits.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
}

/// A date as a date field gives it: "2026-12-24".
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    text.trim().parse().ok()
}

/// A moment as a date-and-time field gives it: "2026-12-24T10:00".
pub fn parse_moment(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.trim().split_once('T')?;
    let (hour, rest) = time.split_once(':')?;
    let (minute, second) = rest.split_once(':').unwrap_or((rest, "00"));
    let time = NaiveTime::from_hms_opt(number(hour, 2..=2)?, number(minute, 2..=2)?, number(second, 2..=2)?)?;
    Some(parse_date(date)?.and_time(time))
}

/// A moment as a date-and-time field shows it.
pub fn moment_value(at: NaiveDateTime) -> String {
    format!("{}T{}", at.date(), time_value(at.time()))
}

/// A time as a time field shows it.
pub fn time_value(at: NaiveTime) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_dates_and_moments_are_read_as_fields_give_them() {
        let ten = NaiveTime::from_hms_opt(10, 0, 0);
        assert_eq!((parse_time("10:00"), parse_time(" 10.00 "), parse_time("25:00")), (ten, ten, None));
        assert_eq!(
            (parse_time("9:05"), parse_time("10:5"), parse_time("+1:00")),
            (NaiveTime::from_hms_opt(9, 5, 0), None, None)
        );
        assert_eq!((parse_time("10"), parse_time("10:00:00"), parse_time("")), (None, None, None));
        assert_eq!(NaiveTime::from_hms_opt(9, 5, 0).map(time_value).as_deref(), Some("09:05"));
        let eve = NaiveDate::from_ymd_opt(2026, 12, 24);
        assert_eq!((parse_date("2026-12-24"), parse_date("24/12/2026")), (eve, None));
        let moment = eve.and_then(|d| d.and_hms_opt(10, 0, 0));
        assert_eq!(parse_moment("2026-12-24T10:00"), moment);
        assert_eq!(parse_moment("2026-12-24T10:00:00"), moment);
        assert_eq!(parse_moment("2026-12-24"), None);
        assert_eq!((parse_moment("2026-12-24T10"), parse_moment("2026-12-24T10:00:60")), (None, None));
        assert_eq!(parse_moment("2026-12-24T24:00"), None);
        assert_eq!(moment.map(moment_value).as_deref(), Some("2026-12-24T10:00"));
    }
}
