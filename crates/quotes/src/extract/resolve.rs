//! Speaker resolution: mentions to canonical names (entities, pronouns, role nominals).

use super::*;
use newsnlp_coref::pronouns::Persons;

/// Resolves speaker mentions to canonical names: entities give their canonical name;
/// pronouns and definite role nominals (`the minister`) go to the most salient compatible
/// person — the subject of the nearest sentence before; other nominals name themselves.
pub(super) struct Resolver {
    /// Per sentence: the first person speaker (token, canonical, gender) once known.
    subjects: Vec<Option<(usize, String, Gender)>>,
    /// Per sentence: the first person entity outside quotations, not after a preposition.
    first_person: Vec<Option<(usize, String, Gender)>>,
    /// Person entities in text order, indexed by the pronouns that may name them.
    persons: Persons,
    /// The gender of the first person entity with each canonical name.
    gender_of: HashMap<String, Gender>,
    /// Organisations in text order: (token, canonical).
    orgs: Vec<(usize, String)>,
}

impl Resolver {
    pub(super) fn new(a: &Analysis) -> Resolver {
        let mut first_person: Vec<Option<(usize, String, Gender)>> =
            vec![None; a.spans.len().max(1)];
        let mut persons = Vec::new();
        let mut orgs = Vec::new();
        let mut seen_ent = 0u32;
        for i in 0..a.toks.len() {
            let e = a.ent_of[i];
            if e == 0 || e == seen_ent {
                continue;
            }
            seen_ent = e;
            let ent = &a.ents[e as usize - 1];
            match ent.label {
                EntityLabel::Per => {
                    let g = Resolver::gender(a, i, &ent.canonical);
                    persons.push((i, ent.canonical.clone(), g));
                    let s = a.sent_of[i];
                    // `at the Quai d'Orsay`, `with Smith`: a name inside a prepositional phrase.
                    let mut j = i;
                    while j > 0 && a.tags[j - 1] == Tag::Det && i - j < 2 {
                        j -= 1;
                    }
                    let after_prep = j > 0 && a.tags[j - 1] == Tag::Prep;
                    if !a.in_quote(i) && !after_prep {
                        if let Some(slot) = first_person.get_mut(s) {
                            if slot.is_none() {
                                *slot = Some((i, ent.canonical.clone(), g));
                            }
                        }
                    }
                }
                EntityLabel::Org => orgs.push((i, ent.canonical.clone())),
                _ => {}
            }
        }
        let mut gender_of = HashMap::default();
        for (_, name, g) in &persons {
            gender_of.entry(name.clone()).or_insert(*g);
        }
        Resolver {
            subjects: vec![None; a.spans.len().max(1)],
            first_person,
            persons: Persons::new(persons),
            gender_of,
            orgs,
        }
    }

    fn gender(a: &Analysis, i: usize, canonical: &str) -> Gender {
        if i > 0 {
            if let Tag::Title(g @ (Gender::Male | Gender::Female)) = a.tags[i - 1] {
                return g;
            }
        }
        let first = canonical
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        a.lx.first_name_gender(&first)
    }

    /// The most salient person before token `at` of the given gender: the subject of the
    /// nearest sentence (its first person, or its speaker if that came first), then any person.
    fn person(&self, a: &Analysis, at: usize, want: Gender) -> Option<String> {
        let s = a.sent_of[at];
        for back in 0..8 {
            let Some(si) = s.checked_sub(back) else { break };
            let mut cands: Vec<&(usize, String, Gender)> =
                [self.first_person.get(si), self.subjects.get(si)]
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter(|c| c.0 < at)
                    .collect();
            cands.sort_by_key(|c| c.0);
            if let Some(c) = cands.into_iter().find(|c| want.fits(c.2)) {
                return Some(c.1.clone());
            }
        }
        self.persons.latest(at, want).map(str::to_string)
    }

    pub(super) fn resolve(&mut self, a: &Analysis, s: usize, e: usize) -> Speaker {
        let span = a.span_of(s, e);
        // `the General Administration of Customs (GAC)`, `Rep. Gwen Moore (D-Wis.)`: the head is
        // before the parenthesis.
        if a.word(e) == ")" {
            if let Some(open) = (s + 1..e).rev().find(|&k| a.word(k) == "(") {
                let head = self.resolve(a, s, open - 1);
                return Speaker {
                    span,
                    canonical: head.canonical,
                };
            }
        }
        // `Robert Vance of the Ohio delegation`, `Joseph Biden Jr.`: a person before a
        // prepositional phrase or a generational suffix is the head.
        if a.ent_of[e] == 0 && e > s {
            let suffix = ["Jr.", "Jr", "Sr.", "Sr", "II", "III"].contains(&a.word(e));
            let head = if suffix {
                Some(e - 1)
            } else {
                (s + 1..e).find(|&k| a.tags[k] == Tag::Prep).map(|k| k - 1)
            };
            if let Some(h) = head.filter(|&h| a.is_person(h)) {
                let ent = &a.ents[a.ent_of[h] as usize - 1];
                return Speaker {
                    span,
                    canonical: Some(ent.canonical.clone()),
                };
            }
        }
        // An entity heading the phrase names the speaker.
        let head_ent = a.ent_of[e];
        if head_ent != 0 {
            let ent = &a.ents[head_ent as usize - 1];
            return Speaker {
                span,
                canonical: Some(ent.canonical.clone()),
            };
        }
        let canonical = match a.tags[e] {
            Tag::Pron(Pron::Person(g)) if s == e => self.person(a, s, g),
            Tag::Pron(Pron::Relative) if s == e => a
                .antecedent(s)
                .and_then(|(x, y)| (y < s).then(|| self.resolve(a, x, y).canonical))
                .flatten(),
            Tag::Pron(Pron::Group) if s == e => {
                let before = self.orgs.partition_point(|(i, _)| *i < s);
                before.checked_sub(1).map(|k| self.orgs[k].1.clone())
            }
            Tag::Pron(_) => None,
            Tag::Title(g) => {
                let definite = a.tags[s] == Tag::Det
                    && !matches!(
                        a.word(s).to_ascii_lowercase().as_str(),
                        "a" | "an"
                            | "one"
                            | "two"
                            | "three"
                            | "several"
                            | "many"
                            | "some"
                            | "other"
                            | "another"
                    )
                    || (s..e).any(|k| a.is_possessive(k));
                // `Carter's press secretary` names someone else's aide: keep the phrase.
                let owned_by_person = (s..e).any(|k| {
                    a.ent_of[k] != 0 && a.ents[a.ent_of[k] as usize - 1].label != EntityLabel::Loc
                });
                if definite && !owned_by_person && !a.word(e).ends_with('s') {
                    self.person(a, s, g)
                        .or_else(|| Some(a.text[span.range()].to_string()))
                } else {
                    Some(a.text[span.range()].to_string())
                }
            }
            _ => Some(a.text[span.range()].to_string()),
        };
        Speaker { span, canonical }
    }

    /// Records a resolved speaker as the subject of its sentence when it is a person.
    pub(super) fn note_speaker(&mut self, a: &Analysis, sp: &Speaker, at: usize) {
        let s = a.sent_of[at];
        let Some(name) = &sp.canonical else { return };
        if let Some(g) = self.gender_of.get(name) {
            if let Some(slot) = self.subjects.get_mut(s) {
                if slot.is_none() {
                    *slot = Some((at, name.clone(), *g));
                }
            }
        }
    }

    /// The subject of the sentence holding `at`, for `…, adding that …`.
    pub(super) fn sentence_subject(&mut self, a: &Analysis, at: usize) -> Option<Speaker> {
        let (s0, _) = a.sent_range(at);
        // A sentence opening with a noun phrase has it as its subject.
        let opens_with_np = a.tags[s0] == Tag::Det
            || a.personal_pronoun(s0)
            || (a.caps[s0] && a.tags[s0] == Tag::Other);
        if opens_with_np && !a.in_quote(s0) {
            // Not `A short time later, …`: a phrase set off by a comma opens the sentence only,
            // unless it ends in the one person it names (`Senate Leader Mitch Carver, R-Ky.,
            // delivered …`, not `Perez hammered Trump, calling …`).
            let person = |x: usize, y: usize| {
                a.is_person(y) && (x..=y).all(|k| !a.is_person(k) || a.ent_of[k] == a.ent_of[y])
            };
            let subject = a
                .np_right(s0, at.saturating_sub(1))
                .filter(|&(x, y)| y < at && (a.tags[y + 1] != Tag::Comma || person(x, y)))
                .map(|(x, y)| (x, a.before_verb(x, y)));
            if let Some((x, y)) = subject {
                // `Back in 1999, Mr. Trump …`, `A short time later, Ms. Abedin wrote back:`: a
                // phrase with no name in it, then a comma and a person (titles before the name
                // allowed), is an opening adverbial; the person is the subject.
                let nameless =
                    (x..=y).all(|k| a.ent_of[k] == 0 && !matches!(a.tags[k], Tag::Pron(_)));
                let person_after = nameless
                    .then(|| first_in(&a.commas, y + 1..at))
                    .flatten()
                    .and_then(|comma| {
                        let person = |k: usize| {
                            a.is_person(k) || matches!(a.tags[k], Tag::Pron(Pron::Person(_)))
                        };
                        let p = (comma + 1..at.min(comma + 4))
                            .take_while(|&k| a.caps[k] || person(k))
                            .find(|&k| person(k))?;
                        Self::first_name_or_pronoun(a, p, at)
                    });
                let (x, y) = person_after.unwrap_or((x, y));
                return Some(self.resolve(a, x, y));
            }
        }
        // `In a Fox interview later that day, Trump went further:` names the speaker after the
        // opening adverbial, not inside it; the adverbial is searched only when nothing follows.
        let start = s0.max(at.saturating_sub(MAX_CONTENT));
        let after_adverbial = matches!(a.tags[s0], Tag::Prep | Tag::Conj | Tag::Time)
            .then(|| first_in(&a.commas, s0 + 1..at))
            .flatten()
            .map(|comma| start.max(comma + 1));
        let (x, y) = after_adverbial
            .and_then(|from| Self::first_name_or_pronoun(a, from, at))
            .or_else(|| Self::first_name_or_pronoun(a, start, at))?;
        Some(self.resolve(a, x, y))
    }

    /// The first entity (all its tokens) or personal pronoun in `[from, at)` outside quotations.
    fn first_name_or_pronoun(a: &Analysis, from: usize, at: usize) -> Option<(usize, usize)> {
        let i = (from..at).find(|&i| {
            !a.in_quote(i)
                && (a.ent_of[i] != 0
                    || matches!(a.tags[i], Tag::Pron(Pron::Person(_) | Pron::Group)))
        })?;
        let mut e = i;
        while e + 1 < at && a.ent_of[i] != 0 && a.ent_of[e + 1] == a.ent_of[i] {
            e += 1;
        }
        Some((i, e))
    }
}
