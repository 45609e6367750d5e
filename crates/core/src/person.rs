//! A person in the group: the one record where only the name is required.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use uuid::Uuid;

/// Identifies a person on every device. Made on the device that adds the
/// person (UUID v7: time-ordered, so ids sort roughly by creation), never
/// reused, so two devices adding people offline cannot collide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonId(Uuid);

impl PersonId {
    /// A fresh id. On wasm the app enables uuid's `js` feature, so the
    /// randomness and the timestamp come from the browser.
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }
}

impl Default for PersonId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

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
            return Err(NameError::TooLong {
                max: Self::MAX_CHARS,
                actual,
            });
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

/// A member of the group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: PersonName,
    /// The day the person was added on this or another device.
    pub added_on: NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed() {
        assert_eq!(
            PersonName::parse("  Anna Jensen \n").unwrap().as_str(),
            "Anna Jensen"
        );
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
        assert_eq!(
            PersonName::parse(&long).unwrap().as_str().chars().count(),
            10_000
        );
    }

    #[test]
    fn a_name_longer_than_the_limit_is_refused_with_its_length() {
        let long = "a".repeat(PersonName::MAX_CHARS + 1);
        assert_eq!(
            PersonName::parse(&long),
            Err(NameError::TooLong {
                max: 10_000,
                actual: 10_001
            })
        );
    }

    #[test]
    fn markup_in_a_name_is_kept_as_plain_text() {
        let name = PersonName::parse("<img src=x onerror=alert(1)>").unwrap();
        assert_eq!(name.as_str(), "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn a_stored_blank_name_does_not_deserialize() {
        let result: Result<PersonName, _> = serde_json::from_str("\"   \"");
        assert!(result.is_err());
    }

    #[test]
    fn new_ids_are_distinct() {
        assert_ne!(PersonId::new(), PersonId::new());
    }
}
