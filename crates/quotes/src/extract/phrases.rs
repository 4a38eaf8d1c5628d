//! Noun phrases and subjects: walks of a few tokens left or right of a cue that find who
//! speaks (`the minister`, `Scott Pruitt, the attorney general, said`, `Lavrov, who said`).

use super::*;

impl<'a> Analysis<'a> {
    /// A noun phrase ending at token `end`, walking left; None if `end` cannot head one.
    /// A parenthesis closing the phrase (`Rep. Gwen Moore (D-Wis.)`) belongs to it.
    pub(super) fn np_left(&self, end: usize, floor: usize) -> Option<(usize, usize)> {
        self.np_left_at(end, floor, true)
    }

    /// [`Self::np_left`]; `with_pp` allows one prepositional extension (never nested, so the
    /// walk stays short on any input).
    pub(super) fn np_left_at(
        &self,
        end: usize,
        floor: usize,
        with_pp: bool,
    ) -> Option<(usize, usize)> {
        if end < floor || self.in_quote(end) {
            return None;
        }
        if self.word(end) == ")" {
            let open = (floor..end).rev().take(10).find(|&j| self.word(j) == "(")?;
            let (a, _) = self.np_left_at(open.checked_sub(1)?, floor, with_pp)?;
            return Some((a, end));
        }
        if let Tag::Pron(_) = self.tags[end] {
            return Some((end, end));
        }
        if !self.heads_np(end, floor) {
            return None;
        }
        let start = self.np_start(end, floor);
        if with_pp {
            if let Some(a) = self.np_before_pp(start, floor) {
                return Some((a, end));
            }
        }
        Some((start, end))
    }

    /// Token `end` (no pronoun) can be the last word of a noun phrase: a word, title, listener,
    /// cue noun or entity that is word-like, or a percent sign after a number (`26% say …`).
    fn heads_np(&self, end: usize, floor: usize) -> bool {
        match self.tags[end] {
            // `emphasizing why understanding …`: a question word heads no noun phrase.
            Tag::Other
                if ["why", "how", "where", "when"]
                    .iter()
                    .any(|w| self.is_lower(end, w)) =>
            {
                return false
            }
            Tag::Other | Tag::Title(_) | Tag::Listener | Tag::CueNoun => {}
            _ if self.ent_of[end] != 0 => {}
            _ => return false,
        }
        // `26% say …`: a percentage heads a noun phrase; a verb or an adverb by the `pos` layer
        // does not (`kept asking`, `has nevertheless called`).
        let percent = self.word(end) == "%" && end > floor && self.is_wordlike(end - 1);
        let verb_or_adverb = self.adverb(end)
            || self.finite_verb(end)
            || (!self.caps[end] && self.penn(end) == Some("VB"));
        (self.is_wordlike(end) && !verb_or_adverb) || percent
    }

    /// Where the noun phrase headed by `end` starts: the walk left over words, titles, one
    /// entity, possessives, `of` between capitals, up to a determiner, at most 12 tokens.
    fn np_start(&self, end: usize, floor: usize) -> usize {
        let mut start = end;
        let mut k = end;
        while k > floor && end - k < 12 {
            let j = k - 1;
            if self.in_quote(j) {
                break;
            }
            let ok = match self.tags[j] {
                _ if self.ent_of[j] != 0 && self.ent_of[j] == self.ent_of[k] => true,
                _ if self.is_possessive(j) => true,
                _ if self.hyphen_glued(j) => true,
                Tag::Det => {
                    start = j;
                    break;
                }
                Tag::Other | Tag::Title(_) | Tag::CueNoun => self.is_wordlike(j),
                Tag::Prep if self.is_lower(j, "of") => {
                    // `Secretary of State John Kerry`
                    j > floor && self.caps[j - 1] && self.caps[k]
                }
                Tag::Dash => self.word(j) == "-" && j > floor && self.is_wordlike(j - 1),
                _ => self.ent_of[j] != 0 && self.is_wordlike(j),
            };
            if !ok {
                break;
            }
            start = j;
            k = j;
        }
        // Do not start on a possessive marker or a joining word.
        while start < end && (self.is_possessive(start) || self.is_lower(start, "of")) {
            start += 1;
        }
        start
    }

    /// `Mr. Morgan of the Sierra Club`, `a narrator in the Clinton ad`: where the head noun
    /// phrase before a short prepositional phrase starting at `start` begins, when that phrase
    /// opens the clause.
    fn np_before_pp(&self, start: usize, floor: usize) -> Option<usize> {
        if start >= floor + 2 && self.tags[start - 1] == Tag::Prep {
            let p = start - 1;
            if self.is_class(p, Flags::PHRASE_PREPOSITION) {
                if let Some((a, _)) = self.np_left_at(p - 1, floor, false) {
                    let opens = a == floor
                        || matches!(self.tags[a - 1], Tag::Comma | Tag::Stop | Tag::Colon)
                        || self.is_close(a - 1);
                    if opens && (self.caps[a] || self.tags[a] == Tag::Det || self.ent_of[a] != 0) {
                        return Some(a);
                    }
                }
            }
        }
        None
    }

    /// A noun phrase starting at `start`, walking right up to `ceil` (inclusive).
    pub(super) fn np_right(&self, start: usize, ceil: usize) -> Option<(usize, usize)> {
        if start > ceil || self.in_quote(start) {
            return None;
        }
        match self.tags[start] {
            Tag::Pron(Pron::Relative) => return None,
            Tag::Pron(_) => return Some((start, start)),
            Tag::Det | Tag::Other | Tag::Title(_) | Tag::Listener => {}
            _ if self.ent_of[start] != 0 => {}
            _ => return None,
        }
        if !self.is_wordlike(start) {
            return None;
        }
        let mut end = start;
        let mut k = start;
        while k < ceil && k - start < 9 {
            let j = k + 1;
            if self.in_quote(j) {
                break;
            }
            let ok = match self.tags[j] {
                _ if self.ent_of[j] != 0 => self.is_wordlike(j) || self.ent_of[j] == self.ent_of[k],
                _ if self.is_possessive(j) => true,
                _ if self.hyphen_glued(k) => true,
                Tag::Other | Tag::Title(_) | Tag::CueNoun => {
                    self.is_wordlike(j) && !self.finite_verb(j)
                }
                // `the ruling`, `a report`: after a determiner a verb form is a noun.
                Tag::Verb(..) => self.tags[k] == Tag::Det,
                Tag::Prep if self.is_lower(j, "of") => {
                    j < ceil && (self.caps[j + 1] || self.tags[j + 1] == Tag::Det)
                }
                Tag::Det => self.is_lower(j, "the") && self.is_lower(k, "of"),
                _ => false,
            };
            if !ok {
                break;
            }
            end = j;
            k = j;
        }
        while end > start
            && (self.is_possessive(end) || self.is_lower(end, "of") || self.tags[end] == Tag::Det)
        {
            end -= 1;
        }
        Some((start, end))
    }

    /// Skips auxiliaries and adverbs leftwards from `i`; returns the first other token.
    pub(super) fn skip_aux_left(&self, mut i: usize, floor: usize) -> Option<usize> {
        loop {
            if i < floor {
                return None;
            }
            let skip = self.tags[i] == Tag::Aux
                || (self.is_lower(i, "as") && i > floor && self.is_lower(i - 1, "quoted"))
                || (self.tags[i] == Tag::Time && self.caps[i])
                || (self.word(i).ends_with("ly") && self.tags[i] == Tag::Other && !self.caps[i])
                || self.adverb(i);
            if !skip {
                return Some(i);
            }
            if i == 0 {
                return None;
            }
            i -= 1;
        }
    }

    /// A lowercase adverb outside the lexicon by the `pos` layer (`nevertheless`, `indeed`).
    fn adverb(&self, k: usize) -> bool {
        !self.caps[k]
            && self.tags[k] == Tag::Other
            && matches!(self.penn(k), Some("RB" | "RBR" | "RBS"))
    }

    /// A lowercase finite verb by the `pos` layer (`went`, `ends`, `will`): no noun phrase
    /// runs over it (`Democratic candidates went`). A capitalised word stays in a name, and a
    /// word right before another finite verb is a noun the tagger misread (`Clinton aides said`,
    /// `those surveyed said`).
    pub(super) fn finite_verb(&self, k: usize) -> bool {
        let finite = |j: usize| matches!(self.penn(j), Some("VBD" | "VBZ" | "VBP" | "MD"));
        let verb_next = k + 1 < self.tags.len()
            && (finite(k + 1) || matches!(self.tags[k + 1], Tag::Verb(_, _, Form::Finite)));
        !self.caps[k] && finite(k) && !verb_next
    }

    /// A lowercase past form (`interjected`, `shot`) that is no lexicon cue.
    pub(super) fn past_form(&self, k: usize) -> bool {
        let w = self.word(k);
        !self.caps[k]
            && self.tags[k] == Tag::Other
            && (w.ends_with("ed")
                || ["put", "sent", "shot", "took", "gave", "made", "wrote"].contains(&w))
    }

    /// `O'Malley interjected`, `he demurred`, `Abedin wrote back` ending at `k`: the subject
    /// (a name or a personal pronoun) of the past verb there.
    pub(super) fn subject_of_past_verb(&self, k: usize, s0: usize) -> Option<(usize, usize)> {
        let v = if ["back", "out", "in", "up"]
            .iter()
            .any(|w| self.is_lower(k, w))
        {
            k.checked_sub(1)?
        } else {
            k
        };
        if v <= s0 || !self.past_form(v) {
            return None;
        }
        let (a, b) = self.np_left(v - 1, s0)?;
        let named = matches!(self.tags[a], Tag::Pron(Pron::Person(_) | Pron::Group))
            || (a..=b).any(|j| self.ent_of[j] != 0);
        named.then_some((a, b))
    }

    /// The end of the noun phrase `[x, y]` before a verb the walk took in (`The town released`,
    /// `His office put out`): a lowercase past form after a word that is not a determiner
    /// (`the elected officials` keeps its adjective).
    pub(super) fn before_verb(&self, x: usize, y: usize) -> usize {
        (x + 1..=y)
            .find(|&k| self.past_form(k) && self.tags[k - 1] != Tag::Det)
            .map_or(y, |k| k - 1)
    }

    /// `Neil Sroka, director of the group - which has endorsed Sanders - said`: when the dash at
    /// `k` closes an aside opened by an earlier dash of the same kind in the sentence, the noun
    /// phrase before that opening dash (or the name before its apposition) is the subject.
    pub(super) fn dashed_aside_subject(&self, k: usize, s0: usize) -> Option<(usize, usize)> {
        let set_off =
            |d: usize| self.tags[d] == Tag::Dash && !self.in_quote(d) && !self.infix_hyphen(d);
        if !set_off(k) {
            return None;
        }
        let open = (s0 + 1..k)
            .rev()
            .take(40)
            .find(|&d| set_off(d) && self.word(d) == self.word(k))?;
        let before = open - 1;
        if self.tags[before] == Tag::Comma {
            return None;
        }
        let (a, b) = self.np_left(before, s0)?;
        // The phrase must open the sentence or follow an apposition comma (`Sroka, director of …`).
        if a == s0 {
            return Some((a, b));
        }
        (self.tags[a - 1] == Tag::Comma)
            .then(|| self.appositive_subject(a - 1, s0))
            .flatten()
            .or(None)
    }

    /// The noun phrase a relative pronoun at `k` refers to (`Lavrov, who`), if any.
    pub(super) fn antecedent(&self, k: usize) -> Option<(usize, usize)> {
        let (s0, _) = self.sent_range(k);
        if k >= s0 + 2 && self.tags[k - 1] == Tag::Comma {
            self.np_left(k - 2, s0)
        } else {
            None
        }
    }

    /// `Sanders’ campaign manager` (from `inner` up to the comma `k`): a name in the possessive,
    /// then a lowercase role, as an apposition describes someone.
    fn possessive_role(&self, inner: usize, k: usize) -> bool {
        let Some(p) = (inner + 1..k.min(inner + 4)).find(|&x| self.is_possessive(x)) else {
            return false;
        };
        (inner..p).all(|x| self.caps[x])
            && p + 1 < k
            && k - p <= 5
            && (p + 1..k).all(|x| !self.caps[x] && self.is_wordlike(x))
    }

    /// `Scott Pruitt, the attorney general of Oklahoma, said`: the name before an apposition
    /// that ends at the comma `k`.
    pub(super) fn appositive_subject(&self, k: usize, s0: usize) -> Option<(usize, usize)> {
        // `Clinton, during a town hall in Columbus, Ohio, said`: a name opening the sentence,
        // then everything up to the cue's comma set off, is the subject.
        if let Some((a, b)) = self
            .np_right(s0, k)
            .filter(|&(_, b)| b + 1 < k && self.tags[b + 1] == Tag::Comma)
        {
            if (a..=b).any(|x| self.is_person(x)) {
                return Some((a, b));
            }
        }
        let mut j = k;
        while j > s0 && k - j < 24 {
            j -= 1;
            if self.in_quote(j) || self.tags[j] == Tag::Stop {
                return None;
            }
            if self.tags[j] == Tag::Comma {
                let inner = j + 1;
                let described = matches!(
                    self.tags[inner],
                    Tag::Det | Tag::Title(_) | Tag::Prep | Tag::Pron(Pron::Relative)
                ) || self.word(inner).chars().all(|c| c.is_ascii_digit())
                    || self.possessive_role(inner, k)
                    || (k - inner <= 5
                        && self.caps[inner]
                        && (inner..k).all(|x| self.caps[x] || !self.is_wordlike(x)));
                if !described || j == s0 {
                    return None;
                }
                // `Russia's envoy to France, Ivan Petrov, said`: a name set off after the subject
                // is the speaker (never the place in the subject's prepositional phrase).
                if self.caps[inner] && k - inner <= 5 && self.is_person(k - 1) {
                    let mut a = k - 1;
                    while a > inner && self.ent_of[a - 1] == self.ent_of[k - 1] {
                        a -= 1;
                    }
                    return Some((a, k - 1));
                }
                let mut e = j - 1;
                if self.word(e) == ")" {
                    while e > s0 && self.word(e) != "(" {
                        e -= 1;
                    }
                    e = e.checked_sub(1)?;
                }
                let (a, b) = self.np_left(e, s0)?;
                let named = (a..=b).any(|x| self.ent_of[x] != 0 || self.caps[x]);
                return named.then_some((a, b));
            }
        }
        None
    }
}
