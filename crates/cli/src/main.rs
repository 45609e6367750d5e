//! `flok`: the command line for Flok's export files — make demo data,
//! validate, merge, count and report, make a file of people from a
//! spreadsheet — with the same core the app uses, so a file is judged the
//! same way on a laptop as in the browser. A file named `.flok` is written
//! compressed (gzip); compressed files are read whatever their name.

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use flok_core::demo::{demo, DemoOptions};
use flok_core::export::{self, ImportError};
use flok_core::model::Person;
use flok_core::report::{report, to_csv, CsvStyle, GroupBy, Row};
use flok_core::sharing::{self, Since};
use flok_core::Replica;
use flok_core::{people_csv, Clock, DeviceId, Id};

#[derive(Parser)]
#[command(
    name = "flok",
    version,
    about = "Work with Flok export files: demo data, validation, merging, statistics and reports."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a deterministic, realistic demo data set. Different seeds act as different devices.
    Demo {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 200)]
        people: usize,
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=50))]
        years: u32,
        /// Where to write the export file.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Check a file: exit 0 if it is a sound Flok export, 1 with the reason if not.
    Validate { file: PathBuf },
    /// Merge exports into one. The output is the same bytes whatever the order
    /// of the inputs and however often one repeats.
    Merge {
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Count the records of each kind, and tell the file's schema version.
    Stats {
        file: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Write only the records changed on or after a day (on any device): a
    /// small file that merges exactly like the whole.
    Changes {
        file: PathBuf,
        /// First day, YYYY-MM-DD (midnight UTC).
        #[arg(long)]
        since: NaiveDate,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Make a file of people from a spreadsheet saved as CSV: a column for the
    /// name (name or navn), and optionally phone (telefon) and e-mail.
    /// UTF-8 with commas, or Danish Excel's "CSV UTF-8" with semicolons.
    /// A file with a bad row makes nothing: every bad row is named by line.
    ImportPeople {
        csv: PathBuf,
        /// Where to write the export file (`.flok` compressed, `.json` plain).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Hours (agreed and spontaneous), cancellations and open places for a period.
    Report {
        file: PathBuf,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: NaiveDate,
        /// Last day (included), YYYY-MM-DD.
        #[arg(long)]
        to: NaiveDate,
        #[arg(long, value_enum, default_value_t = By::Person)]
        by: By,
        /// Print CSV instead of a table.
        #[arg(long)]
        csv: bool,
        /// CSV for Danish spreadsheets: semicolons, decimal commas, byte order mark.
        #[arg(long, requires = "csv")]
        danish: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum By {
    Person,
    Function,
    Month,
}

impl From<By> for GroupBy {
    fn from(by: By) -> Self {
        match by {
            By::Person => GroupBy::Person,
            By::Function => GroupBy::Function,
            By::Month => GroupBy::Month,
        }
    }
}

/// A failure to report: the message, and the exit code (1 bad file, 3 I/O).
struct Failure(String, u8);

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message, code)) => {
            eprintln!("flok: {message}");
            ExitCode::from(code)
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Demo { seed, people, years, output } => {
            write(&output, &export::write(&demo(DemoOptions { seed, people, years })))
        }
        Command::Changes { file, since, output } => {
            let (replica, _) = read(&file)?;
            write(&output, &sharing::write_changes(&replica, &Since::day(since), &since.to_string()))
        }
        Command::ImportPeople { csv, output } => {
            let bytes = std::fs::read(&csv).map_err(|e| Failure(format!("cannot read {}: {e}", csv.display()), 3))?;
            let rows = people_csv::read(&bytes).map_err(|e| Failure(format!("{}: {e}", csv.display()), 1))?;
            let count = rows.len();
            write(&output, &export::write(&people(rows)))?;
            println!("{}: {count} people", output.display());
            Ok(())
        }
        Command::Validate { file } => {
            let (replica, version) = read(&file)?;
            println!("{}: a sound Flok export (format {version}, {} records)", file.display(), replica.len());
            Ok(())
        }
        Command::Merge { files, output } => {
            let mut merged = Replica::new();
            for file in &files {
                merged.merge(&read(file)?.0);
            }
            // What one file says of someone another file deleted goes, as in the app.
            flok_core::erasure::erase_about_deleted(&mut merged);
            write(&output, &export::write(&merged))
        }
        Command::Stats { file, json } => {
            let (replica, version) = read(&file)?;
            print!("{}", stats(&replica, &version, json));
            Ok(())
        }
        Command::Report { file, from, to, by, csv, danish } => {
            if to < from {
                return Err(Failure(format!("--to {to} is before --from {from}"), 2));
            }
            let (replica, _) = read(&file)?;
            // As of now (in UTC: near enough to tell a forgotten check-out).
            let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            let now = chrono::DateTime::from_timestamp(since_epoch.as_secs() as i64, 0).map(|t| t.naive_utc());
            let rows = report(&replica, from, to, by.into(), now.unwrap_or(chrono::NaiveDateTime::MAX));
            if csv {
                let style = if danish { CsvStyle::Danish } else { CsvStyle::International };
                print!("{}", to_csv(&rows, by.into(), style));
            } else {
                print!("{}", table(&rows));
            }
            Ok(())
        }
    }
}

fn read(path: &Path) -> Result<(Replica, String), Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display()), 3))?;
    let bad = |e: ImportError| Failure(format!("{}: {e}", path.display()), 1);
    let bytes = if export::is_compressed(&bytes) {
        decompress(&bytes).map_err(bad)?
    } else if is_flok(path) {
        return Err(bad(ImportError::NotCompressed));
    } else {
        bytes
    };
    export::read_versioned(&bytes).map_err(bad)
}

/// Unpacks gzip, refusing as soon as it passes the import limit (a small
/// file can unpack to gigabytes).
fn decompress(bytes: &[u8]) -> Result<Vec<u8>, ImportError> {
    let mut plain = Vec::new();
    let limit = export::MAX_BYTES as u64 + 1;
    MultiGzDecoder::new(bytes).take(limit).read_to_end(&mut plain).map_err(|_| ImportError::CompressedDamaged)?;
    if plain.len() > export::MAX_BYTES {
        return Err(ImportError::UnpacksTooLarge { max: export::MAX_BYTES });
    }
    Ok(plain)
}

fn is_flok(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(export::COMPRESSED_EXTENSION))
}

/// Writes through a temporary file and a rename: an interrupted write never
/// leaves half a file where a good one was. A `.flok` file is compressed.
fn write(path: &Path, text: &str) -> Result<(), Failure> {
    let fail = |e: std::io::Error| Failure(format!("cannot write {}: {e}", path.display()), 3);
    let bytes = if is_flok(path) {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(text.as_bytes()).and_then(|()| encoder.finish()).map_err(fail)?
    } else {
        text.as_bytes().to_vec()
    };
    let partial = path.with_extension("partial");
    std::fs::write(&partial, bytes).map_err(fail)?;
    std::fs::rename(&partial, path).map_err(fail)
}

/// New people, as the spreadsheet's rows give them, added today.
fn people(rows: Vec<people_csv::Row>) -> Replica {
    let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let now = since_epoch.as_millis() as u64;
    let today = chrono::DateTime::from_timestamp_millis(now as i64).map_or(NaiveDate::MIN, |t| t.date_naive());
    let mut clock = Clock::new(DeviceId::random());
    let mut replica = Replica::new();
    for row in rows {
        let person = Person {
            phone: row.phone,
            email: row.email,
            ..Person::new(row.name.as_str(), today).expect("a checked name")
        };
        replica.put(Id::new(), &person, clock.tick(now));
    }
    replica
}

fn stats(replica: &Replica, version: &str, json: bool) -> String {
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (key, record) in replica.records() {
        let counts = kinds.entry(key.kind.as_str()).or_default();
        if record.is_deleted() {
            counts.1 += 1;
        } else {
            counts.0 += 1;
        }
    }
    if json {
        let kinds: serde_json::Map<String, serde_json::Value> = kinds
            .iter()
            .map(|(kind, (live, deleted))| ((*kind).to_owned(), serde_json::json!({"live": live, "deleted": deleted})))
            .collect();
        return format!("{}\n", serde_json::json!({"version": version, "records": replica.len(), "kinds": kinds}));
    }
    let mut out =
        format!("format {version}, {} records\n{:<14} {:>8} {:>8}\n", replica.len(), "kind", "live", "deleted");
    for (kind, (live, deleted)) in kinds {
        out.push_str(&format!("{kind:<14} {live:>8} {deleted:>8}\n"));
    }
    out
}

fn table(rows: &[Row]) -> String {
    let hours = |m: i64| format!("{:.1}", m as f64 / 60.0);
    let mut out =
        format!("{:<30} {:>8} {:>12} {:>13} {:>11}\n", "", "agreed h", "spontaneous h", "cancellations", "open places");
    for row in rows {
        out.push_str(&format!(
            "{:<30} {:>8} {:>12} {:>13} {:>11}\n",
            row.label,
            hours(row.agreed_minutes),
            hours(row.spontaneous_minutes),
            row.cancellations,
            row.open_places
        ));
    }
    out
}
