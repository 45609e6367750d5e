//! People from a spreadsheet: a CSV file with a column for the name and,
//! if the group keeps them, the phone and e-mail. Read as a coordinator's
//! spreadsheet saves it — UTF-8 with commas, or Danish Excel's "CSV UTF-8"
//! with semicolons and a byte order mark — and refused whole, every bad row
//! named by its line, so a file with a mistake adds no one.

use thiserror::Error;

use crate::model::{NameError, PersonName};

/// One person as a row gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub name: PersonName,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Why a spreadsheet cannot be read; nothing is made from it.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CsvError {
    #[error("the file holds no rows of people")]
    Empty,
    #[error("line {line} is not UTF-8 text: save the spreadsheet as \"CSV UTF-8\"")]
    Encoding { line: usize },
    #[error("the first line names no column for the name (one called name or navn); it has: {found}")]
    NoNameColumn { found: String },
    #[error("{}", .0.iter().map(|(line, why)| format!("line {line}: {why}")).collect::<Vec<_>>().join("\n"))]
    BadRows(Vec<(usize, String)>),
}

/// Column titles, in English and Danish, lower case.
const NAME: [&str; 3] = ["name", "navn", "fulde navn"];
const PHONE: [&str; 5] = ["phone", "telefon", "tlf", "mobil", "telefonnummer"];
const EMAIL: [&str; 4] = ["email", "e-mail", "mail", "e-mailadresse"];

/// Reads every row, or says what is wrong with each bad one.
pub fn read(bytes: &[u8]) -> Result<Vec<Row>, CsvError> {
    let text = std::str::from_utf8(bytes).map_err(|error| CsvError::Encoding {
        line: 1 + bytes[..error.valid_up_to()].iter().filter(|b| **b == b'\n').count(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let header = text.lines().next().unwrap_or_default();
    // Danish Excel separates with semicolons (the comma is the decimal sign).
    let delimiter = if header.contains(';') && !header.contains(',') { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(text.as_bytes());
    let titles: Vec<String> =
        reader.headers().map_err(|_| CsvError::Empty)?.iter().map(|title| title.trim().to_lowercase()).collect();
    let column = |names: &[&str]| titles.iter().position(|title| names.contains(&title.as_str()));
    let Some(name_at) = column(&NAME) else {
        return Err(CsvError::NoNameColumn { found: titles.join(", ") });
    };
    let (phone_at, email_at) = (column(&PHONE), column(&EMAIL));

    let (mut rows, mut bad) = (Vec::new(), Vec::new());
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line() as usize);
                bad.push((line, "not readable as CSV (a quote left open?)".to_owned()));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cell = |at: Option<usize>| at.and_then(|at| record.get(at)).map(str::trim).filter(|c| !c.is_empty());
        if record.len() <= name_at {
            bad.push((line, format!("{} columns, the name is in column {}", record.len(), name_at + 1)));
            continue;
        }
        let name = match PersonName::parse(cell(Some(name_at)).unwrap_or_default()) {
            Ok(name) => name,
            Err(NameError::Empty) => {
                bad.push((line, "the name is empty".to_owned()));
                continue;
            }
            Err(error) => {
                bad.push((line, error.to_string()));
                continue;
            }
        };
        let email = cell(email_at).map(str::to_owned);
        if email.as_deref().is_some_and(|e| !e.contains('@') || e.contains(char::is_whitespace)) {
            bad.push((line, format!("“{}” is not an e-mail address", email.unwrap_or_default())));
            continue;
        }
        rows.push(Row { name, phone: cell(phone_at).map(str::to_owned), email });
    }
    match (bad.is_empty(), rows.is_empty()) {
        (false, _) => Err(CsvError::BadRows(bad)),
        (true, true) => Err(CsvError::Empty),
        (true, false) => Ok(rows),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|row| row.name.as_str()).collect()
    }

    #[test]
    fn a_plain_utf8_file_with_commas_is_read() {
        let rows = read(b"Name,Phone,E-mail\nAnna Hansen,+45 11 22 33 44,anna@example.org\nBo,,\n\n").unwrap();
        assert_eq!(names(&rows), ["Anna Hansen", "Bo"]);
        assert_eq!(rows[0].phone.as_deref(), Some("+45 11 22 33 44"));
        assert_eq!(rows[1].email, None);
    }

    #[test]
    fn danish_excel_with_semicolons_and_a_byte_order_mark_is_read() {
        let file = "\u{feff}Navn;Telefon;E-mail\r\nSøren Ærø;22 33 44 55;soren@example.dk\r\n\"Hansen; Åse\";;\r\n";
        let rows = read(file.as_bytes()).unwrap();
        assert_eq!(names(&rows), ["Søren Ærø", "Hansen; Åse"]);
        assert_eq!(rows[0].phone.as_deref(), Some("22 33 44 55"));
    }

    #[test]
    fn bad_rows_are_named_by_line_and_nothing_is_read() {
        let file = b"name,phone,email\nAnna,1,anna@example.org\n,2,\nBo,3,not an address\nCarl\n";
        let Err(CsvError::BadRows(bad)) = read(file) else { panic!("refused") };
        assert_eq!(bad.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [3, 4]);
        assert!(bad[0].1.contains("empty"), "{bad:?}");
        let message = CsvError::BadRows(bad).to_string();
        assert!(message.starts_with("line 3: the name is empty\nline 4: "), "{message}");
    }

    #[test]
    fn a_missing_column_a_wrong_encoding_and_an_empty_file_are_refused() {
        assert_eq!(
            read(b"fornavn,telefon\nAnna,1\n"),
            Err(CsvError::NoNameColumn { found: "fornavn, telefon".into() })
        );
        // "Søren" as Windows-1252 (Excel's older "CSV" format) on line 3.
        assert_eq!(read(b"navn\nAnna\nS\xf8ren\n"), Err(CsvError::Encoding { line: 3 }));
        assert_eq!(read(b""), Err(CsvError::Empty));
        assert_eq!(read(b"name,phone\n"), Err(CsvError::Empty));
    }
}
