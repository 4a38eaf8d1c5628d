//! Names in the dateline, when the dateline stage ran first: its location parts are places
//! and its agency an organisation (`MOSCOW, November 24. /TASS/.`), and nothing else in it is
//! a name (`Jan.` in `WASHINGTON, Jan. 5 (UPI) --`). The tagger learned from CoNLL-2003, whose
//! datelines never name an agency, so it cannot know this on its own.

use newsnlp_doc::{Dateline, Entity, EntityLabel, Span};

/// Adds or relabels the dateline's location parts (LOC) and agency (ORG) in `spans` (sorted),
/// and drops the other spans inside the dateline (its date, its punctuation). The parts come
/// from the spans the dateline stage reported; when a part is named without its span (a
/// dateline layer written by an older stage), the tagger's spans there are left alone.
pub fn apply(
    text: &str,
    tokens: &[Span],
    dateline: &Dateline,
    spans: &mut Vec<(Span, EntityLabel)>,
) {
    let mut names: Vec<(Span, EntityLabel)> = Vec::new();
    let missing = dateline.location.is_some() && dateline.location_span.is_none()
        || dateline.agency.is_some() && dateline.agency_span.is_none();
    if let Some(loc) = dateline.location_span {
        names.extend(
            location_parts(text, loc)
                .into_iter()
                .map(|s| (s, EntityLabel::Loc)),
        );
    }
    if let Some(agency) = dateline.agency_span.filter(|s| !s.is_empty()) {
        names.push((agency, EntityLabel::Org));
    }
    if !missing {
        let inside = |s: Span| s.start >= dateline.span.start && s.end <= dateline.span.end;
        spans.retain(|(s, _)| !inside(*s) || names.iter().any(|(n, _)| n.overlaps(*s)));
    }
    for (span, label) in names {
        // Only whole tokens: the name must start and end on token boundaries. A dateline
        // layer read from input may point anywhere; a name has a letter or digit in it.
        let aligned = tokens.iter().any(|t| t.start == span.start)
            && tokens.iter().any(|t| t.end == span.end);
        let wordy = text
            .get(span.range())
            .is_some_and(|w| w.chars().any(char::is_alphanumeric));
        if !aligned || !wordy {
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

/// The dateline's place, written in capitals (`MOSCOW`), is named as the gazetteer spells it
/// (`Moscow`): the dateline stage found it there, so the spelling is known even when the
/// story never writes it again.
pub fn spell_place(text: &str, dateline: &Dateline, entities: &mut [Entity]) {
    let (Some(place), Some(loc)) = (&dateline.place, dateline.location_span) else {
        return;
    };
    for e in entities.iter_mut() {
        let inside = e.span.start >= loc.start && e.span.end <= loc.end;
        let written = text.get(e.span.range()).unwrap_or("");
        if inside
            && crate::canonical::is_all_caps(&e.canonical)
            && written.to_lowercase() == place.name.to_lowercase()
        {
            e.canonical = place.name.clone();
        }
    }
}

/// The place names of a location as written: `NAPLES, Italy` -> `NAPLES`, `Italy`;
/// `BHOPAL (Madhya Pradesh)` -> `BHOPAL`, `Madhya Pradesh`.
fn location_parts(text: &str, loc: Span) -> Vec<Span> {
    let written = text.get(loc.range()).unwrap_or("");
    let mut parts = Vec::new();
    let mut from = 0;
    let ends = written.char_indices().chain([(written.len(), ',')]);
    for (i, c) in ends.filter(|&(_, c)| matches!(c, ',' | '(' | ')' | '[' | ']')) {
        let part = &written[from..i];
        let start = loc.start + from + (part.len() - part.trim_start().len());
        if !part.trim().is_empty() {
            parts.push(Span::new(start, start + part.trim().len()));
        }
        from = i + c.len_utf8();
    }
    parts
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
            location_span: Some(Span::new(0, 18)),
            agency: Some("Yonhap".into()),
            agency_span: Some(Span::new(27, 33)),
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
            location_span: Some(Span::new(0, 10)),
            agency: Some("UPI".into()),
            agency_span: Some(Span::new(20, 23)),
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

        // A location without its span (a layer from an older stage): the tagger's spans stay.
        let odd = Dateline {
            location_span: None,
            ..dl
        };
        let mut spans = vec![(Span::new(12, 16), EntityLabel::Org)];
        apply(text, &tokens, &odd, &mut spans);
        assert_eq!(spans.len(), 2, "{spans:?}");
    }

    /// Found by fuzzing (layers_entities): a dateline layer from input whose agency span
    /// covers only spaces and a quote mark made an ORG named "" (an empty canonical name).
    #[test]
    fn a_dateline_part_without_a_letter_is_no_name() {
        let text = "\"  ' Kim said.";
        let tokens = [(0, 1), (1, 2), (2, 3), (3, 4), (5, 8), (9, 13), (13, 14)]
            .map(|(s, e)| Span::new(s, e));
        let dl = Dateline {
            span: Span::new(0, 5),
            agency: Some("'".into()),
            agency_span: Some(Span::new(1, 4)),
            ..Dateline::default()
        };
        let mut spans = vec![(Span::new(5, 8), EntityLabel::Per)];
        apply(text, &tokens, &dl, &mut spans);
        assert_eq!(spans, [(Span::new(5, 8), EntityLabel::Per)]);
    }

    /// Issue 12: `AP` is also inside `NAPLES`; the agency's span, not a search for its name,
    /// says which. The tagger's own `AP` survives and a missed one is added.
    #[test]
    fn naples_italy_ap_takes_the_agency_by_its_span() {
        let text = "NAPLES, Italy (AP) — Thousands marched in Naples.";
        let tokens = [
            (0, 6),
            (6, 7),
            (8, 13),
            (14, 15),
            (15, 17),
            (17, 18),
            (19, 20),
        ]
        .map(|(s, e)| Span::new(s, e));
        let dl = Dateline {
            span: Span::new(0, 20),
            location: Some("NAPLES, Italy".into()),
            location_span: Some(Span::new(0, 13)),
            agency: Some("AP".into()),
            agency_span: Some(Span::new(15, 17)),
            ..Dateline::default()
        };
        let want = [
            ("NAPLES", EntityLabel::Loc),
            ("Italy", EntityLabel::Loc),
            ("AP", EntityLabel::Org),
        ];
        let tagged = vec![
            (Span::new(0, 6), EntityLabel::Org),
            (Span::new(8, 13), EntityLabel::Loc),
            (Span::new(15, 17), EntityLabel::Org),
        ];
        for mut spans in [tagged.clone(), tagged[..2].to_vec()] {
            apply(text, &tokens, &dl, &mut spans);
            let got: Vec<(&str, EntityLabel)> =
                spans.iter().map(|(s, l)| (&text[s.range()], *l)).collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn location_parts_split_at_commas_and_brackets() {
        let text = "BHOPAL (Madhya Pradesh), India, Nov 24";
        let parts: Vec<&str> = location_parts(text, Span::new(0, 31))
            .into_iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(parts, ["BHOPAL", "Madhya Pradesh", "India"]);
    }
}
