//! A small CSV reader for downloaded files: RFC 4180 quoting (commas, quotes and line breaks
//! inside quoted cells), LF, CRLF or CR line ends, and a UTF-8 byte-order mark. Each record keeps
//! the line it starts on, so problems can be reported as `file.csv:12`.
//!
//! Hand-written rather than the `csv` crate because the importer also runs in the browser, where
//! every dependency adds to the download, and because it must accept what spreadsheets and
//! publishers actually write (a stray quote inside an unquoted cell is kept as text; an
//! unterminated quote runs to the end of the file) without ever failing on a malformed row.

/// One record and the line it starts on (1-based). The cells are stored end to end in one string
/// (a Nomis file has a million cells; one allocation per record instead of one per cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Line of the file where the record starts.
    pub line: u32,
    text: String,
    ends: Vec<usize>,
}

impl Record {
    /// A record of the given cells.
    pub fn new(line: u32, cells: &[&str]) -> Record {
        let mut r = Record { line, text: String::new(), ends: Vec::with_capacity(cells.len()) };
        for c in cells {
            r.text.push_str(c);
            r.ends.push(r.text.len());
        }
        r
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the record has no cells.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Cell `i` as written (quotes removed, not trimmed); `None` when the row is shorter.
    pub fn raw(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? };
        self.text.get(start..end)
    }

    /// The cells as written.
    pub fn cells(&self) -> impl Iterator<Item = &str> + Clone {
        (0..self.len()).filter_map(|i| self.raw(i))
    }

    /// Cell `i`, trimmed; empty when the row is shorter.
    pub fn cell(&self, i: usize) -> &str {
        self.raw(i).map_or("", str::trim)
    }

    /// True when every cell is empty or blank (a separator row).
    pub fn is_blank(&self) -> bool {
        self.cells().all(|c| c.trim().is_empty())
    }

    /// Number of cells that are not blank.
    pub fn filled(&self) -> usize {
        self.cells().filter(|c| !c.trim().is_empty()).count()
    }
}

/// Why the text is not a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCsv {
    /// A NUL or another control character (not tab, CR or LF) at this line: a binary file such as
    /// a spreadsheet workbook, or UTF-16 text.
    Binary(u32),
    /// No row has two or more cells (e.g. a semicolon-separated file or plain text).
    NoColumns,
}

/// The first line holding a control character other than tab, CR and LF (C0, DEL, or C1, which
/// UTF-8 writes as 0xC2 0x80–0x9F). Scans bytes: files run to tens of megabytes.
fn binary_line(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    let at = bytes.iter().enumerate().position(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n'))
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    })?;
    let lines = bytes.get(..at).unwrap_or_default().iter().filter(|&&b| b == b'\n').count();
    Some(u32::try_from(lines).unwrap_or(u32::MAX).saturating_add(1))
}

/// Parses the whole text into records.
///
/// # Errors
/// [`NotCsv`] when the text holds control characters or no row has two cells.
///
/// # Examples
/// ```
/// use work_health_atlas::import::csv::parse;
/// let records = parse("area,value\r\n\"Liverpool, 001A\",\"1,234\"\r\n").unwrap();
/// assert_eq!(records[1].cells().collect::<Vec<_>>(), vec!["Liverpool, 001A", "1,234"]);
/// assert_eq!(records[1].line, 2);
/// ```
pub fn parse(text: &str) -> Result<Vec<Record>, NotCsv> {
    if let Some(line) = binary_line(text) {
        return Err(NotCsv::Binary(line));
    }
    let records = read(text.strip_prefix('\u{feff}').unwrap_or(text));
    if records.iter().any(|r| r.len() >= 2) {
        Ok(records)
    } else {
        Err(NotCsv::NoColumns)
    }
}

/// The record reader proper (no checks). Works on bytes: every delimiter is ASCII, so cells are
/// sliced out of the text at character boundaries without decoding each character.
fn read(text: &str) -> Vec<Record> {
    let bytes = text.as_bytes();
    let slice = |from: usize, to: usize| text.get(from..to).unwrap_or_default();
    let mut records = Vec::new();
    let mut record = Record { line: 1, text: String::new(), ends: Vec::new() };
    let mut line: u32 = 1;
    let mut start: u32 = 1;
    let mut i = 0;
    // True while a record has begun (so a final newline adds no empty record).
    let mut open = false;
    while i < bytes.len() {
        open = true;
        if bytes.get(i) == Some(&b'"') {
            // Quoted: runs to the next lone quote; "" is a quote; line ends are kept.
            i += 1;
            let mut from = i;
            loop {
                match bytes.get(i) {
                    None => {
                        record.text.push_str(slice(from, i));
                        break;
                    }
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                        record.text.push_str(slice(from, i + 1));
                        i += 2;
                        from = i;
                    }
                    Some(b'"') => {
                        record.text.push_str(slice(from, i));
                        i += 1;
                        break;
                    }
                    Some(b'\n') => {
                        line = line.saturating_add(1);
                        i += 1;
                    }
                    Some(b'\r') => {
                        if bytes.get(i + 1) != Some(&b'\n') {
                            line = line.saturating_add(1);
                        }
                        i += 1;
                    }
                    Some(_) => i += 1,
                }
            }
        }
        // Unquoted text (or what follows a closing quote) runs to a comma or line end; a quote
        // inside it is text.
        let from = i;
        while bytes.get(i).is_some_and(|b| !matches!(b, b',' | b'\r' | b'\n')) {
            i += 1;
        }
        record.text.push_str(slice(from, i));
        record.ends.push(record.text.len());
        match bytes.get(i) {
            Some(b',') => {
                i += 1;
                if i == bytes.len() {
                    record.ends.push(record.text.len());
                }
            }
            Some(b'\r' | b'\n') => {
                i += if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                record.line = start;
                records.push(std::mem::replace(&mut record, Record { line: 0, text: String::new(), ends: Vec::new() }));
                line = line.saturating_add(1);
                start = line;
                open = false;
            }
            _ => {}
        }
    }
    if open || !record.is_empty() {
        record.line = start;
        records.push(record);
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        read(text).into_iter().map(|r| r.cells().map(String::from).collect()).collect()
    }

    #[test]
    fn empty_one_and_two_records() {
        assert!(read("").is_empty());
        assert_eq!(cells("a,b"), vec![vec!["a", "b"]]);
        assert_eq!(cells("a,b\n1,2\n"), vec![vec!["a", "b"], vec!["1", "2"]]);
    }

    #[test]
    fn quoted_commas_quotes_and_line_breaks() {
        let text = "name,note\n\"Liverpool, 001A\",\"said \"\"hi\"\"\nover two lines\"\nnext,row\n";
        let records = read(text);
        assert_eq!(records[1].cells().collect::<Vec<_>>(), vec!["Liverpool, 001A", "said \"hi\"\nover two lines"]);
        assert_eq!(records.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1, 2, 4]);
    }

    #[test]
    fn crlf_cr_and_blank_lines() {
        let records = read("a,b\r\n\r\n1,2\r3,4");
        assert_eq!(records.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
        assert!(records[1].is_blank());
        assert_eq!(records[3].cells().collect::<Vec<_>>(), vec!["3", "4"]);
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let records = parse("\u{feff}area,period\nx,2024\n").expect("csv");
        assert_eq!(records[0].cells().collect::<Vec<_>>(), vec!["area", "period"]);
    }

    #[test]
    fn stray_and_unterminated_quotes_do_not_fail() {
        assert_eq!(cells("a\"b,c\n"), vec![vec!["a\"b", "c"]]);
        assert_eq!(cells("\"open,end"), vec![vec!["open,end"]]);
        assert_eq!(cells("\"x\"y,z"), vec![vec!["xy", "z"]]);
    }

    #[test]
    fn what_is_not_csv() {
        assert_eq!(parse("PK\u{3}\u{4}binary"), Err(NotCsv::Binary(1)));
        assert_eq!(parse("a,b\nc\u{0}d"), Err(NotCsv::Binary(2)));
        assert_eq!(parse("a;b;c\n1;2;3\n"), Err(NotCsv::NoColumns));
        assert_eq!(parse(""), Err(NotCsv::NoColumns));
        assert!(parse("a\tb,c\n").is_ok(), "tabs are text");
    }

    #[test]
    fn cells_are_trimmed_on_access() {
        let r = Record::new(1, &[" a ", ""]);
        assert_eq!((r.cell(0), r.cell(5), r.filled()), ("a", "", 1));
    }
}
