//! Who is who across documents: the names one person is quoted under, merged into one speaker.
//!
//! The rules (also in the README):
//! 1. A name is the trailing run of capitalised words of the speaker text (`Russian Foreign
//!    Minister Sergey Lavrov` → `Sergey Lavrov`); connectives such as `of`, `de`, `bin` may sit
//!    inside the run. A speaker text without such a run (`a spokesman`, `officials`, `he`) is
//!    descriptive and becomes no speaker.
//! 2. Leading titles (the entities stage's list: `Minister`, `Mr.`, `President`) are cut from
//!    the name and kept as evidence; suffixes (`Jr.`, `III`) are dropped.
//! 3. Words are compared folded: lower case, accents removed, and the usual transliteration
//!    variants made equal (`Sergey`/`Sergei`, `Dmitry`/`Dmitri`, `Zelenskiy`/`Zelensky`,
//!    `Aleksandr`/`Alexandr`, `Yuri`/`Iuri`).
//! 4. Names with the same surname and the same given name are one speaker (a middle name does
//!    not matter). Different given names are different people (`Hillary Clinton`,
//!    `Bill Clinton`).
//! 5. A given initial (`S. Lavrov`) joins the one speaker of that surname whose given name
//!    starts with it; when none or several do, it stays a speaker of its own.
//! 6. A bare surname (`Lavrov`, `Foreign Minister Lavrov`) joins the one speaker of that
//!    surname; when there are several, a title it shares with exactly one of them decides
//!    (`Secretary Clinton` joins the Clinton once called `Secretary`), else dominance: one
//!    quoted at least five times as often as the next (`Trump` in 2016 news is Donald Trump,
//!    not Ivanka). Otherwise it stays a speaker of its own, the ambiguous `Clinton`.
//!
//! Clusters are numbered by the first appearance of any of their names, so ids are stable for
//! the same input.

use newsnlp_lexicon::{self as lexicon, Flags};
use std::collections::HashMap;

/// Words after a surname that are not part of it.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// A person's name as the merging rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedName {
    /// Folded title words that preceded the name (`minister`).
    pub titles: Vec<String>,
    /// Folded given name; `None` for a bare surname.
    pub given: Option<String>,
    /// Whether `given` is only an initial.
    pub initial: bool,
    /// Folded surname.
    pub surname: String,
    /// The name as written, titles cut.
    pub display: String,
}

/// Parses a speaker text into a name, or `None` when it is descriptive (`a spokesman`).
pub fn parse(text: &str) -> Option<ParsedName> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let start = name_run_start(&words)?;
    let run = &words[start..];
    // The last title that leaves a name after it (`King` is a title, and a surname in
    // `Martin Luther King Jr.`).
    let is_suffix = |w: &&str| SUFFIXES.contains(&fold(w).as_str());
    let titles_end = (0..run.len())
        .rev()
        .find(|&i| newsnlp_entities::is_title(run[i]) && run[i + 1..].iter().any(|w| !is_suffix(w)))
        .map_or(0, |i| i + 1);
    let mut titles: Vec<String> = words[..start + titles_end]
        .iter()
        .filter(|w| newsnlp_entities::is_title(w))
        .map(|w| fold(w))
        .collect();
    titles.dedup();
    let mut name: Vec<&str> = without_office(&run[titles_end..]).to_vec();
    while name.len() > 1 && is_suffix(&name[name.len() - 1]) {
        name.pop();
    }
    let surname = fold(name.last()?);
    if surname.is_empty() {
        return None;
    }
    let given = (name.len() > 1)
        .then(|| fold(name[0]))
        .filter(|g| !g.is_empty());
    let initial = given.as_ref().is_some_and(|g| g.chars().count() == 1);
    Some(ParsedName {
        titles,
        given,
        initial,
        surname,
        display: name.join(" "),
    })
}

/// A name without the office a title opened (`of State` in `Secretary of State Hillary
/// Clinton`): after `of`/`for`, the name starts at the first known given name, else it is the
/// last two words.
fn without_office<'a, 'b>(words: &'a [&'b str]) -> &'a [&'b str] {
    if !matches!(words.first(), Some(&"of" | &"for")) {
        return words;
    }
    let rest = &words[1..];
    match rest.iter().position(|w| newsnlp_entities::is_first_name(w)) {
        Some(i) if i + 1 < rest.len() => &rest[i..],
        _ => &rest[rest.len().saturating_sub(2)..],
    }
}

/// Where the trailing run of capitalised words (connectives allowed inside) begins.
fn name_run_start(words: &[&str]) -> Option<usize> {
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut start = words.len();
    for (i, word) in words.iter().enumerate().rev() {
        let bare = word
            .trim_end_matches([',', '\'', '’'])
            .trim_end_matches("'s");
        // Capitalised pronouns (`He`, `This`) are no names; particles (`al-`, `von der`) may sit
        // inside one without a capital.
        if capitalised(bare) && !lexicon::flags_capitalised(bare).contains(Flags::PRONOUN) {
            start = i;
        } else if !(lexicon::flags(&fold(word)).contains(Flags::NAME_PARTICLE)
            && start < words.len())
        {
            break;
        }
    }
    // A connective may not open the name.
    while start < words.len() && !capitalised(words[start]) {
        start += 1;
    }
    (start < words.len()).then_some(start)
}

/// A word folded for comparison: lower case, no accents or punctuation, transliteration
/// variants made equal.
pub fn fold(word: &str) -> String {
    let plain: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(unaccent)
        .filter(|c| c.is_alphanumeric())
        .collect();
    transliteration_key(&plain)
}

/// The accented Latin letters of names, mapped to their base letter.
fn unaccent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ž' | 'ź' | 'ż' => 'z',
        c => c,
    }
}

/// Spellings of one Cyrillic or Arabic name made equal: `y`/`i` endings (`Sergey`, `Sergei`,
/// `Zelenskyy`, `Zelenskiy`), `ks`/`x`, `kh`/`h`, `yu`/`iu`, `ya`/`ia`, and doubled letters.
fn transliteration_key(word: &str) -> String {
    let mut w = word
        .replace("ks", "x")
        .replace("kh", "h")
        .replace("yu", "iu")
        .replace("ya", "ia")
        .replace("ph", "f");
    for (ending, with) in [
        ("iy", "i"),
        ("yy", "i"),
        ("ey", "ei"),
        ("ii", "i"),
        ("y", "i"),
    ] {
        if w.len() > ending.len() + 2 && w.ends_with(ending) {
            w.truncate(w.len() - ending.len());
            w.push_str(with);
            break;
        }
    }
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The speaker cluster of each name (`None`: descriptive), numbered by first appearance.
/// `weights` (quotes or mentions per name; missing ones count 1) decide rule 6's dominance.
pub fn resolve<S: AsRef<str>>(texts: &[S], weights: &[u64]) -> Vec<Option<usize>> {
    let parsed: Vec<Option<ParsedName>> = texts.iter().map(|t| parse(t.as_ref())).collect();
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, name) in parsed.iter().enumerate() {
        if let Some(name) = name {
            by_surname.entry(&name.surname).or_default().push(i);
        }
    }
    // The first name of each cluster stands for it, so numbering by that index keeps ids in
    // order of first appearance.
    let mut leader: Vec<Option<usize>> = vec![None; texts.len()];
    for members in by_surname.values() {
        resolve_surname(&parsed, weights, members, &mut leader);
    }
    let mut number: HashMap<usize, usize> = HashMap::new();
    leader
        .iter()
        .map(|l| {
            l.map(|l| {
                let next = number.len();
                *number.entry(l).or_insert(next)
            })
        })
        .collect()
}

/// One person of a surname, as rule 4 finds them.
struct Person {
    given: String,
    /// The first name of the cluster, which stands for it.
    leader: usize,
    titles: Vec<String>,
    weight: u64,
}

/// Rules 4–6 within one surname: sets the leader (first member) of each name's cluster.
fn resolve_surname(
    parsed: &[Option<ParsedName>],
    weights: &[u64],
    members: &[usize],
    leader: &mut [Option<usize>],
) {
    let name = |i: usize| parsed[i].as_ref().expect("members are parsed names");
    let mut persons: Vec<Person> = Vec::new();
    for &i in members {
        let n = name(i);
        let (Some(given), false) = (&n.given, n.initial) else {
            continue;
        };
        let at = match persons.iter().position(|p| &p.given == given) {
            Some(at) => at,
            None => {
                let (given, titles) = (given.clone(), Vec::new());
                persons.push(Person {
                    given,
                    leader: i,
                    titles,
                    weight: 0,
                });
                persons.len() - 1
            }
        };
        let person = &mut persons[at];
        person.titles.extend(n.titles.iter().cloned());
        person.weight += weights.get(i).copied().unwrap_or(1);
        leader[i] = Some(person.leader);
    }
    let mut own: HashMap<Option<String>, usize> = HashMap::new();
    for &i in members {
        let n = name(i);
        if leader[i].is_none() {
            let joined = match &n.given {
                Some(initial) => only(
                    persons
                        .iter()
                        .filter(|p| p.given.starts_with(initial.as_str())),
                ),
                None => bare_surname_person(&persons, &n.titles),
            };
            leader[i] =
                Some(joined.map_or_else(|| *own.entry(n.given.clone()).or_insert(i), |p| p.leader));
        }
    }
}

/// How many times more quotes (or mentions) the best-known bearer of a surname needs than
/// the next for a bare surname to mean them.
const DOMINANCE: u64 = 5;

/// Rule 6: the person a bare surname means, when the evidence names one.
fn bare_surname_person<'a>(persons: &'a [Person], titles: &[String]) -> Option<&'a Person> {
    if let Some(p) = only(
        persons
            .iter()
            .filter(|p| titles.iter().any(|t| p.titles.contains(t))),
    ) {
        return Some(p);
    }
    let mut by_weight: Vec<&Person> = persons.iter().collect();
    by_weight.sort_by_key(|p| std::cmp::Reverse(p.weight));
    match by_weight.as_slice() {
        [one] => Some(one),
        [first, second, ..] if first.weight >= DOMINANCE * second.weight.max(1) => Some(first),
        _ => None,
    }
}

/// The one item, when there is exactly one.
fn only<T>(mut items: impl Iterator<Item = T>) -> Option<T> {
    let first = items.next()?;
    items.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_cut_and_kept_as_evidence() {
        let n = parse("Russian Foreign Minister Sergey Lavrov").unwrap();
        assert_eq!(n.display, "Sergey Lavrov");
        assert_eq!(n.titles, vec!["foreign", "minister"]);
        assert_eq!(
            (n.given.as_deref(), n.surname.as_str()),
            (Some("sergei"), "lavrov")
        );
        let n = parse("Foreign Ministry spokeswoman Maria Zakharova").unwrap();
        assert_eq!(n.display, "Maria Zakharova");
        assert_eq!(parse("Martin Luther King Jr.").unwrap().surname, "king");
        assert_eq!(parse("Stephen King").unwrap().display, "Stephen King");
        assert_eq!(
            parse("Ursula von der Leyen").unwrap().display,
            "Ursula von der Leyen"
        );
    }

    #[test]
    fn descriptive_speakers_are_not_names() {
        for text in [
            "a spokesman", "officials", "he", "He", "the ministry's spokesman", "",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn transliteration_variants_fold_together() {
        assert_eq!(fold("Sergey"), fold("Sergei"));
        assert_eq!(fold("Dmitry"), fold("Dmitri"));
        assert_eq!(fold("Zelenskyy"), fold("Zelensky"));
        assert_eq!(fold("Zelenskiy"), fold("Zelensky"));
        assert_eq!(fold("Aleksandr"), fold("Alexandr"));
        assert_eq!(fold("Erdoğan"), fold("Erdogan"));
        assert_ne!(fold("Bill"), fold("Hillary"));
    }

    #[test]
    fn lavrov_variants_are_one_speaker() {
        let texts = [
            "Sergey Lavrov",
            "Lavrov",
            "Sergei Lavrov",
            "Russian Foreign Minister Sergey Lavrov",
            "S. Lavrov",
            "Foreign Minister Lavrov",
        ];
        assert_eq!(resolve(&texts, &[]), vec![Some(0); 6]);
    }

    #[test]
    fn two_clintons_are_two_and_a_bare_clinton_needs_evidence() {
        let texts = [
            "Hillary Clinton",
            "Bill Clinton",
            "Secretary of State Hillary Rodham Clinton",
            "President Bill Clinton",
            "Clinton",
            "Mr. Clinton",
            "Secretary Clinton",
            "a spokesman",
        ];
        let ids = resolve(&texts, &[]);
        assert_eq!(ids[0], Some(0));
        assert_eq!(ids[1], Some(1));
        assert_eq!(ids[2], Some(0));
        assert_eq!(ids[3], Some(1));
        // Ambiguous: its own speaker, not either Clinton.
        assert_eq!(ids[4], Some(2));
        assert_eq!(ids[5], Some(2));
        assert_eq!(ids[6], Some(0));
        assert_eq!(ids[7], None);
    }

    #[test]
    fn a_bare_surname_means_a_far_better_known_bearer() {
        let texts = [
            "Donald Trump", "Ivanka Trump", "Trump", "Hillary Clinton", "Bill Clinton", "Clinton",
        ];
        let ids = resolve(&texts, &[50, 9, 1, 40, 10, 1]);
        assert_eq!(
            ids,
            vec![Some(0), Some(1), Some(0), Some(2), Some(3), Some(4)]
        );
    }

    #[test]
    fn an_initial_shared_by_two_given_names_stays_apart() {
        let ids = resolve(&["Sam Smith", "Sara Smith", "S. Smith", "J. Smith"], &[]);
        assert_eq!(ids, vec![Some(0), Some(1), Some(2), Some(3)]);
    }
}
