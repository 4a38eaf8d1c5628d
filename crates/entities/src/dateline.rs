//! Names in the dateline, when the dateline stage ran first: its location parts are places
//! and its agency an organisation (`MOSCOW, November 24. /TASS/.`). The tagger learned from
//! CoNLL-2003, whose datelines never name an agency, so it cannot know this on its own.

use newsnlp_doc::{Dateline, EntityLabel, Span};

/// Adds or relabels the dateline's location parts (LOC) and agency (ORG) in `spans` (sorted).
pub fn apply(text: &str, tokens: &[Span], dateline: &Dateline, spans: &mut Vec<(Span, EntityLabel)>) {
    let Some(head) = text.get(dateline.span.range()) else { return };
    let mut names: Vec<(Span, EntityLabel)> = Vec::new();
    let mut find = |name: &str, label: EntityLabel| {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        if let Some(at) = head.find(name) {
            let start = dateline.span.start + at;
            names.push((Span::new(start, start + name.len()), label));
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
    for (span, label) in names {
        // Only whole tokens: the name must start and end on token boundaries.
        let aligned = tokens.iter().any(|t| t.start == span.start) && tokens.iter().any(|t| t.end == span.end);
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
        let words = ["SEOUL", ",", "South", "Korea", ",", "May", "3", "/", "Yonhap", "/", "-", "Talks", "resumed", "."];
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
        let mut spans = vec![(Span::new(0, 5), EntityLabel::Org), (Span::new(7, 18), EntityLabel::Loc)];
        apply(text, &tokens, &dl, &mut spans);
        let got: Vec<(&str, EntityLabel)> = spans.iter().map(|(s, l)| (&text[s.range()], *l)).collect();
        assert_eq!(got, [("SEOUL", EntityLabel::Loc), ("South Korea", EntityLabel::Loc), ("Yonhap", EntityLabel::Org)]);
    }
}
