//! Span clean-up and canonical names within one document: the name-mention half of
//! coreference. The entities stage gives every entity its canonical name here.
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

use newsnlp_doc::{Entity, EntityLabel, Span};
use newsnlp_lexicon::Flags;
use foldhash::HashMap;

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

struct Mention {
    span: Span,
    label: EntityLabel,
    /// Token index range inside the document.
    toks: std::ops::Range<usize>,
}

/// The text of token `i`.
fn token_word<'t>(text: &'t str, tokens: &[Span], i: usize) -> &'t str {
    text.get(tokens[i].range()).unwrap_or("")
}

/// Cleans `spans` (sorted, non-overlapping byte spans with labels) and gives each its canonical
/// name. Spans that do not start and end on token boundaries are kept as they are.
///
/// Every look-up goes through an index (by following word, by initials, by a trie of first and
/// last words), so linking is linear in the number of mentions and their words.
pub fn link(text: &str, tokens: &[Span], spans: &[(Span, EntityLabel)]) -> Vec<Entity> {
    let mentions: Vec<Mention> = spans
        .iter()
        .map(|&(span, label)| clean(text, tokens, span, label))
        .collect();
    let names: Vec<String> = mentions
        .iter()
        .map(|m| normalise(text.get(m.span.range()).unwrap_or("")))
        .collect();
    let words: Vec<Vec<&str>> = mentions
        .iter()
        .map(|m| {
            m.toks
                .clone()
                .map(|i| token_word(text, tokens, i))
                .filter(|w| !is_punct(w))
                .collect()
        })
        .collect();
    let mut canonical: Vec<Option<String>> = vec![None; mentions.len()];
    // Acronyms first: their expansion may come later in the story.
    link_acronyms(text, tokens, &mentions, &names, &words, &mut canonical);
    link_short_mentions(&mentions, &names, &words, &mut canonical);
    let mut entities: Vec<Entity> = mentions
        .into_iter()
        .zip(canonical)
        .zip(names)
        .map(|((m, c), name)| Entity {
            span: m.span,
            label: m.label,
            canonical: c.unwrap_or(name),
        })
        .collect();
    prefer_mixed_case(&mut entities);
    entities
}

/// An all-capitals name (`MOSCOW` in a dateline, `WASHINGTON` in a shouted heading) takes the
/// mixed-case spelling the story uses elsewhere for the same name and label (`Moscow`); an
/// acronym written only in capitals (`NATO`, `UPI`) has none and stays as it is.
pub fn prefer_mixed_case(entities: &mut [Entity]) {
    let mut mixed: HashMap<(EntityLabel, String), &str> = HashMap::default();
    for e in entities.iter().filter(|e| !is_all_caps(&e.canonical)) {
        mixed
            .entry((e.label, e.canonical.to_lowercase()))
            .or_insert(&e.canonical);
    }
    let respell: Vec<(usize, String)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| is_all_caps(&e.canonical))
        .filter_map(|(i, e)| {
            let key = (e.label, e.canonical.to_lowercase());
            mixed.get(&key).map(|m| (i, m.to_string()))
        })
        .collect();
    for (i, name) in respell {
        entities[i].canonical = name;
    }
}

/// Whether `name` has letters, at least two, and none of them lower case.
pub fn is_all_caps(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
        && !name.chars().any(char::is_lowercase)
}

/// One tagged span as a mention: without a leading `the`, a person's titles, a possessive
/// ending or a hyphenated prefix.
fn clean(text: &str, tokens: &[Span], span: Span, label: EntityLabel) -> Mention {
    let word = |i: usize| token_word(text, tokens, i);
    let first = tokens.partition_point(|t| t.start < span.start);
    let last = tokens.partition_point(|t| t.end <= span.end);
    let mut toks = first..last;
    if toks.is_empty() || tokens[first].start != span.start {
        return Mention {
            span,
            label,
            toks: 0..0,
        };
    }
    while toks.len() > 1 && word(toks.start).eq_ignore_ascii_case("the") {
        toks.start += 1;
    }
    if label == EntityLabel::Per {
        while toks.len() > 1 && is_title(word(toks.start)) {
            toks.start += 1;
        }
    }
    while toks.len() > 1 && is_possessive(word(toks.end - 1)) {
        toks.end -= 1;
    }
    let mut span = Span::new(tokens[toks.start].start, tokens[toks.end - 1].end);
    if let Some((prefix, rest)) = word(toks.start).split_once('-') {
        // `inter-Syrian talks`, `pro-Beijing`: the entity is the name after the hyphen.
        // (CoNLL-2003 tags such tokens whole only because its tokens cannot be split; GUM and
        // the project's gold split them.)
        let bound = newsnlp_lexicon::flags(prefix).contains(Flags::NAME_PREFIX);
        if bound && rest.chars().next().is_some_and(char::is_uppercase) {
            span.start += prefix.len() + 1;
        }
    }
    Mention { span, label, toks }
}

/// Gives each acronym its built-in expansion, else the name written right before it in
/// parentheses (`Full Name ( ACRONYM )`), else the longest (then earliest) phrase whose
/// initials spell it.
fn link_acronyms(
    text: &str,
    tokens: &[Span],
    mentions: &[Mention],
    names: &[String],
    words: &[Vec<&str>],
    canonical: &mut [Option<String>],
) {
    let word = |i: usize| token_word(text, tokens, i);
    // Multi-token mentions by the word inside the parenthesis after them, in text order.
    let mut by_parenthesised: HashMap<&str, Vec<usize>> = HashMap::default();
    // Multi-token mentions by their initials, longest first, then in text order.
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
    for (j, f) in mentions.iter().enumerate() {
        if f.toks.len() <= 1 {
            continue;
        }
        if f.toks.end + 1 < tokens.len() && word(f.toks.end) == "(" {
            let inside = word(f.toks.end + 1);
            by_parenthesised.entry(inside).or_default().push(j);
        }
        by_initials.entry(initials(&words[j])).or_default().push(j);
    }
    for spelled in by_initials.values_mut() {
        spelled.sort_by_key(|&j| (std::cmp::Reverse(mentions[j].toks.len()), j));
    }
    // The first candidate other than the acronym itself.
    let other = |candidates: Option<&Vec<usize>>, k: usize| {
        candidates.and_then(|c| c.iter().copied().find(|&j| j != k))
    };
    for k in 0..mentions.len() {
        let name = names[k].as_str();
        if let Some(&(_, full)) = ALIASES.iter().find(|(a, _)| *a == name) {
            canonical[k] = Some(full.to_string());
            continue;
        }
        let Some(letters) = acronym_letters(name) else {
            continue;
        };
        let expansion =
            other(by_parenthesised.get(name), k).or_else(|| other(by_initials.get(&letters), k));
        if let Some(j) = expansion {
            canonical[k] = Some(names[j].clone());
        }
    }
}

/// Links each short mention (not an acronym) to the longest name of the same label whose first
/// or last words it is (see [`ShortForms`]): an earlier one first, else a later one; ties go to
/// the earliest. A mention without one is its own canonical name.
fn link_short_mentions(
    mentions: &[Mention],
    names: &[String],
    words: &[Vec<&str>],
    canonical: &mut [Option<String>],
) {
    // The best later name of each mention: found walking backwards, indexing as we go.
    let mut later = vec![None; mentions.len()];
    let mut index = ShortForms::default();
    for k in (0..mentions.len()).rev() {
        later[k] = index.best(mentions[k].label, &words[k]);
        index.insert(mentions[k].label, &words[k], k, Prefer::Earliest);
    }
    let mut index = ShortForms::default();
    for k in 0..mentions.len() {
        if canonical[k].is_none() && !mentions[k].toks.is_empty() {
            let best = index.best(mentions[k].label, &words[k]).or(later[k]);
            canonical[k] = Some(match best {
                Some(j) => canonical[j].clone().unwrap_or_else(|| names[j].clone()),
                None => names[k].clone(),
            });
        }
        index.insert(mentions[k].label, &words[k], k, Prefer::Kept);
    }
}

/// Which of two equally long candidates a trie node keeps.
#[derive(Clone, Copy)]
enum Prefer {
    /// The one it holds (insertions come in text order).
    Kept,
    /// The one inserted now (insertions come in reverse text order).
    Earliest,
}

/// The names a short mention may stand for, indexed by their words: a trie of first words
/// (persons and organisations: `Real` for `Real Madrid`) and one of last words, read from the
/// end (persons only: `Lavrov` for `Sergey Lavrov`). Places and other names are never
/// shortened (`Cuba` is not `Santiago de Cuba`, nor `Stirling` `East Stirling`).
#[derive(Default)]
struct ShortForms<'t> {
    /// Child node of (node, next word); node 0 is the root.
    children: HashMap<(usize, EntityLabel, bool, &'t str), usize>,
    /// Per node: the longest name (mention index, word count) with more words than the node's
    /// depth that passes through it.
    best: Vec<Option<(usize, usize)>>,
}

impl<'t> ShortForms<'t> {
    /// Records mention `j`, whose words are `words`.
    fn insert(&mut self, label: EntityLabel, words: &[&'t str], j: usize, prefer: Prefer) {
        let n = words.len();
        if matches!(label, EntityLabel::Per | EntityLabel::Org) {
            self.insert_path(label, false, words.iter().copied(), n, j, prefer);
        }
        if label == EntityLabel::Per {
            self.insert_path(label, true, words.iter().rev().copied(), n, j, prefer);
        }
    }

    fn insert_path(
        &mut self,
        label: EntityLabel,
        reversed: bool,
        path: impl Iterator<Item = &'t str>,
        n: usize,
        j: usize,
        prefer: Prefer,
    ) {
        let mut node = 0;
        // The node at depth n holds nothing for this name: it has no more words than that.
        for w in path.take(n.saturating_sub(1)) {
            let next = self.best.len() + 1;
            node = *self
                .children
                .entry((node, label, reversed, w))
                .or_insert(next);
            if node == next {
                self.best.push(None);
            }
            let slot = &mut self.best[node - 1];
            let replace = match (*slot, prefer) {
                (None, _) => true,
                (Some((_, len)), Prefer::Kept) => n > len,
                (Some((_, len)), Prefer::Earliest) => n >= len,
            };
            if replace {
                *slot = Some((j, n));
            }
        }
    }

    /// The longest recorded name that begins with `words` (or, for a person, ends with them)
    /// and has more words; of equal lengths, the one the nodes kept.
    fn best(&self, label: EntityLabel, words: &[&'t str]) -> Option<usize> {
        if words.is_empty() {
            return None;
        }
        let walk = |reversed: bool, path: &mut dyn Iterator<Item = &&'t str>| {
            let mut node = 0;
            for w in path {
                node = *self.children.get(&(node, label, reversed, *w))?;
            }
            self.best[node - 1]
        };
        let first = walk(false, &mut words.iter());
        let last = match label {
            EntityLabel::Per => walk(true, &mut words.iter().rev()),
            _ => None,
        };
        // Longest first; of equal lengths, the earlier mention.
        [first, last]
            .into_iter()
            .flatten()
            .min_by_key(|&(j, len)| (std::cmp::Reverse(len), j))
            .map(|(j, _)| j)
    }
}

/// Whether `word` (as written, `Minister`, `Mr.`) is a title set before a person's name: the
/// lexicon's class, so a title cut from a name here is one the entities stage also knows.
fn is_title(word: &str) -> bool {
    newsnlp_lexicon::flags_capitalised(word).contains(Flags::TITLE)
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
            _ if newsnlp_lexicon::flags(w).contains(Flags::ACRONYM_CONNECTOR) => {}
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
    fn all_capitals_take_the_storys_mixed_case_spelling() {
        use EntityLabel::*;
        let text = "WASHINGTON, Jan. 5 (UPI) -- Life in Washington slowed. NATO met.";
        let got = canon(
            text,
            &[
                ("WASHINGTON", 0, Loc),
                ("UPI", 0, Org),
                ("Washington", 0, Loc),
                ("NATO", 0, Org),
            ],
        );
        let canonical: Vec<&str> = got.iter().map(|(_, c)| c.as_str()).collect();
        assert_eq!(canonical, ["Washington", "UPI", "Washington", "NATO"]);
    }

    #[test]
    fn different_labels_do_not_link() {
        use EntityLabel::*;
        let text = "Jordan Peel visited Jordan last week.";
        let got = canon(text, &[("Jordan Peel", 0, Per), ("Jordan", 1, Loc)]);
        assert_eq!(got[1].1, "Jordan");
    }

    /// Issue 9: `Sergey Lavrov met Lavrov.` repeated once took quadratic time (every mention
    /// compared with every other). Every surname, early or late, still links to the full name.
    #[test]
    fn surnames_link_across_a_long_document() {
        use EntityLabel::*;
        let text = "Sergey Lavrov met Lavrov. ".repeat(2000);
        let toks = tokenize(&text);
        let mut spans = Vec::new();
        for (at, _) in text.match_indices("Sergey Lavrov") {
            spans.push((Span::new(at, at + 13), Per));
            spans.push((Span::new(at + 18, at + 24), Per));
        }
        let got = link(&text, &toks, &spans);
        assert_eq!(got.len(), 4000);
        assert!(got.iter().all(|e| e.canonical == "Sergey Lavrov"));
    }

    #[test]
    fn an_earlier_name_wins_over_a_longer_later_one_and_a_later_one_serves_when_alone() {
        use EntityLabel::*;
        let text = "Novak spoke. Maria Novak left. Novak stayed. Novak Petrov Ivanovich came. \
                    Real won. Real Madrid lost. East Real Club met.";
        let got = canon(
            text,
            &[
                ("Novak", 0, Per),
                ("Maria Novak", 0, Per),
                ("Novak", 2, Per),
                ("Novak Petrov Ivanovich", 0, Per),
                ("Real", 0, Org),
                ("Real Madrid", 0, Org),
                ("East Real Club", 0, Org),
            ],
        );
        let c: Vec<&str> = got.iter().map(|(_, c)| c.as_str()).collect();
        assert_eq!(
            c,
            [
                "Novak Petrov Ivanovich", "Maria Novak", "Maria Novak", "Novak Petrov Ivanovich",
                "Real Madrid", "Real Madrid", "East Real Club"
            ]
        );
    }

    /// Issue 9: `The OPCW said it met.` repeated: every acronym finds its expansion through
    /// the index of parenthesised words, however far away it is.
    #[test]
    fn acronyms_link_across_a_long_document() {
        use EntityLabel::*;
        let head = "The Organisation for the Prohibition of Chemical Weapons (OPCW) met. ";
        let text = format!("{head}{}", "The OPCW said it met. ".repeat(2000));
        let toks = tokenize(&text);
        let full = "Organisation for the Prohibition of Chemical Weapons";
        let mut spans = vec![(span_of(&text, full, 0), Org)];
        for (at, _) in text.match_indices("OPCW") {
            spans.push((Span::new(at, at + 4), Org));
        }
        let got = link(&text, &toks, &spans);
        assert_eq!(got.len(), 2002);
        assert!(got.iter().all(|e| e.canonical == full), "{:?}", &got[..3]);
    }
}
