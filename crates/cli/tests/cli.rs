//! The `flok` binary, run as a person would run it from a shell.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

fn flok() -> Command {
    Command::cargo_bin("flok").unwrap()
}

/// Writes a small demo file for `seed` into `dir`.
fn demo(dir: &Path, seed: u64) -> PathBuf {
    let path = dir.join(format!("demo-{seed}.json"));
    flok()
        .args(["demo", "--seed", &seed.to_string(), "--people", "8", "--years", "1", "-o"])
        .arg(&path)
        .assert()
        .success();
    path
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn demo_files_are_deterministic_and_valid() {
    let dir = TempDir::new().unwrap();
    let a = demo(dir.path(), 4);
    let again = dir.path().join("again.json");
    flok().args(["demo", "--seed", "4", "--people", "8", "--years", "1", "-o"]).arg(&again).assert().success();
    assert_eq!(fs::read(&a).unwrap(), fs::read(&again).unwrap());
    let out = stdout(flok().arg("validate").arg(&a));
    assert!(out.contains("a sound Flok export (format 2.0"), "{out}");
}

#[test]
fn merge_output_is_the_same_bytes_whatever_the_order_and_repeats() {
    let dir = TempDir::new().unwrap();
    let (a, b, c) = (demo(dir.path(), 1), demo(dir.path(), 2), demo(dir.path(), 3));
    let abc = dir.path().join("abc.json");
    let cba = dir.path().join("cba.json");
    flok().arg("merge").args([&a, &b, &c]).arg("-o").arg(&abc).assert().success();
    flok().arg("merge").args([&c, &b, &a, &b, &c]).arg("-o").arg(&cba).assert().success();
    assert_eq!(fs::read(&abc).unwrap(), fs::read(&cba).unwrap());

    // Merging a merge with its inputs changes nothing either.
    let again = dir.path().join("again.json");
    flok().arg("merge").args([&abc, &a]).arg("-o").arg(&again).assert().success();
    assert_eq!(fs::read(&abc).unwrap(), fs::read(&again).unwrap());
}

#[test]
fn stats_count_each_kind_and_name_the_version() {
    let dir = TempDir::new().unwrap();
    let a = demo(dir.path(), 5);
    let json: serde_json::Value = serde_json::from_str(&stdout(flok().args(["stats", "--json"]).arg(&a))).unwrap();
    assert_eq!(json["version"], "2.0");
    assert_eq!(json["kinds"]["person"]["live"], 8);
    assert_eq!(json["kinds"]["function"]["live"], 6);
    let table = stdout(flok().arg("stats").arg(&a));
    assert!(table.starts_with("format 2.0, ") && table.contains("checkin"), "{table}");
}

#[test]
fn reports_come_as_a_table_or_as_csv_for_danish_spreadsheets() {
    let dir = TempDir::new().unwrap();
    let a = demo(dir.path(), 6);
    let args = ["report", "--from", "2026-01-01", "--to", "2026-10-31", "--by", "month"];
    let table = stdout(flok().args(args).arg(&a));
    assert!(table.contains("2026-10"), "{table}");
    let csv = stdout(flok().args(args).args(["--csv", "--danish"]).arg(&a));
    assert!(csv.starts_with("\u{feff}month;agreed hours;"), "{csv}");
    assert_eq!(csv.lines().count(), 11, "a header and ten months: {csv}");
}

#[test]
fn a_bad_file_gets_the_apps_message_and_exit_code_1() {
    let dir = TempDir::new().unwrap();
    let cases = [
        ("empty.json", "", "The file is empty."),
        ("note.txt", "hello", "The file is not JSON, so it is not a Flok export."),
        ("list.json", "{\"shopping\": []}", "This JSON file is not a Flok export."),
        ("cut.json", "{\"format\": \"flok-export\", \"records\": {", "The file ends too early"),
        (
            "newer.json",
            "{\"format\": \"flok-export\", \"version\": \"9.0\", \"records\": {}}",
            "written by a newer version of Flok",
        ),
    ];
    for (name, content, message) in cases {
        let path = dir.path().join(name);
        fs::write(&path, content).unwrap();
        let out = flok().arg("validate").arg(&path).assert().code(1).get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.starts_with("flok: ") && err.contains(message), "{name}: {err}");
    }
}

#[test]
fn bad_arguments_and_missing_files_get_clear_messages() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nowhere.json");
    let err = flok().arg("validate").arg(&missing).assert().code(3).get_output().stderr.clone();
    assert!(String::from_utf8(err).unwrap().contains("cannot read"));

    flok().args(["report", "x.json", "--from", "2026-13-01", "--to", "2026-12-01"]).assert().code(2);
    flok().args(["demo", "--years", "0", "-o", "x.json"]).assert().code(2);
    flok().args(["merge", "-o", "x.json"]).assert().code(2);
    let a = demo(dir.path(), 7);
    let err = flok()
        .args(["report", "--from", "2026-05-01", "--to", "2026-04-01"])
        .arg(&a)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(err).unwrap().contains("is before --from"));
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["demo", "validate", "merge", "stats", "report"] {
        let out = stdout(flok().args([sub, "--help"]));
        assert!(out.contains("Usage: flok "), "{sub}: {out}");
    }
}

#[test]
fn a_failed_write_leaves_what_was_at_the_target() {
    // The output is written beside the target and renamed into place: a
    // directory in the way of the rename fails without touching it.
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("out.json");
    fs::create_dir(&target).unwrap();
    flok().args(["demo", "--people", "2", "--years", "1", "-o"]).arg(&target).assert().code(3);
    assert!(target.is_dir());
}
