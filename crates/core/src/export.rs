//! The export file: a replica as versioned, legible JSON.
//!
//! Every field is written as `[value, stamp]`, so a file is readable, diffable
//! and mergeable on its own (see docs/export-format.md). Writing is
//! deterministic: the same replica always gives the same bytes, and the
//! envelope (time, digest) derives from the records, never from the wall
//! clock — so merging the same files in any order gives identical output.
//!
//! Reading validates everything before anything is merged, and says which
//! kind of bad file it was given.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::error::Category;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};
use thiserror::Error;

use crate::record::{Field, Json, Record};
use crate::replica::{RecordKey, Replica};
use crate::scan::{Members, Passing, ScanError, Scanner};

/// What the `format` member of every Flok export says.
pub const FORMAT: &str = "flok-export";
/// The schema version this build writes: major.minor. A newer minor only adds
/// what older readers may keep verbatim; a newer major is refused.
pub const VERSION_MAJOR: u64 = 2;
pub const VERSION_MINOR: u64 = 0;
/// Files larger than this are refused before parsing (a phone would stall).
pub const MAX_BYTES: usize = 100 * 1024 * 1024;
/// The member of a record that marks it deleted; no field may start with `_`.
const DELETED: &str = "_deleted";

/// Why a file cannot be imported. Nothing has been changed when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file is too large to be a Flok export ({bytes} bytes; at most {max}).")]
    TooLarge { bytes: usize, max: usize },
    #[error("The file is not JSON, so it is not a Flok export.")]
    NotJson,
    #[error("The file ends too early: it was probably cut off while being copied or downloaded.")]
    Truncated,
    #[error("The file is damaged: {0}.")]
    Corrupt(String),
    #[error("This JSON file is not a Flok export.")]
    Foreign,
    #[error("The file was written by a newer version of Flok (format {found}); update Flok to import it.")]
    NewerVersion { found: String },
    #[error(
        "The file is named .flok but is not compressed Flok data: it was damaged, or it is another program's file."
    )]
    NotCompressed,
    #[error("The compressed file is damaged: it was probably cut off while being copied or downloaded.")]
    CompressedDamaged,
    #[error("The compressed file unpacks to more than {max} bytes: too large to be a Flok export.")]
    UnpacksTooLarge { max: usize },
}

/// A `.flok` file is an export compressed with gzip (RFC 1952): a fifth of
/// the JSON's size or less. Plain `.json` exports are read as well.
pub const COMPRESSED_EXTENSION: &str = "flok";

/// Whether `bytes` start as gzip data does.
pub fn is_compressed(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Writes a replica as an export file, the same bytes for the same replica.
pub fn write(replica: &Replica) -> String {
    file_text(&Envelope::of(replica, Scope::default()))
}

/// The fields that are personal details: contact data, private notes, and
/// the reasons people gave for cancelling ("sick child").
pub const PERSONAL_FIELDS: [(&str, &str); 5] =
    [("person", "phone"), ("person", "email"), ("person", "note"), ("followup", "note"), ("cancellation", "reason")];

/// An export without personal details, marked so in the file. Importing it
/// leaves those fields as they are elsewhere: a missing field is not a deletion.
pub fn write_without_personal_details(replica: &Replica) -> String {
    let scope = Scope { personal_details: Some(OMITTED.to_owned()), since: None };
    file_text(&Envelope::of(&replica.without_fields(&PERSONAL_FIELDS), scope))
}

/// `personal_details` of a file without any.
pub const OMITTED: &str = "omitted";

/// What a file holds less of than the whole group's data, as its envelope
/// says: which personal details were left out, and from when its changes
/// are (a file of changes only). Neither changes how it merges.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    pub personal_details: Option<String>,
    pub since: Option<String>,
}

/// Writes `replica` (already cut down as `scope` says) as a file marked so.
pub(crate) fn write_scoped(replica: &Replica, scope: Scope) -> String {
    file_text(&Envelope::of(replica, scope))
}

fn file_text(envelope: &Envelope) -> String {
    let mut text = serde_json::to_string_pretty(envelope).expect("an export always serializes");
    text.push('\n');
    text
}

/// The export as a JSON value; written without indentation it is the compact
/// form (the benchmarks load it; the browser now keeps one entry per record).
pub fn to_value(replica: &Replica) -> Value {
    serde_json::to_value(Envelope::of(replica, Scope::default())).expect("an export always serializes")
}

/// The file's members, written straight from the replica (no copy of the
/// records in between) in sorted order, as a JSON object's members are read.
#[derive(Serialize)]
struct Envelope<'a> {
    digest: String,
    exported_at: Option<String>,
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    personal_details: Option<String>,
    records: Records<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<String>,
    version: String,
}

impl<'a> Envelope<'a> {
    fn of(replica: &'a Replica, scope: Scope) -> Self {
        Envelope {
            digest: digest_of(replica),
            exported_at: replica.latest_stamp().map(|s| s.to_string()[..24].to_owned()),
            format: FORMAT,
            personal_details: scope.personal_details,
            records: Records(replica),
            since: scope.since,
            version: format!("{VERSION_MAJOR}.{VERSION_MINOR}"),
        }
    }
}

/// The `records` member: kind → id → record, all sorted (the replica's order).
struct Records<'a>(&'a Replica);

impl Records<'_> {
    fn kinds(&self) -> Vec<Vec<(&RecordKey, &Record)>> {
        let all: Vec<_> = self.0.records().collect();
        all.chunk_by(|a, b| a.0.kind == b.0.kind).map(<[_]>::to_vec).collect()
    }
}

impl Serialize for Records<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut kinds = serializer.serialize_map(None)?;
        for records in self.kinds() {
            kinds.serialize_entry(&records[0].0.kind, &Kind(&records))?;
        }
        kinds.end()
    }
}

/// The records of one kind, by id.
struct Kind<'a>(&'a [(&'a RecordKey, &'a Record)]);

impl Serialize for Kind<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(key, record)| (&key.id, RecordOut(record))))
    }
}

/// One record as in a file: field → [value, stamp], or `_deleted` → stamp.
struct RecordOut<'a>(&'a Record);

impl Serialize for RecordOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut members = serializer.serialize_map(None)?;
        if let Some(deleted) = &self.0.deleted {
            members.serialize_entry(DELETED, deleted)?;
        }
        for (name, field) in self.0.fields() {
            members.serialize_entry(name, &(&field.value, &field.stamp))?;
        }
        members.end()
    }
}

/// Reads an export file (or the people list of Flok's first version),
/// validating all of it first.
pub fn read(bytes: &[u8]) -> Result<Replica, ImportError> {
    read_versioned(bytes).map(|(replica, _)| replica)
}

/// Like [`read`], also telling the schema version the file was written in
/// (`"1"` for the first version's people list, migrated).
pub fn read_versioned(bytes: &[u8]) -> Result<(Replica, String), ImportError> {
    let mut reading = Reading::start(bytes)?;
    while !reading.step(usize::MAX)? {}
    reading.finish()
}

/// An export being read a slice of records at a time, so that checking a
/// five-year file never keeps a phone busy for long; [`read`] reads it at
/// once. The envelope is checked first (is it Flok's, which version), then
/// every record, then the checksum.
pub struct Reading<'a> {
    /// The file's members, until all are walked (the first steps).
    envelope: Option<EnvelopeWalk<'a>>,
    version: String,
    scope: Scope,
    records: Scanner<'a>,
    kinds: Members,
    /// The kind whose records are being read, and how far.
    kind: Option<(String, Members)>,
    replica: Replica,
    digest: Checksum,
    /// The file's checksum, if it has one (empty if it is not text: never matches).
    written_digest: Option<String>,
}

impl<'a> Reading<'a> {
    /// Checks that the file could be Flok's; its envelope (all of the
    /// file's structure, nothing of its records yet) is walked by the first
    /// steps: passing over five years of records to the members written
    /// after them took 50–90 ms in one task in the browser.
    pub fn start(bytes: &'a [u8]) -> Result<Self, ImportError> {
        if bytes.len() > MAX_BYTES {
            return Err(ImportError::TooLarge { bytes: bytes.len(), max: MAX_BYTES });
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let Some(&first) = bytes.iter().find(|b| !b.is_ascii_whitespace()) else {
            return Err(ImportError::Empty);
        };
        if first != b'{' {
            // Not an object, so not Flok's: only say whether it is JSON at all.
            return Err(match serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
                Ok(_) => ImportError::Foreign,
                Err(error) => not_json(bytes, &error.to_string(), error.classify() == Category::Eof),
            });
        }
        let envelope = Some(EnvelopeWalk::new(bytes));
        Ok(Self { envelope, kinds: Members::First, ..Self::read_already(Replica::new(), "") })
    }

    /// Walks the envelope for about as many bytes as `count` records take;
    /// once it is all walked, checks it and starts on the records.
    fn walk_envelope(&mut self, count: usize) -> Result<(), ImportError> {
        let Some(envelope) = &mut self.envelope else { return Ok(()) };
        let Some((members, records)) = envelope.walk(count.saturating_mul(BYTES_PER_RECORD))? else { return Ok(()) };
        self.envelope = None;
        match members.get("format") {
            Some(Value::String(format)) if format == FORMAT => {}
            None if is_first_version_people_list(&members) => {
                let replica = crate::migrate::people_list_v1(&members)
                    .map_err(|error| ImportError::Corrupt(format!("its list of people is not readable ({error})")))?;
                *self = Self::read_already(replica, "1");
                return Ok(());
            }
            _ => return Err(ImportError::Foreign),
        }
        let version = members.get("version").and_then(Value::as_str).unwrap_or_default().to_owned();
        let text = |name: &str| members.get(name).and_then(Value::as_str).map(str::to_owned);
        self.scope = Scope { personal_details: text("personal_details"), since: text("since") };
        let (major, _minor) = parse_version(&version)
            .ok_or_else(|| ImportError::Corrupt(format!("its version “{version}” is not of the form 2.0")))?;
        if major > VERSION_MAJOR {
            return Err(ImportError::NewerVersion { found: version });
        }
        if major < VERSION_MAJOR {
            return Err(ImportError::Corrupt(format!("no Flok export ever had version {version}")));
        }
        self.version = version;
        self.records = Scanner::new(records.ok_or_else(|| corrupt("records", "missing"))?);
        self.records.expect(b'{').map_err(|_| corrupt("records", "not an object"))?;
        self.written_digest = match members.get("digest") {
            None | Some(Value::Null) => None,
            Some(Value::String(written)) => Some(written.clone()),
            Some(_) => Some(String::new()),
        };
        Ok(())
    }

    /// A file read whole already (the first version's people list is small).
    fn read_already(replica: Replica, version: &str) -> Self {
        Self {
            envelope: None,
            version: version.to_owned(),
            scope: Scope::default(),
            records: Scanner::new(b""),
            kinds: Members::Done,
            kind: None,
            replica,
            digest: Checksum::default(),
            written_digest: None,
        }
    }

    /// Reads up to `count` more records (the first steps walk the envelope
    /// instead); says whether all are read.
    pub fn step(&mut self, count: usize) -> Result<bool, ImportError> {
        if self.envelope.is_some() {
            self.walk_envelope(count)?;
            return Ok(false);
        }
        for _ in 0..count {
            let Some((key, text)) = self.next_record()? else { return Ok(true) };
            let path = || format!("records.{}.{}", key.kind, key.id);
            let value = serde_json::from_slice(text)
                .map_err(|error| ImportError::Corrupt(format!("{} is not valid JSON ({error})", path())))?;
            let record = parse_record(path, value)?;
            self.digest.add(&key, &record);
            self.replica.extend([(key, record)]);
        }
        Ok(false)
    }

    /// What the file's envelope says it leaves out or holds only part of
    /// (known once the first steps have walked it).
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// How many records are read so far.
    pub fn records_read(&self) -> usize {
        self.replica.len()
    }

    /// The next record's key and text, checked for its place in the file only.
    fn next_record(&mut self) -> Result<Option<(RecordKey, &'a [u8])>, ImportError> {
        loop {
            let Some((kind, ids)) = &mut self.kind else {
                let scanned = self.records.member(&mut self.kinds);
                let Some(kind) = scanned.map_err(|e| out_of_place(e, "records"))? else { return Ok(None) };
                let path = format!("records.{kind}");
                let kind_ok = kind.len() <= 32
                    && kind.starts_with(|c: char| c.is_ascii_lowercase())
                    && kind.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !kind_ok {
                    return Err(corrupt(&path, "not a record kind"));
                }
                self.records.expect(b'{').map_err(|_| corrupt(&path, "not an object"))?;
                self.kind = Some((kind.into_owned(), Members::First));
                continue;
            };
            let scanned = self.records.member(ids).map_err(|e| out_of_place(e, &format!("records.{kind}")));
            let Some(id) = scanned? else {
                self.kind = None;
                continue;
            };
            if !valid_name(&id, 64) {
                return Err(corrupt(&format!("records.{kind}.{id}"), "not a record id"));
            }
            let text = self.records.value().map_err(|e| out_of_place(e, &format!("records.{kind}.{id}")))?;
            return Ok(Some((RecordKey::new(kind.clone(), id.into_owned()), text)));
        }
    }

    /// The records read and the file's schema version, once [`Reading::step`]
    /// said all are read; refused if they do not match the file's checksum.
    pub fn finish(self) -> Result<(Replica, String), ImportError> {
        if let Some(written) = self.written_digest {
            let digest = self.digest.finish().unwrap_or_else(|| digest_of(&self.replica));
            if written != digest {
                return Err(ImportError::Corrupt("its contents do not match its checksum".into()));
            }
        }
        Ok((self.replica, self.version))
    }
}

/// About how many bytes a record takes in a file: an envelope walk's step
/// passes over as many as the records a step reads would take.
const BYTES_PER_RECORD: usize = 512;

/// A file's top-level members being walked a part at a time: each parsed,
/// but for `records`, whose text is only passed over (it is read later, a
/// record at a time).
struct EnvelopeWalk<'a> {
    bytes: &'a [u8],
    top: Scanner<'a>,
    walk: Members,
    members: Map<String, Value>,
    records: Option<&'a [u8]>,
    /// Passing over `records`, until its end is found.
    passing: Option<Passing>,
}

/// A file's members but `records`, parsed, and the text of `records`.
type ReadEnvelope<'a> = (Map<String, Value>, Option<&'a [u8]>);

impl<'a> EnvelopeWalk<'a> {
    /// The walk of a file whose first byte (after white space) is `{`.
    fn new(bytes: &'a [u8]) -> Self {
        let mut top = Scanner::new(bytes);
        let opened = top.expect(b'{');
        debug_assert_eq!(opened, Ok(()));
        Self { bytes, top, walk: Members::First, members: Map::new(), records: None, passing: None }
    }

    /// Walks on for about `budget` bytes; gives the members once all are walked.
    fn walk(&mut self, budget: usize) -> Result<Option<ReadEnvelope<'a>>, ImportError> {
        let bytes = self.bytes;
        let failed = |error| match error {
            ScanError::End => ImportError::Truncated,
            ScanError::Unexpected(at) => not_json(bytes, &format!("unexpected character at byte {at}"), false),
        };
        let began = self.top.position();
        loop {
            if let Some(passing) = &mut self.passing {
                let Some(text) = self.top.pass_over(passing, budget).map_err(failed)? else { return Ok(None) };
                (self.records, self.passing) = (Some(text), None);
            }
            if self.top.position() - began >= budget {
                return Ok(None);
            }
            let Some(name) = self.top.member(&mut self.walk).map_err(failed)? else { break };
            if name == "records" {
                self.passing = Some(self.top.begin_pass().map_err(failed)?);
                continue;
            }
            let text = self.top.value().map_err(failed)?;
            let value = serde_json::from_slice(text)
                .map_err(|error| not_json(bytes, &format!("{name}: {error}"), error.classify() == Category::Eof))?;
            self.members.insert(name.into_owned(), value);
        }
        if !self.top.at_end() {
            return Err(failed(ScanError::Unexpected(self.top.position())));
        }
        Ok(Some((std::mem::take(&mut self.members), self.records)))
    }
}

/// Why text that is not JSON (any longer) is refused.
fn not_json(bytes: &[u8], problem: &str, ends_early: bool) -> ImportError {
    let starts_like_json = bytes.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| b"{[".contains(b));
    if ends_early && starts_like_json {
        ImportError::Truncated
    } else if starts_like_json && std::str::from_utf8(bytes).is_ok() {
        ImportError::Corrupt(format!("it is not valid JSON ({problem})"))
    } else {
        ImportError::NotJson
    }
}

/// A record's place in the file breaks JSON's grammar.
fn out_of_place(error: ScanError, path: &str) -> ImportError {
    match error {
        ScanError::End => ImportError::Truncated,
        ScanError::Unexpected(_) => corrupt(path, "not valid JSON"),
    }
}

fn parse_version(text: &str) -> Option<(u64, u64)> {
    let (major, minor) = text.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

fn corrupt(path: &str, problem: &str) -> ImportError {
    ImportError::Corrupt(format!("{path} is {problem}"))
}

/// A kind is a short lower-case word; ids and field names are short text.
pub(crate) fn valid_name(text: &str, max: usize) -> bool {
    !text.is_empty() && text.len() <= max && !text.chars().any(char::is_control)
}

/// Reads one record; `path` names it in a refusal (made only then: a file
/// holds tens of thousands of records).
pub(crate) fn parse_record(path: impl Fn() -> String, members: Value) -> Result<Record, ImportError> {
    let Value::Object(members) = members else {
        return Err(corrupt(&path(), "not an object"));
    };
    assemble(
        path,
        members.into_iter().map(|(name, member)| {
            let part = match member {
                member if name == DELETED => Part::Deleted(member.as_str().map(str::to_owned)),
                Value::Array(pair) => match <[Value; 2]>::try_from(pair) {
                    Ok([value, stamp]) => Part::Field(Json::new(&value), stamp.as_str().map(str::to_owned)),
                    Err(_) => Part::NotAPair,
                },
                _ => Part::NotAPair,
            };
            (name, part)
        }),
    )
}

/// A record's member as read, before it is checked.
enum Part<S> {
    /// `_deleted`: its stamp's text, if it is text.
    Deleted(Option<S>),
    /// A field: its value and its stamp's text, if that is text.
    Field(Json, Option<S>),
    NotAPair,
}

/// Checks a record's members and makes the record: field names, stamps,
/// and no fields beside a deletion.
fn assemble<N: AsRef<str>, S: AsRef<str>>(
    path: impl Fn() -> String,
    members: impl IntoIterator<Item = (N, Part<S>)>,
) -> Result<Record, ImportError> {
    let mut record = Record::default();
    for (name, part) in members {
        let name = name.as_ref();
        let path = || format!("{}.{name}", path());
        let stamp = |text: Option<S>| {
            text.and_then(|text| text.as_ref().parse().ok()).ok_or_else(|| corrupt(&path(), "not a time stamp"))
        };
        match part {
            Part::Deleted(text) => record.deleted = Some(stamp(text)?),
            _ if name.starts_with('_') || !valid_name(name, 64) => return Err(corrupt(&path(), "not a field name")),
            Part::Field(value, text) => record.insert(name, Field { value, stamp: stamp(text)? }),
            Part::NotAPair => return Err(corrupt(&path(), "not a [value, stamp] pair")),
        }
    }
    if record.is_deleted() && record.has_fields() {
        return Err(corrupt(&path(), "deleted but still holds fields"));
    }
    Ok(record)
}

/// One record alone, as the browser keeps each: `{"field": [value, stamp], …}`.
pub fn record_text(record: &Record) -> String {
    serde_json::to_string(&RecordOut(record)).expect("a record always serializes")
}

/// Appends [`record_text`]'s bytes to `out` (the same writer `record_text`
/// uses, so the wasm carries one serializer for both).
pub(crate) fn write_record(out: &mut Vec<u8>, record: &Record) {
    // Writing into memory never fails.
    let _ = serde_json::to_writer(out, &RecordOut(record));
}

/// Reads a record written by [`record_text`], checking it as an import
/// would. Each value is kept as the text it was written as (canonical, as
/// [`record_text`] writes it), borrowed from `text` with no JSON tree built
/// and written again: this is most of what a phone does when it opens.
pub fn read_record(text: &str) -> Result<Record, ImportError> {
    let Stored(members) =
        serde_json::from_str(text).map_err(|error| ImportError::Corrupt(format!("a record is not JSON ({error})")))?;
    assemble(|| "a record".to_owned(), members)
}

/// A stored record's members, borrowed from its text.
struct Stored<'a>(Vec<(&'a str, Part<&'a str>)>);

impl<'de> serde::Deserialize<'de> for Stored<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = Stored<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a record: an object of [value, stamp] pairs")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(name) = map.next_key::<&'de str>()? {
                    let part = if name == DELETED {
                        Part::Deleted(Some(map.next_value()?))
                    } else {
                        let (value, stamp): (&'de RawValue, &'de str) = map.next_value()?;
                        Part::Field(Json::written(value), Some(stamp))
                    };
                    members.push((name, part));
                }
                Ok(Stored(members))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// One record as in a file: field → [value, stamp], or `_deleted` → stamp.
pub(crate) fn record_value(record: &Record) -> Value {
    serde_json::to_value(RecordOut(record)).expect("a record always serializes")
}

/// SHA-256 of the records as compact JSON with sorted keys, whatever the
/// JSON library's map order: a damaged file is told from a sound one. Fed
/// one record at a time, in key order.
#[derive(Default)]
struct Checksum {
    hasher: Sha256,
    last: Option<RecordKey>,
    /// False once a record came out of key order (a hand-edited file).
    out_of_order: bool,
}

impl Checksum {
    fn add(&mut self, key: &RecordKey, record: &Record) {
        let hasher = &mut self.hasher;
        match &self.last {
            _ if self.out_of_order => return,
            Some(last) if last >= key => {
                self.out_of_order = true;
                return;
            }
            Some(last) if last.kind == key.kind => hasher.update(b","),
            Some(_) => hasher.update(b"},"),
            None => hasher.update(b"{"),
        }
        if self.last.as_ref().is_none_or(|last| last.kind != key.kind) {
            write_compact(&key.kind, hasher);
            hasher.update(b":{");
        }
        write_compact(&key.id, hasher);
        hasher.update(b":{");
        if let Some(deleted) = &record.deleted {
            write_compact(DELETED, hasher);
            hasher.update(b":");
            write_compact(deleted, hasher);
        }
        for (f, (name, field)) in record.fields().enumerate() {
            hasher.update(if f > 0 { b",".as_slice() } else { b"" });
            write_compact(name, hasher);
            hasher.update(b":[");
            hasher.update(field.value.text());
            hasher.update(b",");
            write_compact(&field.stamp, hasher);
            hasher.update(b"]");
        }
        hasher.update(b"}");
        self.last = Some(key.clone());
    }

    /// The digest, unless the records came out of order.
    fn finish(mut self) -> Option<String> {
        if self.out_of_order {
            return None;
        }
        self.hasher.update(if self.last.is_some() { b"}}".as_slice() } else { b"{}" });
        Some(format!("sha256:{:x}", self.hasher.finalize()))
    }
}

/// The digest of a replica's records (always in key order).
fn digest_of(replica: &Replica) -> String {
    let mut digest = Checksum::default();
    replica.records().for_each(|(key, record)| digest.add(key, record));
    digest.finish().expect("a replica's records are in key order")
}

/// Feeds a key or a stamp, as compact JSON, to the hasher without a string in between.
fn write_compact(value: &(impl serde::Serialize + ?Sized), hasher: &mut Sha256) {
    struct Feed<'a>(&'a mut Sha256);
    impl std::io::Write for Feed<'_> {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    serde_json::to_writer(Feed(hasher), value).expect("hashing cannot fail");
}

/// The name an export is saved under: `flok-<group>-<yyyy-mm-dd>.json`, the
/// group's name made safe for any file system.
pub fn file_name(group: &str, day: chrono::NaiveDate) -> String {
    let mut slug = String::new();
    for c in group.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "group" } else { slug };
    format!("flok-{slug}-{day}.json")
}

fn is_first_version_people_list(envelope: &Map<String, Value>) -> bool {
    envelope.get("version") == Some(&Value::from(1)) && envelope.get("people").is_some_and(Value::is_array)
}

pub use crate::migrate::MIGRATION_DEVICE;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Stamp;
    use crate::testing::arb_replica;
    use proptest::prelude::*;
    use serde_json::json;

    fn stamp(millis: u64, device: u64) -> Stamp {
        Stamp { millis, counter: 0, device: crate::DeviceId::from_u64(device) }
    }

    fn sample() -> Replica {
        let mut replica = Replica::new();
        let anna = RecordKey::new("person", "01936f0e-8c1a-7c3e-9a55-2f0c8e1d4b21");
        replica.set(anna.clone(), "name", json!("Anna Jensen"), stamp(1_795_429_972_123, 0x9f2c));
        replica.set(anna, "phone", json!("+45 12 34 56 78"), stamp(1_795_430_401_007, 0x9f2c));
        replica.delete(RecordKey::new("person", "gone"), stamp(1_795_500_000_000, 0xaa));
        replica.set(RecordKey::new("future-kind", "x1"), "shape", json!({"a": [1, null]}), stamp(5, 1));
        replica
    }

    #[test]
    fn an_export_reads_back_as_the_same_replica() {
        assert_eq!(read(write(&sample()).as_bytes()), Ok(sample()));
        assert_eq!(read(to_value(&sample()).to_string().as_bytes()), Ok(sample()));
    }

    #[test]
    fn a_record_alone_reads_back_and_bad_ones_are_named() {
        for (_, record) in sample().records() {
            assert_eq!(read_record(&record_text(record)).as_ref(), Ok(record));
        }
        assert!(matches!(read_record("{\"name\": [\"x\""), Err(ImportError::Corrupt(_))));
        assert!(matches!(read_record("{\"name\": [\"x\", \"not a stamp\"]}"), Err(ImportError::Corrupt(_))));
        let stamp = stamp(1_795_430_401_007, 0x9f2c).to_string();
        for bad in [
            "[]".to_owned(),
            "{\"name\": \"x\"}".to_owned(),
            format!("{{\"name\": [\"x\", \"{stamp}\", 3]}}"),
            format!("{{\"_name\": [\"x\", \"{stamp}\"]}}"),
            format!("{{\"name\": [\"x\", \"{stamp}\"], \"_deleted\": \"{stamp}\"}}"),
        ] {
            assert!(matches!(read_record(&bad), Err(ImportError::Corrupt(_))), "{bad} was read");
        }
        // A value is kept as written, nested or not.
        let read = read_record(&format!("{{\"shape\": [{{\"a\":[1,null],\"b\":\"æ\"}}, \"{stamp}\"]}}")).unwrap();
        assert_eq!(read.field("shape").map(|field| field.value.text()), Some("{\"a\":[1,null],\"b\":\"æ\"}"));
    }

    #[test]
    fn the_written_bytes_do_not_change_between_versions() {
        // Pinned when the writer went from building a JSON value to writing
        // straight from the replica: files and digests stay byte-identical.
        // Re-pinned once when records came to keep values as canonical text:
        // a nested value is since written on one line; data and digest as before.
        // The file without personal details was re-pinned when cancellation
        // reasons became personal details (566 bytes of reasons left out).
        // Re-pinned when functions gained `retired` and events `description`
        // (870 bytes: the demo's 8 functions and 2 events carry them), and
        // when the demo's ids came to be time-ordered as a device makes them
        // (same lengths, other ids).
        let demo = crate::demo::demo(crate::demo::DemoOptions { seed: 3, people: 6, years: 1 });
        let sha = |text: String| format!("{} {:x}", text.len(), Sha256::digest(text.as_bytes()));
        assert_eq!(sha(write(&demo)), "146058 b30172a51cf1803f413209e3f23b29e3ce84cea3e6d204ea21454f1266773a2f");
        assert_eq!(
            sha(write_without_personal_details(&demo)),
            "141935 0fbd3c6217ea9e4afed4d0f6f7974305c5a0898c20bd51140ef000a574d388ac"
        );
    }

    #[test]
    fn an_export_is_valid_against_the_published_schema() {
        let schema: Value = serde_json::from_str(include_str!("../../../docs/export-format.schema.json")).unwrap();
        let validator = jsonschema::validator_for(&schema).expect("the schema itself is valid");
        let demo = crate::demo::demo(crate::demo::DemoOptions { seed: 9, people: 15, years: 1 });
        for replica in [sample(), Replica::new(), demo] {
            let export: Value = serde_json::from_str(&write(&replica)).unwrap();
            let errors: Vec<String> = validator.iter_errors(&export).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{errors:#?}");
        }
        // The schema is not a rubber stamp: it refuses what the reader refuses.
        let mut broken: Value = serde_json::from_str(&write(&sample())).unwrap();
        broken["records"]["person"]["gone"]["name"] = json!(["x", "not a stamp"]);
        assert!(!validator.is_valid(&broken));
    }

    #[test]
    fn the_envelope_derives_from_the_records_not_the_wall_clock() {
        let text = write(&sample());
        assert!(text.contains("\"exported_at\": \"2026-11-24T06:00:00.000Z\""), "latest change time, not now");
        assert_eq!(text, write(&read(text.as_bytes()).unwrap()));
    }

    #[test]
    fn each_kind_of_bad_file_is_named() {
        let good = write(&sample());
        let cases: Vec<(Vec<u8>, ImportError)> = vec![
            (b"".to_vec(), ImportError::Empty),
            (b" \n\t ".to_vec(), ImportError::Empty),
            (b"hello, this is a note".to_vec(), ImportError::NotJson),
            (b"\x89PNG\r\n\x1a\n\0\0".to_vec(), ImportError::NotJson),
            (good.as_bytes()[..good.len() / 2].to_vec(), ImportError::Truncated),
            (br#"{"name": "a shopping list", "items": []}"#.to_vec(), ImportError::Foreign),
            (b"[1, 2, 3]".to_vec(), ImportError::Foreign),
            (br#""flok-export""#.to_vec(), ImportError::Foreign),
            (
                good.replace("\"version\": \"2.0\"", "\"version\": \"3.0\"").into_bytes(),
                ImportError::NewerVersion { found: "3.0".into() },
            ),
        ];
        for (bytes, expected) in cases {
            assert_eq!(read(&bytes), Err(expected.clone()), "{}", String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn a_damaged_file_is_refused_as_damaged() {
        let good = write(&sample());
        for damaged in [
            good.replace("Anna Jensen", "Anne Jensen"),        // digest no longer matches
            good.replace("\"records\": {", "\"records\": {,"), // broken JSON
            good.replace("-0000-0000000000009f2c", "-0000-9F2C"), // malformed stamp
            good.replace("\"version\": \"2.0\"", "\"version\": \"two\""),
        ] {
            assert!(matches!(read(damaged.as_bytes()), Err(ImportError::Corrupt(_))), "{damaged}");
        }
    }

    #[test]
    fn a_deleted_record_holding_fields_is_damaged() {
        let text = r#"{"format":"flok-export","version":"2.0","records":{"person":{"p":{
            "_deleted":"2026-11-23T10:32:52.123Z-0000-0000000000000001",
            "name":["Anna","2026-11-23T10:32:52.123Z-0000-0000000000000001"]}}}}"#;
        assert!(matches!(read(text.as_bytes()), Err(ImportError::Corrupt(_))));
    }

    #[test]
    fn a_newer_minor_version_is_read_and_its_unknown_members_are_harmless() {
        let text = write(&sample())
            .replace("\"version\": \"2.0\"", "\"version\": \"2.7\"")
            .replace("\"format\"", "\"personal_details\": \"omitted\", \"format\"");
        assert_eq!(read(text.as_bytes()), Ok(sample()));
    }

    #[test]
    fn an_export_without_personal_details_drops_them_marks_it_and_erases_nothing_on_import() {
        let mut full = sample();
        let anna = crate::Id::from_u128(42);
        let mut person =
            crate::model::Person::new("Anna", chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
        person.phone = Some("+45 12 34 56 78".into());
        person.note = Some("prefers mornings".into());
        full.put(anna, &person, stamp(5, 7));

        let text = write_without_personal_details(&full);
        assert!(!text.contains("+45") && !text.contains("mornings"), "{text}");
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["personal_details"], "omitted");
        let schema: Value = serde_json::from_str(include_str!("../../../docs/export-format.schema.json")).unwrap();
        assert!(jsonschema::is_valid(&schema, &value));

        let stripped = read(text.as_bytes()).unwrap();
        assert_eq!(stripped.read::<crate::model::Person>(anna).unwrap().phone, None);
        let mut merged = full.clone();
        merged.merge(&stripped);
        assert_eq!(merged, full, "importing it changes nothing where the details are known");
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused_before_parsing() {
        let huge = vec![b' '; MAX_BYTES + 1];
        assert_eq!(read(&huge), Err(ImportError::TooLarge { bytes: MAX_BYTES + 1, max: MAX_BYTES }));
    }

    #[test]
    fn the_file_name_carries_the_group_and_the_day() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(file_name("Café Ærtebjerg / Køkken", day), "flok-café-ærtebjerg-køkken-2026-11-23.json");
        assert_eq!(file_name("  ", day), "flok-group-2026-11-23.json");
        assert_eq!(file_name("../etc", day), "flok-etc-2026-11-23.json");
    }

    #[test]
    fn a_byte_order_mark_is_tolerated() {
        let text = format!("\u{feff}{}", write(&sample()));
        assert_eq!(read(text.as_bytes()), Ok(sample()));
    }

    #[test]
    fn a_first_version_people_list_is_migrated_the_same_way_everywhere() {
        let v1 = br#"{"version":1,"people":[
            {"id":"01936f0e-0000-7000-8000-000000000001","name":"Anna","added_on":"2026-11-20"},
            {"id":"01936f0e-0000-7000-8000-000000000002","name":"Bent","added_on":"2026-11-21"}]}"#;
        let here = read(v1).unwrap();
        let there = read(v1).unwrap();
        assert_eq!(here, there);
        let anna = here.get(&RecordKey::new("person", "01936f0e-0000-7000-8000-000000000001")).unwrap();
        assert_eq!(anna.get("name"), Some(json!("Anna")));
        assert_eq!(anna.get("added_on"), Some(json!("2026-11-20")));
        assert_eq!(anna.field("name").unwrap().stamp.to_string(), "2026-11-20T00:00:00.000Z-0000-0000000000000000");
    }

    #[test]
    fn records_in_another_order_than_written_are_read_and_checked() {
        let mut replica = Replica::new();
        replica.set(RecordKey::new("function", "f1"), "name", json!("Café"), stamp(1, 1));
        replica.set(RecordKey::new("person", "p1"), "name", json!("Anna"), stamp(2, 1));
        replica.set(RecordKey::new("person", "p2"), "name", json!("Bent"), stamp(3, 1));
        let file: Value = serde_json::from_str(&write(&replica)).unwrap();
        let (records, compact) = (&file["records"], |v: &Value| v.to_string());
        let person =
            format!(r#"{{"p2": {}, "p1": {}}}"#, compact(&records["person"]["p2"]), compact(&records["person"]["p1"]));
        let reordered = format!(
            r#"{{"records": {{"person": {person}, "function": {}}}, "version": "2.0", "format": "flok-export", "digest": {}}}"#,
            compact(&records["function"]),
            compact(&file["digest"]),
        );
        assert_eq!(read(reordered.as_bytes()), Ok(replica));
        let damaged = reordered.replace("Bent", "Bend");
        assert_eq!(
            read(damaged.as_bytes()),
            Err(ImportError::Corrupt("its contents do not match its checksum".into()))
        );
    }

    #[test]
    fn a_long_files_envelope_is_walked_a_part_at_a_time() {
        let mut replica = Replica::new();
        for n in 0..400u32 {
            let key = RecordKey::new("person", format!("01936f0e-8c1a-7c3e-9a55-{n:012}"));
            replica.set(key, "name", json!(format!("Person {n}")), stamp(1_795_429_972_123, 7));
        }
        let text = write(&replica);
        assert!(text.find("\"records\"") < text.find("\"version\""), "the version is written after the records");
        let mut reading = Reading::start(text.as_bytes()).unwrap();
        let mut walked = vec![0];
        while let Some(envelope) = &reading.envelope {
            walked.push(envelope.top.position());
            assert_eq!(reading.step(1), Ok(false));
        }
        // The members before the records are walked in the first step too.
        assert!(walked.windows(2).all(|w| w[1] - w[0] <= 2 * BYTES_PER_RECORD), "{walked:?}");
        assert!(walked.len() > text.len() / (2 * BYTES_PER_RECORD), "{} steps for {} bytes", walked.len(), text.len());
        while !reading.step(1).unwrap() {}
        assert_eq!(reading.finish(), Ok((replica, format!("{VERSION_MAJOR}.{VERSION_MINOR}"))));
    }

    #[test]
    fn a_first_version_list_with_a_blank_name_is_damaged() {
        let v1 = br#"{"version":1,"people":[{"id":"01936f0e-0000-7000-8000-000000000001","name":"  ","added_on":"2026-11-20"}]}"#;
        assert!(matches!(read(v1), Err(ImportError::Corrupt(_))));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn export_then_import_is_the_identity(replica in arb_replica()) {
            prop_assert_eq!(read(write(&replica).as_bytes()), Ok(replica.clone()));
            // The digest hashed from the replica is the one of its written records.
            let file: Value = serde_json::from_str(&write(&replica)).unwrap();
            let canonical = Sha256::digest(Json::new(&file["records"]).text());
            prop_assert_eq!(digest_of(&replica), format!("sha256:{canonical:x}"));
        }

        #[test]
        fn a_file_read_in_slices_is_the_file_read_at_once(replica in arb_replica(), slice in 1..5usize) {
            let text = write(&replica);
            let mut reading = Reading::start(text.as_bytes()).unwrap();
            while !reading.step(slice).unwrap() {
                prop_assert!(reading.records_read() <= replica.len());
            }
            prop_assert_eq!(reading.finish().map(|(read, _)| read), Ok(replica));
        }

        #[test]
        fn three_devices_exchanging_files_in_any_order_converge(
            replicas in prop::array::uniform3(arb_replica()),
            sends in prop::collection::vec((0..3usize, 0..3usize), 0..12),
        ) {
            // Each send passes an export file, as people do by messenger.
            let mut devices = replicas.clone();
            let pass = |devices: &mut [Replica; 3], from: usize, to: usize| {
                let file = write(&devices[from]);
                devices[to].merge(&read(file.as_bytes()).unwrap());
            };
            for (from, to) in sends {
                pass(&mut devices, from, to);
            }
            for (from, to) in [(1, 0), (2, 0), (0, 1), (0, 2)] {
                pass(&mut devices, from, to);
            }
            prop_assert_eq!(write(&devices[0]), write(&devices[1]));
            prop_assert_eq!(write(&devices[1]), write(&devices[2]));
        }

        #[test]
        fn merged_exports_are_byte_identical_whatever_the_order(a in arb_replica(), b in arb_replica(), c in arb_replica()) {
            let mut abc = a.clone();
            abc.merge(&b);
            abc.merge(&c);
            let mut cba = c.clone();
            cba.merge(&b);
            cba.merge(&a);
            cba.merge(&b);
            prop_assert_eq!(write(&abc), write(&cba));
        }
    }
}
