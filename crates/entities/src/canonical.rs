//! Span clean-up and canonical names within one document.
//!
//! - A PER span never starts with a title (`Foreign Minister`), no span starts with `the`, and
//!   a possessive ending is never part of a name.
//! - A later short mention links to the longest earlier name of the same label whose first or
//!   last words it is: a person's surname or first names (`Lavrov`, `Sergey`), an
//!   organisation's first words (`Real` for `Real Madrid`). Places and other names are never
//!   shortened (`Cuba` is not `Santiago de Cuba`).
//! - An acronym links to the name written before it in parentheses
//!   (`… Chemical Weapons (OPCW)`), else to a capitalised phrase whose initials spell it,
//!   anywhere in the story (headlines come before the spelled-out name).
//! - A few very common short forms have built-in expansions (`U.N.`, `US`, `EU`, `UK`).

use crate::lexicon::TITLES;
use newsnlp_doc::{Entity, EntityLabel, Span};

/// Built-in expansions of the commonest short forms.
const ALIASES: &[(&str, &str)] = &[
    ("UN", "United Nations"),
    ("U.N.", "United Nations"),
    ("US", "United States"),
    ("U.S.", "United States"),
    ("USA", "United States"),
    ("U.S.A.", "United States"),
    ("EU", "European Union"),
    ("E.U.", "European Union"),
    ("UK", "United Kingdom"),
    ("U.K.", "United Kingdom"),
];

/// Prefixes that attach to a name without being part of it (`inter-Syrian talks`,
/// `pro-Beijing`): the entity is the name after the hyphen. (CoNLL-2003 tags such tokens
/// whole only because its tokens cannot be split; GUM and the project's gold split them.)
const PREFIXES: &[&str] = &[
    "anti", "pro", "inter", "intra", "post", "pre", "neo", "non", "ex", "mid", "pan", "trans",
    "ultra", "un",
];

/// Lower-case words that may sit inside a name without giving it an initial.
const CONNECTORS: &[&str] = &[
    "of", "for", "the", "and", "on", "in", "&", "de", "du", "des",
];

struct Mention {
    span: Span,
    label: EntityLabel,
    /// Token index range inside the document.
    toks: std::ops::Range<usize>,
}

/// Cleans `spans` (sorted, non-overlapping byte spans with labels) and gives each its canonical
/// name. Spans that do not start and end on token boundaries are kept as they are.
pub fn link(text: &str, tokens: &[Span], spans: &[(Span, EntityLabel)]) -> Vec<Entity> {
    let word = |i: usize| text.get(tokens[i].range()).unwrap_or("");
    let mut mentions: Vec<Mention> = Vec::new();
    for &(span, label) in spans {
        let first = tokens.partition_point(|t| t.start < span.start);
        let last = tokens.partition_point(|t| t.end <= span.end);
        let mut toks = first..last;
        if toks.is_empty() || tokens[first].start != span.start {
            mentions.push(Mention {
                span,
                label,
                toks: 0..0,
            });
            continue;
        }
        while toks.len() > 1 && word(toks.start).eq_ignore_ascii_case("the") {
            toks.start += 1;
        }
        if label == EntityLabel::Per {
            while toks.len() > 1 && TITLES.contains(&word(toks.start)) {
                toks.start += 1;
            }
        }
        while toks.len() > 1 && is_possessive(word(toks.end - 1)) {
            toks.end -= 1;
        }
        let mut span = Span::new(tokens[toks.start].start, tokens[toks.end - 1].end);
        if let Some((prefix, rest)) = word(toks.start).split_once('-') {
            if PREFIXES.contains(&prefix) && rest.chars().next().is_some_and(char::is_uppercase) {
                span.start += prefix.len() + 1;
            }
        }
        mentions.push(Mention { span, label, toks });
    }
    let names: Vec<String> = mentions
        .iter()
        .map(|m| normalise(text.get(m.span.range()).unwrap_or("")))
        .collect();
    let words =
        |m: &Mention| -> Vec<&str> { m.toks.clone().map(word).filter(|w| !is_punct(w)).collect() };
    let mut canonical: Vec<Option<String>> = vec![None; mentions.len()];
    // Acronyms first: their expansion may come later in the story.
    for k in 0..mentions.len() {
        let name = names[k].as_str();
        if let Some(&(_, full)) = ALIASES.iter().find(|(a, _)| *a == name) {
            canonical[k] = Some(full.to_string());
            continue;
        }
        let Some(letters) = acronym_letters(name) else {
            continue;
        };
        // `Full Name ( ACRONYM )`: the name right before the parenthesis.
        let paren = mentions.iter().enumerate().find(|(j, f)| {
            *j != k
                && f.toks.len() > 1
                && f.toks.end + 1 < tokens.len()
                && word(f.toks.end) == "("
                && word(f.toks.end + 1) == name
        });
        if let Some((j, _)) = paren {
            canonical[k] = Some(names[j].clone());
            continue;
        }
        let spelled = mentions
            .iter()
            .enumerate()
            .filter(|(j, f)| *j != k && f.toks.len() > 1 && initials(&words(f)) == letters)
            .max_by_key(|(j, f)| (f.toks.len(), usize::MAX - j));
        if let Some((j, _)) = spelled {
            canonical[k] = Some(names[j].clone());
        }
    }
    // Short mentions: the longest name (earlier first, else later) whose first or last words they are.
    for k in 0..mentions.len() {
        if canonical[k].is_some() || mentions[k].toks.is_empty() {
            continue;
        }
        let mine = words(&mentions[k]);
        let best = mentions
            .iter()
            .enumerate()
            .filter(|(j, f)| {
                *j != k && f.label == mentions[k].label && !f.toks.is_empty() && {
                    let theirs = words(f);
                    theirs.len() > mine.len()
                        && !mine.is_empty()
                        && match f.label {
                            // Surname or first names.
                            EntityLabel::Per => {
                                theirs.starts_with(&mine) || theirs.ends_with(&mine)
                            }
                            // `Real` for `Real Madrid`, never `Stirling` for `East Stirling`.
                            EntityLabel::Org => theirs.starts_with(&mine),
                            // `Cuba` is not `Santiago de Cuba`, nor `China` `South China`.
                            EntityLabel::Loc | EntityLabel::Misc => false,
                        }
                }
            })
            .max_by_key(|(j, f)| (*j < k, words(f).len(), usize::MAX - j));
        canonical[k] = Some(match best {
            Some((j, _)) => canonical[j].clone().unwrap_or_else(|| names[j].clone()),
            None => names[k].clone(),
        });
    }
    mentions
        .into_iter()
        .zip(canonical)
        .zip(names)
        .map(|((m, c), name)| Entity {
            span: m.span,
            label: m.label,
            canonical: c.unwrap_or(name),
        })
        .collect()
}

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'" | "’" | "'S" | "’S")
}

fn is_punct(w: &str) -> bool {
    !w.chars().any(char::is_alphanumeric)
}

/// The text with every whitespace run made one space.
fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The letters of an acronym (`OPCW`, `U.N.`), upper-cased; `None` when `name` is not one.
fn acronym_letters(name: &str) -> Option<String> {
    let letters: String = name.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    ((2..=8).contains(&n) && letters.chars().all(|c| c.is_uppercase())).then_some(letters)
}

/// The initials of a name's capitalised words (`Organization for the Prohibition of Chemical
/// Weapons` → `OPCW`); empty when a lower-case word other than a connector is inside.
fn initials(words: &[&str]) -> String {
    let mut out = String::new();
    for w in words {
        match w.chars().next() {
            Some(c) if c.is_uppercase() => out.push(c),
            _ if CONNECTORS.contains(w) => {}
            _ => return String::new(),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whitespace tokens, with `'s`, `(` and `)` split off, as the tokenizer would.
    fn tokenize(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let base = text.as_ptr() as usize;
        for w in text.split_whitespace() {
            let s = w.as_ptr() as usize - base;
            let mut start = s;
            let mut end = s + w.len();
            if w.starts_with('(') {
                out.push(Span::new(s, s + 1));
                start += 1;
            }
            let mut tail = Vec::new();
            for suffix in [")", ",", "."] {
                if text[start..end].ends_with(suffix) {
                    tail.insert(0, Span::new(end - 1, end));
                    end -= 1;
                }
            }
            if text[start..end].ends_with("'s") {
                tail.insert(0, Span::new(end - 2, end));
                end -= 2;
            }
            out.push(Span::new(start, end));
            out.extend(tail);
        }
        out
    }

    fn span_of(text: &str, needle: &str, nth: usize) -> Span {
        let s = text.match_indices(needle).nth(nth).map(|(i, _)| i).unwrap();
        Span::new(s, s + needle.len())
    }

    fn canon(text: &str, spans: &[(&str, usize, EntityLabel)]) -> Vec<(String, String)> {
        let toks = tokenize(text);
        let mut input: Vec<(Span, EntityLabel)> = spans
            .iter()
            .map(|&(n, k, l)| (span_of(text, n, k), l))
            .collect();
        input.sort_by_key(|(s, _)| s.start);
        link(text, &toks, &input)
            .into_iter()
            .map(|e| (text[e.span.range()].to_string(), e.canonical))
            .collect()
    }

    #[test]
    fn surnames_and_first_words_link_to_the_longest_earlier_name() {
        use EntityLabel::*;
        let text = "Prime Minister Maria Elena Novak spoke. Later Novak's aide said Maria Elena left, and Novak agreed.";
        let got = canon(
            text,
            &[
                ("Maria Elena Novak", 0, Per),
                ("Novak's", 0, Per),
                ("Maria Elena", 1, Per),
                ("Novak", 2, Per),
            ],
        );
        assert_eq!(
            got[0],
            (
                "Maria Elena Novak".to_string(),
                "Maria Elena Novak".to_string()
            )
        );
        assert_eq!(
            got[1],
            ("Novak".to_string(), "Maria Elena Novak".to_string()),
            "possessive stripped"
        );
        assert_eq!(got[2].1, "Maria Elena Novak");
        assert_eq!(got[3].1, "Maria Elena Novak");
    }

    #[test]
    fn titles_and_leading_the_are_dropped() {
        use EntityLabel::*;
        let text = "Foreign Minister Ivo Brandt met the Baltic Trade Council on Monday.";
        let got = canon(
            text,
            &[
                ("Foreign Minister Ivo Brandt", 0, Per),
                ("the Baltic Trade Council", 0, Org),
            ],
        );
        assert_eq!(got[0], ("Ivo Brandt".to_string(), "Ivo Brandt".to_string()));
        assert_eq!(
            got[1],
            (
                "Baltic Trade Council".to_string(),
                "Baltic Trade Council".to_string()
            )
        );
    }

    #[test]
    fn acronyms_link_to_the_parenthesised_expansion_even_before_it() {
        use EntityLabel::*;
        let text = "IWSA warns of drought. The International Water Safety Agency (IWSA) said wells ran dry.";
        let got = canon(
            text,
            &[
                ("IWSA", 0, Org),
                ("International Water Safety Agency", 0, Org),
                ("IWSA", 1, Org),
            ],
        );
        assert_eq!(got[0].1, "International Water Safety Agency");
        assert_eq!(got[2].1, "International Water Safety Agency");
    }

    #[test]
    fn acronyms_link_to_a_phrase_whose_initials_they_spell() {
        use EntityLabel::*;
        let text =
            "The Office for the Protection of Coastal Birds met. Later OPCB inspectors left.";
        let got = canon(
            text,
            &[
                ("Office for the Protection of Coastal Birds", 0, Org),
                ("OPCB", 0, Org),
            ],
        );
        assert_eq!(got[1].1, "Office for the Protection of Coastal Birds");
    }

    #[test]
    fn hyphenated_prefixes_are_not_part_of_the_name() {
        use EntityLabel::*;
        let text = "They held inter-Syrian talks.";
        let got = canon(text, &[("inter-Syrian", 0, Misc)]);
        assert_eq!(got[0], ("Syrian".to_string(), "Syrian".to_string()));
    }

    #[test]
    fn built_in_aliases() {
        use EntityLabel::*;
        let text = "The U.N. and the EU asked US officials and UK ministers.";
        let got = canon(
            text,
            &[
                ("U.N.", 0, Org),
                ("EU", 0, Org),
                ("US", 0, Loc),
                ("UK", 0, Loc),
            ],
        );
        let c: Vec<&str> = got.iter().map(|(_, c)| c.as_str()).collect();
        assert_eq!(
            c,
            ["United Nations", "European Union", "United States", "United Kingdom"]
        );
    }

    #[test]
    fn places_and_organisation_tails_are_not_short_mentions() {
        use EntityLabel::*;
        let text = "From Santiago de Cuba to Cuba, East Stirling beat Stirling, Real Madrid lost, Real fans wept.";
        let got = canon(
            text,
            &[
                ("Santiago de Cuba", 0, Loc),
                ("Cuba", 1, Loc),
                ("East Stirling", 0, Org),
                ("Stirling", 1, Org),
                ("Real Madrid", 0, Org),
                ("Real", 1, Org),
            ],
        );
        let c: Vec<&str> = got.iter().map(|(_, c)| c.as_str()).collect();
        assert_eq!(
            c,
            [
                "Santiago de Cuba", "Cuba", "East Stirling", "Stirling", "Real Madrid",
                "Real Madrid"
            ]
        );
    }

    #[test]
    fn different_labels_do_not_link() {
        use EntityLabel::*;
        let text = "Jordan Peel visited Jordan last week.";
        let got = canon(text, &[("Jordan Peel", 0, Per), ("Jordan", 1, Loc)]);
        assert_eq!(got[1].1, "Jordan");
    }
}
