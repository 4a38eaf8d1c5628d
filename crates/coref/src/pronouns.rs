//! The pronoun half of coreference: which earlier person a `he` or `she` may stand for.
//!
//! The quote stage resolves `he stressed` to the most salient person before the pronoun; when
//! no sentence subject fits, it falls back to the latest person mention of a compatible gender.
//! That fallback is asked once per pronoun, so it is a binary search in a per-gender index,
//! never a scan back through the story: resolution stays linear in the number of mentions.

/// Grammatical gender, as far as a name, title or pronoun tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    /// Whether a mention of gender `have` may be what a pronoun of gender `self` refers to:
    /// an unknown gender on either side fits anything.
    pub fn fits(self, have: Gender) -> bool {
        self == Gender::Unknown || have == Gender::Unknown || self == have
    }
}

/// One person mention: its token index, canonical name and gender.
pub type Person = (usize, String, Gender);

/// Person mentions in text order, with the ones a male and a female pronoun may refer to
/// indexed apart, so the latest compatible one before a token is one binary search.
#[derive(Debug, Default)]
pub struct Persons {
    /// Person mentions in text order (by token).
    persons: Vec<Person>,
    /// Indices into `persons` of those a male and a female pronoun may refer to (their
    /// gender, or unknown).
    compatible: [Vec<usize>; 2],
}

impl Persons {
    /// Indexes `persons`, which must be in text order (ascending token index).
    pub fn new(persons: Vec<Person>) -> Persons {
        let compatible = [Gender::Male, Gender::Female].map(|want| {
            (0..persons.len())
                .filter(|&k| want.fits(persons[k].2))
                .collect()
        });
        Persons {
            persons,
            compatible,
        }
    }

    /// The canonical name of the latest person mention before token `at` that a pronoun of
    /// gender `want` may name.
    pub fn latest(&self, at: usize, want: Gender) -> Option<&str> {
        let before = |k: &usize| self.persons[*k].0 < at;
        let k = match want {
            Gender::Unknown => self.persons.partition_point(|p| p.0 < at).checked_sub(1)?,
            Gender::Male | Gender::Female => {
                let pool = &self.compatible[usize::from(want == Gender::Female)];
                pool[pool.partition_point(before).checked_sub(1)?]
            }
        };
        Some(&self.persons[k].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn persons() -> Persons {
        Persons::new(vec![
            (2, "Sergey Lavrov".into(), Gender::Male),
            (10, "Angela Merkel".into(), Gender::Female),
            (20, "Kim Jones".into(), Gender::Unknown),
            (30, "John Kerry".into(), Gender::Male),
        ])
    }

    #[test]
    fn a_pronoun_takes_the_latest_person_of_a_compatible_gender_before_it() {
        let p = persons();
        assert_eq!(p.latest(15, Gender::Male), Some("Sergey Lavrov"));
        assert_eq!(p.latest(15, Gender::Female), Some("Angela Merkel"));
        assert_eq!(
            p.latest(25, Gender::Female),
            Some("Kim Jones"),
            "unknown fits"
        );
        assert_eq!(p.latest(35, Gender::Female), Some("Kim Jones"));
        assert_eq!(p.latest(35, Gender::Unknown), Some("John Kerry"));
    }

    #[test]
    fn nobody_before_the_first_person() {
        let p = persons();
        assert_eq!(p.latest(2, Gender::Male), None, "strictly before");
        assert_eq!(p.latest(0, Gender::Unknown), None);
        assert_eq!(Persons::default().latest(5, Gender::Female), None);
    }

    #[test]
    fn unknown_fits_either_side() {
        assert!(Gender::Unknown.fits(Gender::Male));
        assert!(Gender::Female.fits(Gender::Unknown));
        assert!(!Gender::Female.fits(Gender::Male));
    }
}
