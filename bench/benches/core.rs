//! Flok's core against Automerge on the same scenario (see `src/lib.rs`):
//! load a stored replica, merge two devices, export, and a year's report per
//! person. Scales are multiples of the demo data set (200 people, 5 years),
//! from `FLOK_BENCH_SCALES` (default `0.1,1`). After the runs it prints
//! Flok/Automerge ratios of time and bytes, from this run's own estimates.
//! From 30× on each workload is timed once instead (see [`TIMED_ONCE_FROM`]).
//!
//! Run: `bash scripts/bench.sh` (README).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use automerge::AutoCommit;
use chrono::{NaiveDate, NaiveDateTime};
use criterion::{BatchSize, BenchmarkId, Criterion};
use flok_bench::{to_replica, Scenario};
use flok_core::report::{report, GroupBy};
use flok_core::{export, RecordKey, Replica};

const WORKLOADS: [&str; 4] = ["load", "merge", "export", "report"];

/// From this scale on, criterion's least of ten samples (at 10× its run
/// takes 20 minutes) would not fit in an afternoon, nor would its copies of
/// both devices fit in memory: each workload is timed once, on the scenario
/// itself, merging last.
const TIMED_ONCE_FROM: f64 = 30.0;

/// Seconds per (scale, workload, system) of the workloads timed once.
type Once = BTreeMap<(String, &'static str, &'static str), f64>;

/// What each system keeps on disk for device 1 at one scale.
struct Sizes {
    label: String,
    records: usize,
    flok_compact: usize,
    flok_export: usize,
    /// The export as the app saves it: a `.flok` file (gzip at the default level, as `CompressionStream`).
    flok_packed: usize,
    automerge: usize,
}

/// The bytes of `text` gzipped as the browser's `CompressionStream` does it.
fn packed_len(text: &str) -> usize {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(text.as_bytes()).expect("writing into memory");
    encoder.finish().expect("writing into memory").len()
}

fn main() {
    let scales = std::env::var("FLOK_BENCH_SCALES").unwrap_or_else(|_| "0.1,1".to_owned());
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(5))
        .configure_from_args();
    let (mut sizes, mut once) = (Vec::new(), Once::new());
    for scale in scales.split(',').map(|s| s.trim().parse::<f64>().expect("FLOK_BENCH_SCALES: numbers, like 0.1,1")) {
        sizes.push(if scale >= TIMED_ONCE_FROM {
            time_once(scale, &mut once)
        } else {
            bench_scale(&mut criterion, scale)
        });
    }
    criterion.final_summary();
    print_ratios(&sizes, &once);
}

fn people_at(scale: f64) -> usize {
    ((200.0 * scale).round() as usize).max(1)
}

/// The year whose report per person both systems give.
fn year() -> (NaiveDate, NaiveDate) {
    (NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap())
}

/// Runs `work` once, noting its time under `key`.
fn timed<T>(once: &mut Once, key: (&str, &'static str, &'static str), work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    let seconds = started.elapsed().as_secs_f64();
    eprintln!("{} {} {}: {seconds:.2} s", key.0, key.1, key.2);
    once.insert((key.0.to_owned(), key.1, key.2), seconds);
    result
}

/// The workloads at a large scale, each timed once.
fn time_once(scale: f64, once: &mut Once) -> Sizes {
    let people = people_at(scale);
    let label = format!("{scale}x");
    let started = Instant::now();
    let mut s = Scenario::new(people);
    eprintln!("{label}: {people} people, {} records, scenario built in {:.1?}", s.flok_a.len(), started.elapsed());
    let (from, to) = year();
    let l = label.as_str();
    // One stored file would pass the import limit (100 MB) from here on: the
    // records are read one by one, as the app reads them from IndexedDB.
    let flok_stored: Vec<(RecordKey, String)> =
        s.flok_a.records().map(|(key, record)| (key.clone(), export::record_text(record))).collect();
    let load = || flok_stored.iter().map(|(key, text)| (key.clone(), export::read_record(text).unwrap()));
    drop(timed(once, (l, "load", "flok"), || load().collect::<Replica>()));
    let automerge_saved = timed(once, (l, "export", "automerge"), || s.automerge_a.save());
    drop(timed(once, (l, "load", "automerge"), || AutoCommit::load(&automerge_saved).unwrap()));
    let export_text = timed(once, (l, "export", "flok"), || export::write(&s.flok_a));
    let (flok_export, flok_packed) = (export_text.len(), packed_len(&export_text));
    drop(export_text);
    // From a copy that has read nothing typed, as Automerge's starts from its document.
    let fresh: Replica = s.flok_a.records().map(|(key, record)| (key.clone(), record.clone())).collect();
    let flok_report =
        timed(once, (l, "report", "flok"), || report(&fresh, from, to, GroupBy::Person, NaiveDateTime::MAX));
    drop(fresh);
    let automerge_report = timed(once, (l, "report", "automerge"), || {
        report(&to_replica(&s.automerge_a), from, to, GroupBy::Person, NaiveDateTime::MAX)
    });
    assert_eq!(flok_report, automerge_report, "both systems hold the same data");
    let sizes = Sizes {
        label: label.clone(),
        records: s.flok_a.len(),
        flok_compact: flok_stored.iter().map(|(_, text)| text.len()).sum(),
        flok_export,
        flok_packed,
        automerge: automerge_saved.len(),
    };
    drop((flok_stored, automerge_saved));
    timed(once, (l, "merge", "flok"), || s.flok_a.merge(&s.flok_b));
    drop(std::mem::take(&mut s.flok_a));
    drop(std::mem::take(&mut s.flok_b));
    give_back_freed_memory();
    timed(once, (l, "merge", "automerge"), || s.automerge_a.merge(&mut s.automerge_b).unwrap());
    sizes
}

/// Returns the heap's free pages to the system. Flok's copies are millions of
/// small allocations; freed, they stay with the allocator, and at 100×
/// Automerge's merge then found no room for its 5 GB at once (measured: an
/// allocation failure with 18.7 GB resident).
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases memory no allocation holds.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn bench_scale(c: &mut Criterion, scale: f64) -> Sizes {
    let people = people_at(scale);
    let label = format!("{scale}x");
    let started = Instant::now();
    let s = Scenario::new(people);
    let (flok, mut automerge) = (s.flok_a.clone(), s.automerge_a.clone());
    let flok_stored = export::to_value(&flok).to_string();
    let automerge_saved = automerge.save();
    eprintln!("{label}: {people} people, {} records, scenario built in {:.1?}", flok.len(), started.elapsed());
    let (from, to) = year();

    // Each routine hands back what it consumed: criterion drops routines'
    // outputs after timing, so freeing a copy is not counted as the work.
    let mut group = c.benchmark_group(&label);
    group
        .bench_function(BenchmarkId::new("load", "flok"), |b| b.iter(|| export::read(flok_stored.as_bytes()).unwrap()));
    group.bench_function(BenchmarkId::new("load", "automerge"), |b| {
        b.iter(|| AutoCommit::load(&automerge_saved).unwrap())
    });
    group.bench_function(BenchmarkId::new("merge", "flok"), |b| {
        b.iter_batched(
            || s.flok_a.clone(),
            |mut a| {
                a.merge(&s.flok_b);
                a
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function(BenchmarkId::new("merge", "automerge"), |b| {
        b.iter_batched(
            || (s.automerge_a.clone(), s.automerge_b.clone()),
            |(mut a, mut b)| {
                a.merge(&mut b).unwrap();
                (a, b)
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function(BenchmarkId::new("export", "flok"), |b| b.iter(|| export::write(&flok)));
    group.bench_function(BenchmarkId::new("export", "automerge"), |b| {
        b.iter_batched(
            || automerge.clone(),
            |mut doc| {
                let saved = doc.save();
                (doc, saved)
            },
            BatchSize::LargeInput,
        )
    });
    // From a copy that has read nothing typed yet, as Automerge's starts from its document:
    // the replica keeps typed records between reports, which would make later runs free.
    group.bench_function(BenchmarkId::new("report", "flok"), |b| {
        b.iter_batched(
            || flok.records().map(|(key, record)| (key.clone(), record.clone())).collect::<Replica>(),
            |fresh| {
                let rows = report(&fresh, from, to, GroupBy::Person, NaiveDateTime::MAX);
                (fresh, rows)
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function(BenchmarkId::new("report", "automerge"), |b| {
        b.iter(|| report(&to_replica(&automerge), from, to, GroupBy::Person, NaiveDateTime::MAX))
    });
    group.finish();
    assert_eq!(
        report(&flok, from, to, GroupBy::Person, NaiveDateTime::MAX),
        report(&to_replica(&automerge), from, to, GroupBy::Person, NaiveDateTime::MAX),
        "both systems hold the same data"
    );
    Sizes {
        label,
        records: flok.len(),
        flok_compact: flok_stored.len(),
        flok_export: export::write(&flok).len(),
        flok_packed: packed_len(&export::write(&flok)),
        automerge: automerge_saved.len(),
    }
}

/// The mean time criterion estimated in this run, in seconds.
fn mean(group: &str, workload: &str, system: &str) -> Option<f64> {
    let home = std::env::var_os("CRITERION_HOME").map_or_else(|| PathBuf::from("target/criterion"), PathBuf::from);
    let path = home.join(group).join(workload).join(system).join("new/estimates.json");
    let estimates: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    estimates["mean"]["point_estimate"].as_f64().map(|ns| ns / 1e9)
}

fn print_ratios(sizes: &[Sizes], once: &Once) {
    println!("\nTime, mean of this run or the one run from {TIMED_ONCE_FROM}x (Flok / Automerge: below 1 means Flok is faster)");
    println!("{:<8} {:<8} {:>12} {:>12} {:>8}", "scale", "workload", "flok", "automerge", "ratio");
    for size in sizes {
        for workload in WORKLOADS {
            let time = |system| {
                once.get(&(size.label.clone(), workload, system))
                    .copied()
                    .or_else(|| mean(&size.label, workload, system))
            };
            let (Some(flok), Some(automerge)) = (time("flok"), time("automerge")) else {
                continue; // filtered out on the command line
            };
            println!(
                "{:<8} {:<8} {:>10.1}ms {:>10.1}ms {:>8.3}",
                size.label,
                workload,
                flok * 1e3,
                automerge * 1e3,
                flok / automerge
            );
        }
    }
    println!("\nBytes on disk for device 1 (Flok / Automerge: stored in IndexedDB, and the .flok file)");
    println!(
        "{:<8} {:>8} {:>14} {:>14} {:>12} {:>14} {:>8} {:>8}",
        "scale", "records", "flok stored", "flok export", "flok .flok", "automerge", "stored", ".flok"
    );
    for s in sizes {
        println!(
            "{:<8} {:>8} {:>14} {:>14} {:>12} {:>14} {:>8.2} {:>8.2}",
            s.label,
            s.records,
            s.flok_compact,
            s.flok_export,
            s.flok_packed,
            s.automerge,
            s.flok_compact as f64 / s.automerge as f64,
            s.flok_packed as f64 / s.automerge as f64
        );
    }
}
