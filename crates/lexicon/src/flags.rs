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

    /// The flag written `name` in [`Flags`]'s `Debug` output (`ROLE`, `GIVEN_NAME`): rules kept
    /// as text name the classes they test.
    pub fn named(name: &str) -> Option<Flags> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(f, _)| *f)
    }

    pub(crate) const fn from_bits(bits: u64) -> Flags {
        Flags(bits)
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
