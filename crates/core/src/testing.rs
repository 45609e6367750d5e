//! Generators shared by the property tests: small universes of kinds, ids,
//! fields, values and stamps, so that collisions (the interesting cases) are
//! common; and the weekly timetable the shift tests build on.

use proptest::prelude::*;
use serde_json::Value;

use crate::clock::{DeviceId, Stamp};
use crate::replica::{RecordKey, Replica};

pub fn arb_stamp() -> impl Strategy<Value = Stamp> {
    (0..40u64, 0..3u16, 0..4u64).prop_map(|(millis, counter, device)| Stamp {
        millis,
        counter,
        device: DeviceId::from_u64(device),
    })
}

pub fn arb_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0..4i64).prop_map(Value::from),
        "[a-c]{0,2}".prop_map(Value::from),
        Just(Value::Null),
        // A nested object, as the model's occurrences and schedules are.
        (0..2i64).prop_map(|n| serde_json::json!({"b": n, "a": [null]})),
    ]
}

/// Any JSON value, nested a few levels, objects with their keys in any order.
pub fn arb_json() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON has no NaN or infinity", |x| x.is_finite()).prop_map(Value::from),
        ".{0,6}".prop_map(Value::from),
    ];
    scalar.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec(("[a-d]{1,2}", inner), 0..4)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

#[derive(Clone, Debug)]
pub enum Change {
    Set(RecordKey, String, Value, Stamp),
    Delete(RecordKey, Stamp),
}

pub fn arb_key() -> impl Strategy<Value = RecordKey> {
    (prop::sample::select(vec!["person", "function"]), prop::sample::select(vec!["a", "b", "c"]))
        .prop_map(|(kind, id)| RecordKey::new(kind, id))
}

pub fn arb_change() -> impl Strategy<Value = Change> {
    prop_oneof![
        6 => (arb_key(), prop::sample::select(vec!["name", "phone", "x"]), arb_value(), arb_stamp())
            .prop_map(|(k, f, v, s)| Change::Set(k, f.to_owned(), v, s)),
        1 => (arb_key(), arb_stamp()).prop_map(|(k, s)| Change::Delete(k, s)),
    ]
}

pub fn apply(replica: &mut Replica, change: Change) {
    match change {
        Change::Set(key, field, value, stamp) => replica.set(key, &field, value, stamp),
        Change::Delete(key, stamp) => replica.delete(key, stamp),
    }
}

pub fn arb_replica() -> impl Strategy<Value = Replica> {
    prop::collection::vec(arb_change(), 0..25).prop_map(|changes| {
        let mut replica = Replica::new();
        changes.into_iter().for_each(|c| apply(&mut replica, c));
        replica
    })
}

/// Every Monday from `first_day`, from `starts` to `ends` o'clock.
pub fn mondays(starts: u32, ends: u32, first_day: chrono::NaiveDate) -> crate::recurrence::Schedule {
    use crate::recurrence::{Recurrence, Schedule};
    let time = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0).expect("an hour of the day");
    let weekly = Recurrence::Weekly { weekdays: vec![chrono::Weekday::Mon], interval: 1 };
    Schedule::new(weekly, time(starts), time(ends), first_day, None).expect("a sound timetable")
}

/// Counts the bytes this thread allocates while `work` runs (other threads'
/// tests are not counted): for tests that hold work to what it must
/// allocate, exactly, with no timing noise.
pub fn allocated_by<T>(work: impl FnOnce() -> T) -> (T, usize) {
    COUNTED.with(|counted| counted.set(Some(0)));
    let result = work();
    let bytes = COUNTED.with(|counted| counted.take()).unwrap_or(0);
    (result, bytes)
}

thread_local! {
    /// Bytes allocated by this thread while counting; `None` when not counting.
    static COUNTED: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

struct Counting;

impl Counting {
    fn count(bytes: usize) {
        // Never fails for a const-initialized cell; ignored while the thread ends.
        let _ = COUNTED.try_with(|counted| counted.set(counted.get().map(|n| n + bytes)));
    }
}

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        Self::count(layout.size());
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        Self::count(new_size);
        unsafe { std::alloc::System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;
