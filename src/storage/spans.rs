//! Which stored records a load reads: parts of the records store between
//! two keys. A first screen reads everything but the years of check-ins,
//! cancellations, sign-ups and conversations held ([`Span::recent`]); they
//! follow ([`Span::history`]).

use js_sys::Array;
use leptos::wasm_bindgen::JsValue;
use web_sys::IdbKeyRange;

/// The kinds whose older records wait for [`super::load_history`], in key order:
/// one of each is made every shift, for years, but for the conversations a
/// coordinator holds (follow-ups): no volunteer's page reads them, and with
/// five years they were a third of what a first screen read.
const HISTORY_KINDS: [&str; 4] = ["cancellation", "checkin", "followup", "signup"];

/// A part of the stored records between two keys (`[kind, id]`; kinds sort
/// as text, and a record's id, UUID v7, as the moment it was made), each
/// bound with whether it is left out.
pub(super) struct Span {
    lower: Option<(JsValue, bool)>,
    upper: Option<(JsValue, bool)>,
}

impl Span {
    pub(super) const ALL: Span = Span { lower: None, upper: None };

    fn key(parts: &[&str]) -> JsValue {
        parts.iter().map(|p| JsValue::from_str(p)).collect::<Array>().into()
    }

    /// Sorts after every record of `kind` and before the next kind.
    fn past(kind: &str) -> JsValue {
        Self::key(&[&format!("{kind}\u{0}")])
    }

    /// Everything but the history kinds' records made before `since`.
    pub(super) fn recent(since: u64) -> Vec<Span> {
        let made_since = flok_core::Id::made_since(since);
        let mut spans = Vec::new();
        let mut from: Option<(JsValue, bool)> = None;
        for kind in HISTORY_KINDS {
            spans.push(Span { lower: from.take(), upper: Some((Self::key(&[kind]), true)) });
            spans.push(Span {
                lower: Some((Self::key(&[kind, &made_since]), false)),
                upper: Some((Self::past(kind), true)),
            });
            from = Some((Self::past(kind), false));
        }
        spans.push(Span { lower: from, upper: None });
        spans
    }

    /// The history kinds' records made before `since`.
    pub(super) fn history(since: u64) -> Vec<Span> {
        let made_since = flok_core::Id::made_since(since);
        HISTORY_KINDS
            .iter()
            .map(|kind| Span {
                lower: Some((Self::key(&[kind]), false)),
                upper: Some((Self::key(&[kind, &made_since]), true)),
            })
            .collect()
    }

    /// Its key range, starting after `after` (the last key read) if given.
    pub(super) fn range(&self, after: Option<&JsValue>) -> Result<JsValue, JsValue> {
        let lower = match after {
            Some(last) => Some((last.clone(), true)),
            None => self.lower.clone(),
        };
        let range = match (lower, &self.upper) {
            (None, None) => return Ok(JsValue::UNDEFINED),
            (Some((lower, open)), None) => IdbKeyRange::lower_bound_with_open(&lower, open)?,
            (None, Some((upper, open))) => IdbKeyRange::upper_bound_with_open(upper, *open)?,
            (Some((lower, lower_open)), Some((upper, upper_open))) => {
                IdbKeyRange::bound_with_lower_open_and_upper_open(&lower, upper, lower_open, *upper_open)?
            }
        };
        Ok(range.into())
    }
}
