//! What the matcher may ask of a token ([`View`] for [`Analysis`]), and the rules kept as data:
//! the words of the reporting-verb lexicon that are no cue where they stand
//! (`rules/not_cues.txt`: `the report`, `a firm called X`, `271 pledged delegates` …) and the
//! attributions written as patterns (`rules/attributions.txt`: `according to X`).

use super::Analysis;
use crate::lexicon::{Form, Pron, Tag, VerbClass};
use crate::matcher::{PatternSet, Pred, View};
use newsnlp_lexicon::Flags;
use std::sync::OnceLock;

/// What a predicate tests, by the key a pattern writes ([`KEYS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    /// `word`: the token, case-insensitively: `word=said|says`
    Word,
    /// `tag`: the quote lexicon's class: other verb cuenoun pron listener det aux prep …
    Tag,
    /// `verb`: a reporting verb of the quote lexicon (`tag=verb`)
    Verb,
    /// `pron`: person group speaker relative
    Pron,
    /// `class`: a reporting verb's class: speech tell think object
    Class,
    /// `form`: finite ing
    Form,
    /// `lemma`: a reporting verb's lemma: `lemma=add`
    Lemma,
    /// `takes_inf`: a verb that reports with an infinitive (`vowed to`)
    TakesInf,
    /// `flag`: a newsnlp-lexicon flag: `flag=ROLE|TITLE`
    Flag,
    /// `pos`: the Universal POS tag, when the document has a `pos` layer
    Pos,
    /// `ent`: inside an entity; `ent=PER|ORG` for given labels
    Ent,
    /// `open`: the opening mark of a quotation
    Open,
    /// `close`: a closing quotation mark
    Close,
    /// `quoted`: inside a quotation, marks included
    Quoted,
    /// `caps`: starts with an uppercase letter
    Caps,
    /// `lower`: starts with a lowercase letter
    Lower,
    /// `digit`: starts with an ASCII digit
    Digit,
    /// `wordlike`: starts with a letter or digit
    Wordlike,
    /// `possessive`: `'s`, or `'` that is not a quotation mark
    Possessive,
    /// `sent_start`: the first token of its sentence
    SentStart,
    /// `headline`: in a sentence set in title case
    Headline,
}

/// The predicate keys a pattern may use: those [`View::holds`] answers (parsing refuses others).
const KEYS: [(&str, Key, Option<&[&str]>); 21] = [
    ("word", Key::Word, None),
    ("tag", Key::Tag, Some(TAGS)),
    ("verb", Key::Verb, None),
    ("pron", Key::Pron, Some(PRONS)),
    ("class", Key::Class, Some(CLASSES)),
    ("form", Key::Form, Some(FORMS)),
    ("lemma", Key::Lemma, None),
    ("takes_inf", Key::TakesInf, None),
    ("flag", Key::Flag, None),
    ("pos", Key::Pos, None),
    ("ent", Key::Ent, None),
    ("open", Key::Open, None),
    ("close", Key::Close, None),
    ("quoted", Key::Quoted, None),
    ("caps", Key::Caps, None),
    ("lower", Key::Lower, None),
    ("digit", Key::Digit, None),
    ("wordlike", Key::Wordlike, None),
    ("possessive", Key::Possessive, None),
    ("sent_start", Key::SentStart, None),
    ("headline", Key::Headline, None),
];

/// The patterns of `src`, parsed into `cell` on first use.
fn parsed(cell: &'static OnceLock<PatternSet>, src: &'static str) -> &'static PatternSet {
    cell.get_or_init(|| PatternSet::parse(src, &KEYS.map(|k| (k.0, k.2))))
}

/// The rules that reject a reporting verb where it stands, parsed once.
fn not_cues() -> &'static PatternSet {
    static SET: OnceLock<PatternSet> = OnceLock::new();
    parsed(&SET, include_str!("../rules/not_cues.txt"))
}

/// Where a speaker stands (`said Lavrov`), parsed once.
pub(super) fn speakers() -> &'static PatternSet {
    static SET: OnceLock<PatternSet> = OnceLock::new();
    parsed(&SET, include_str!("../rules/speakers.txt"))
}

/// The attributions written as patterns, parsed once.
pub(super) fn attributions() -> &'static PatternSet {
    static SET: OnceLock<PatternSet> = OnceLock::new();
    parsed(&SET, include_str!("../rules/attributions.txt"))
}

/// The values of `tag=`, in the order [`tag_bit`] gives.
const TAGS: &[&str] = &[
    "other", "verb", "cuenoun", "pron", "listener", "det", "aux", "prep", "that", "according",
    "conj", "title", "time", "comma", "colon", "stop", "dash",
];

fn tag_bit(t: Tag) -> u32 {
    match t {
        Tag::Other => 0,
        Tag::Verb(..) => 1,
        Tag::CueNoun => 2,
        Tag::Pron(_) => 3,
        Tag::Listener => 4,
        Tag::Det => 5,
        Tag::Aux => 6,
        Tag::Prep => 7,
        Tag::That => 8,
        Tag::According => 9,
        Tag::Conj => 10,
        Tag::Title(_) => 11,
        Tag::Time => 12,
        Tag::Comma => 13,
        Tag::Colon => 14,
        Tag::Stop => 15,
        Tag::Dash => 16,
    }
}

/// The values of `class=`, in the order [`class_bit`] gives.
const CLASSES: &[&str] = &["speech", "tell", "think", "object"];

fn class_bit(c: VerbClass) -> u32 {
    match c {
        VerbClass::Speech => 0,
        VerbClass::Tell => 1,
        VerbClass::Think => 2,
        VerbClass::Object => 3,
    }
}

/// The values of `pron=`, in the order [`pron_bit`] gives.
const PRONS: &[&str] = &["person", "group", "speaker", "relative"];

fn pron_bit(p: Pron) -> u32 {
    match p {
        Pron::Person(_) => 0,
        Pron::Group => 1,
        Pron::Speaker => 2,
        Pron::Relative => 3,
    }
}

/// The values of `form=`.
const FORMS: &[&str] = &["finite", "ing"];

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
        let any = |s: &str| p.values.contains(&s);
        let bit = |b: u32| p.mask >> b & 1 == 1;
        match KEYS[usize::from(p.id)].1 {
            Key::Word => {
                let w = self.word(i);
                p.values.iter().any(|v| w.eq_ignore_ascii_case(v))
            }
            Key::Tag => bit(tag_bit(self.tags[i])),
            Key::Verb => self.verb(i).is_some(),
            Key::Pron => matches!(self.tags[i], Tag::Pron(x) if bit(pron_bit(x))),
            Key::Class => self.verb(i).is_some_and(|(_, c, _)| bit(class_bit(c))),
            Key::Form => self
                .verb(i)
                .is_some_and(|(_, _, f)| bit(u32::from(f == Form::Ing))),
            Key::Lemma => self
                .verb(i)
                .and_then(|(l, _, _)| self.lx.lemmas.get(l as usize))
                .is_some_and(|l| any(l)),
            Key::TakesInf => self
                .verb(i)
                .is_some_and(|(l, _, _)| self.lx.takes_infinitive(l)),
            Key::Flag => {
                let f = self.flags_of(i);
                p.values
                    .iter()
                    .any(|v| Flags::named(v).is_some_and(|x| f.contains(x)))
            }
            Key::Pos => self.upos(i).is_some_and(any),
            Key::Ent => match self.ent_of[i] {
                0 => false,
                e => p.values.is_empty() || any(self.ents[e as usize - 1].label.as_str()),
            },
            Key::Open => self.chain_opening_at(i).is_some(),
            Key::Close => self.is_close(i),
            Key::Quoted => self.in_quote(i),
            Key::Caps => self.caps[i],
            Key::Lower => self.starts(i, char::is_lowercase),
            Key::Digit => self.starts(i, |c| c.is_ascii_digit()),
            Key::Wordlike => self.is_wordlike(i),
            Key::Possessive => self.is_possessive(i),
            Key::SentStart => self.sent_range(i).0 == i,
            Key::Headline => {
                let (s0, s1) = self.sent_range(i);
                self.title_case(s0, s1)
            }
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
    use newsnlp_doc::Document;

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

    /// [`super::super::examples::story`] with one person, or none for `""`.
    fn story(text: &str, person: &str) -> Document {
        let persons: &[&str] = if person.is_empty() { &[] } else { &[person] };
        super::super::examples::story(text, persons)
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
