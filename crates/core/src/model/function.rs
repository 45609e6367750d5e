//! A function: a kind of task (café, kitchen, instructor…) with its fixed
//! staff contact and how many people each shift needs.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::entity::{Entity, Id};

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
        Ok(Self { name: name.to_owned(), contact, needed, description: None })
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
}
