//! The people of one group, as this device knows them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::person::{NameError, Person, PersonId, PersonName};

/// Everyone in the group. Kept in the order they were added; listing order is
/// a view ([`People::by_name`]), so adding never reshuffles what is stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct People(Vec<Person>);

impl People {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a person by the name typed, refusing a name that makes no sense.
    pub fn add(&mut self, name: &str, today: NaiveDate) -> Result<&Person, NameError> {
        let name = PersonName::parse(name)?;
        self.0.push(Person {
            id: PersonId::new(),
            name,
            added_on: today,
        });
        Ok(self.0.last().expect("just pushed"))
    }

    pub fn get(&self, id: PersonId) -> Option<&Person> {
        self.0.iter().find(|p| p.id == id)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Everyone, alphabetically (case-insensitive), ties broken by id so the
    /// order is the same on every device.
    pub fn by_name(&self) -> Vec<&Person> {
        let mut listed: Vec<&Person> = self.0.iter().collect();
        listed.sort_by_cached_key(|p| (p.name.sort_key(), p.id));
        listed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn adding_a_person_keeps_the_trimmed_name_and_the_day() {
        let mut people = People::new();
        let added = people.add("  Birte ", day()).unwrap().clone();
        assert_eq!(added.name.as_str(), "Birte");
        assert_eq!(added.added_on, day());
        assert_eq!(people.get(added.id), Some(&added));
    }

    #[test]
    fn a_refused_name_adds_no_one() {
        let mut people = People::new();
        assert_eq!(people.add("   ", day()).unwrap_err(), NameError::Empty);
        assert!(people.is_empty());
    }

    #[test]
    fn people_are_listed_alphabetically_ignoring_case() {
        let mut people = People::new();
        for name in ["carl", "Anna", "bo", "Bent"] {
            people.add(name, day()).unwrap();
        }
        let names: Vec<&str> = people.by_name().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Anna", "Bent", "bo", "carl"]);
    }

    #[test]
    fn the_stored_form_is_a_plain_json_list() {
        let mut people = People::new();
        let id = people.add("Dorte", day()).unwrap().id;
        let json = serde_json::to_value(&people).unwrap();
        assert_eq!(
            json,
            serde_json::json!([{ "id": id.to_string(), "name": "Dorte", "added_on": "2026-11-23" }])
        );
    }

    proptest! {
        #[test]
        fn any_accepted_name_survives_a_save_and_load(names in prop::collection::vec("\\PC{0,40}", 0..20)) {
            let mut people = People::new();
            for name in &names {
                let _ = people.add(name, day());
            }
            let json = serde_json::to_string(&people).unwrap();
            let loaded: People = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(loaded, people);
        }

        #[test]
        fn a_name_is_accepted_exactly_when_it_has_a_visible_character(name in "\\PC{0,40}|[ \\t\\n]{0,5}") {
            let mut people = People::new();
            let accepted = people.add(&name, day()).is_ok();
            prop_assert_eq!(accepted, !name.trim().is_empty());
            prop_assert_eq!(people.len(), usize::from(accepted));
        }
    }
}
