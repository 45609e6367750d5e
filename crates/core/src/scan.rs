//! Walks the structure of a JSON text without parsing its values, so a large
//! export can be read a few hundred records at a time: the walk stops at any
//! member and resumes there, and each value found is handed, as its own bytes,
//! to `serde_json`, which checks it fully.

use std::borrow::Cow;

/// Where the text stops making sense.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScanError {
    /// The text ends inside a value: it was cut off.
    End,
    /// Something else than JSON's grammar allows, at this byte.
    Unexpected(usize),
}

pub(crate) type Scanned<T> = Result<T, ScanError>;

/// A position in a JSON text.
pub(crate) struct Scanner<'a> {
    text: &'a [u8],
    pos: usize,
}

/// Where a walk through an object's members stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Members {
    First,
    Later,
    Done,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a [u8]) -> Self {
        Self { text, pos: 0 }
    }

    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    pub(crate) fn at_end(&mut self) -> bool {
        self.skip_space();
        self.pos == self.text.len()
    }

    fn skip_space(&mut self) {
        while self.text.get(self.pos).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The next byte after white space, not taken.
    pub(crate) fn peek(&mut self) -> Scanned<u8> {
        self.skip_space();
        self.text.get(self.pos).copied().ok_or(ScanError::End)
    }

    /// Takes `byte` after white space, or fails where something else stands.
    pub(crate) fn expect(&mut self, byte: u8) -> Scanned<()> {
        if self.peek()? != byte {
            return Err(ScanError::Unexpected(self.pos));
        }
        self.pos += 1;
        Ok(())
    }

    /// The next member's name of the object being walked (whose `{` is taken),
    /// with its `:` taken; `None` once its `}` is taken.
    pub(crate) fn member(&mut self, walk: &mut Members) -> Scanned<Option<Cow<'a, str>>> {
        if *walk == Members::Done {
            return Ok(None);
        }
        let next = self.peek()?;
        if next == b'}' {
            self.pos += 1;
            *walk = Members::Done;
            return Ok(None);
        }
        if *walk == Members::Later {
            if next != b',' {
                return Err(ScanError::Unexpected(self.pos));
            }
            self.pos += 1;
        }
        *walk = Members::Later;
        let name = self.string()?;
        self.expect(b':')?;
        Ok(Some(name))
    }

    /// A string, decoded.
    fn string(&mut self) -> Scanned<Cow<'a, str>> {
        if self.peek()? != b'"' {
            return Err(ScanError::Unexpected(self.pos));
        }
        let start = self.pos;
        let escaped = self.skip_string()?;
        let raw = &self.text[start..self.pos];
        let bad = ScanError::Unexpected(start);
        if escaped {
            serde_json::from_slice::<String>(raw).map(Cow::Owned).map_err(|_| bad)
        } else {
            std::str::from_utf8(&raw[1..raw.len() - 1]).map(Cow::Borrowed).map_err(|_| bad)
        }
    }

    /// Moves past a string whose `"` is next; says whether it holds escapes.
    fn skip_string(&mut self) -> Scanned<bool> {
        let mut escaped = false;
        self.pos += 1;
        loop {
            match self.text.get(self.pos) {
                None => return Err(ScanError::End),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(escaped);
                }
                Some(b'\\') => {
                    escaped = true;
                    self.pos += 2;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// The bytes of the next value, passed over without being checked.
    pub(crate) fn value(&mut self) -> Scanned<&'a [u8]> {
        let mut passing = self.begin_pass()?;
        loop {
            if let Some(bytes) = self.pass_over(&mut passing, usize::MAX)? {
                return Ok(bytes);
            }
        }
    }

    /// Starts passing over the next value, a part at a time ([`Scanner::pass_over`]).
    pub(crate) fn begin_pass(&mut self) -> Scanned<Passing> {
        self.peek()?;
        Ok(Passing { start: self.pos, depth: 0 })
    }

    /// Passes over about `budget` more bytes of the value `passing` began (an
    /// object or array; a string or other value at once), without checking
    /// them; gives its bytes once past its end.
    pub(crate) fn pass_over(&mut self, passing: &mut Passing, budget: usize) -> Scanned<Option<&'a [u8]>> {
        let start = passing.start;
        match self.text[start] {
            b'"' => {
                self.skip_string()?;
            }
            b'{' | b'[' => {
                let began = self.pos;
                loop {
                    if self.pos - began >= budget {
                        return Ok(None);
                    }
                    match self.text.get(self.pos) {
                        None => return Err(ScanError::End),
                        Some(b'"') => {
                            self.skip_string()?;
                            continue;
                        }
                        Some(b'{' | b'[') => passing.depth += 1,
                        Some(b'}' | b']') => passing.depth -= 1,
                        Some(_) => {}
                    }
                    self.pos += 1;
                    if passing.depth == 0 {
                        break;
                    }
                }
            }
            _ => {
                let ends = |b: &u8| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r');
                while self.text.get(self.pos).is_some_and(|b| !ends(b)) {
                    self.pos += 1;
                }
                if self.pos == start {
                    return Err(ScanError::Unexpected(start));
                }
            }
        }
        Ok(Some(&self.text[start..self.pos]))
    }
}

/// A value being passed over a part at a time: where it starts, and how
/// many of its objects and arrays are open.
pub(crate) struct Passing {
    start: usize,
    depth: usize,
}

/// The value of one member of the object `text` holds, the others passed
/// over unparsed; `None` if there is no such member or no object.
pub(crate) fn member_of(text: &[u8], name: &str) -> Option<serde_json::Value> {
    let mut scanner = Scanner::new(text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text));
    scanner.expect(b'{').ok()?;
    let mut walk = Members::First;
    while let Some(member) = scanner.member(&mut walk).ok()? {
        let value = scanner.value().ok()?;
        if member == name {
            return serde_json::from_slice(value).ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every member of an object as (name, value text), or where it broke.
    fn members(text: &str) -> Scanned<Vec<(String, String)>> {
        let mut scanner = Scanner::new(text.as_bytes());
        scanner.expect(b'{')?;
        let (mut walk, mut out) = (Members::First, Vec::new());
        while let Some(name) = scanner.member(&mut walk)? {
            let value = scanner.value()?;
            out.push((name.into_owned(), String::from_utf8(value.to_vec()).unwrap()));
        }
        if scanner.at_end() {
            Ok(out)
        } else {
            Err(ScanError::Unexpected(scanner.position()))
        }
    }

    #[test]
    fn values_are_found_whole_whatever_they_hold() {
        let text = r#" { "a" : {"b": "}{\"", "c": [1, {"d": null}]}, "q\"uote": -1.5e3,"e":true } "#;
        assert_eq!(
            members(text),
            Ok(vec![
                ("a".into(), r#"{"b": "}{\"", "c": [1, {"d": null}]}"#.into()),
                ("q\"uote".into(), "-1.5e3".into()),
                ("e".into(), "true".into()),
            ])
        );
        assert_eq!(members("{}"), Ok(vec![]));
    }

    #[test]
    fn one_member_is_found_without_parsing_the_rest() {
        let text = br#"{"cipher": "AAAA", "format": "x", "rest": [1, 2"#;
        assert_eq!(member_of(text, "format"), Some(serde_json::json!("x")));
        assert_eq!(member_of(text, "rest"), None);
        assert_eq!(member_of(b"[1]", "format"), None);
    }

    #[test]
    fn a_value_passed_over_in_parts_is_the_value_found_at_once() {
        let text = r#"{"a": {"b": "}{\"[", "c": [1, {"d": null}, "]"]}, "e": "x"}"#;
        let whole = members(text).unwrap();
        for budget in 1..text.len() + 2 {
            let mut scanner = Scanner::new(text.as_bytes());
            scanner.expect(b'{').unwrap();
            let (mut walk, mut found, mut parts) = (Members::First, Vec::new(), 0);
            while let Some(name) = scanner.member(&mut walk).unwrap() {
                let mut passing = scanner.begin_pass().unwrap();
                let value = loop {
                    let before = scanner.position();
                    match scanner.pass_over(&mut passing, budget).unwrap() {
                        Some(value) => break value,
                        // A part passes over no more than its budget but for the string it ends in.
                        None => assert!(scanner.position() - before <= budget + 6, "{budget}"),
                    }
                    parts += 1;
                };
                found.push((name.into_owned(), String::from_utf8(value.to_vec()).unwrap()));
            }
            assert_eq!(found, whole, "in parts of {budget} bytes");
            if (1..4).contains(&budget) {
                assert!(parts > 4, "{budget} bytes at a time took {parts} parts");
            }
        }
        let mut cut = Scanner::new(br#"{"a": [1, "#);
        cut.expect(b'{').unwrap();
        cut.member(&mut Members::First).unwrap();
        let mut passing = cut.begin_pass().unwrap();
        assert_eq!(cut.pass_over(&mut passing, 2), Ok(None));
        assert_eq!(cut.pass_over(&mut passing, 100), Err(ScanError::End));
    }

    #[test]
    fn broken_grammar_and_cut_text_are_told_apart() {
        assert_eq!(members(r#"{"a": 1,}"#), Err(ScanError::Unexpected(8)));
        assert_eq!(members(r#"{"a": 1 "b": 2}"#), Err(ScanError::Unexpected(8)));
        assert_eq!(members(r#"{"a" 1}"#), Err(ScanError::Unexpected(5)));
        assert_eq!(members(r#"{"a": 1} x"#), Err(ScanError::Unexpected(9)));
        assert_eq!(members(r#"{"a": {"b": [1, 2"#), Err(ScanError::End));
        assert_eq!(members(r#"{"a": "text"#), Err(ScanError::End));
        assert_eq!(members(r#"{"a": 1"#), Err(ScanError::End));
    }
}
