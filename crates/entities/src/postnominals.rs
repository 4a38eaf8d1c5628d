//! `Mark Tedeschi, QC,` and `Tom Molomby, SC, said`: letters after a person's name are a rank
//! or an honour, not a place or an organisation.
//!
//! The tagger sees a short all-caps token between commas, as in `Salem, OR,` and labels it a
//! place; right after a person's name it is a post-nominal.

use newsnlp_doc::{EntityLabel, Span};

/// Post-nominal letters common in news copy (Commonwealth silks, honours, degrees, offices).
const POSTNOMINALS: &[&str] = &[
    "QC", "KC", "SC", "MP", "MSP", "MLA", "MEP", "OBE", "MBE", "CBE", "KBE", "DBE", "MD", "PhD",
    "JP", "RN",
];

/// Drops from `spans` (sorted, byte offsets) every span that is one post-nominal set off by a
/// comma right after a PER span.
pub fn apply(text: &str, spans: &mut Vec<(Span, EntityLabel)>) {
    let mut previous_person_end: Option<usize> = None;
    spans.retain(|(span, label)| {
        let after_person = previous_person_end.is_some_and(|end| {
            text.get(end..span.start)
                .is_some_and(|gap| gap.trim() == ",")
        });
        let postnominal = text
            .get(span.range())
            .is_some_and(|w| POSTNOMINALS.contains(&w));
        previous_person_end = (*label == EntityLabel::Per).then_some(span.end);
        !(after_person && postnominal)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, names: &[(&str, EntityLabel)]) -> Vec<(Span, EntityLabel)> {
        let mut out: Vec<(Span, EntityLabel)> = names
            .iter()
            .map(|(name, label)| {
                let at = text.find(name).expect("name in text");
                (Span::new(at, at + name.len()), *label)
            })
            .collect();
        out.sort_by_key(|s| s.0);
        out
    }

    #[test]
    fn letters_after_a_person_are_dropped_but_not_a_state_after_a_city() {
        let text = "the prosecutor, Mark Tedeschi, QC, said; a firm in Salem, OR, said";
        let mut s = spans(
            text,
            &[
                ("Mark Tedeschi", EntityLabel::Per),
                ("QC", EntityLabel::Loc),
                ("Salem", EntityLabel::Loc),
                ("OR", EntityLabel::Loc),
            ],
        );
        apply(text, &mut s);
        let kept: Vec<&str> = s.iter().map(|(sp, _)| &text[sp.range()]).collect();
        assert_eq!(kept, ["Mark Tedeschi", "Salem", "OR"]);
    }
}
