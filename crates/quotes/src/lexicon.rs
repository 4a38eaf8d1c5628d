//! The hand-written word lists the extractor reads, compiled once into one hash map.
//!
//! Reporting verbs come by lemma and class from `newsnlp-lexicon` (`Flags::SPEECH_VERB`, …);
//! every inflection (`says`, `said`, `saying`, …) is generated here, so the scan does one hash
//! lookup per token and never runs a regex.

use newsnlp_lexicon::{self as lexicon, Flags};
use std::collections::HashMap;

/// How a reporting verb takes its complement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VerbClass {
    /// Speech and writing verbs: `said`, `wrote`, `insisted`. An object is optional
    /// (`warned reporters that …`).
    Speech,
    /// Verbs that need a listener before the content: `told reporters`, `assured them`.
    Tell,
    /// Cognition verbs: `believes`, `thinks`. A cue only with a clause after them.
    Think,
    /// Verbs of judging whose object is the reported matter: `criticized X for …`,
    /// `called for …`, `praised …`.
    Object,
}

/// The inflected form of a verb, which decides where its subject may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// `say`, `says`, `said` — finite (or past participle).
    Finite,
    /// `saying`, `adding` — its subject is the clause's subject (`…, adding that …`).
    Ing,
}

/// Grammatical gender, as far as a name, title or pronoun tells it: coreference's, so the
/// pronoun index there and the quote stage's tags speak of one gender.
pub(crate) use newsnlp_coref::pronouns::Gender;

/// What a subject pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pron {
    /// `he`, `she`
    Person(Gender),
    /// `they`, `it`
    Group,
    /// `I`, `we`: the speaker is not named.
    Speaker,
    /// `who` in `Lavrov, who said …`
    Relative,
}

/// The class of one token, found with a single lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Other,
    /// A reporting verb: its index into [`Lexicon::lemmas`], class and form.
    Verb(u16, VerbClass, Form),
    /// A reporting noun (`statement`, `remarks`) that takes `of X` or `X's`.
    CueNoun,
    Pron(Pron),
    /// Object pronouns and the usual listeners of `told`: `him`, `reporters`.
    Listener,
    /// `the`, `a`, `his`, `Russia's` … — starts a noun phrase.
    Det,
    /// Auxiliaries and adverbs that may sit between subject and verb (`has also said`).
    Aux,
    Prep,
    That,
    According,
    Conj,
    /// A person title or role (`minister`, `spokeswoman`), with the gender it implies.
    Title(Gender),
    /// Days and times that follow a verb (`said Thursday`).
    Time,
    Comma,
    Colon,
    /// `.`, `!`, `?`, `;`
    Stop,
    Dash,
}

/// All word lists, built once by [`Lexicon::new`].
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    tags: HashMap<String, Tag>,
    pub lemmas: Vec<&'static str>,
    /// The shared lexicon's classes of each lemma, by lemma index.
    lemma_flags: Vec<Flags>,
}

/// Inflected forms that are far more often nouns (`states`, `charges`) and so never cues.
const NOT_CUES: &[&str] = &[
    "state", "states", "snap", "snaps", "object", "objects", "charge", "charges", "post", "posts",
    "rule", "rules", "point", "points", "answer", "answers", "signal", "signals", "counter",
    "counters", "reason", "reasons", "estimate", "want", "plan", "plans", "find", "finds",
    "finding", "offer", "offers", "aim", "aims", "back", "backs", "favor", "favors", "support",
    "supports", "talks", "vote", "votes", "forecast", "forecasts", "volunteer", "volunteers",
    "comment", "comments", "protest", "protests", "figure", "figures", "guess", "muse", "hint",
    "hints", "joke", "jokes", "shout", "shouts", "yell", "yells", "whisper", "whispers", "lament",
    "laments", "relate", "relates", "repeat", "repeats", "call", "calls", "known", "attack",
    "attacks", "report", "written", "maintain", "maintains", "maintained", "maintaining",
    "charged", "charging", "request", "requests", "welcome", "welcomes", "label", "labels",
    "brand", "brands", "rip", "rips", "credit", "credits", "question", "questions", "praise",
    "blame", "cite", "cites", "dub", "dubs", "slam", "slams", "blast", "blasts", "mock",
    "highlight", "highlights", "compare", "compares", "dismiss", "defend", "demand", "demands",
    "promise", "promises", "pledge", "pledges", "name", "names",
];

/// Particles some verbs need to be a cue: `point out`, `rule out`.
const PARTICLES: &[(&str, &[&str])] = &[
    ("point", &["out"]),
    ("rule", &["out"]),
    ("refer", &["to"]),
    ("speak", &["about", "of", "out"]),
    ("talk", &["about", "of"]),
    ("vote", &["for", "against"]),
];

/// Particles that belong to the cue when present: `called for`, `pointed to`.
const OPTIONAL_PARTICLES: &[(&str, &str)] = &[
    ("call", "for"),
    ("call", "on"),
    ("point", "to"),
    ("speak", "of"),
    ("speak", "about"),
];

/// Irregular forms: lemma, 3rd singular, past, past participle, -ing.
const IRREGULAR: &[(&str, &str, &str, &str, &str)] = &[
    ("say", "says", "said", "said", "saying"),
    ("tell", "tells", "told", "told", "telling"),
    ("write", "writes", "wrote", "written", "writing"),
    ("think", "thinks", "thought", "thought", "thinking"),
    ("know", "knows", "knew", "known", "knowing"),
    ("feel", "feels", "felt", "felt", "feeling"),
    (
        "understand", "understands", "understood", "understood", "understanding",
    ),
    (
        "forecast", "forecasts", "forecast", "forecast", "forecasting",
    ),
    ("confide", "confides", "confided", "confided", "confiding"),
    ("shout", "shouts", "shouted", "shouted", "shouting"),
    ("read", "reads", "read", "read", "reading"),
    ("show", "shows", "showed", "shown", "showing"),
    ("find", "finds", "found", "found", "finding"),
    ("sing", "sings", "sang", "sung", "singing"),
    ("seek", "seeks", "sought", "sought", "seeking"),
    ("speak", "speaks", "spoke", "spoken", "speaking"),
];

/// Verbs that double their last consonant (`admitted`, `quipping`).
const DOUBLING: &[&str] = &[
    "admit", "quip", "rebut", "brag", "snap", "regret", "commit", "rip", "dub", "slam",
];

const DETS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
    "one", "two", "three", "several", "many", "some", "other", "another", "each", "both", "most",
    "all", "any",
];
const AUX: &[&str] = &[
    "has", "have", "had", "is", "was", "were", "are", "be", "been", "being", "will", "would",
    "could", "can", "may", "might", "should", "must", "did", "does", "do", "not", "n't", "never",
    "also", "later", "then", "again", "reportedly", "previously", "recently", "repeatedly",
    "publicly", "privately", "earlier", "first", "further", "simply", "flatly", "quickly", "just",
    "still", "even", "often", "always", "already", "once", "now", "actually", "specifically",
    "explicitly", "clearly", "frequently", "famously", "long", "initially", "quoted", "'s", "'ve",
    "'d", "'ll", "'re", "openly", "separately", "subsequently", "ultimately", "finally", "today",
    "yesterday", "angrily", "bluntly", "correctly", "falsely", "wrongly", "rightly", "proudly",
    "confidently", "emphatically", "firmly", "strongly", "loudly", "softly", "sharply",
];
const PREPS: &[&str] = &[
    "of", "for", "in", "on", "at", "to", "from", "with", "by", "about", "as", "after", "before",
    "during", "into", "over", "under", "against", "among", "between", "through", "since", "until",
    "than", "via", "per", "without", "within", "upon", "amid", "despite", "like",
];
const CONJS: &[&str] = &[
    "and", "but", "or", "while", "although", "though", "because", "if", "when", "whether", "so",
];
const LISTENERS: &[&str] = &[
    "him", "her", "them", "me", "us", "you", "reporters", "journalists", "lawmakers", "supporters",
    "voters", "viewers", "listeners", "readers", "audiences", "crowds", "students", "delegates",
    "senators", "members", "colleagues", "congress", "parliament",
];
/// Time words that follow a verb (`said last week`), with the lexicon's days.
const TIMES: &[&str] = &[
    "recently", "earlier", "later", "last", "this", "week", "month", "year", "morning",
    "afternoon", "evening", "night",
];
const CUE_NOUNS: &[&str] = &[
    "statement", "statements", "remarks", "comments", "comment", "claim", "claims", "assertion",
    "assertions", "warning", "warnings", "words", "accusation", "accusations", "allegation",
    "allegations", "argument", "insistence", "announcement", "promise", "pledge", "suggestion",
    "contention", "testimony", "call", "calls", "message", "view", "position",
];
/// The gender a role or name implies; unisex and unmarked ones are unknown.
fn gender(f: Flags) -> Gender {
    match f.gender() {
        Some(lexicon::Gender::Male) => Gender::Male,
        Some(lexicon::Gender::Female) => Gender::Female,
        Some(lexicon::Gender::Unisex) | None => Gender::Unknown,
    }
}

/// Days that follow a verb (`said Thursday`, `said today`): weekdays in full, in any case, and
/// the days named from now.
pub(crate) fn is_day(word: &str) -> bool {
    let f = lexicon::flags_folded(word);
    f.contains(Flags::RELATIVE_DAY)
        || f.contains(Flags::WEEKDAY) && !f.contains(Flags::ABBREVIATION)
}

/// The lemmas with `flag`, as the given verb class, with all their flags.
fn verbs(flag: Flags, class: VerbClass) -> impl Iterator<Item = (&'static str, Flags, VerbClass)> {
    lexicon::words(flag)
        .filter(move |(_, f)| f.contains(flag))
        .map(move |(l, f)| (l, f, class))
}

/// Regular English inflection: 3rd singular, past, -ing.
fn regular(lemma: &str) -> [String; 3] {
    let b = lemma.as_bytes();
    let last = b.last().copied().unwrap_or(b'a');
    let before = if b.len() >= 2 { b[b.len() - 2] } else { b'a' };
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let stem = &lemma[..lemma.len().saturating_sub(1)];
    let third = if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with('o')
    {
        format!("{lemma}es")
    } else if last == b'y' && !vowel(before) {
        format!("{stem}ies")
    } else {
        format!("{lemma}s")
    };
    let double = DOUBLING.contains(&lemma);
    let past = if last == b'e' {
        format!("{lemma}d")
    } else if last == b'y' && !vowel(before) {
        format!("{stem}ied")
    } else if double {
        format!("{lemma}{}ed", last as char)
    } else {
        format!("{lemma}ed")
    };
    let ing = if let Some(stem_ie) = lemma.strip_suffix("ie") {
        format!("{stem_ie}ying")
    } else if last == b'e' && before != b'e' {
        format!("{stem}ing")
    } else if double {
        format!("{lemma}{}ing", last as char)
    } else {
        format!("{lemma}ing")
    };
    [third, past, ing]
}

impl Lexicon {
    pub(crate) fn new() -> Lexicon {
        let mut tags: HashMap<String, Tag> = HashMap::new();
        let mut put = |w: &str, t: Tag| {
            tags.entry(w.to_string()).or_insert(t);
        };
        // Function words first: a verb never overrides them.
        put(",", Tag::Comma);
        put(":", Tag::Colon);
        for w in [".", "!", "?", ";", "..."] {
            put(w, Tag::Stop);
        }
        for w in ["—", "–", "--", "-", "―"] {
            put(w, Tag::Dash);
        }
        put("that", Tag::That);
        put("according", Tag::According);
        for (w, p) in [
            ("he", Pron::Person(Gender::Male)),
            ("she", Pron::Person(Gender::Female)),
            ("they", Pron::Group),
            ("it", Pron::Group),
            ("i", Pron::Speaker),
            ("we", Pron::Speaker),
            ("who", Pron::Relative),
            ("which", Pron::Relative),
        ] {
            put(w, Tag::Pron(p));
        }
        // Word classes, in priority order (an earlier class keeps a word listed twice).
        let classes: [(&[&str], Tag); 6] = [
            (LISTENERS, Tag::Listener),
            (DETS, Tag::Det),
            (AUX, Tag::Aux),
            (PREPS, Tag::Prep),
            (CONJS, Tag::Conj),
            (CUE_NOUNS, Tag::CueNoun),
        ];
        for (words, tag) in classes {
            for w in words {
                put(w, tag);
            }
        }
        // Then the shared classes: roles with the gender they imply, days, and time words.
        for (w, f) in lexicon::words(Flags::ROLE) {
            put(w, Tag::Title(gender(f)));
        }
        for (w, _) in
            lexicon::words(Flags::WEEKDAY | Flags::RELATIVE_DAY).filter(|(w, _)| is_day(w))
        {
            put(w, Tag::Time);
        }
        for w in TIMES {
            put(w, Tag::Time);
        }
        let mut lemmas: Vec<&'static str> = Vec::new();
        let mut lemma_flags = Vec::new();
        // Reporting verbs by class from the shared lexicon; a verb in two classes keeps the
        // first of speech, cognition, judging (and a listener verb of speech is a `Tell`).
        let classes = verbs(Flags::SPEECH_VERB, VerbClass::Speech)
            .chain(verbs(Flags::COGNITION_VERB, VerbClass::Think))
            .chain(verbs(Flags::JUDGING_VERB, VerbClass::Object));
        for (lemma, flags, mut class) in classes {
            if lemmas.contains(&lemma) {
                continue;
            }
            if flags.contains(Flags::TELL_VERB) {
                class = VerbClass::Tell;
            }
            let id = lemmas.len() as u16;
            lemmas.push(lemma);
            lemma_flags.push(flags);
            let (finite, ing): (Vec<String>, String) =
                match IRREGULAR.iter().find(|(l, ..)| *l == lemma) {
                    Some((l, s, p, pp, g)) => (
                        vec![l.to_string(), s.to_string(), p.to_string(), pp.to_string()],
                        g.to_string(),
                    ),
                    None => {
                        let [s, p, g] = regular(lemma);
                        (vec![lemma.to_string(), s, p], g)
                    }
                };
            for f in finite.iter().filter(|f| !NOT_CUES.contains(&f.as_str())) {
                put(f, Tag::Verb(id, class, Form::Finite));
            }
            put(&ing, Tag::Verb(id, class, Form::Ing));
        }
        Lexicon {
            tags,
            lemmas,
            lemma_flags,
        }
    }

    /// The tag of a lowercased token text.
    pub(crate) fn tag(&self, lower: &str) -> Tag {
        self.tags.get(lower).copied().unwrap_or(Tag::Other)
    }

    /// The gender a (lowercased) given name suggests: unknown for a unisex name (`angela`, on
    /// both lists), which a `he` and a `she` may then both refer to.
    pub(crate) fn first_name_gender(&self, lower: &str) -> Gender {
        let f = lexicon::flags(lower);
        if f.contains(Flags::GIVEN_NAME) {
            gender(f)
        } else {
            Gender::Unknown
        }
    }

    /// True for verbs that report only with an explicit complement
    /// ([`Flags::NEEDS_COMPLEMENT`]: `asked whether …`, `continued: …`).
    pub(crate) fn needs_signal(&self, lemma: u16) -> bool {
        self.has(lemma, Flags::NEEDS_COMPLEMENT)
    }

    /// True when the lexicon gives `lemma` the class `flag`.
    fn has(&self, lemma: u16, flag: Flags) -> bool {
        self.lemma_flags
            .get(lemma as usize)
            .is_some_and(|f| f.contains(flag))
    }

    /// True when `word` may follow `lemma` as part of its cue (`called for`).
    pub(crate) fn optional_particle(&self, lemma: u16, word: &str) -> bool {
        self.lemmas.get(lemma as usize).is_some_and(|l| {
            OPTIONAL_PARTICLES
                .iter()
                .any(|(v, p)| v == l && p.eq_ignore_ascii_case(word))
        })
    }

    /// True for verbs that report only an infinitive (`declined to comment`).
    pub(crate) fn infinitive_only(&self, lemma: u16) -> bool {
        self.has(lemma, Flags::INFINITIVE_ONLY)
    }

    /// True for verbs whose content may be an infinitive (`wants to …`).
    pub(crate) fn takes_infinitive(&self, lemma: u16) -> bool {
        self.has(lemma, Flags::INTENT_VERB)
    }

    /// The particles `lemma` needs, one of which must follow it to make a cue, if any.
    pub(crate) fn particle(&self, lemma: u16) -> Option<&'static [&'static str]> {
        let l = self.lemmas.get(lemma as usize)?;
        PARTICLES.iter().find(|(v, _)| v == l).map(|(_, p)| *p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_word_table_lists_a_word_twice() {
        let tables: &[(&str, &[&str])] = &[
            ("NOT_CUES", NOT_CUES),
            ("DOUBLING", DOUBLING),
            ("DETS", DETS),
            ("AUX", AUX),
            ("PREPS", PREPS),
            ("CONJS", CONJS),
            ("LISTENERS", LISTENERS),
            ("TIMES", TIMES),
            ("CUE_NOUNS", CUE_NOUNS),
        ];
        for (name, words) in tables {
            let mut seen = std::collections::HashSet::new();
            let twice: Vec<&str> = words.iter().copied().filter(|w| !seen.insert(*w)).collect();
            assert!(twice.is_empty(), "{name} lists {twice:?} twice");
        }
    }

    #[test]
    fn inflections_are_generated() {
        let lx = Lexicon::new();
        for w in [
            "says", "said", "saying", "insists", "insisted", "warned", "added", "adding",
            "admitted", "denies", "denied", "testifying", "argued", "arguing", "stresses", "told",
            "wrote", "believes", "noting", "quipped",
        ] {
            assert!(matches!(lx.tag(w), Tag::Verb(..)), "{w} is not a cue verb");
        }
        assert!(matches!(lx.tag("saying"), Tag::Verb(_, _, Form::Ing)));
        assert!(matches!(
            lx.tag("told"),
            Tag::Verb(_, VerbClass::Tell, Form::Finite)
        ));
        assert_eq!(lx.tag("that"), Tag::That);
        assert_eq!(lx.tag("table"), Tag::Other);
    }
}
