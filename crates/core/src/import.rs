//! Importing a file: validate all of it, hold back what a wrong clock
//! stamped far in the future, and say what a merge would do — before
//! anything changes.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate};

use crate::clock::{DeviceId, Millis, Stamp};
use crate::export::{ImportError, Reading, Scope};
use crate::replica::{HeldBack, MergeSummary, RecordKey, Replica};

/// How far ahead of this device's clock a stamp may be. Beyond it the
/// sending device's clock is wrong; merging would drag every clock that sees
/// the stamp into the future, so those records wait.
pub const FUTURE_LIMIT: Millis = 24 * 60 * 60 * 1000;

/// A checked file, ready to merge.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    /// What will be merged.
    pub incoming: Replica,
    /// What a merge will change, per kind.
    pub preview: MergeSummary,
    /// Records left out, per device whose clock runs ahead.
    pub held_back: Vec<ClockAhead>,
    /// What the file says it leaves out or holds only part of.
    pub scope: Scope,
}

/// A device whose records were held back, and how far ahead it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockAhead {
    pub device: DeviceId,
    pub records: usize,
    /// The furthest day its stamps name.
    pub latest: NaiveDate,
}

/// Reads `bytes` and plans their merge into `local` at `now` (this device's
/// clock). Nothing changes until the plan is applied.
pub fn plan(local: &Replica, bytes: &[u8], now: Millis) -> Result<ImportPlan, ImportError> {
    let mut planning = Planning::start(bytes, now)?;
    loop {
        if let Some(plan) = planning.step(local, usize::MAX)? {
            return Ok(plan);
        }
    }
}

/// A plan being made a slice at a time: the file's records read, then
/// compared with this device's, a few hundred per step, so the page stays
/// responsive while a five-year file is checked.
pub struct Planning<'a> {
    now: Millis,
    reading: Option<Reading<'a>>,
    incoming: Replica,
    held: Vec<HeldBack>,
    preview: MergeSummary,
    scope: Scope,
    /// The last record compared so far.
    compared: Option<RecordKey>,
}

impl<'a> Planning<'a> {
    /// Checks the file's envelope (is it Flok's, which version).
    pub fn start(bytes: &'a [u8], now: Millis) -> Result<Self, ImportError> {
        let reading = Reading::start(bytes)?;
        let (incoming, held, preview) = (Replica::new(), Vec::new(), MergeSummary::default());
        Ok(Self { now, reading: Some(reading), incoming, held, preview, scope: Scope::default(), compared: None })
    }

    /// Does the work of up to `count` records, comparing with `local` as it
    /// stands now; gives the plan once all is done.
    pub fn step(&mut self, local: &Replica, count: usize) -> Result<Option<ImportPlan>, ImportError> {
        if let Some(reading) = &mut self.reading {
            if reading.step(count)? {
                let reading = self.reading.take().expect("still reading");
                self.scope = reading.scope().clone();
                let (mut incoming, _version) = reading.finish()?;
                self.held = incoming.hold_back_after(self.now.saturating_add(FUTURE_LIMIT));
                self.incoming = incoming;
            }
            return Ok(None);
        }
        let part: Vec<_> = self.incoming.changed_since_after(0, self.compared.as_ref()).take(count).collect();
        self.preview.add(local.preview_of(part.iter().copied()));
        if let Some((last, _)) = part.last() {
            self.compared = Some((*last).clone());
        }
        if self.incoming.changed_since_after(0, self.compared.as_ref()).next().is_some() {
            return Ok(None);
        }
        Ok(Some(ImportPlan {
            incoming: std::mem::take(&mut self.incoming),
            preview: std::mem::take(&mut self.preview),
            held_back: by_device(&self.held),
            scope: std::mem::take(&mut self.scope),
        }))
    }
}

fn by_device(held: &[HeldBack]) -> Vec<ClockAhead> {
    let mut devices: BTreeMap<DeviceId, (usize, Stamp)> = BTreeMap::new();
    for h in held {
        let entry = devices.entry(h.stamp.device).or_insert((0, h.stamp));
        entry.0 += 1;
        entry.1 = entry.1.max(h.stamp);
    }
    devices
        .into_iter()
        .map(|(device, (records, latest))| ClockAhead {
            device,
            records,
            latest: DateTime::from_timestamp_millis(latest.millis as i64).map_or(NaiveDate::MAX, |t| t.date_naive()),
        })
        .collect()
}

impl ImportPlan {
    /// Whether the merge would change nothing.
    pub fn changes_nothing(&self) -> bool {
        self.preview.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export;
    use crate::replica::RecordKey;
    use crate::testing::arb_replica;
    use proptest::prelude::*;
    use serde_json::json;

    const DAY: Millis = 86_400_000;
    const NOW: Millis = 1_795_429_972_123;

    fn stamp(millis: Millis, device: u64) -> Stamp {
        Stamp { millis, counter: 0, device: DeviceId::from_u64(device) }
    }

    #[test]
    fn a_plan_previews_without_changing_anything() {
        let local = Replica::new();
        let mut other = Replica::new();
        other.set(RecordKey::new("person", "p1"), "name", json!("Anna"), stamp(NOW - DAY, 2));
        let plan = plan(&local, export::write(&other).as_bytes(), NOW).unwrap();
        assert_eq!(plan.preview.kinds["person"].new, 1);
        assert!(plan.held_back.is_empty());
        assert!(local.is_empty());
    }

    #[test]
    fn records_from_a_clock_days_ahead_are_held_back_and_the_device_named() {
        let mut other = Replica::new();
        other.set(RecordKey::new("person", "ok"), "name", json!("Anna"), stamp(NOW + DAY / 2, 2));
        other.set(RecordKey::new("person", "ahead1"), "name", json!("Bent"), stamp(NOW + 3 * DAY, 7));
        other.set(RecordKey::new("person", "ahead2"), "name", json!("Carl"), stamp(NOW + 5 * DAY, 7));
        let plan = plan(&Replica::new(), export::write(&other).as_bytes(), NOW).unwrap();
        assert_eq!(plan.incoming.len(), 1, "half a day ahead is ordinary skew and merges");
        assert_eq!(
            plan.held_back,
            [ClockAhead {
                device: DeviceId::from_u64(7),
                records: 2,
                latest: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
            }]
        );
        assert_eq!(plan.preview.kinds["person"].new, 1);
    }

    #[test]
    fn a_bad_file_gives_no_plan() {
        assert_eq!(plan(&Replica::new(), b"", NOW), Err(ImportError::Empty));
    }

    proptest! {
        #[test]
        fn a_plan_made_in_slices_is_the_plan_made_at_once(
            local in arb_replica(),
            other in arb_replica(),
            slice in 1..4usize,
        ) {
            let text = export::write(&other);
            let mut planning = Planning::start(text.as_bytes(), 30).unwrap();
            let sliced = loop {
                if let Some(plan) = planning.step(&local, slice).unwrap() {
                    break plan;
                }
            };
            prop_assert_eq!(&sliced, &plan(&local, text.as_bytes(), 30).unwrap());
            // Merged in slices too, it does what it said.
            let mut merged = local.clone();
            let mut summary = MergeSummary::default();
            let records: Vec<_> = sliced.incoming.records().collect();
            for part in records.chunks(slice) {
                summary.add(merged.merge_of(part.iter().copied()));
            }
            prop_assert_eq!(summary, sliced.preview);
        }
    }
}
