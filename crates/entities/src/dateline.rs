//! Names in the dateline, when the dateline stage ran first: its location parts are places
//! and its agency an organisation (`MOSCOW, November 24. /TASS/.`), and nothing else in it is
//! a name (`Jan.` in `WASHINGTON, Jan. 5 (UPI) --`). The tagger learned from CoNLL-2003, whose
//! datelines never name an agency, so it cannot know this on its own.

use newsnlp_doc::{Dateline, EntityLabel, Span};

/// Adds or relabels the dateline's location parts (LOC) and agency (ORG) in `spans` (sorted),
/// and drops the other spans inside the dateline (its date, its punctuation). When a part the
/// dateline stage reported cannot be found in the dateline's text, the tagger's spans there are
/// left alone: the parse and the text disagree, so neither is trusted over the other.
pub fn apply(
    text: &str,
    tokens: &[Span],
    dateline: &Dateline,
    spans: &mut Vec<(Span, EntityLabel)>,
) {
    let Some(head) = text.get(dateline.span.range()) else {
        return;
    };
    let mut names: Vec<(Span, EntityLabel)> = Vec::new();
    let mut missing = false;
    let mut find = |name: &str, label: EntityLabel| {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        match head.find(name) {
            Some(at) => {
                let start = dateline.span.start + at;
                names.push((Span::new(start, start + name.len()), label));
            }
            None => missing = true,
        }
    };
    if let Some(loc) = &dateline.location {
        for part in loc.split(',') {
            find(part, EntityLabel::Loc);
        }
    }
    if let Some(agency) = &dateline.agency {
        find(agency, EntityLabel::Org);
    }
    if !missing {
        let inside = |s: Span| s.start >= dateline.span.start && s.end <= dateline.span.end;
        spans.retain(|(s, _)| !inside(*s) || names.iter().any(|(n, _)| n.overlaps(*s)));
    }
    for (span, label) in names {
        // Only whole tokens: the name must start and end on token boundaries.
        let aligned = tokens.iter().any(|t| t.start == span.start)
            && tokens.iter().any(|t| t.end == span.end);
        if !aligned {
            continue;
        }
        if let Some(same) = spans.iter_mut().find(|(s, _)| *s == span) {
            same.1 = label;
        } else if !spans.iter().any(|(s, _)| s.overlaps(span)) {
            let at = spans.partition_point(|(s, _)| s.start < span.start);
            spans.insert(at, (span, label));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_and_location_parts_become_entities() {
        let text = "SEOUL, South Korea, May 3 /Yonhap/ - Talks resumed.";
        let words = [
            "SEOUL", ",", "South", "Korea", ",", "May", "3", "/", "Yonhap", "/", "-", "Talks",
            "resumed", ".",
        ];
        let mut tokens = Vec::new();
        let mut pos = 0;
        for w in words {
            let s = text[pos..].find(w).unwrap() + pos;
            tokens.push(Span::new(s, s + w.len()));
            pos = s + w.len();
        }
        let dl = Dateline {
            span: Span::new(0, 36),
            location: Some("SEOUL, South Korea".into()),
            agency: Some("Yonhap".into()),
            ..Dateline::default()
        };
        // The tagger called SEOUL an organisation and missed the agency.
        let mut spans = vec![
            (Span::new(0, 5), EntityLabel::Org),
            (Span::new(7, 18), EntityLabel::Loc),
        ];
        apply(text, &tokens, &dl, &mut spans);
        let got: Vec<(&str, EntityLabel)> =
            spans.iter().map(|(s, l)| (&text[s.range()], *l)).collect();
        assert_eq!(
            got,
            [
                ("SEOUL", EntityLabel::Loc),
                ("South Korea", EntityLabel::Loc),
                ("Yonhap", EntityLabel::Org)
            ]
        );
    }

    #[test]
    fn the_date_inside_a_dateline_is_no_name() {
        let text = "WASHINGTON, Jan. 5 (UPI) -- The Senate met.";
        let dl = Dateline {
            span: Span::new(0, 27),
            location: Some("WASHINGTON".into()),
            agency: Some("UPI".into()),
            ..Dateline::default()
        };
        let tokens = [
            (0, 10),
            (10, 11),
            (12, 16),
            (17, 18),
            (19, 20),
            (20, 23),
            (23, 24),
            (25, 27),
            (28, 31),
            (32, 38),
            (39, 42),
            (42, 43),
        ]
        .map(|(s, e)| Span::new(s, e));
        let mut spans = vec![
            (Span::new(0, 10), EntityLabel::Loc),
            (Span::new(12, 16), EntityLabel::Org),
            (Span::new(32, 38), EntityLabel::Org),
        ];
        apply(text, &tokens, &dl, &mut spans);
        let got: Vec<(&str, EntityLabel)> =
            spans.iter().map(|(s, l)| (&text[s.range()], *l)).collect();
        assert_eq!(
            got,
            [
                ("WASHINGTON", EntityLabel::Loc),
                ("UPI", EntityLabel::Org),
                ("Senate", EntityLabel::Org)
            ]
        );

        // A location the dateline text does not contain: the tagger's spans stay.
        let odd = Dateline {
            location: Some("Washington D.C.".into()),
            ..dl
        };
        let mut spans = vec![(Span::new(12, 16), EntityLabel::Org)];
        apply(text, &tokens, &odd, &mut spans);
        assert_eq!(spans.len(), 2, "{spans:?}");
    }
}
