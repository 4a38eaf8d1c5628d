//! Document-level consistency for lone first names: a name set beside a title or a noun for a
//! person (`their child, Gloria`, `Opposition leader Nath`) is a person throughout the story.
//!
//! The tagger weighs what a word was in its training data heavily, so a first name that was a
//! football club there (`Gloria`) stays an organisation in every sentence of a story about a
//! girl of that name, whatever the context. The story itself says otherwise: once one mention
//! of a first name stands in a person's apposition or after a title, every single-word mention
//! of it in that document is that person.
//!
//! The other way round, a person's name never ends in a word for a natural feature: a PER
//! span ending in `River` or `Mountains` is a place (`James River`).

use crate::lexicon::{classes, FIRST_NAME, NATURAL_FEATURES, PERSON_NOUN, TITLE};
use newsnlp_doc::{EntityLabel, Span};
use foldhash::HashSet;

/// Relabels PER spans (sorted, byte offsets) that end in a natural feature as LOC, then as PER
/// every single-token span whose word is a known first name that stands, somewhere in the
/// document, right after a title or a noun for a person (optionally with a comma between).
pub fn apply(text: &str, tokens: &[Span], spans: &mut [(Span, EntityLabel)]) {
    for (span, label) in spans.iter_mut() {
        let last = text
            .get(span.range())
            .and_then(|s| s.split_whitespace().last())
            .unwrap_or("");
        if *label == EntityLabel::Per && NATURAL_FEATURES.contains(&last) {
            *label = EntityLabel::Loc;
        }
    }
    let word = |i: usize| text.get(tokens[i].range()).unwrap_or("");
    let cue = |i: usize| classes(word(i)) & (TITLE | PERSON_NOUN) != 0;
    // A set: a story may cue thousands of different first names.
    let mut persons: HashSet<&str> = HashSet::default();
    for i in 1..tokens.len() {
        let w = word(i);
        let is_cued = cue(i - 1) || (i >= 2 && word(i - 1) == "," && cue(i - 2));
        // A lone name: the next word does not continue it (`child, Gloria Bistrita` is not cued).
        let lone = !tokens
            .get(i + 1)
            .is_some_and(|_| word(i + 1).chars().next().is_some_and(char::is_uppercase));
        if is_cued && lone && classes(w) & FIRST_NAME != 0 {
            persons.insert(w);
        }
    }
    if persons.is_empty() {
        return;
    }
    for (span, label) in spans.iter_mut() {
        let single = tokens
            .binary_search_by_key(&span.start, |t| t.start)
            .is_ok_and(|i| tokens[i] == *span);
        if single
            && *label != EntityLabel::Per
            && text.get(span.range()).is_some_and(|w| persons.contains(w))
        {
            *label = EntityLabel::Per;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::whitespace_tokens as spans;

    fn find(text: &str, w: &str, nth: usize) -> Span {
        let at = text.match_indices(w).nth(nth).map(|(a, _)| a).unwrap();
        Span::new(at, at + w.len())
    }

    #[test]
    fn a_first_name_beside_a_person_noun_is_a_person_everywhere() {
        let text = "They mourned their daughter , Gloria . Doctors said Gloria was ill . Gloria Bistrita won .";
        let toks = spans(text);
        let mut tagged = vec![
            (find(text, "Gloria", 0), EntityLabel::Org),
            (find(text, "Gloria", 1), EntityLabel::Loc),
            (
                Span::new(find(text, "Gloria", 2).start, find(text, "Bistrita", 0).end),
                EntityLabel::Org,
            ),
        ];
        apply(text, &toks, &mut tagged);
        let labels: Vec<EntityLabel> = tagged.iter().map(|t| t.1).collect();
        assert_eq!(
            labels,
            [EntityLabel::Per, EntityLabel::Per, EntityLabel::Org]
        );
    }

    #[test]
    fn a_name_ending_in_river_is_a_place() {
        let text = "Boats crossed the James River near Richmond";
        let toks = spans(text);
        let mut tagged = vec![(
            Span::new(find(text, "James", 0).start, find(text, "River", 0).end),
            EntityLabel::Per,
        )];
        apply(text, &toks, &mut tagged);
        assert_eq!(tagged[0].1, EntityLabel::Loc);
    }

    #[test]
    fn without_a_person_cue_nothing_changes() {
        let text = "Gloria beat Rapid . Fans of Gloria cheered .";
        let toks = spans(text);
        let mut tagged = vec![
            (find(text, "Gloria", 0), EntityLabel::Org),
            (find(text, "Gloria", 1), EntityLabel::Org),
        ];
        apply(text, &toks, &mut tagged);
        assert!(tagged.iter().all(|t| t.1 == EntityLabel::Org));
    }
}
