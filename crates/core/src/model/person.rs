//! A person in the group: the one record where only the name is required.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::entity::{Entity, Id};
use crate::recurrence::Schedule;
use crate::replica::Replica;

/// Why a name was refused. The UI turns each into a sentence beside the field.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NameError {
    #[error("a name is required")]
    Empty,
    #[error("a name can be at most {max} characters; this one has {actual}")]
    TooLong { max: usize, actual: usize },
}

/// A name as typed, trimmed of surrounding white space and never empty.
///
/// The limit is generous (a name is never that long) but keeps one mistaken
/// paste from filling the browser's small storage quota.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    /// The longest name accepted, in characters (Unicode scalar values).
    pub const MAX_CHARS: usize = 10_000;

    pub fn parse(input: &str) -> Result<Self, NameError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(NameError::Empty);
        }
        let actual = trimmed.chars().count();
        if actual > Self::MAX_CHARS {
            return Err(NameError::TooLong { max: Self::MAX_CHARS, actual });
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key people are listed by: case-insensitive, so "anna" sits beside "Anna".
    pub fn sort_key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl TryFrom<String> for PersonName {
    type Error = NameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PersonName> for String {
    fn from(name: PersonName) -> Self {
        name.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a person takes part now. Kept as one field, so a pause and its
/// return date always change together.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "is")]
pub enum Status {
    #[default]
    Active,
    /// Stepped back (health, holidays…) from `from`, maybe until a return date.
    Paused { from: NaiveDate, until: Option<NaiveDate> },
    /// No longer in the group; history stays.
    Left { on: NaiveDate },
}

impl Status {
    /// Whether the person is expected at their shifts on `date`.
    pub fn takes_part_on(&self, date: NaiveDate) -> bool {
        match self {
            Status::Active => true,
            Status::Paused { from, until } => date < *from || until.is_some_and(|back| date >= back),
            Status::Left { on } => date < *on,
        }
    }
}

/// A member of the group. Contact details and the note are personal data:
/// an export without personal details leaves them out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: PersonName,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// A coordinator's private note.
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub status: Status,
    /// The day the person was added.
    pub added_on: NaiveDate,
    /// Set when this record was a duplicate, merged into the one it names
    /// (see [`crate::duplicates`]): it is listed no more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<Id>,
}

impl Entity for Person {
    const KIND: &'static str = "person";
}

impl Person {
    /// Everyone in the replica, alphabetically (case-insensitive); ties go by
    /// id, so every device lists people in the same order.
    pub fn by_name(replica: &Replica) -> Vec<(Id, Person)> {
        let all = replica.all::<Person>();
        let mut people: Vec<_> = all
            .iter()
            .filter(|(id, p)| p.merged_into.is_none() || crate::duplicates::kept(&all, *id) == *id)
            .cloned()
            .collect();
        people.sort_by_cached_key(|(id, p)| (p.name.sort_key(), *id));
        people
    }

    /// The phone number as a `tel:`/`sms:` link wants it: digits and a
    /// leading +, spaces and dashes dropped; none when it has too few digits
    /// to dial.
    pub fn dialable_phone(&self) -> Option<String> {
        let phone = self.phone.as_deref()?.trim();
        let plus = phone.starts_with('+').then_some("+");
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        (digits.len() >= 3).then(|| format!("{}{digits}", plus.unwrap_or_default()))
    }

    /// The e-mail address, when it looks like one.
    pub fn email_address(&self) -> Option<&str> {
        self.email.as_deref().map(str::trim).filter(|e| e.contains('@') && !e.contains(char::is_whitespace))
    }

    /// A new active member with only a name, as the People page adds one.
    pub fn new(name: &str, today: NaiveDate) -> Result<Self, NameError> {
        Ok(Self {
            name: PersonName::parse(name)?,
            phone: None,
            email: None,
            note: None,
            status: Status::Active,
            added_on: today,
            merged_into: None,
        })
    }

    /// The person with new details as typed: the name must make sense; an
    /// empty contact field or note means "none".
    pub fn edited(&self, name: &str, phone: &str, email: &str, note: &str) -> Result<Self, NameError> {
        let optional = |text: &str| Some(text.trim()).filter(|t| !t.is_empty()).map(str::to_owned);
        Ok(Self {
            name: PersonName::parse(name)?,
            phone: optional(phone),
            email: optional(email),
            note: optional(note),
            ..self.clone()
        })
    }

    /// Whether the name contains `query`, ignoring case and surrounding space.
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        query.is_empty() || self.name.sort_key().contains(&query)
    }
}

/// Why a pause or a departure was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StatusError {
    #[error("the return date must come after the pause starts")]
    ReturnBeforePause,
    #[error("dates must lie between 1900 and 2200")]
    DateOutOfRange,
}

impl Status {
    /// A pause from `from`, until an optional return date after it.
    pub fn pause(from: NaiveDate, until: Option<NaiveDate>) -> Result<Status, StatusError> {
        let plausible = |d: NaiveDate| (Schedule::EARLIEST..=Schedule::LATEST).contains(&d);
        if !plausible(from) || until.is_some_and(|d| !plausible(d)) {
            return Err(StatusError::DateOutOfRange);
        }
        if until.is_some_and(|back| back <= from) {
            return Err(StatusError::ReturnBeforePause);
        }
        Ok(Status::Paused { from, until })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{DeviceId, Stamp};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn stamp(millis: u64) -> Stamp {
        Stamp { millis, counter: 0, device: DeviceId::from_u64(1) }
    }

    #[test]
    fn a_name_is_trimmed() {
        assert_eq!(PersonName::parse("  Anna Jensen \n").unwrap().as_str(), "Anna Jensen");
    }

    #[test]
    fn an_empty_name_is_refused() {
        assert_eq!(PersonName::parse(""), Err(NameError::Empty));
    }

    #[test]
    fn a_name_of_only_white_space_is_refused() {
        assert_eq!(PersonName::parse(" \t\u{a0}\n "), Err(NameError::Empty));
    }

    #[test]
    fn a_name_of_ten_thousand_characters_is_accepted() {
        let long = "æ".repeat(PersonName::MAX_CHARS);
        assert_eq!(PersonName::parse(&long).unwrap().as_str().chars().count(), 10_000);
    }

    #[test]
    fn a_name_longer_than_the_limit_is_refused_with_its_length() {
        let long = "a".repeat(PersonName::MAX_CHARS + 1);
        assert_eq!(PersonName::parse(&long), Err(NameError::TooLong { max: 10_000, actual: 10_001 }));
    }

    #[test]
    fn markup_in_a_name_is_kept_as_plain_text() {
        let name = PersonName::parse("<img src=x onerror=alert(1)>").unwrap();
        assert_eq!(name.as_str(), "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn a_stored_blank_name_does_not_deserialize() {
        assert!(serde_json::from_str::<PersonName>("\"   \"").is_err());
    }

    #[test]
    fn people_are_listed_alphabetically_ignoring_case() {
        let mut replica = Replica::new();
        for (n, name) in ["carl", "Anna", "bo", "Bent"].into_iter().enumerate() {
            replica.put(Id::from_u128(n as u128), &Person::new(name, day(1)).unwrap(), stamp(1));
        }
        replica.remove::<Person>(Id::from_u128(2), stamp(1));
        let names: Vec<String> = Person::by_name(&replica).into_iter().map(|(_, p)| p.name.into()).collect();
        assert_eq!(names, ["Anna", "Bent", "carl"]);
    }

    #[test]
    fn editing_trims_details_and_empties_become_none() {
        let anna = Person::new("Anna", day(1)).unwrap();
        let edited = anna.edited(" Anna Jensen ", " 12 34 56 78 ", "  ", "Bakes on Fridays").unwrap();
        assert_eq!(edited.name.as_str(), "Anna Jensen");
        assert_eq!(edited.phone.as_deref(), Some("12 34 56 78"));
        assert_eq!(edited.email, None);
        assert_eq!(edited.note.as_deref(), Some("Bakes on Fridays"));
        assert_eq!(edited.added_on, anna.added_on);
        assert_eq!(anna.edited("  ", "", "", ""), Err(NameError::Empty));
    }

    #[test]
    fn search_matches_part_of_a_name_ignoring_case() {
        let p = Person::new("Søren Ærø", day(1)).unwrap();
        assert!(p.matches("ærø") && p.matches(" SØR") && p.matches(""));
        assert!(!p.matches("anna"));
    }

    #[test]
    fn a_return_date_must_follow_the_pause() {
        assert_eq!(Status::pause(day(10), Some(day(10))), Err(StatusError::ReturnBeforePause));
        assert_eq!(Status::pause(day(10), Some(day(11))), Ok(Status::Paused { from: day(10), until: Some(day(11)) }));
        assert_eq!(Status::pause(day(10), None), Ok(Status::Paused { from: day(10), until: None }));
        let year = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        assert_eq!(Status::pause(year(1899), None), Err(StatusError::DateOutOfRange));
        assert_eq!(Status::pause(day(10), Some(year(2201))), Err(StatusError::DateOutOfRange));
    }

    #[test]
    fn a_pause_covers_its_days_and_ends_on_the_return_date() {
        let paused = Status::Paused { from: day(10), until: Some(day(20)) };
        assert!(paused.takes_part_on(day(9)));
        assert!(!paused.takes_part_on(day(10)));
        assert!(!paused.takes_part_on(day(19)));
        assert!(paused.takes_part_on(day(20)));
        assert!(!Status::Paused { from: day(10), until: None }.takes_part_on(day(30)));
        assert!(!Status::Left { on: day(5) }.takes_part_on(day(5)));
    }

    #[test]
    fn phone_and_e_mail_are_made_fit_for_links() {
        let mut anna = Person::new("Anna", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
        assert_eq!((anna.dialable_phone(), anna.email_address()), (None, None));
        anna.phone = Some(" +45 12-34 56 78 ".into());
        anna.email = Some(" anna@example.org ".into());
        assert_eq!(anna.dialable_phone().as_deref(), Some("+4512345678"));
        assert_eq!(anna.email_address(), Some("anna@example.org"));
        anna.phone = Some("ring 12".into());
        anna.email = Some("not an address".into());
        assert_eq!((anna.dialable_phone(), anna.email_address()), (None, None));
    }

    #[test]
    fn editing_one_field_stamps_only_that_field() {
        let mut replica = Replica::new();
        let id = Id::from_u128(1);
        let mut anna = Person::new("Anna", day(23)).unwrap();
        replica.put(id, &anna, stamp(1));
        anna.phone = Some("12345678".into());
        replica.put(id, &anna, stamp(2));
        let record = replica.get(&crate::replica::RecordKey::new("person", id.to_string())).unwrap();
        assert_eq!(record.field("name").unwrap().stamp, stamp(1));
        assert_eq!(record.field("phone").unwrap().stamp, stamp(2));
        assert_eq!(replica.read::<Person>(id), Some(anna));
    }

    #[test]
    fn deleting_a_person_leaves_no_personal_data() {
        let mut replica = Replica::new();
        let id = Id::from_u128(1);
        let mut anna = Person::new("Anna", day(23)).unwrap();
        anna.email = Some("anna@example.org".into());
        replica.put(id, &anna, stamp(1));
        replica.remove::<Person>(id, stamp(2));
        assert_eq!(replica.read::<Person>(id), None);
        let text = crate::export::write(&replica);
        assert!(!text.contains("Anna") && !text.contains("anna@example.org"), "{text}");
    }
}
