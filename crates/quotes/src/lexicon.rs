//! The token classes the extractor reads, compiled once into one hash map.
//!
//! The words come from `newsnlp-lexicon`: closed classes by flag (`Flags::DETERMINER`,
//! `Flags::LISTENER`, …), reporting verbs by lemma and class (`Flags::SPEECH_VERB`, …);
//! every inflection (`says`, `said`, `saying`, …) is generated here, so the scan does one hash
//! lookup per token and never runs a regex.

use foldhash::HashMap;
use newsnlp_lexicon::{self as lexicon, Flags};

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

/// The quote stage's closed classes, in priority order: a word in two keeps the first (`her` is
/// a listener before a determiner).
const CLASSES: [(Flags, Tag); 6] = [
    (Flags::LISTENER, Tag::Listener),
    (Flags::DETERMINER, Tag::Det),
    (Flags::AUXILIARY, Tag::Aux),
    (Flags::PREPOSITION, Tag::Prep),
    (Flags::CONJUNCTION, Tag::Conj),
    (Flags::CUE_NOUN, Tag::CueNoun),
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
    is_day_flags(lexicon::flags_folded(word))
}

/// [`is_day`] of a word whose classes are known.
pub(crate) fn is_day_flags(f: Flags) -> bool {
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
    let double = lexicon::flags(lemma).contains(Flags::DOUBLES_FINAL);
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

/// Tags `w` as `t` unless an earlier class holds it.
fn put(tags: &mut HashMap<String, Tag>, w: &str, t: Tag) {
    tags.entry(w.to_string()).or_insert(t);
}

/// Punctuation, pronouns and the closed classes, then roles and time words: all before the
/// verbs, so that a verb never overrides them.
fn function_words(tags: &mut HashMap<String, Tag>) {
    put(tags, ",", Tag::Comma);
    put(tags, ":", Tag::Colon);
    for w in [".", "!", "?", ";", "..."] {
        put(tags, w, Tag::Stop);
    }
    for w in ["—", "–", "--", "-", "―"] {
        put(tags, w, Tag::Dash);
    }
    put(tags, "that", Tag::That);
    put(tags, "according", Tag::According);
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
        put(tags, w, Tag::Pron(p));
    }
    for (class, tag) in CLASSES {
        for (w, _) in lexicon::words(class) {
            put(tags, w, tag);
        }
    }
    for (w, f) in lexicon::words(Flags::ROLE) {
        put(tags, w, Tag::Title(gender(f)));
    }
    let days = lexicon::words(Flags::WEEKDAY | Flags::RELATIVE_DAY).filter(|(w, _)| is_day(w));
    for (w, _) in days.chain(lexicon::words(Flags::TIME_WORD)) {
        put(tags, w, Tag::Time);
    }
}

/// The finite forms of `lemma` (with the past participle) and its -ing form.
fn inflections(lemma: &str) -> (Vec<String>, String) {
    match IRREGULAR.iter().find(|(l, ..)| *l == lemma) {
        Some((l, s, p, pp, g)) => (
            vec![l.to_string(), s.to_string(), p.to_string(), pp.to_string()],
            g.to_string(),
        ),
        None => {
            let [s, p, g] = regular(lemma);
            (vec![lemma.to_string(), s, p], g)
        }
    }
}

impl Lexicon {
    pub(crate) fn new() -> Lexicon {
        let mut tags: HashMap<String, Tag> = HashMap::default();
        function_words(&mut tags);
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
            let (finite, ing) = inflections(lemma);
            // Forms far more often nouns (`states`, `charges`) are never cues.
            let cues = finite
                .iter()
                .filter(|f| !lexicon::flags(f).contains(Flags::NOUN_FORM));
            for f in cues {
                put(&mut tags, f, Tag::Verb(id, class, Form::Finite));
            }
            put(&mut tags, &ing, Tag::Verb(id, class, Form::Ing));
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
