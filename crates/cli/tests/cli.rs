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

#[test]
fn flok_files_are_compressed_and_read_like_json_ones() {
    let dir = TempDir::new().unwrap();
    let json = demo(dir.path(), 6);
    let flok_file = dir.path().join("demo.flok");
    flok().args(["demo", "--seed", "6", "--people", "8", "--years", "1", "-o"]).arg(&flok_file).assert().success();
    let (plain, packed) = (fs::read(&json).unwrap(), fs::read(&flok_file).unwrap());
    assert!(packed.starts_with(&[0x1f, 0x8b]), "gzip");
    assert!(packed.len() * 5 <= plain.len(), "{} bytes packed, {} plain", packed.len(), plain.len());
    assert!(stdout(flok().arg("validate").arg(&flok_file)).contains("a sound Flok export"));

    // Merged from one of each, into either kind: the same records.
    let (out_flok, out_json) = (dir.path().join("out.flok"), dir.path().join("out.json"));
    flok().arg("merge").args([&flok_file, &json]).arg("-o").arg(&out_flok).assert().success();
    flok().arg("merge").arg(&out_flok).arg("-o").arg(&out_json).assert().success();
    assert_eq!(fs::read(&out_json).unwrap(), plain);
}

#[test]
fn a_damaged_or_foreign_flok_file_and_a_gzip_bomb_are_refused() {
    use flate2::write::GzEncoder;
    use std::io::Write as _;
    let dir = TempDir::new().unwrap();
    let not_gzip = dir.path().join("photo.flok");
    fs::write(&not_gzip, b"\x89PNG\r\n\x1a\n not a flok file").unwrap();
    let err = flok().arg("validate").arg(&not_gzip).assert().code(1).get_output().stderr.clone();
    assert!(String::from_utf8(err).unwrap().contains("not compressed Flok data"));

    let cut = dir.path().join("cut.flok");
    let json = demo(dir.path(), 7);
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&fs::read(json).unwrap()).unwrap();
    let packed = encoder.finish().unwrap();
    fs::write(&cut, &packed[..packed.len() / 2]).unwrap();
    let err = flok().arg("validate").arg(&cut).assert().code(1).get_output().stderr.clone();
    assert!(String::from_utf8(err).unwrap().contains("compressed file is damaged"));

    // 101 MB of spaces packs into about 100 KB.
    let bomb = dir.path().join("bomb.flok");
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let block = vec![b' '; 1 << 20];
    for _ in 0..101 {
        encoder.write_all(&block).unwrap();
    }
    fs::write(&bomb, encoder.finish().unwrap()).unwrap();
    let err = flok().arg("validate").arg(&bomb).assert().code(1).get_output().stderr.clone();
    assert!(String::from_utf8(err).unwrap().contains("unpacks to more than 104857600 bytes"));
}

#[test]
fn people_come_from_a_spreadsheet_and_bad_rows_are_named() {
    let dir = TempDir::new().unwrap();
    let csv = dir.path().join("people.csv");
    fs::write(&csv, "\u{feff}Navn;Telefon;E-mail\r\nSøren Ærø;22 33 44 55;soren@example.dk\r\nAnna;;\r\n").unwrap();
    let out = dir.path().join("people.flok");
    let said = stdout(flok().arg("import-people").arg(&csv).arg("-o").arg(&out));
    assert!(said.contains("2 people"), "{said}");
    let json: serde_json::Value = serde_json::from_str(&stdout(flok().args(["stats", "--json"]).arg(&out))).unwrap();
    assert_eq!(json["kinds"]["person"]["live"], 2);
    let plain = dir.path().join("people.json");
    flok().arg("merge").arg(&out).arg("-o").arg(&plain).assert().success();
    let text = fs::read_to_string(&plain).unwrap();
    assert!(text.contains("Søren Ærø") && text.contains("22 33 44 55") && text.contains("soren@example.dk"));

    let bad = dir.path().join("bad.csv");
    fs::write(&bad, "name,phone\nAnna,1\n,2\nBo,3\n   ,4\n").unwrap();
    let target = dir.path().join("never.flok");
    let err = flok().arg("import-people").arg(&bad).arg("-o").arg(&target).assert().code(1).get_output().stderr.clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("line 3: the name is empty") && err.contains("line 5: the name is empty"), "{err}");
    assert!(!target.exists(), "a file with a bad row makes nothing");

    for (file, says) in [
        (b"fornavn,telefon\nAnna,1\n".to_vec(), "no column for the name"),
        (b"navn\nS\xf8ren\n".to_vec(), "line 2 is not UTF-8"),
    ] {
        fs::write(&bad, file).unwrap();
        let err =
            flok().arg("import-people").arg(&bad).arg("-o").arg(&target).assert().code(1).get_output().stderr.clone();
        assert!(String::from_utf8(err).unwrap().contains(says), "{says}");
    }
}

/// A week's changes of a 40-person group are a small, sound file. The sizes are printed for docs/performance.md.
#[test]
fn a_weeks_changes_are_a_small_sound_file() {
    let dir = TempDir::new().unwrap();
    let (full, full_flok) = (dir.path().join("full.json"), dir.path().join("full.flok"));
    flok().args(["demo", "--seed", "9", "--people", "40", "--years", "1", "-o"]).arg(&full).assert().success();
    flok().arg("merge").arg(&full).arg("-o").arg(&full_flok).assert().success();
    let week = dir.path().join("week.flok");
    // The demo's last day is 31 October 2026.
    flok().args(["changes", "--since", "2026-10-25", "-o"]).arg(&week).arg(&full).assert().success();
    let (full_bytes, full_packed, week_packed) = (
        fs::metadata(&full).unwrap().len(),
        fs::metadata(&full_flok).unwrap().len(),
        fs::metadata(&week).unwrap().len(),
    );
    println!("40 people, 1 year: {full_bytes} bytes JSON, {full_packed} .flok; a week's changes {week_packed} .flok");
    assert!(week_packed * 20 < full_packed, "a week is a small part of a year");

    // That it merges like the whole is the core's property test (sharing.rs).
    let said = stdout(flok().arg("validate").arg(&week));
    assert!(said.contains("a sound Flok export"), "{said}");
}
