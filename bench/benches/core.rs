//! Flok's core against Automerge on the same scenario (see `src/lib.rs`):
//! load a stored replica, merge two devices, export, and a year's report per
//! person. Scales are multiples of the demo data set (200 people, 5 years),
//! from `FLOK_BENCH_SCALES` (default `0.1,1`). After the runs it prints
//! Flok/Automerge ratios of time and bytes, from this run's own estimates.
//!
//! Run: `bash scripts/bench.sh` (README).

use std::path::PathBuf;
use std::time::Instant;

use automerge::AutoCommit;
use chrono::NaiveDate;
use criterion::{BatchSize, BenchmarkId, Criterion};
use flok_bench::{to_replica, Scenario};
use flok_core::report::{report, GroupBy};
use flok_core::{export, Replica};

const WORKLOADS: [&str; 4] = ["load", "merge", "export", "report"];

/// What each system keeps on disk for device 1 at one scale.
struct Sizes {
    label: String,
    records: usize,
    flok_compact: usize,
    flok_export: usize,
    automerge: usize,
}

fn main() {
    let scales = std::env::var("FLOK_BENCH_SCALES").unwrap_or_else(|_| "0.1,1".to_owned());
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(5))
        .configure_from_args();
    let mut sizes = Vec::new();
    for scale in scales.split(',').map(|s| s.trim().parse::<f64>().expect("FLOK_BENCH_SCALES: numbers, like 0.1,1")) {
        sizes.push(bench_scale(&mut criterion, scale));
    }
    criterion.final_summary();
    print_ratios(&sizes);
}

fn bench_scale(c: &mut Criterion, scale: f64) -> Sizes {
    let people = ((200.0 * scale).round() as usize).max(1);
    let label = format!("{scale}x");
    let started = Instant::now();
    let s = Scenario::new(people);
    let (flok, mut automerge) = (s.flok_a.clone(), s.automerge_a.clone());
    let flok_stored = export::to_value(&flok).to_string();
    let automerge_saved = automerge.save();
    eprintln!("{label}: {people} people, {} records, scenario built in {:.1?}", flok.len(), started.elapsed());
    let (from, to) = (NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());

    let mut group = c.benchmark_group(&label);
    group
        .bench_function(BenchmarkId::new("load", "flok"), |b| b.iter(|| export::read(flok_stored.as_bytes()).unwrap()));
    group.bench_function(BenchmarkId::new("load", "automerge"), |b| {
        b.iter(|| AutoCommit::load(&automerge_saved).unwrap())
    });
    group.bench_function(BenchmarkId::new("merge", "flok"), |b| {
        b.iter_batched(|| s.flok_a.clone(), |mut a| a.merge(&s.flok_b), BatchSize::LargeInput)
    });
    group.bench_function(BenchmarkId::new("merge", "automerge"), |b| {
        b.iter_batched(
            || (s.automerge_a.clone(), s.automerge_b.clone()),
            |(mut a, mut b)| a.merge(&mut b).unwrap(),
            BatchSize::LargeInput,
        )
    });
    group.bench_function(BenchmarkId::new("export", "flok"), |b| b.iter(|| export::write(&flok)));
    group.bench_function(BenchmarkId::new("export", "automerge"), |b| {
        b.iter_batched(|| automerge.clone(), |mut doc| doc.save(), BatchSize::LargeInput)
    });
    // From a copy that has read nothing typed yet, as Automerge's starts from its document:
    // the replica keeps typed records between reports, which would make later runs free.
    group.bench_function(BenchmarkId::new("report", "flok"), |b| {
        b.iter_batched(
            || flok.records().map(|(key, record)| (key.clone(), record.clone())).collect::<Replica>(),
            |fresh| report(&fresh, from, to, GroupBy::Person),
            BatchSize::LargeInput,
        )
    });
    group.bench_function(BenchmarkId::new("report", "automerge"), |b| {
        b.iter(|| report(&to_replica(&automerge), from, to, GroupBy::Person))
    });
    group.finish();
    assert_eq!(
        report(&flok, from, to, GroupBy::Person),
        report(&to_replica(&automerge), from, to, GroupBy::Person),
        "both systems hold the same data"
    );
    Sizes {
        label,
        records: flok.len(),
        flok_compact: flok_stored.len(),
        flok_export: export::write(&flok).len(),
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

fn print_ratios(sizes: &[Sizes]) {
    println!("\nTime, mean of this run (Flok / Automerge: below 1 means Flok is faster)");
    println!("{:<8} {:<8} {:>12} {:>12} {:>8}", "scale", "workload", "flok", "automerge", "ratio");
    for size in sizes {
        for workload in WORKLOADS {
            let (Some(flok), Some(automerge)) =
                (mean(&size.label, workload, "flok"), mean(&size.label, workload, "automerge"))
            else {
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
    println!("\nBytes on disk for device 1 (Flok / Automerge)");
    println!(
        "{:<8} {:>8} {:>14} {:>14} {:>14} {:>8}",
        "scale", "records", "flok stored", "flok export", "automerge", "ratio"
    );
    for s in sizes {
        println!(
            "{:<8} {:>8} {:>14} {:>14} {:>14} {:>8.2}",
            s.label,
            s.records,
            s.flok_compact,
            s.flok_export,
            s.automerge,
            s.flok_compact as f64 / s.automerge as f64
        );
    }
}
