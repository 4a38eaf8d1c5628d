//! The tables on disk: CSV with a header, or NDJSON with the same columns.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// How the tables are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableFormat {
    #[default]
    Csv,
    Jsonl,
}

impl TableFormat {
    fn extension(self) -> &'static str {
        match self {
            TableFormat::Csv => "csv",
            TableFormat::Jsonl => "jsonl",
        }
    }
}

/// One value of a row.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Text(&'a str),
    Count(u64),
}

/// A table being written, row by row.
pub struct Table {
    format: TableFormat,
    columns: &'static [&'static str],
    out: BufWriter<File>,
    line: String,
}

impl Table {
    /// Creates `DIR/NAME.csv` (or `.jsonl`) and writes the CSV header.
    pub fn create(
        dir: &Path,
        name: &str,
        format: TableFormat,
        columns: &'static [&'static str],
    ) -> io::Result<Table> {
        let path = dir.join(format!("{name}.{}", format.extension()));
        let out = BufWriter::with_capacity(1 << 16, File::create(path)?);
        let mut table = Table {
            format,
            columns,
            out,
            line: String::new(),
        };
        if format == TableFormat::Csv {
            let header: Vec<Cell> = columns.iter().map(|c| Cell::Text(c)).collect();
            table.row(&header)?;
        }
        Ok(table)
    }

    /// Writes one row, its cells in column order.
    pub fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        debug_assert_eq!(cells.len(), self.columns.len());
        self.line.clear();
        match self.format {
            TableFormat::Csv => {
                for (i, cell) in cells.iter().enumerate() {
                    if i > 0 {
                        self.line.push(',');
                    }
                    match cell {
                        Cell::Text(t) => push_csv_field(&mut self.line, t),
                        Cell::Count(n) => self.line.push_str(&n.to_string()),
                    }
                }
            }
            TableFormat::Jsonl => {
                let mut map = serde_json::Map::new();
                for (column, cell) in self.columns.iter().zip(cells) {
                    let value = match cell {
                        Cell::Text(t) => serde_json::Value::from(*t),
                        Cell::Count(n) => serde_json::Value::from(*n),
                    };
                    map.insert((*column).to_string(), value);
                }
                self.line = serde_json::Value::Object(map).to_string();
            }
        }
        self.line.push('\n');
        self.out.write_all(self.line.as_bytes())
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
fn push_csv_field(line: &mut String, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&text.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_and_newlines_are_quoted() {
        let mut line = String::new();
        push_csv_field(&mut line, "He said \"no\", twice\n");
        assert_eq!(line, "\"He said \"\"no\"\", twice\n\"");
        line.clear();
        push_csv_field(&mut line, "plain");
        assert_eq!(line, "plain");
    }
}
