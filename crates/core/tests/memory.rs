//! What a record costs in memory: a phone holds every record of five years
//! (the demo group's 23,000) at once, and so do the benchmarks at 100×
//! (2.25 million a device). Counted by an allocator that tallies live bytes,
//! so the budget is exact, not timing noise. A test binary of its own: the
//! allocator counts for the whole process.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use flok_core::demo::{demo, DemoOptions};
use flok_core::{export, Replica};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes a record may take. This set's took 2,411 when fields were maps of
/// parsed values, 672 since they are a sorted list of canonical texts.
const BUDGET_PER_RECORD: usize = 750;

#[test]
fn five_years_of_records_fit_the_memory_budget() {
    let group = demo(DemoOptions { seed: 1, people: 40, years: 5 });
    // Read back as a phone loads them, one stored text at a time.
    let stored: Vec<_> = group.records().map(|(key, record)| (key.clone(), export::record_text(record))).collect();
    let before = LIVE.load(Relaxed);
    let loaded: Replica =
        stored.iter().map(|(key, text)| (key.clone(), export::read_record(text).expect("a stored record"))).collect();
    let per_record = (LIVE.load(Relaxed) - before) / loaded.len();
    assert_eq!(loaded, group);
    assert!(
        per_record <= BUDGET_PER_RECORD,
        "{per_record} bytes a record over {} records, budget {BUDGET_PER_RECORD}",
        loaded.len()
    );
}
