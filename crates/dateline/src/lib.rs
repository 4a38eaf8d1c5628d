//! The dateline stage of newsnlp: where, when and by whom a story was filed.
//!
//! [`DatelineParser`] reads the opening of each document — after headlines, captions, bylines,
//! "Updated" stamps and share-button debris, but never mid-story — and fills
//! [`Document::dateline`] with the span (terminator included), the location as written, the ISO
//! date (year from the dateline or the closest to `published`), the date words, the agency's
//! short name, and the location normalised through the GeoNames gazetteer.
//!
//! ```
//! use newsnlp_dateline::DatelineParser;
//!
//! let parser = DatelineParser::new();
//! let d = parser
//!     .parse("Bridge fund approved\n\nRICHMOND, Va., Feb. 13 (AP) — Virginia lawmakers on Tuesday…",
//!            Some("2024-02-13"))
//!     .unwrap();
//! assert_eq!(d.location.as_deref(), Some("RICHMOND, Va."));
//! assert_eq!(d.date.as_deref(), Some("2024-02-13"));
//! assert_eq!(d.date_text.as_deref(), Some("Feb. 13"));
//! assert_eq!(d.agency.as_deref(), Some("AP"));
//! let place = d.place.unwrap();
//! assert_eq!((place.name.as_str(), place.region.as_deref()), ("Richmond", Some("Virginia")));
//!
//! // A sentence that merely begins with a place is no dateline.
//! assert!(parser.parse("France insisted Sunday that talks go on.", None).is_none());
//! ```

mod agency;
mod date;
mod lexer;
mod parse;

use newsnlp_doc::{Dateline, Declaration, Document, Layer, Stage, StageError};

pub use date::Ymd;

/// Checks a run-wide `--published` value (an ISO `YYYY-MM-DD` date) for clap's `value_parser`,
/// so that every binary offering the flag refuses a malformed date instead of ignoring it.
pub fn published_arg(s: &str) -> Result<String, String> {
    Ymd::parse_iso(s)
        .map(|_| s.to_string())
        .ok_or_else(|| format!("`{s}` is not a YYYY-MM-DD date"))
}

/// The dateline stage. Build it once; it is cheap to apply and safe to share across threads.
#[derive(Debug, Clone, Default)]
pub struct DatelineParser {
    /// The run-wide publication date, used for documents without a `published` field.
    published: Option<Ymd>,
}

impl DatelineParser {
    pub fn new() -> DatelineParser {
        DatelineParser::default()
    }

    /// Sets the run-wide publication date (`YYYY-MM-DD`, as `--published` gives it) that
    /// resolves years for documents without their own `published` field. A value that is not
    /// an ISO date is ignored; [`published_arg`] checks one beforehand.
    pub fn with_published(mut self, published: Option<String>) -> DatelineParser {
        self.published = published.as_deref().and_then(Ymd::parse_iso);
        self
    }

    /// Finds the dateline of `text`; `published` (ISO date or date-time) resolves the year
    /// when the dateline does not write it, falling back to the run-wide date.
    pub fn parse(&self, text: &str, published: Option<&str>) -> Option<Dateline> {
        let published = published.and_then(Ymd::parse_iso).or(self.published);
        parse::find(text, published)
    }
}

/// What the dateline stage reads and adds.
pub const DECLARATION: Declaration = Declaration {
    name: "dateline",
    requires: &[Layer::Tokens, Layer::Paragraphs],
    provides: &[Layer::Dateline],
};

impl Stage for DatelineParser {
    fn name(&self) -> &'static str {
        DECLARATION.name
    }

    fn declaration(&self) -> Option<&'static Declaration> {
        Some(&DECLARATION)
    }

    fn prepare(&self) {
        newsnlp_gazetteer::Gazetteer::get();
    }

    /// Needs the tokenizer's layers so that a pipeline run in the wrong order says so; the
    /// grammar itself reads the raw opening, where it needs finer pieces than tokens.
    /// A `published` field that is not an ISO date (nor `null`) is set aside with a warning.
    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.require_tokens()?;
        doc.require_paragraphs()?;
        let published = doc
            .published()
            .filter(|p| Ymd::parse_iso(p).is_some())
            .map(std::borrow::Cow::into_owned);
        let written = doc.field("published").filter(|raw| raw.get() != "null");
        if let (None, Some(raw)) = (&published, written) {
            let shown: String = raw.get().chars().take(40).collect();
            let warning =
                format!("dateline: `published` {shown} is not a YYYY-MM-DD date; ignored");
            doc.warnings.push(warning);
        }
        let found = self.parse(&doc.text, published.as_deref());
        doc.dateline = Some(found);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_layers_name_the_tokenizer() {
        let mut doc = Document::new("LONDON (Reuters) - Sterling fell.");
        let err = DatelineParser::new().annotate(&mut doc).unwrap_err();
        assert!(err.to_string().contains("newsnlp-tokenize"), "{err}");
        assert_eq!(doc.dateline, None);
    }

    #[test]
    fn annotates_found_and_not_found() {
        let p = DatelineParser::new().with_published(Some("2016-11-24".into()));
        let mut doc = Document::new("MOSCOW, November 24. /TASS/. The West said.");
        doc.tokens = Some(vec![]);
        doc.paragraphs = Some(vec![]);
        p.annotate(&mut doc).unwrap();
        let d = doc.dateline.clone().unwrap().unwrap();
        assert_eq!((d.span.start, d.span.end), (0, 28));
        assert_eq!(d.date.as_deref(), Some("2016-11-24"));
        doc.text = "The West said nothing.".into();
        p.annotate(&mut doc).unwrap();
        assert_eq!(doc.dateline, Some(None));
    }

    /// The parts' spans cover the strings as written; the agency's covers its name, not its
    /// brackets (issue 12's `NAPLES, Italy (AP) —`, where `AP` is also inside `NAPLES`).
    #[test]
    fn parts_have_spans() {
        let p = DatelineParser::new();
        for (text, location, date, agency) in [
            (
                "NAPLES, Italy (AP) — Thousands marched.",
                Some("NAPLES, Italy"),
                None,
                Some("AP"),
            ),
            (
                "MOSCOW, November 24. /TASS/. The West said.",
                Some("MOSCOW"),
                Some("November 24"),
                Some("TASS"),
            ),
            (
                "WASHINGTON, Jan. 5 (The Associated Press) -- The Senate met.",
                Some("WASHINGTON"),
                Some("Jan. 5"),
                Some("Associated Press"),
            ),
            (
                "Nov 24 (Reuters) - Shares rose.",
                None,
                Some("Nov 24"),
                Some("Reuters"),
            ),
        ] {
            let d = p.parse(text, Some("2016-11-24")).unwrap();
            let written = |s: Option<newsnlp_doc::Span>| s.map(|s| &text[s.range()]);
            assert_eq!(written(d.location_span), location, "{text}");
            assert_eq!(written(d.date_span), date, "{text}");
            assert_eq!(written(d.agency_span), agency, "{text}");
            assert_eq!(d.location.as_deref(), location);
            assert_eq!(d.date_text.as_deref(), date);
            for s in [d.location_span, d.date_span, d.agency_span]
                .into_iter()
                .flatten()
            {
                assert!(d.span.contains(s), "{text}: {s:?} outside {:?}", d.span);
            }
        }
    }

    /// Found by the text_entities fuzz target (`published` 0000-01-01 gave `-001-09-22`).
    #[test]
    fn dates_are_always_four_digit_iso() {
        let text = "Sept.155,221\u{3000}Sept.–";
        for published in ["0000-01-01", "0001-01-01", "9999-12-31"] {
            let found = DatelineParser::new().parse(text, Some(published));
            let date = found.and_then(|d| d.date);
            let four_digit_year = |d: &str| {
                d.len() == 10 && d[..4].bytes().all(|b| b.is_ascii_digit()) && &d[..4] != "0000"
            };
            assert!(
                date.as_deref()
                    .map_or(true, |d| four_digit_year(d) && Ymd::parse_iso(d).is_some()),
                "{published}: {date:?}"
            );
        }
    }

    #[test]
    fn a_date_is_a_valid_iso_date_or_none() {
        let p = DatelineParser::new();
        for (text, published, want) in [
            ("LONDON, Dec 31 (Reuters) - Text.", "0000-01-01", None),
            (
                "LONDON, Jan 1 (Reuters) - Text.",
                "9999-12-31",
                Some("9999-01-01"),
            ),
            (
                "LONDON, Feb 29 (Reuters) - Text.",
                "2017-06-01",
                Some("2016-02-29"),
            ),
        ] {
            let d = p.parse(text, Some(published)).unwrap();
            assert_eq!(d.date.as_deref(), want, "{text} {published}");
        }
    }

    #[test]
    fn a_published_field_that_is_not_a_date_is_a_warning() {
        for (published, date, warning) in [
            (
                "20160301",
                None,
                "dateline: `published` 20160301 is not a YYYY-MM-DD date; ignored",
            ),
            ("null", None, ""),
            ("\"2016-01-01\"", Some("2016-01-02"), ""),
        ] {
            let line = format!(
                r#"{{"text":"LONDON, Jan 2 (Reuters) - Text.","published":{published},"tokens":[],"paragraphs":[]}}"#
            );
            let Ok(newsnlp_doc::ndjson::Parsed::Document(mut doc)) =
                newsnlp_doc::ndjson::parse_line(line.as_bytes())
            else {
                panic!("the line is a document");
            };
            DatelineParser::new().annotate(&mut doc).unwrap();
            assert_eq!(doc.warnings.join(""), warning, "{published}");
            assert_eq!(
                doc.dateline.unwrap().unwrap().date.as_deref(),
                date,
                "{published}"
            );
        }
    }

    #[test]
    fn document_published_beats_run_wide_date() {
        let p = DatelineParser::new().with_published(Some("2016-11-24".into()));
        let d = p
            .parse(
                "LONDON, Jan 2 (Reuters) - Text.",
                Some("2016-03-01T10:00:00Z"),
            )
            .unwrap();
        assert_eq!(d.date.as_deref(), Some("2016-01-02"));
        let d = p.parse("LONDON, Jan 2 (Reuters) - Text.", None).unwrap();
        assert_eq!(d.date.as_deref(), Some("2017-01-02"));
        let bad = DatelineParser::new().with_published(Some("yesterday".into()));
        assert_eq!(
            bad.parse("LONDON, Jan 2 (Reuters) - Text.", None)
                .unwrap()
                .date,
            None
        );
    }
}
