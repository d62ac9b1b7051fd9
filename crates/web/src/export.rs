//! Tabular export of reports: CSV (RFC 4180, UTF-8 with a BOM so Excel detects the encoding)
//! and XLSX.
//!
//! Both formats guard against formula injection: a text cell starting with `=`, `+`, `-`,
//! `@`, tab or carriage return is prefixed with `'` in CSV, and XLSX text is always written
//! as a string cell, never as a formula.

use std::borrow::Cow;

/// One cell of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written verbatim (apart from the CSV injection guard).
    Text(String),
    /// An integer. XLSX stores numbers as doubles, so integers beyond ±2^53 are written as
    /// text there to keep every digit.
    Int(i64),
    /// A number; NaN and infinities are written as empty cells.
    Num(f64),
    /// An empty cell.
    Empty,
}

/// A report table: a title (the XLSX sheet name), column headers and rows of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Report title; becomes the (sanitised) sheet name and the workbook title.
    pub title: String,
    /// Column headers.
    pub columns: Vec<String>,
    /// Rows; short rows are padded with empty cells to the number of columns.
    pub rows: Vec<Vec<Cell>>,
}

/// Renders the table as CSV (RFC 4180: comma-separated, CRLF line ends, quoted when needed),
/// header row first, prefixed with a UTF-8 byte-order mark.
pub fn csv(t: &Table) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true) // rows longer than the header are kept, not rejected
        .terminator(::csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    // Writing to a Vec cannot fail and `flexible` rules out the length error.
    let expect = "CSV into memory";
    if !t.columns.is_empty() {
        w.write_record(t.columns.iter().map(|c| bytes(guard(c)))).expect(expect);
    }
    for row in &t.rows {
        let pad = t.columns.len().saturating_sub(row.len());
        let cells = row.iter().chain(std::iter::repeat_n(&Cell::Empty, pad));
        w.write_record(cells.map(|c| match c {
            Cell::Text(s) => bytes(guard(s)),
            Cell::Int(i) => bytes(Cow::Owned(i.to_string())),
            Cell::Num(x) if x.is_finite() => bytes(Cow::Owned(x.to_string())),
            Cell::Num(_) | Cell::Empty => bytes(Cow::Borrowed("")),
        }))
        .expect(expect);
    }
    String::from_utf8(w.into_inner().expect(expect)).expect("CSV of UTF-8 fields is UTF-8")
}

/// Renders the table as an XLSX workbook with one sheet named after the title (sanitised to
/// Excel's rules), a bold and frozen header row, numbers as numbers, text always as strings,
/// and column widths fitted to the content (within 8..=60 characters).
///
/// Fails only on Excel's limits (more than 1,048,575 rows or 16,384 columns).
pub fn xlsx(t: &Table) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{DocProperties, Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let limit = |what: &str| format!("too many {what} for a worksheet");
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_title(t.title.as_str()));
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&t.title)).map_err(err)?;
    let bold = Format::new().set_bold();
    // Widest content per column, in characters.
    let mut widths: Vec<usize> = Vec::new();
    let mut fit = |col: usize, chars: usize| {
        if widths.len() <= col {
            widths.resize(col + 1, 0);
        }
        widths[col] = widths[col].max(chars);
    };
    for (c, name) in t.columns.iter().enumerate() {
        let col = u16::try_from(c).map_err(|_| limit("columns"))?;
        ws.write_string_with_format(0, col, clip(name), &bold).map_err(err)?;
        fit(c, name.chars().count());
    }
    for (r, row) in t.rows.iter().enumerate() {
        let line = u32::try_from(r + 1).map_err(|_| limit("rows"))?;
        for (c, cell) in row.iter().enumerate() {
            let col = u16::try_from(c).map_err(|_| limit("columns"))?;
            const EXACT: i64 = 1 << 53; // largest range a double holds exactly
            let chars = match cell {
                Cell::Text(s) => {
                    ws.write_string(line, col, clip(s)).map_err(err)?;
                    s.chars().count()
                }
                Cell::Int(i) if (-EXACT..=EXACT).contains(i) => {
                    ws.write_number(line, col, *i as f64).map_err(err)?;
                    i.to_string().len()
                }
                Cell::Int(i) => {
                    ws.write_string(line, col, i.to_string()).map_err(err)?;
                    i.to_string().len()
                }
                Cell::Num(x) if x.is_finite() => {
                    ws.write_number(line, col, *x).map_err(err)?;
                    x.to_string().len().min(12) // Excel shows ~11 significant digits
                }
                Cell::Num(_) | Cell::Empty => 0,
            };
            fit(c, chars);
        }
    }
    for (c, chars) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (chars + 2).clamp(8, 60) as f64).map_err(err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}

/// The CSV formula-injection guard: prefixes `'` to text a spreadsheet would evaluate.
fn guard(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { Cow::Owned(format!("'{s}")) } else { Cow::Borrowed(s) }
}

/// A CSV field as the bytes the `csv` writer takes, without copying borrowed text.
fn bytes(s: Cow<'_, str>) -> Cow<'_, [u8]> {
    match s {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }
}

/// Cuts text to Excel's cell limit of 32,767 UTF-16 units (by whole characters).
fn clip(s: &str) -> &str {
    const MAX: usize = 32_767;
    if s.len() <= MAX {
        return s; // UTF-8 never has fewer bytes than UTF-16 units
    }
    let mut units = 0;
    let end = s.char_indices().find(|(_, c)| {
        units += c.len_utf16();
        units > MAX
    });
    end.map_or(s, |(i, _)| &s[..i])
}

/// A valid Excel sheet name for `title`: `[]:*?/\` and control characters replaced by `-`,
/// no leading or trailing apostrophe or space, at most 31 UTF-16 units, not blank and not
/// the reserved "History".
fn sheet_name(title: &str) -> String {
    let clean: String = title.chars().map(|c| if "[]:*?/\\".contains(c) || c.is_control() { '-' } else { c }).collect();
    let mut name = String::new();
    let mut units = 0;
    for c in clean.trim_start_matches(['\'', ' ']).chars() {
        units += c.len_utf16();
        if units > 31 {
            break;
        }
        name.push(c);
    }
    match name.trim_end_matches(['\'', ' ']) {
        "" => "Sheet1".to_owned(),
        n if n.eq_ignore_ascii_case("history") => format!("{n}-1"),
        n => n.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    fn sample() -> Table {
        Table {
            title: "Leads: 2026/05 [Прага]".into(),
            columns: vec!["Name".into(), "Note".into(), "Count".into(), "Share".into()],
            rows: vec![
                vec![Cell::Text("Иван \"Ваня\", Петров\nPraha".into()), Cell::Text("Žluťoučký kůň".into()), Cell::Int(42), Cell::Num(0.25)],
                vec![Cell::Text("שלום עולם".into()), Cell::Text("=1+1".into()), Cell::Int(-3), Cell::Num(f64::NAN)],
                vec![Cell::Empty, Cell::Num(f64::INFINITY)],
            ],
        }
    }

    fn read_csv(s: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let body = s.strip_prefix('\u{feff}').expect("BOM");
        let mut r = ::csv::ReaderBuilder::new().flexible(true).from_reader(body.as_bytes());
        let header = r.headers().unwrap().iter().map(String::from).collect();
        let rows = r.records().map(|rec| rec.unwrap().iter().map(String::from).collect()).collect();
        (header, rows)
    }

    #[test]
    fn csv_round_trip() {
        let out = csv(&sample());
        assert!(out.starts_with("\u{feff}Name,Note,Count,Share\r\n"));
        let (header, rows) = read_csv(&out);
        assert_eq!(header, ["Name", "Note", "Count", "Share"]);
        assert_eq!(rows[0], ["Иван \"Ваня\", Петров\nPraha", "Žluťoučký kůň", "42", "0.25"]);
        assert_eq!(rows[1], ["שלום עולם", "'=1+1", "-3", ""]);
        assert_eq!(rows[2], ["", "", "", ""], "NaN/inf empty, short rows padded");
        assert_eq!(csv(&Table::default()), "\u{feff}");
    }

    #[test]
    fn csv_injection_guard() {
        let evil = ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"];
        let t = Table {
            title: "t".into(),
            columns: vec!["=cmd".into()],
            rows: evil.iter().map(|s| vec![Cell::Text(s.to_string())]).chain([vec![Cell::Int(-5)]]).collect(),
        };
        let (header, rows) = read_csv(&csv(&t));
        assert_eq!(header, ["'=cmd"]);
        for (row, s) in rows.iter().zip(evil) {
            assert_eq!(row[0], format!("'{s}"));
        }
        assert_eq!(rows[evil.len()][0], "-5", "numbers are not text");
    }

    #[test]
    fn xlsx_round_trip() {
        let bytes = xlsx(&sample()).unwrap();
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(wb.sheet_names(), ["Leads- 2026-05 -Прага-"]);
        let range = wb.worksheet_range("Leads- 2026-05 -Прага-").unwrap();
        let cell = |r: usize, c: usize| range.get((r, c)).cloned().unwrap_or(Data::Empty);
        let s = |v: &str| Data::String(v.into());
        assert_eq!([cell(0, 0), cell(0, 1), cell(0, 2), cell(0, 3)], [s("Name"), s("Note"), s("Count"), s("Share")]);
        assert_eq!(cell(1, 0), s("Иван \"Ваня\", Петров\nPraha"));
        assert_eq!(cell(2, 0), s("שלום עולם"));
        assert_eq!(cell(2, 1), s("=1+1"), "text stays text");
        let num = |d: Data| match d {
            Data::Int(i) => i as f64,
            Data::Float(f) => f,
            other => panic!("not a number: {other:?}"),
        };
        assert_eq!((num(cell(1, 2)), num(cell(1, 3)), num(cell(2, 2))), (42.0, 0.25, -3.0));
        assert_eq!((cell(2, 3), cell(3, 1)), (Data::Empty, Data::Empty), "NaN/inf empty");
        let formulas = wb.worksheet_formula("Leads- 2026-05 -Прага-").unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formulas");
    }

    #[test]
    fn xlsx_edge_cases() {
        let big = Table { title: "".into(), columns: vec!["id".into()], rows: vec![vec![Cell::Int(i64::MAX)]] };
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx(&big).unwrap())).unwrap();
        let range = wb.worksheet_range("Sheet1").unwrap();
        assert_eq!(range.get((1, 0)), Some(&Data::String(i64::MAX.to_string())));
        assert!(xlsx(&Table::default()).is_ok());
    }

    #[test]
    fn sheet_names_follow_excel_rules() {
        assert_eq!(sheet_name("Leads [2026/05]: *all*?"), "Leads -2026-05-- -all--");
        assert_eq!(sheet_name("'quoted' "), "quoted");
        assert_eq!(sheet_name(""), "Sheet1");
        assert_eq!(sheet_name("History"), "History-1");
        let long = sheet_name("Время ответа по каналам за последний квартал");
        assert_eq!(long, "Время ответа по каналам за посл");
        assert!(rust_xlsxwriter::utility::check_sheet_name(&long).is_ok());
        let emoji = sheet_name(&"📈".repeat(20)); // 2 UTF-16 units each
        assert_eq!(emoji.chars().count(), 15);
    }
}
