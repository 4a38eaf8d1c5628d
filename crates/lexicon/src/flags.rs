//! [`Flags`]: the classes of one word as a bit set.

use crate::bits;
use std::fmt;
use std::ops::{BitAnd, BitOr, BitOrAssign};

/// The classes of one word. A plain bit set: combine with `|`, test with [`Flags::contains`]
/// (all of) or [`Flags::intersects`] (any of). Month numbers are flags too, one per month, read
/// with [`Flags::month`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags(u64);

/// The gender a given name or a role word implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    /// On both the male and the female list (`angela`, `kellyanne`): fits `he` and `she`.
    Unisex,
}

/// Flag names for [`Flags`]'s `Debug` output, in bit order.
const NAMES: &[(Flags, &str)] = &[
    (Flags::WEEKDAY, "WEEKDAY"),
    (Flags::MONTH, "MONTH"),
    (Flags::ENGLISH, "ENGLISH"),
    (Flags::ABBREVIATION, "ABBREVIATION"),
    (Flags::RELATIVE_DAY, "RELATIVE_DAY"),
    (Flags::TITLE, "TITLE"),
    (Flags::TITLE_ABBREVIATION, "TITLE_ABBREVIATION"),
    (Flags::ROLE, "ROLE"),
    (Flags::PERSON_NOUN, "PERSON_NOUN"),
    (Flags::GIVEN_NAME, "GIVEN_NAME"),
    (Flags::MALE, "MALE"),
    (Flags::FEMALE, "FEMALE"),
    (Flags::SPEECH_VERB, "SPEECH_VERB"),
    (Flags::TELL_VERB, "TELL_VERB"),
    (Flags::COGNITION_VERB, "COGNITION_VERB"),
    (Flags::JUDGING_VERB, "JUDGING_VERB"),
    (Flags::INTENT_VERB, "INTENT_VERB"),
    (Flags::INFINITIVE_ONLY, "INFINITIVE_ONLY"),
    (Flags::NEEDS_COMPLEMENT, "NEEDS_COMPLEMENT"),
    (Flags::NAME_PARTICLE, "NAME_PARTICLE"),
    (Flags::PLACE_PARTICLE, "PLACE_PARTICLE"),
    (Flags::ACRONYM_CONNECTOR, "ACRONYM_CONNECTOR"),
    (Flags::NAME_PREFIX, "NAME_PREFIX"),
    (Flags::HYPHEN_PREFIX, "HYPHEN_PREFIX"),
    (Flags::FURNITURE, "FURNITURE"),
    (Flags::CAPTION_WORD, "CAPTION_WORD"),
    (Flags::HEADING_WORD, "HEADING_WORD"),
    (Flags::SENTENCE_STARTER, "SENTENCE_STARTER"),
    (Flags::CONTINUES_INITIALS, "CONTINUES_INITIALS"),
    (Flags::UNPUNCTUATED_STARTER, "UNPUNCTUATED_STARTER"),
    (Flags::RUN_IN_PREPOSITION, "RUN_IN_PREPOSITION"),
    (Flags::PRONOUN, "PRONOUN"),
    (Flags::DETERMINER, "DETERMINER"),
    (Flags::AUXILIARY, "AUXILIARY"),
    (Flags::FINITE_AUXILIARY, "FINITE_AUXILIARY"),
    (Flags::PREPOSITION, "PREPOSITION"),
    (Flags::PHRASE_PREPOSITION, "PHRASE_PREPOSITION"),
    (Flags::CLAUSE_PREPOSITION, "CLAUSE_PREPOSITION"),
    (Flags::CONJUNCTION, "CONJUNCTION"),
    (Flags::LISTENER, "LISTENER"),
    (Flags::TIME_WORD, "TIME_WORD"),
    (Flags::CUE_NOUN, "CUE_NOUN"),
    (Flags::NOUN_FORM, "NOUN_FORM"),
    (Flags::DOUBLES_FINAL, "DOUBLES_FINAL"),
    (Flags::APPROXIMATOR, "APPROXIMATOR"),
    (Flags::NUMBER_WORD, "NUMBER_WORD"),
    (Flags::CONTRASTIVE, "CONTRASTIVE"),
    (Flags::SENTENCE_ADVERB, "SENTENCE_ADVERB"),
    (Flags::SUBORDINATOR, "SUBORDINATOR"),
];

impl Flags {
    /// No class: the word is not listed.
    pub const EMPTY: Flags = Flags(0);

    /// A day of the week, in full or abbreviated (`thursday`, `thurs`).
    pub const WEEKDAY: Flags = Flags(bits::WEEKDAY);
    /// A month name or abbreviation in English, German, French, Spanish, Italian, Portuguese,
    /// Dutch or Russian, as datelines write them; [`Flags::month`] says which month.
    pub const MONTH: Flags = Flags(bits::MONTH);
    /// An English month or weekday name (`may`, `sept`, `mon`), as opposed to `mai`, `okt`.
    pub const ENGLISH: Flags = Flags(bits::ENGLISH);
    /// A shortened month or weekday name (`jan`, `sept`, `tues`).
    pub const ABBREVIATION: Flags = Flags(bits::ABBREVIATION);
    /// A day named from now (`today`, `yesterday`, `tonight`).
    pub const RELATIVE_DAY: Flags = Flags(bits::RELATIVE_DAY);
    /// A title or modifier written before a person's name but not part of it (`president`,
    /// `mr.`, `foreign` in `Foreign Minister Lavrov`), the entity tagger's title feature.
    pub const TITLE: Flags = Flags(bits::TITLE);
    /// A title or rank abbreviated with a full stop, listed without it (`gen`, `sgt`, `mme`):
    /// the tokenizer keeps the stop with the word.
    pub const TITLE_ABBREVIATION: Flags = Flags(bits::TITLE_ABBREVIATION);
    /// A noun naming a person by role, which can head a speaker's description (`the minister`,
    /// `officials`, `his wife`), with [`Flags::MALE`] or [`Flags::FEMALE`] where it tells.
    pub const ROLE: Flags = Flags(bits::ROLE);
    /// A common noun for a person that a name is set beside (`their daughter, Gloria`).
    pub const PERSON_NOUN: Flags = Flags(bits::PERSON_NOUN);
    /// A given name, with its gender.
    pub const GIVEN_NAME: Flags = Flags(bits::GIVEN_NAME);
    /// Male: a given name or role of men (both this and [`Flags::FEMALE`]: unisex).
    pub const MALE: Flags = Flags(bits::MALE);
    /// Female: a given name or role of women.
    pub const FEMALE: Flags = Flags(bits::FEMALE);
    /// A reporting verb of speech or writing, by lemma (`say`, `insist`, `tweet`): the quote
    /// stage generates its inflections.
    pub const SPEECH_VERB: Flags = Flags(bits::SPEECH_VERB);
    /// A reporting verb that names its listener before the content (`tell`, `assure`).
    pub const TELL_VERB: Flags = Flags(bits::TELL_VERB);
    /// A verb of cognition or finding, reporting only with a clause (`believe`, `show`).
    pub const COGNITION_VERB: Flags = Flags(bits::COGNITION_VERB);
    /// A verb of judging whose object is the matter reported (`criticize`, `praise`, `call`).
    pub const JUDGING_VERB: Flags = Flags(bits::JUDGING_VERB);
    /// A verb of intent whose content may be an infinitive (`vow`, `plan`, `want`).
    pub const INTENT_VERB: Flags = Flags(bits::INTENT_VERB);
    /// A verb of intent that reports nothing but an infinitive (`decline`, `refuse`).
    pub const INFINITIVE_ONLY: Flags = Flags(bits::INFINITIVE_ONLY);
    /// A reporting verb only before `that`, a colon, a quotation or a question word (`ask`,
    /// `continue`).
    pub const NEEDS_COMPLEMENT: Flags = Flags(bits::NEEDS_COMPLEMENT);
    /// A lowercase particle inside a person's name (`bin`, `von`, `de` in `Ursula von der
    /// Leyen`): the corpus stage joins speaker names across it.
    pub const NAME_PARTICLE: Flags = Flags(bits::NAME_PARTICLE);
    /// A lowercase word inside a place name (`Rio de Janeiro`, `Stratford-upon-Avon`), as
    /// datelines write them: more than in person names (`sur`, `upon`, `im`).
    pub const PLACE_PARTICLE: Flags = Flags(bits::PLACE_PARTICLE);
    /// A lowercase word (or `&`) that an acronym skips (`Organization for the Prohibition of
    /// Chemical Weapons` is `OPCW`).
    pub const ACRONYM_CONNECTOR: Flags = Flags(bits::ACRONYM_CONNECTOR);
    /// A prefix bound to a name by a hyphen without being part of it (`pro-Beijing`): the
    /// entity is the name after the hyphen.
    pub const NAME_PREFIX: Flags = Flags(bits::NAME_PREFIX);
    /// A bound prefix that UD keeps joined to its word by the hyphen (`re-elected`, `e-mail`);
    /// wider than [`Flags::NAME_PREFIX`], which only strips prefixes off names.
    pub const HYPHEN_PREFIX: Flags = Flags(bits::HYPHEN_PREFIX);
    /// Opens a line of page furniture, never story prose or a place: bylines, stamps, captions,
    /// credits, share buttons (`by`, `updated`, `photo`, `getty`).
    pub const FURNITURE: Flags = Flags(bits::FURNITURE);
    /// A credit word that opens a caption run into the text before it (`… Hall Image: NASA.`):
    /// capitalised and before a colon, it starts a sentence.
    pub const CAPTION_WORD: Flags = Flags(bits::CAPTION_WORD);
    /// Starts a kicker, a heading or a sentence, never a dateline's place (`breaking`,
    /// `analysis`, `the`, `yesterday`).
    pub const HEADING_WORD: Flags = Flags(bits::HEADING_WORD);
    /// Capitalised after an abbreviation, shows that a new sentence has begun (`…in the U.S.
    /// The next day…`): closed-class words that do not continue a name or a title.
    pub const SENTENCE_STARTER: Flags = Flags(bits::SENTENCE_STARTER);
    /// A sentence starter that after dotted initials in hard-wrapped wire copy more often
    /// continues the sentence (`the U.S. And Japan will…`).
    pub const CONTINUES_INITIALS: Flags = Flags(bits::CONTINUES_INITIALS);
    /// Capitalised, starts a sentence even without punctuation before it after a lowercase
    /// word (`…in any constituency In the New Territories…`); unlike `The`, never inside names.
    pub const UNPUNCTUATED_STARTER: Flags = Flags(bits::UNPUNCTUATED_STARTER);
    /// A capitalised preposition that opens a sentence run into a caption, a name or a
    /// footnote mark before it (`…Ann Chiang of DAB In the Kowloon West constituency…`).
    pub const RUN_IN_PREPOSITION: Flags = Flags(bits::RUN_IN_PREPOSITION);
    /// A pronoun or demonstrative, capitalised at a sentence start yet never a speaker's name
    /// (`He said`, `They`).
    pub const PRONOUN: Flags = Flags(bits::PRONOUN);
    /// Starts a noun phrase (`the`, `his`, `several`): the quote stage's determiners.
    pub const DETERMINER: Flags = Flags(bits::DETERMINER);
    /// An auxiliary or adverb that may sit between a subject and its verb (`has also said`,
    /// `'s`, `reportedly`).
    pub const AUXILIARY: Flags = Flags(bits::AUXILIARY);
    /// A finite auxiliary (`will`, `has`, `'re`): after a subject it makes a clause of its own
    /// (`the plan will fail`).
    pub const FINITE_AUXILIARY: Flags = Flags(bits::FINITE_AUXILIARY);
    /// A preposition (`of`, `amid`, `via`), as the quote stage reads noun phrases.
    pub const PREPOSITION: Flags = Flags(bits::PREPOSITION);
    /// A preposition whose short phrase stays with the noun phrase before it when a speaker
    /// opens a clause (`Mr. Morgan of the Sierra Club`, `a narrator in the Clinton ad`).
    pub const PHRASE_PREPOSITION: Flags = Flags(bits::PHRASE_PREPOSITION);
    /// A preposition of an adverbial phrase between a cue and its clause (`said after the
    /// convention he would …`): the content starts at the pronoun after it.
    pub const CLAUSE_PREPOSITION: Flags = Flags(bits::CLAUSE_PREPOSITION);
    /// A conjunction that ends a speaker's phrase (`and`, `while`, `whether`).
    pub const CONJUNCTION: Flags = Flags(bits::CONJUNCTION);
    /// An object pronoun or usual listener of `told` (`him`, `reporters`): one word may be a
    /// listener and a determiner (`her`).
    pub const LISTENER: Flags = Flags(bits::LISTENER);
    /// A time word that follows a verb (`said last week`, `earlier`), with the days.
    pub const TIME_WORD: Flags = Flags(bits::TIME_WORD);
    /// A reporting noun that takes `of X` or `X's` (`statement`, `remarks`).
    pub const CUE_NOUN: Flags = Flags(bits::CUE_NOUN);
    /// An inflected form of a reporting verb far more often a noun (`states`, `charges`,
    /// `want`), so never a cue.
    pub const NOUN_FORM: Flags = Flags(bits::NOUN_FORM);
    /// A verb that doubles its final consonant when inflected (`admitted`, `quipping`).
    pub const DOUBLES_FINAL: Flags = Flags(bits::DOUBLES_FINAL);
    /// Before a number, part of a quantity rather than a preposition (`about half`, `over 300`).
    pub const APPROXIMATOR: Flags = Flags(bits::APPROXIMATOR);
    /// A number written as a word that an approximator may stand before (`half`, `dozen`).
    pub const NUMBER_WORD: Flags = Flags(bits::NUMBER_WORD);
    /// A conjunction that after a comma starts a new thought rather than continues a statement
    /// (`, but`, `, yet`).
    pub const CONTRASTIVE: Flags = Flags(bits::CONTRASTIVE);
    /// A sentence adverb that may open an adverbial rather than a clause (`Still`, `Meanwhile`).
    pub const SENTENCE_ADVERB: Flags = Flags(bits::SENTENCE_ADVERB);
    /// A subordinating word: a subject after it is not the cue's (`After the union objected,`).
    pub const SUBORDINATOR: Flags = Flags(bits::SUBORDINATOR);

    /// The flag written `name` in [`Flags`]'s `Debug` output (`ROLE`, `GIVEN_NAME`): rules kept
    /// as text name the classes they test.
    pub fn named(name: &str) -> Option<Flags> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(f, _)| *f)
    }

    /// Every named flag with its name, in bit order: for tests and tools that go through all
    /// classes (`tests/one_definition.rs` looks for copies of each).
    pub fn classes() -> impl Iterator<Item = (Flags, &'static str)> {
        NAMES.iter().copied()
    }

    pub(crate) const fn from_bits(bits: u64) -> Flags {
        Flags(bits)
    }

    /// Both sets, for masks built in constants (`|` is not `const`).
    pub const fn union(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }

    /// The raw bits (stable only within one build).
    pub const fn bits(self) -> u64 {
        self.0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True when every flag of `other` is set.
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when any flag of `other` is set.
    pub const fn intersects(self, other: Flags) -> bool {
        self.0 & other.0 != 0
    }

    /// The month (1–12) a month word names.
    pub const fn month(self) -> Option<u32> {
        let months = (self.0 >> bits::MONTH_SHIFT) & 0xfff;
        if months == 0 {
            None
        } else {
            Some(months.trailing_zeros() + 1)
        }
    }

    /// The gender a given name or role implies, if any.
    pub const fn gender(self) -> Option<Gender> {
        match (self.contains(Flags::MALE), self.contains(Flags::FEMALE)) {
            (true, true) => Some(Gender::Unisex),
            (true, false) => Some(Gender::Male),
            (false, true) => Some(Gender::Female),
            (false, false) => None,
        }
    }
}

impl BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl BitOrAssign for Flags {
    fn bitor_assign(&mut self, rhs: Flags) {
        self.0 |= rhs.0;
    }
}

impl BitAnd for Flags {
    type Output = Flags;
    fn bitand(self, rhs: Flags) -> Flags {
        Flags(self.0 & rhs.0)
    }
}

impl fmt::Debug for Flags {
    /// `WEEKDAY | ENGLISH`, `MONTH(9) | ENGLISH | ABBREVIATION`, `EMPTY`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<String> = NAMES
            .iter()
            .filter(|(flag, _)| self.contains(*flag))
            .map(|(_, name)| name.to_string())
            .collect();
        if let (Some(m), Some(first)) = (self.month(), names.first_mut()) {
            if first == "MONTH" {
                *first = format!("MONTH({m})");
            }
        }
        if names.is_empty() {
            names.push("EMPTY".to_string());
        }
        f.write_str(&names.join(" | "))
    }
}
