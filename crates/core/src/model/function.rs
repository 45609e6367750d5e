//! A function: a kind of task (café, kitchen, instructor…) with its fixed
//! staff contact and how many people each shift needs.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::entity::{Entity, Id};
use crate::replica::Replica;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    pub name: String,
    /// The staff member volunteers of this function turn to (a person's id).
    #[serde(default)]
    pub contact: Option<Id>,
    /// People needed per shift.
    pub needed: u16,
    #[serde(default)]
    pub description: Option<String>,
    /// No longer done: kept for history and reports, gone from pickers.
    #[serde(default)]
    pub retired: bool,
}

impl Entity for Function {
    const KIND: &'static str = "function";
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FunctionError {
    #[error("a function needs a name")]
    NoName,
    #[error("a shift needs 1 to {max} people", max = Function::MAX_NEEDED)]
    Needed,
}

impl Function {
    /// More than this is a typing mistake for a small group's shift.
    pub const MAX_NEEDED: u16 = 200;

    pub fn new(name: &str, contact: Option<Id>, needed: u16) -> Result<Self, FunctionError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(FunctionError::NoName);
        }
        if !(1..=Self::MAX_NEEDED).contains(&needed) {
            return Err(FunctionError::Needed);
        }
        Ok(Self { name: name.to_owned(), contact, needed, description: None, retired: false })
    }

    /// With the description as typed (blank is none).
    pub fn described(mut self, text: &str) -> Self {
        self.description = Some(text.trim().to_owned()).filter(|d| !d.is_empty());
        self
    }

    /// The number of people a shift needs, as typed in a form.
    pub fn parse_needed(text: &str) -> Result<u16, FunctionError> {
        text.trim().parse::<u16>().ok().filter(|n| (1..=Self::MAX_NEEDED).contains(n)).ok_or(FunctionError::Needed)
    }

    /// The functions still done, alphabetically: what pickers offer.
    pub fn in_use(replica: &Replica) -> Vec<(Id, Function)> {
        let mut functions = Self::by_name(replica);
        functions.retain(|(_, f)| !f.retired);
        functions
    }

    /// Every function, alphabetically (case-insensitive), ties by id.
    pub fn by_name(replica: &Replica) -> Vec<(Id, Function)> {
        let mut functions = replica.all::<Function>().to_vec();
        functions.sort_by_cached_key(|(id, f)| (f.name.to_lowercase(), *id));
        functions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_needs_a_name_and_a_sensible_count() {
        assert!(Function::new("Café", None, 2).is_ok());
        assert_eq!(Function::new("  ", None, 2), Err(FunctionError::NoName));
        assert_eq!(Function::new("Café", None, 0), Err(FunctionError::Needed));
        assert_eq!(Function::new("Café", None, 10_000), Err(FunctionError::Needed));
    }

    #[test]
    fn the_number_needed_is_read_from_what_was_typed() {
        assert_eq!(Function::parse_needed(" 3 "), Ok(3));
        assert_eq!(Function::parse_needed("200"), Ok(200));
        for bad in ["0", "201", "10000", "100000", "-1", "two", "", "2.5"] {
            assert_eq!(Function::parse_needed(bad), Err(FunctionError::Needed), "{bad}");
        }
    }
}
