//! Clauses and contents: where what was said starts and ends around a cue, and whether a
//! span is a statement at all (`late Thursday` is not).

use super::*;

impl<'a> Analysis<'a> {
    /// Skips a listener, time words and short prepositional adjuncts after a cue:
    /// returns where the content may start.
    pub(super) fn skip_after_cue(&self, mut i: usize, end: usize, class: VerbClass) -> usize {
        if class == VerbClass::Tell && i <= end {
            if let Some((_, e)) = self.np_right(i, end) {
                i = e + 1;
            }
        } else if i <= end && self.tags[i] == Tag::Listener {
            i += 1;
        }
        let mut guard = 0;
        while i <= end && guard < 4 {
            guard += 1;
            match self.tags[i] {
                Tag::Time => i += 1,
                // `likened the rules to …`: judging verbs take no adjunct before their object.
                Tag::Prep if !self.is_lower(i, "of") && class != VerbClass::Object => {
                    // A short adjunct that ends at a comma, `that` or a colon.
                    let mut j = i + 1;
                    let mut found = None;
                    while j <= end && j - i < 8 {
                        match self.tags[j] {
                            Tag::That | Tag::Comma | Tag::Colon => {
                                found = Some(j);
                                break;
                            }
                            Tag::Stop | Tag::Verb(..) => break,
                            _ => j += 1,
                        }
                    }
                    // `said after the convention he would …`: the clause starts at the pronoun.
                    let plain = self.is_class(i, Flags::CLAUSE_PREPOSITION);
                    let found = found.or_else(|| {
                        (i + 1..=end.min(i + 6))
                            .find(|&j| self.personal_pronoun(j))
                            .filter(|_| plain)
                    });
                    match found {
                        Some(j) => i = j,
                        None => break,
                    }
                }
                _ => break,
            }
        }
        while i <= end && matches!(self.tags[i], Tag::Comma | Tag::Colon) {
            i += 1;
        }
        i
    }

    /// The end of a content starting at `c0` within a sentence ending at `s1`: the sentence end,
    /// a semicolon, or a comma before `but`/`according to`/an `-ing` cue; quotations that start
    /// inside are kept whole.
    pub(super) fn content_end(&self, c0: usize, s1: usize) -> usize {
        // No statement runs for hundreds of tokens: that is a sentence the splitter missed.
        let mut e = s1.min(c0 + MAX_CONTENT);
        let mut i = c0;
        while i <= e {
            if let Some(c) = self.chain_opening_at(i) {
                let ce = self.chains[c].end_token();
                e = e.max(ce);
                // `promising lower taxes and “jobs, jobs,” but he …`: the comma inside the marks
                // ends the content as one outside would.
                let comma_inside = self.chains[c]
                    .regions
                    .last()
                    .is_some_and(|r| self.tags[r.last] == Tag::Comma);
                let after = self.tags.get(ce + 1).copied().unwrap_or(Tag::Stop);
                if comma_inside
                    && ce < e
                    && (matches!(after, Tag::According | Tag::Verb(_, _, Form::Ing))
                        || (after == Tag::Conj && self.contrastive(ce + 1))
                        || self.attribution_at(ce + 1, e))
                {
                    return ce;
                }
                i = ce + 1;
                continue;
            }
            if self.stops_content(i, c0, e) {
                return i.saturating_sub(1).max(c0);
            }
            i += 1;
        }
        e
    }

    /// True when an attribution clause of its own starts at `i` (up to `e`): `he said`,
    /// `Lewandowski added`, `said Trump`. After `that “…,”` it reports the quotation, so the
    /// content before it ends at the closing mark (`Ayrault added that “the time is now,” he
    /// said.`).
    fn attribution_at(&self, i: usize, e: usize) -> bool {
        let finite = |k: usize| k <= e && matches!(self.tags[k], Tag::Verb(_, _, Form::Finite));
        match self.np_right(i, e) {
            // `he has also said`
            Some((_, y)) => finite(
                (y + 1..=e)
                    .find(|&k| self.tags[k] != Tag::Aux)
                    .unwrap_or(e + 1),
            ),
            None => finite(i) && self.np_right(i + 1, e).is_some(),
        }
    }

    /// The content that starts at `c0` and may run to `e` ends before token `i` (outside any
    /// quotation): a stop, a comma or dash before a new clause, a colon before a quotation, or a
    /// conjunction before a second predicate.
    fn stops_content(&self, i: usize, c0: usize, e: usize) -> bool {
        let next = self.tags.get(i + 1).copied().unwrap_or(Tag::Stop);
        match self.tags[i] {
            Tag::Stop => i > c0,
            Tag::Comma if i < e && i > 0 && self.tags[i - 1] != Tag::That => {
                self.comma_stops_content(i, e, next)
            }
            Tag::Dash if i < e && i > c0 => matches!(next, Tag::Conj | Tag::Pron(_)),
            // `… he didn't think it would last: “Once …”`: the quotation is its own statement.
            Tag::Colon if i > c0 => self.chain_opening_at(i + 1).is_some(),
            // `… that X was “a con” and encouraged Americans to …`: a second predicate of
            // the reporting clause.
            Tag::Conj
                if i > c0
                    && (self.is_lower(i, "and")
                        || self.is_lower(i, "but")
                        || self.is_lower(i, "while")) =>
            {
                self.second_predicate(i, e)
            }
            _ => false,
        }
    }

    /// The comma at `i` (before a token tagged `next`) ends a content that may run to `e`: a
    /// cue, `according to`, a contrastive conjunction, `, and` with a new subject, or an `-ing`
    /// clause follows.
    fn comma_stops_content(&self, i: usize, e: usize, next: Tag) -> bool {
        matches!(next, Tag::According | Tag::Verb(..))
            || (next == Tag::Conj && self.contrastive(i + 1))
            || (self.is_lower(i + 1, "and") && matches!(self.tags.get(i + 2), Some(Tag::Conj | Tag::Prep)))
            // `…, and the union also stepped in`: a new subject after `, and`.
            || (self.is_lower(i + 1, "and")
                && i + 2 <= e
                && (self.tags[i + 2] == Tag::Det || self.personal_pronoun(i + 2) || self.caps[i + 2]))
            || (!self.caps[i + 1]
                && self.word(i + 1).ends_with("ing")
                && self.tags[i + 1] == Tag::Other
                && !self.is_lower(i + 1, "including"))
    }

    /// After the conjunction at `i`, up to `e`: a second predicate of the reporting clause, or
    /// a new clause with its own subject and finite verb.
    fn second_predicate(&self, i: usize, e: usize) -> bool {
        let mut j = i + 1;
        while j < e && self.tags[j] == Tag::Aux {
            j += 1;
        }
        let predicate = |j: usize| {
            j <= e
                && !self.in_quote(j)
                && !self.caps[j]
                && (matches!(self.tags[j], Tag::Verb(..))
                    || (self.word(j).ends_with("ed") && self.tags[j] == Tag::Other))
        };
        // `… and Democrats accused …`: a new subject with its own reporting verb.
        let new_clause = j <= e
            && (self.caps[j]
                || matches!(self.tags[j], Tag::Pron(_) | Tag::Det)
                || self.word(j).starts_with(|c: char| c.is_ascii_digit()))
            // (`and the public to think …` is an infinitive, not a new clause)
            && (j + 1..=(j + 4).min(e))
                .any(|k| matches!(self.tags[k], Tag::Verb(_, _, Form::Finite)) && !self.in_quote(k) && !self.is_lower(k - 1, "to"));
        predicate(j) || new_clause
    }

    /// The last token a search for where a content starting at `c0` stops needs to look at:
    /// [`Self::content_end`] never goes past `c0 + MAX_CONTENT`, so a stopping point further on
    /// (the two tokens of slack allow for the preposition trimmed before one) changes nothing,
    /// and a cue in a sentence of a million tokens does not scan all of it.
    pub(super) fn reach(&self, c0: usize, s1: usize) -> usize {
        s1.min(c0 + MAX_CONTENT + 2)
    }

    /// Conjunctions that, after a comma, start a new thought rather than continue the statement.
    pub(super) fn contrastive(&self, i: usize) -> bool {
        self.is_class(i, Flags::CONTRASTIVE)
    }

    /// Trims trailing punctuation and closing marks that do not belong to a quotation.
    pub(super) fn trim(&self, a: usize, mut b: usize) -> (usize, usize) {
        while b > a
            && matches!(
                self.tags[b],
                Tag::Stop | Tag::Comma | Tag::Colon | Tag::Dash
            )
        {
            b -= 1;
        }
        (a, b)
    }

    pub(super) fn kind_of(&self, a: usize, b: usize) -> QuoteKind {
        if (a..=b).any(|i| self.in_quote(i)) {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        }
    }

    /// Takes tokens `[a, b]` as one content: the quotations inside are used up, and the content
    /// is mixed when it holds one, indirect otherwise.
    pub(super) fn claim_tokens(&mut self, a: usize, b: usize) -> (Content, QuoteKind) {
        self.mark_used(a, b);
        (Content::Tokens(a, b), self.kind_of(a, b))
    }

    pub(super) fn mark_used(&mut self, a: usize, b: usize) {
        for i in a..=b {
            let c = self.chain_of.get(i).copied().unwrap_or(0);
            if c != 0 {
                self.used[c as usize - 1] = true;
            }
        }
    }

    /// When the content `[c0, e]` is exactly one quotation, that chain.
    pub(super) fn whole_chain(&self, c0: usize, e: usize) -> Option<usize> {
        let c = self.chain_opening_at(c0)?;
        let ce = self.chains[c].end_token();
        ((ce + 1..=e).all(|i| matches!(self.tags.get(i), Some(Tag::Stop | Tag::Comma))))
            .then_some(c)
    }

    /// A content to the right of a cue: direct when it is one quotation, mixed or indirect else.
    pub(super) fn right_content(
        &mut self,
        c0: usize,
        s1: usize,
        min_len: usize,
    ) -> Option<(Content, QuoteKind)> {
        if c0 > s1 || matches!(self.tags[c0], Tag::Stop) {
            return None;
        }
        let e = self.content_end(c0, s1);
        if let Some(c) = self.whole_chain(c0, e) {
            self.used[c] = true;
            return Some((Content::Chain(c), QuoteKind::Direct));
        }
        // `chanted “What curfew?” and kept going`, `saying, “…,” when …`: a content opening
        // with a quotation is that quotation unless the clause runs on through it.
        if let Some(c) = self.chain_opening_at(c0) {
            let after = self.chains[c].end_token() + 1;
            // `“…,” presumably meaning …`: a quotation closing on a comma ends the statement.
            let comma_inside = self.chains[c]
                .regions
                .last()
                .is_some_and(|r| self.tags[r.last] == Tag::Comma);
            let ends = after > e
                || comma_inside
                || matches!(
                    self.tags[after],
                    Tag::Stop | Tag::Comma | Tag::Conj | Tag::Dash | Tag::Time
                )
                || (self.tags[after] == Tag::Prep && !self.is_lower(after, "of"));
            if ends {
                self.used[c] = true;
                return Some((Content::Chain(c), QuoteKind::Direct));
            }
        }
        let (a, b) = self.trim(c0, e);
        if b + 1 - a < min_len {
            return None;
        }
        Some(self.claim_tokens(a, b))
    }

    /// A content to the left of a cue clause whose left boundary is `lb` (the comma or the
    /// closing mark before it).
    pub(super) fn left_content(
        &mut self,
        lb: usize,
        s0: usize,
        strict: bool,
    ) -> Option<(Content, QuoteKind)> {
        let mut t = lb;
        if self.tags[t] == Tag::Comma && t > 0 && self.chain_ending_at(t - 1).is_some() {
            t -= 1;
        }
        if let Some(c) = self.chain_ending_at(t) {
            // `Details aside, her plan sends a message that ''…,'' he said`: the report around
            // the quotation is the statement (mixed), unless the quotation opens the sentence.
            let open = self.chains[c].open();
            let reported = open > s0 + 2 && self.tags[open - 1] != Tag::Colon && !self.in_quote(s0);
            if !reported {
                self.used[c] = true;
                return Some((Content::Chain(c), QuoteKind::Direct));
            }
        }
        if lb <= s0 {
            return None;
        }
        let mut a = s0.max(lb.saturating_sub(MAX_CONTENT));
        // A quotation spanning the sentence start belongs to that quotation.
        if let Some(c) = self.chain_of.get(a).copied().filter(|&c| c != 0) {
            a = a.min(self.chains[c as usize - 1].open());
        }
        let (a, b) = self.trim(a, lb - 1);
        if b < a || b + 1 - a < 3 {
            return None;
        }
        // `In June, the senator called on …`: an opening adverbial is not a statement (checked
        // when the cue has words after it that could be its object instead). A string of them
        // (`Friday morning, as the parade rolled by, CNN reported …`) is not one either.
        if strict && self.adverbials_only(a, b) {
            return None;
        }
        Some(self.claim_tokens(a, b))
    }

    /// True when `[a, b]` is one or more comma-separated adverbials and no clause: the first
    /// opens with a preposition, time word, auxiliary, conjunction, participle (`Steering clear
    /// of …`) or sentence adverb (`Still`, `Later in the show`), each further one with a
    /// preposition, time word, subordinator (`as the parade rolled by`) or participle.
    pub(super) fn adverbials_only(&self, a: usize, b: usize) -> bool {
        let participle = |k: usize| self.tags[k] == Tag::Other && self.word(k).ends_with("ing");
        let sentence_adverb = |k: usize| self.is_class(k, Flags::SENTENCE_ADVERB);
        let opens_first = |k: usize| {
            matches!(self.tags[k], Tag::Prep | Tag::Time | Tag::Aux | Tag::Conj)
                || participle(k)
                || sentence_adverb(k)
        };
        let opens_more = |k: usize| {
            matches!(self.tags[k], Tag::Prep | Tag::Time)
                || participle(k)
                || (self.tags[k] == Tag::Conj
                    && !["and", "but", "or", "so"]
                        .iter()
                        .any(|w| self.is_lower(k, w)))
        };
        if !opens_first(a) {
            return false;
        }
        let mut k = a;
        // `Meanwhile, Russia is …`: the comma after a sentence adverb ends it, whatever follows.
        if sentence_adverb(a) && a < b && self.tags[a + 1] == Tag::Comma {
            if !opens_more(a + 2) {
                return false;
            }
            k = a + 2;
        }
        while let Some(comma) =
            (k..=b).find(|&j| self.tags[j] == Tag::Comma && !self.aside_comma(j))
        {
            // One comma-less adverbial used to be the whole test; a second piece must be one too.
            if comma + 1 > b || !opens_more(comma + 1) {
                return false;
            }
            k = comma + 1;
        }
        true
    }

    /// True when a time or manner adjunct starts at `k`: `on Tuesday`, `Saturday`, `last
    /// week`, `after the debate`, `during a rally`, `directly`.
    pub(super) fn adjunct_start(&self, k: usize) -> bool {
        const SPANS: &[&str] = &["week", "month", "year", "night", "weekend"];
        let n = self.toks.len();
        let is = |j: usize, words: &[&str]| j < n && words.iter().any(|w| self.is_lower(j, w));
        // `Saturday's debate`, `this week's vote` name a thing, not a time.
        let free = |j: usize| j + 1 >= n || !self.is_possessive(j + 1);
        let day = |j: usize| j < n && is_day_flags(self.flags_of(j)) && free(j);
        // `last week`, but not `in the last year`.
        let deictic = |j: usize| {
            is(j, &["last", "this", "next"])
                && (j == 0 || self.tags[j - 1] != Tag::Det)
                && (day(j + 1) || (is(j + 1, SPANS) && free(j + 1)))
        };
        is(
            k,
            &[
                "after", "during", "following", "directly", "before", "since",
            ],
        ) || day(k)
            || deictic(k)
            || (is(k, &["on", "early", "late"]) && (day(k + 1) || deictic(k + 1)))
    }

    /// A comma inside an adverbial that does not end it: before a place or name (`in Raleigh,
    /// North Carolina`) or a sentence adverb (`At the same time, though`).
    pub(super) fn aside_comma(&self, k: usize) -> bool {
        self.caps.get(k + 1).copied().unwrap_or(false)
            || ["however", "though", "meanwhile", "too", "often"]
                .iter()
                .any(|w| self.is_lower(k + 1, w))
    }

    /// `late Thursday`, `In a speech last July`, `earlier this week`: a short time or place
    /// phrase with no clause in it is the cue's adjunct, never what was said.
    pub(super) fn adjunct_only(&self, a: usize, b: usize) -> bool {
        let a = if self.word(a) == "(" { a + 1 } else { a };
        let opens = (matches!(self.tags.get(a), Some(Tag::Prep | Tag::Time))
            && !self.is_lower(a, "to"))
            || ["just", "back", "late", "earlier", "later"]
                .iter()
                .any(|w| self.is_lower(a, w));
        opens
            && b >= a
            && b - a < 7
            && (a..=b).all(|k| {
                matches!(
                    self.tags[k],
                    Tag::Other | Tag::Prep | Tag::Time | Tag::Det | Tag::Aux
                ) && !self.in_quote(k)
                    && !self.word(k).ends_with("ing")
            })
    }

    /// True when a clause with its own subject starts at `c0` (`he would go`, `the plan will
    /// fail`): a subject pronoun, or a finite auxiliary within a few words before any comma.
    pub(super) fn clause_at(&self, c0: usize, s1: usize) -> bool {
        if matches!(self.tags[c0], Tag::Pron(Pron::Person(_) | Pron::Speaker))
            || self.is_lower(c0, "they")
        {
            return true;
        }
        (c0 + 1..=s1.min(c0 + 6))
            .take_while(|&k| {
                !matches!(self.tags[k], Tag::Comma | Tag::Stop | Tag::Colon) && !self.in_quote(k)
            })
            .any(|k| self.is_class(k, Flags::FINITE_AUXILIARY))
    }
}
