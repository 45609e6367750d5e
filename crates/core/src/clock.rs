//! Hybrid logical clock: the stamp every change carries.
//!
//! A stamp is (wall-clock milliseconds, counter, device). The clock never runs
//! backwards and moves past every stamp it has seen, so an edit made after
//! seeing another always sorts after it — even on a phone whose clock is days
//! wrong. Two devices never make equal stamps because the device is part of it.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

/// Milliseconds since 1970-01-01 UTC.
pub type Millis = u64;

/// The latest instant a stamp may name (9999-12-31T23:59:59.999Z): stamps are
/// written with a four-digit year so that their text sorts like their value.
pub const MAX_MILLIS: Millis = 253_402_300_799_999;

/// One installation of Flok. Made once, kept on the device, and never taken
/// from an imported file (two devices sharing an id could make equal stamps).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeviceId(u64);

impl DeviceId {
    /// A fresh random id (from the browser's crypto on wasm).
    pub fn random() -> Self {
        Self(uuid::Uuid::new_v4().as_u64_pair().0)
    }

    pub const fn from_u64(raw: u64) -> Self {
        Self(raw)
    }
}

impl fmt::Display for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl FromStr for DeviceId {
    type Err = StampError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 16 || !s.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) {
            return Err(StampError::Malformed(s.to_owned()));
        }
        u64::from_str_radix(s, 16).map(Self).map_err(|_| StampError::Malformed(s.to_owned()))
    }
}

impl Serialize for DeviceId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DeviceId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// When and where a change was made. Ordered by time, then counter, then
/// device, so every replica picks the same winner for concurrent edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub millis: Millis,
    pub counter: u16,
    pub device: DeviceId,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StampError {
    #[error("“{0}” is not a Flok time stamp")]
    Malformed(String),
}

/// Written as `2026-11-23T10:32:52.123Z-0001-00aa11bb22cc33dd`: readable, and
/// its text sorts in the same order as the stamp itself.
impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written field by field: chrono's general formatter made this the
        // costliest part of an export.
        let at = DateTime::<Utc>::from_timestamp_millis(self.millis as i64).ok_or(fmt::Error)?;
        let (date, time) = (at.date_naive(), at.time());
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z-{:04x}-{}",
            date.year(),
            date.month(),
            date.day(),
            time.hour(),
            time.minute(),
            time.second(),
            self.millis % 1000,
            self.counter,
            self.device
        )
    }
}

impl FromStr for Stamp {
    type Err = StampError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let malformed = || StampError::Malformed(s.to_owned());
        // Fixed widths and digits only, so only the canonical spelling reads:
        // `yyyy-mm-ddThh:mm:ss.mmmZ-cccc-dddddddddddddddd`.
        let b = s.as_bytes();
        if b.len() != 24 + 1 + 4 + 1 + 16
            || [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'.')]
                .into_iter()
                .chain([(23, b'Z'), (24, b'-'), (29, b'-')])
                .any(|(at, c)| b[at] != c)
        {
            return Err(malformed());
        }
        let number = |from: usize, to: usize| -> Option<u32> {
            b[from..to].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
        };
        let date = NaiveDate::from_ymd_opt(
            number(0, 4).ok_or_else(malformed)? as i32,
            number(5, 7).ok_or_else(malformed)?,
            number(8, 10).ok_or_else(malformed)?,
        );
        let time = NaiveTime::from_hms_milli_opt(
            number(11, 13).ok_or_else(malformed)?,
            number(14, 16).ok_or_else(malformed)?,
            number(17, 19).ok_or_else(malformed)?,
            number(20, 23).ok_or_else(malformed)?,
        );
        let (Some(date), Some(time)) = (date, time.filter(|t| t.second() < 60)) else {
            return Err(malformed());
        };
        let millis = Millis::try_from(date.and_time(time).and_utc().timestamp_millis()).map_err(|_| malformed())?;
        if !b[25..29].iter().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()) {
            return Err(malformed());
        }
        let counter = u16::from_str_radix(&s[25..29], 16).map_err(|_| malformed())?;
        let device = s[30..].parse()?;
        Ok(Stamp { millis, counter, device })
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The clock of one device. It issues stamps for local changes and is told
/// of every stamp merged in, so its next stamp comes after all it has seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    device: DeviceId,
    millis: Millis,
    counter: u16,
}

impl Clock {
    pub fn new(device: DeviceId) -> Self {
        Self { device, millis: 0, counter: 0 }
    }

    pub fn device(&self) -> DeviceId {
        self.device
    }

    /// A stamp for a change made now (`wall` is the device's own clock).
    /// Never earlier than the last stamp issued or seen, whatever `wall` says.
    pub fn tick(&mut self, wall: Millis) -> Stamp {
        let wall = wall.min(MAX_MILLIS);
        if wall > self.millis {
            self.millis = wall;
            self.counter = 0;
        } else if self.counter == u16::MAX {
            // A burst of 65,536 changes in one millisecond: borrow the next one.
            self.millis = (self.millis + 1).min(MAX_MILLIS);
            self.counter = 0;
        } else {
            self.counter += 1;
        }
        Stamp { millis: self.millis, counter: self.counter, device: self.device }
    }

    /// Moves the clock past a stamp merged in from elsewhere. Stamps too far in
    /// the future never reach here: the merge holds them back.
    pub fn observe(&mut self, seen: Stamp) {
        if (seen.millis, seen.counter) > (self.millis, self.counter) {
            self.millis = seen.millis;
            self.counter = seen.counter;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const A: DeviceId = DeviceId::from_u64(0xa);
    const B: DeviceId = DeviceId::from_u64(0xb);

    #[test]
    fn a_stamp_reads_as_time_counter_device() {
        let stamp = Stamp { millis: 1_795_429_972_123, counter: 1, device: DeviceId::from_u64(0xaa11) };
        assert_eq!(stamp.to_string(), "2026-11-23T10:32:52.123Z-0001-000000000000aa11");
        assert_eq!(stamp.to_string().parse(), Ok(stamp));
    }

    #[test]
    fn malformed_stamps_are_refused() {
        for bad in [
            "",
            "yesterday",
            "2026-11-23T10:32:52.123Z-0001-000000000000AA11",
            "2026-11-23T10:32:52.123+01:00-0001-000000000000aa11",
            "2026-11-23T10:32:52.123Z-0001-000000000000aa1",
            "2026-13-23T10:32:52.123Z-0001-000000000000aa11",
            "2026-02-29T10:32:52.123Z-0001-000000000000aa11",
            "2026-11-23T24:32:52.123Z-0001-000000000000aa11",
            "2026-11-23T10:32:60.123Z-0001-000000000000aa11",
            "2026-11-23T10:32:52.1a3Z-0001-000000000000aa11",
            "2026-11-23T10:32:52.123Z-000G-000000000000aa11",
            "1969-12-31T23:59:59.999Z-0001-000000000000aa11",
            "2026-11-23 10:32:52.123Z-0001-000000000000aa11",
            "+026-11-23T10:32:52.123Z-0001-000000000000aa11",
        ] {
            assert!(bad.parse::<Stamp>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_clock_never_runs_backwards() {
        let mut clock = Clock::new(A);
        let first = clock.tick(1_000);
        let second = clock.tick(500);
        assert!(second > first);
        assert_eq!((second.millis, second.counter), (1_000, 1));
    }

    #[test]
    fn after_observing_a_stamp_the_next_one_is_later() {
        let mut behind = Clock::new(B);
        let remote = Stamp { millis: 9_000, counter: 7, device: A };
        behind.observe(remote);
        assert!(behind.tick(10) > remote);
    }

    #[test]
    fn a_burst_within_one_millisecond_stays_ordered() {
        let mut clock = Clock::new(A);
        let mut last = clock.tick(5);
        for _ in 0..70_000 {
            let next = clock.tick(5);
            assert!(next > last);
            last = next;
        }
    }

    proptest! {
        #[test]
        fn text_order_is_stamp_order(a in 0..MAX_MILLIS, b in 0..MAX_MILLIS, ca: u16, cb: u16, da: u64, db: u64) {
            let x = Stamp { millis: a, counter: ca, device: DeviceId(da) };
            let y = Stamp { millis: b, counter: cb, device: DeviceId(db) };
            prop_assert_eq!(x.cmp(&y), x.to_string().cmp(&y.to_string()));
            prop_assert_eq!(x.to_string().parse::<Stamp>(), Ok(x));
        }

        #[test]
        fn stamps_of_one_clock_strictly_increase(walls in prop::collection::vec(0..MAX_MILLIS, 1..200)) {
            let mut clock = Clock::new(A);
            let mut last = None;
            for wall in walls {
                let stamp = clock.tick(wall);
                prop_assert!(last.is_none_or(|l| stamp > l));
                last = Some(stamp);
            }
        }
    }
}
