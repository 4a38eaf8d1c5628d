//! What the matcher may ask of a token ([`View`] for [`Analysis`]), and the rules kept as data:
//! the words of the reporting-verb lexicon that are no cue where they stand
//! (`rules/not_cues.txt`: `the report`, `a firm called X`, `271 pledged delegates` …) and the
//! attributions written as patterns (`rules/attributions.txt`: `according to X`).

use super::Analysis;
use crate::lexicon::{Form, Pron, Tag, VerbClass};
use crate::matcher::{PatternSet, Pred, View};
use newsnlp_lexicon::Flags;
use std::sync::OnceLock;

/// The predicate keys a pattern may use: those [`View::holds`] answers (parsing refuses others).
const KEYS: &[&str] = &[
    "word",       // the token, case-insensitively: `word=said|says`
    "tag",        // the quote lexicon's class: other verb cuenoun pron listener det aux prep …
    "verb",       // a reporting verb of the quote lexicon (`tag=verb`)
    "pron",       // person group speaker relative
    "class",      // a reporting verb's class: speech tell think object
    "form",       // finite ing
    "lemma",      // a reporting verb's lemma: `lemma=add`
    "takes_inf",  // a verb that reports with an infinitive (`vowed to`)
    "flag",       // a newsnlp-lexicon flag: `flag=ROLE|TITLE`
    "pos",        // the Universal POS tag, when the document has a `pos` layer
    "ent",        // inside an entity; `ent=PER|ORG` for given labels
    "open",       // the opening mark of a quotation
    "close",      // a closing quotation mark
    "quoted",     // inside a quotation, marks included
    "caps",       // starts with an uppercase letter
    "lower",      // starts with a lowercase letter
    "digit",      // starts with an ASCII digit
    "wordlike",   // starts with a letter or digit
    "possessive", // `'s`, or `'` that is not a quotation mark
    "sent_start", // the first token of its sentence
    "headline",   // in a sentence set in title case
];

/// The rules that reject a reporting verb where it stands, parsed once.
fn not_cues() -> &'static PatternSet {
    static SET: OnceLock<PatternSet> = OnceLock::new();
    SET.get_or_init(|| PatternSet::parse(include_str!("../rules/not_cues.txt"), KEYS))
}

/// Where a speaker stands (`said Lavrov`), parsed once.
pub(super) fn speakers() -> &'static PatternSet {
    static SET: OnceLock<PatternSet> = OnceLock::new();
    SET.get_or_init(|| PatternSet::parse(include_str!("../rules/speakers.txt"), KEYS))
}

/// The attributions written as patterns, parsed once.
pub(super) fn attributions() -> &'static PatternSet {
    static SET: OnceLock<PatternSet> = OnceLock::new();
    SET.get_or_init(|| PatternSet::parse(include_str!("../rules/attributions.txt"), KEYS))
}

fn tag_name(t: Tag) -> &'static str {
    match t {
        Tag::Other => "other",
        Tag::Verb(..) => "verb",
        Tag::CueNoun => "cuenoun",
        Tag::Pron(_) => "pron",
        Tag::Listener => "listener",
        Tag::Det => "det",
        Tag::Aux => "aux",
        Tag::Prep => "prep",
        Tag::That => "that",
        Tag::According => "according",
        Tag::Conj => "conj",
        Tag::Title(_) => "title",
        Tag::Time => "time",
        Tag::Comma => "comma",
        Tag::Colon => "colon",
        Tag::Stop => "stop",
        Tag::Dash => "dash",
    }
}

fn class_name(c: VerbClass) -> &'static str {
    match c {
        VerbClass::Speech => "speech",
        VerbClass::Tell => "tell",
        VerbClass::Think => "think",
        VerbClass::Object => "object",
    }
}

fn pron_name(p: Pron) -> &'static str {
    match p {
        Pron::Person(_) => "person",
        Pron::Group => "group",
        Pron::Speaker => "speaker",
        Pron::Relative => "relative",
    }
}

impl Analysis<'_> {
    /// The name of the rule that says the reporting verb at `i` is no cue here, if one does.
    pub(super) fn not_a_cue(&self, i: usize) -> Option<&'static str> {
        let (s0, s1) = self.sent_range(i);
        not_cues().first(self, i, s0, s1).map(|m| m.name)
    }

    /// The verb's lexicon entry, if token `i` is a reporting verb.
    fn verb(&self, i: usize) -> Option<(u16, VerbClass, Form)> {
        match self.tags[i] {
            Tag::Verb(lemma, class, form) => Some((lemma, class, form)),
            _ => None,
        }
    }

    fn starts(&self, i: usize, f: impl Fn(char) -> bool) -> bool {
        self.word(i).chars().next().is_some_and(f)
    }
}

impl View for Analysis<'_> {
    fn holds(&self, i: usize, p: &Pred) -> bool {
        let any = |s: &str| p.values.iter().any(|v| *v == s);
        match p.key {
            "word" => p.values.iter().any(|v| self.is_lower(i, v)),
            "tag" => any(tag_name(self.tags[i])),
            "verb" => self.verb(i).is_some(),
            "pron" => matches!(self.tags[i], Tag::Pron(x) if any(pron_name(x))),
            "class" => self.verb(i).is_some_and(|(_, c, _)| any(class_name(c))),
            "form" => self
                .verb(i)
                .is_some_and(|(_, _, f)| any(if f == Form::Ing { "ing" } else { "finite" })),
            "lemma" => self
                .verb(i)
                .and_then(|(l, _, _)| self.lx.lemmas.get(l as usize))
                .is_some_and(|l| any(l)),
            "takes_inf" => self
                .verb(i)
                .is_some_and(|(l, _, _)| self.lx.takes_infinitive(l)),
            "flag" => {
                let f = newsnlp_lexicon::flags_folded(self.word(i));
                p.values
                    .iter()
                    .any(|v| Flags::named(v).is_some_and(|x| f.contains(x)))
            }
            "pos" => self.upos(i).is_some_and(any),
            "ent" => match self.ent_of[i] {
                0 => false,
                e => p.values.is_empty() || any(self.ents[e as usize - 1].label.as_str()),
            },
            "open" => self.chain_opening_at(i).is_some(),
            "close" => self.is_close(i),
            "quoted" => self.in_quote(i),
            "caps" => self.caps[i],
            "lower" => self.starts(i, char::is_lowercase),
            "digit" => self.starts(i, |c| c.is_ascii_digit()),
            "wordlike" => self.is_wordlike(i),
            "possessive" => self.is_possessive(i),
            "sent_start" => self.sent_range(i).0 == i,
            "headline" => {
                let (s0, s1) = self.sent_range(i);
                self.title_case(s0, s1)
            }
            _ => false,
        }
    }

    /// `np`: a noun phrase ([`Analysis::np_right`], [`Analysis::np_left`]); `np_named`: one
    /// that holds an entity or is `they`/`it` (`the statement of the ministry`, not of `peace`);
    /// `np_speaker`: one that names someone (a capitalised or entity word, or opening with a
    /// determiner or pronoun: `the minister`, `he`), not `criticism` or `reporters`.
    fn phrase(&self, kind: &str, from: usize, right: bool, lo: usize, hi: usize) -> Option<usize> {
        let np = if right {
            self.np_right(from, hi)
        } else {
            self.np_left(from, lo)
        };
        let (a, b) = np?;
        let named =
            || (a..=b).any(|k| self.ent_of[k] != 0 || self.tags[k] == Tag::Pron(Pron::Group));
        let speaker = || {
            (a..=b).any(|k| self.caps[k] || self.ent_of[k] != 0)
                || matches!(self.tags[a], Tag::Det | Tag::Pron(_))
        };
        match kind {
            "np" => {}
            "np_named" if named() => {}
            "np_speaker" if speaker() => {}
            _ => return None,
        }
        Some(if right { b } else { a })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use newsnlp_doc::{Document, Entity, EntityLabel, Span, Stage};
    use newsnlp_tokenize::Tokenizer;

    /// (sentence, the verb to test, the rule rejecting it or None for a cue, a PER entity).
    #[rustfmt::skip]
    const EXAMPLES: &[(&str, &str, Option<&str>, &str)] = &[
        ("He read the New York Post on Monday.", "Post", Some("inside_name"), "New York Post"),
        ("The Observer Said Nothing to the board of the club today.", "Said", Some("capitalised_name"), ""),
        ("Clinton Says Russians Hacked DNC", "Says", None, ""),
        ("It was a more demanding task.", "demanding", Some("degree_adjective"), ""),
        ("The stated goal was clear.", "stated", Some("determiner_noun"), ""),
        ("Trump's stated goal was clear.", "stated", Some("possessive_noun"), ""),
        ("He's said it before.", "said", None, ""),
        ("She declined to say more.", "say", Some("after_to"), ""),
        ("He went on to say it was over.", "say", None, ""),
        ("She called up her friend.", "called", Some("phrasal_up"), ""),
        ("It is said to be a trap.", "said", Some("said_to_be"), ""),
        ("He is adding to his victories.", "adding", Some("add_to"), ""),
        ("He added to People that it was over.", "added", None, ""),
        ("Clinton has 271 pledged delegates.", "pledged", Some("after_number"), ""),
        ("Obama, 54, said it was over.", "said", None, "Obama"),
        ("They signed the so-called deal.", "called", Some("so_called"), ""),
        ("He hired a firm called Cambridge Analytica.", "called", Some("naming_participle"), ""),
        ("She called the plan a disaster.", "called", None, ""),
        ("It has been stated many times.", "stated", Some("passive"), ""),
        ("It was reported that he left.", "reported", None, ""),
        ("Lavrov said it was over.", "said", None, "Lavrov"),
    ];

    /// (sentence, the cue word, the speaker `inverted_speaker` finds after it).
    #[rustfmt::skip]
    const SPEAKERS: &[(&str, &str, Option<&str>)] = &[
        ("\"We are ready,\" said Lavrov.", "said", Some("Lavrov")),
        ("\"We are ready,\" said the minister, adding that it was over.", "said", Some("the minister")),
        ("\"It is over,\" said Mr. Burman (a view echoed by all).", "said", Some("Mr. Burman")),
        ("\"It is over,\" said he.", "said", Some("he")),
        ("\"It is over,\" said Lavrov in Moscow.", "said", Some("Lavrov")),
        ("\"It is over,\" said Lavrov of all people.", "said", None),
        ("He told reporters it was over.", "told", None),
        ("He said criticism was unfair.", "said", None),
        ("He said Lavrov will go.", "said", None),
    ];

    #[test]
    fn inverted_speaker_takes_a_named_phrase_that_ends_there() {
        let lx = Lexicon::new();
        for &(text, cue, want) in SPEAKERS {
            let d = story(text, "Lavrov");
            let a = analysis_of(&lx, &d);
            let i = token(&a, &d, cue);
            let (_, s1) = a.sent_range(i);
            let got = speakers()
                .first(&a, i, i, s1)
                .and_then(|m| m.get("speaker"))
                .map(|(x, y)| &d.text[a.toks[x].start..a.toks[y].end]);
            assert_eq!(got, want, "{text:?}");
        }
    }

    fn story(text: &str, person: &str) -> Document {
        let mut d = Document::new(text);
        Tokenizer::new().annotate(&mut d).unwrap();
        let ents = text
            .find(person)
            .filter(|_| !person.is_empty())
            .map(|at| Entity {
                span: Span::new(at, at + person.len()),
                label: EntityLabel::Per,
                canonical: person.to_string(),
            });
        d.entities = Some(ents.into_iter().collect());
        d
    }

    fn token(a: &Analysis, d: &Document, word: &str) -> usize {
        (0..d.tokens.as_ref().unwrap().len())
            .find(|&i| a.word(i) == word)
            .unwrap_or_else(|| panic!("{word:?} not a token of {:?}", d.text))
    }

    fn analysis_of<'a>(lx: &'a Lexicon, d: &'a Document) -> Analysis<'a> {
        Analysis::new(
            lx,
            &d.text,
            d.tokens.as_ref().unwrap(),
            d.sentences.as_ref().unwrap(),
            d.paragraphs.as_ref().unwrap(),
            d.entities.as_ref().unwrap(),
            None,
        )
    }

    #[test]
    fn each_rule_rejects_its_examples_and_nothing_else() {
        let lx = Lexicon::new();
        let mut seen = Vec::new();
        for &(text, verb, want, person) in EXAMPLES {
            let d = story(text, person);
            let a = analysis_of(&lx, &d);
            let i = token(&a, &d, verb);
            assert_eq!(a.not_a_cue(i), want, "{text:?} at {verb:?}");
            seen.extend(want);
        }
        for name in not_cues().names() {
            assert!(seen.contains(&name), "rule {name} has no example");
        }
    }
}
