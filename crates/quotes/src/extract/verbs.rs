//! Reporting verbs as cues: after the `not_cues` patterns have let the verb through, its
//! subject (left, inverted on the right, or the clause's) and its content (left, right, or the
//! whole sentence around a parenthetical cue).

use super::*;

/// A reporting verb the `not_cues` patterns let through: its tokens and lexicon entry.
#[derive(Debug, Clone, Copy)]
struct Verb {
    i: usize,
    /// The last cue token (the verb, or its particle: `pointed out`).
    ce: usize,
    s0: usize,
    s1: usize,
    class: VerbClass,
    form: Form,
}

/// Who a verb cue names, and where its clause and its content may start.
#[derive(Debug, Clone, Copy)]
struct Subject {
    who: Who,
    /// The comma or closing mark that opens the cue's clause on the left.
    lb: Option<usize>,
    /// The last comma before `and said`, where the clause of `…, I laughed and said` starts.
    clause_comma: Option<usize>,
    /// The splitter ended the sentence at a closing mark before the cue (`“…?” / Clinton said.`).
    cross: bool,
    /// The speaker stands right of the cue (`said Lavrov`).
    inverted: bool,
    /// The first token after the cue and an inverted speaker.
    after: usize,
}

impl<'a> Analysis<'a> {
    /// The attribution a reporting verb at `i` makes, if it is a cue here: the `not_cues`
    /// patterns first, then its subject, then its content on the right, the left or around it.
    pub(super) fn verb_cue(
        &mut self,
        i: usize,
        lemma: u16,
        class: VerbClass,
        form: Form,
    ) -> Option<Vec<Found>> {
        let (s0, s1) = self.sent_range(i);
        if let Some(rule) = self.not_a_cue(i) {
            self.note_rejected(i, rule);
            return None;
        }
        let Some(ce) = self.cue_end(i, lemma, s1) else {
            self.note_rejected(i, "missing_particle");
            return None;
        };
        let v = Verb {
            i,
            ce,
            s0,
            s1,
            class,
            form,
        };
        let Some(sub) = self.verb_subject(&v) else {
            self.note_rejected(i, "no_subject");
            return None;
        };
        let who = sub.who;
        let c0 = self.skip_after_cue(sub.after, s1, class);
        if let Some(found) = self.colon_then_quotation(&v, &sub, c0) {
            return Some(found);
        }
        let nothing_right = self.nothing_right(c0, s1);
        let speech = matches!(class, VerbClass::Speech | VerbClass::Tell);
        let closes_sentence = nothing_right || (speech && self.adjunct_to_end(c0, s1));
        if closes_sentence && sub.lb.is_none() && form == Form::Finite {
            if let Some(found) = self.quotation_after(&v, who) {
                return Some(vec![found]);
            }
        }
        let right_signal = !nothing_right
            && (self.tags[c0] == Tag::That
                || self.chain_opening_at(c0).is_some()
                || (c0 > 0 && self.tags[c0 - 1] == Tag::Colon));
        let site = CueSite {
            cue: (i, ce),
            c0,
            s1,
            class,
            lemma,
            who,
            lb: sub.lb,
            right_signal,
        };
        if form == Form::Finite && sub.lb.is_some() {
            if let Some(found) = self.content_left_of_verb(&v, &sub, site, nothing_right) {
                return found;
            }
        }
        if nothing_right {
            self.note_rejected(i, "nothing_said");
            return None;
        }
        self.verb_right(CueSite {
            lb: sub.lb.or(sub.clause_comma),
            ..site
        })
    }

    /// True when nothing is said right of a cue whose content would start at `c0`: the sentence
    /// ends, or only an aside in parentheses follows (`said Mr. Burman (a view echoed by all).`).
    fn nothing_right(&self, c0: usize, s1: usize) -> bool {
        let aside = c0 <= s1
            && self.word(c0) == "("
            && first_in(&self.close_parens, c0..s1 + 1)
                .is_some_and(|k| k == s1 || self.tags[k + 1] == Tag::Stop);
        c0 > s1 || matches!(self.tags[c0], Tag::Stop) || aside
    }

    /// True when what follows the cue up to the sentence's end (`s1`, a full stop) is a short
    /// phrase of place, time or medium with no verb, number, clause or quotation in it: `said in
    /// a statement.`, `told reporters on Tuesday.` (not `estimated at 3,000 people.`). The cue
    /// then closes its sentence.
    fn adjunct_to_end(&self, c0: usize, s1: usize) -> bool {
        c0 < s1
            && s1 - c0 <= 8
            && self.is_class(c0, Flags::CLAUSE_PREPOSITION)
            && self.tags[s1] == Tag::Stop
            && (c0..s1).all(|k| {
                !matches!(
                    self.tags[k],
                    Tag::Verb(..) | Tag::That | Tag::Comma | Tag::Colon
                ) && !self.in_quote(k)
                    && !self
                        .penn(k)
                        .is_some_and(|t| t.starts_with("VB") || t == "MD" || t == "CD")
            })
    }

    /// `Dianne Bystrom agreed. “Mainstream Republicans are …”`: a named speaker's cue closing
    /// its sentence reports the quotation opening the next one in the paragraph.
    fn quotation_after(&mut self, v: &Verb, who: Who) -> Option<Found> {
        let next = v.s1 + 1;
        let c = self.chain_opening_at(next).filter(|&c| {
            matches!(who, Who::Mention(..))
                && !self.used[c]
                && self.para_of[next] == self.para_of[v.s1]
                && !self.attributed_after(self.chains[c].end_token())
        })?;
        self.used[c] = true;
        Some(Found::quotation(
            c,
            Some((v.i, v.ce)),
            who,
            "cue_then_quotation",
        ))
    }

    /// True when a reporting verb follows the quotation ending at `end` within a few words of
    /// its sentence (`“…,” he said`, `“…,” said Cruz`): that cue, not an earlier one, reports it.
    fn attributed_after(&self, end: usize) -> bool {
        (end + 1..self.tags.len())
            .take(4)
            .take_while(|&k| self.tags[k] != Tag::Stop && !self.in_quote(k))
            .any(|k| {
                matches!(
                    self.tags[k],
                    Tag::Verb(_, VerbClass::Speech | VerbClass::Tell, Form::Finite)
                )
            })
    }

    /// The last token of the cue at `i`: its particle when the verb takes one (`pointed out`;
    /// None when a required particle is missing), else the verb.
    fn cue_end(&self, i: usize, lemma: u16, s1: usize) -> Option<usize> {
        if let Some(ps) = self.lx.particle(lemma) {
            return (i < s1 && ps.iter().any(|p| self.is_lower(i + 1, p))).then_some(i + 1);
        }
        let optional = i < s1 && self.lx.optional_particle(lemma, self.word(i + 1));
        Some(if optional { i + 1 } else { i })
    }

    /// Who a verb cue names: its subject on the left, an inverted one on the right, or the
    /// name opening the sentence; None when nobody is found (the verb then reports nothing).
    fn verb_subject(&self, v: &Verb) -> Option<Subject> {
        let Verb { i, ce, s0, s1, .. } = *v;
        let mut left = if i > s0 {
            self.skip_aux_left(i - 1, s0)
        } else {
            None
        };
        // `Sen. Ron Johnson kept asking her …`: the subject of a finite verb that governs the
        // participle (by the `pos` layer).
        if let Some(k) = left.filter(|&k| v.form == Form::Ing && k > s0 && self.finite_verb(k)) {
            left = self.skip_aux_left(k - 1, s0);
        }
        let (mut who, mut lb, clause_comma) =
            left.map_or((Who::None, None, None), |k| self.left_subject(v, k));
        // `“…?” / Clinton said.`: the splitter ended the sentence at the closing mark. After a
        // full stop inside the marks, only a bare `Trump said.` still reports it: `“….” She
        // also said, …` opens a new statement.
        let bare_cue = ce + 1 == s1 && self.tags[s1] == Tag::Stop;
        let prev_close = s0 > 1
            && self.is_close(s0 - 1)
            && self.sent_of[s0 - 1] != self.sent_of[s0]
            && (self.word(s0 - 2) != "." || bare_cue);
        let mut cross = false;
        if lb.is_none() && prev_close && self.para_of[s0 - 1] == self.para_of[s0] {
            cross = match who {
                Who::Mention(a, _) => a == s0,
                Who::None => i == s0,
                _ => false,
            };
            if cross {
                lb = Some(s0 - 1);
            }
        }
        // Inverted subject: `…," said Lavrov.`
        let mut after = ce + 1;
        let mut inverted = false;
        if who == Who::None
            && lb.is_some()
            && v.form == Form::Finite
            && v.class != VerbClass::Object
        {
            if let Some((a, b, end)) = self.inverted_subject(ce, s1) {
                who = Who::Mention(a, b);
                inverted = true;
                after = end;
            }
        }
        let comma_before = lb.filter(|&k| self.tags[k] == Tag::Comma && k > s0);
        if let (Who::None, Some(k)) = (who, comma_before) {
            if let Some(opening) = self.opening_subject(v, k) {
                let (a, b) = opening?;
                who = Who::Mention(a, b);
                lb = None;
            }
        }
        (who != Who::None).then_some(Subject {
            who,
            lb,
            clause_comma,
            cross,
            inverted,
            after,
        })
    }

    /// The subject left of a verb cue whose nearest word before it (auxiliaries skipped) is
    /// `k`: (who, the comma or mark opening its clause, the comma before `and said`).
    fn left_subject(&self, v: &Verb, k: usize) -> (Who, Option<usize>, Option<usize>) {
        let Verb {
            s0, class, form, ..
        } = *v;
        let mut who = Who::None;
        let mut lb = None;
        let mut clause_comma = None;
        let before_np = |this: &Self, a: usize| {
            (a > s0 && (matches!(this.tags[a - 1], Tag::Comma | Tag::Dash) || this.is_close(a - 1)))
                .then(|| a - 1)
        };
        if let Tag::Pron(Pron::Relative) = self.tags[k] {
            // `Lavrov, who said …`: the mention is `who`, resolved to the phrase before it.
            if self.antecedent(k).is_some() {
                who = Who::Mention(k, k);
            }
        } else if let Some((a, b)) = self.np_left(k, s0) {
            let (a, b) = self.subject_before_relative(a, s0).unwrap_or((a, b));
            let (a, who_np) = self.phrase_subject(a, b, s0, form);
            who = who_np;
            lb = before_np(self, a);
        } else if self.tags[k] == Tag::Comma && form == Form::Finite {
            if let Some((a, b)) = self.appositive_subject(k, s0) {
                who = Who::Mention(a, b);
                lb = before_np(self, a);
            } else {
                lb = Some(k);
            }
        } else if let Some((a, b)) = self.dashed_aside_subject(k, s0) {
            // `Many speakers — including Muslims, Christians and Jews — said …`
            who = Who::Mention(a, b);
            lb = before_np(self, a);
        } else if matches!(self.tags[k], Tag::Comma | Tag::Dash) || self.is_close(k) {
            lb = Some(k);
            if form == Form::Ing {
                who = Who::Clause;
            }
        } else if form == Form::Ing
            && self.tags[k] == Tag::Prep
            && !self.is_lower(k, "without")
            && matches!(class, VerbClass::Speech | VerbClass::Tell)
        {
            // `began by saying …`, `after saying …`: the clause's subject says it.
            who = Who::Clause;
        } else if self.tags[k] == Tag::Conj && (self.is_lower(k, "and") || self.is_lower(k, "but"))
        {
            who = Who::Clause;
            // `…, I laughed and said …`: the clause starts after the last comma, and its
            // subject opens it.
            clause_comma = last_in(&self.commas, s0..k);
            let subject_at = clause_comma.map_or(s0, |c| c + 1);
            if let Some((a, b)) = self.np_right(subject_at, k) {
                if matches!(self.tags[a], Tag::Pron(_)) || self.ent_of[a] != 0 || self.caps[a] {
                    who = Who::Mention(a, b);
                }
            }
        } else if self.finite_verb(k) || self.penn(k) == Some("VB") {
            // `he continued to express doubts`: a verb governs the cue; the clause's subject
            // speaks.
            who = Who::Clause;
        }
        (who, lb, clause_comma)
    }

    /// `officials who spoke with The Post said`, `groups that have endorsed him say`: when the
    /// phrase starting at `a` closes a relative clause (a verb of it between), the phrase the
    /// clause describes is the subject.
    fn subject_before_relative(&self, a: usize, s0: usize) -> Option<(usize, usize)> {
        // Only an object closes the clause: the phrase follows a verb or a preposition.
        let object = a > s0
            && (self.tags[a - 1] == Tag::Prep
                || matches!(self.tags[a - 1], Tag::Verb(..))
                || self.penn(a - 1).is_some_and(|t| t.starts_with("VB")));
        if !object {
            return None;
        }
        let r = (s0 + 1..a)
            .rev()
            .take(8)
            .take_while(|&j| {
                !matches!(self.tags[j], Tag::Comma | Tag::Colon | Tag::Stop) && !self.in_quote(j)
            })
            .find(|&j| self.is_lower(j, "who") || self.is_lower(j, "that"))?;
        let verb = (r + 1..a)
            .any(|j| self.finite_verb(j) || matches!(self.tags[j], Tag::Verb(..) | Tag::Aux));
        verb.then(|| self.np_left(r - 1, s0)).flatten()
    }

    /// The subject a noun phrase `a..=b` before a verb cue gives: (its first token, who).
    fn phrase_subject(&self, a: usize, b: usize, s0: usize, form: Form) -> (usize, Who) {
        // `Protesters marching through the streets chanted`: the phrase is the object of
        // a participle modifying the subject, which stands before it.
        // (Not `the lopsided spending by super PACs`: the phrase before must name someone.)
        let (a, b) = (a >= s0 + 3
            && !matches!(self.tags[a], Tag::Pron(_))
            && self.tags[a - 1] == Tag::Prep
            && self.tags[a - 2] == Tag::Other
            && !self.caps[a - 2]
            && self.word(a - 2).ends_with("ing"))
        .then(|| self.np_left(a - 3, s0))
        .flatten()
        .filter(|&(x, y)| self.caps[y] || (x..=y).any(|j| self.ent_of[j] != 0))
        .unwrap_or((a, b));
        // `she released a statement saying …`, `sent an email saying …`: a document
        // says nothing of its own; the one who issued it (the clause's subject) does.
        let document = form == Form::Ing
            && self.ent_of[b] == 0
            && [
                "statement", "email", "e-mail", "message", "letter", "article", "post", "tweet",
                "release", "cover", "note", "memo", "video", "ad", "text",
            ]
            .iter()
            .any(|w| self.is_lower(b, w));
        // `sent a text to supporters saying …`, `wrote on Facebook saying …`: a participle
        // after the object of a preposition (not `of`: `a crowd of protesters chanting`)
        // tells what the subject of the finite verb before it did.
        // So does one after the object of a finite verb (`supporters launched petitions
        // calling for …`), which the phrase walk may have taken in.
        let verb_in_phrase = a < b && self.finite_verb(a);
        let pp_object = form == Form::Ing
            && a > s0
            && ((self.tags[a - 1] == Tag::Prep && !self.is_lower(a - 1, "of"))
                || (self.finite_verb(a - 1) && self.ent_of[b] == 0)
                || (verb_in_phrase && self.ent_of[b] == 0));
        let verb_end = if verb_in_phrase {
            a
        } else {
            a.saturating_sub(1)
        };
        let who = if document {
            Who::Clause
        } else if let Some((x, y)) = pp_object
            .then(|| self.subject_of_finite_verb(verb_end, s0))
            .flatten()
        {
            Who::Mention(x, y)
        } else {
            Who::Mention(a, b)
        };
        (a, who)
    }

    /// The subject of the nearest finite verb (by the `pos` layer) before `k` in its clause, when
    /// it names someone: `his campaign` in `his campaign sent out a text to supporters`.
    fn subject_of_finite_verb(&self, k: usize, s0: usize) -> Option<(usize, usize)> {
        let v = (s0 + 1..=k)
            .rev()
            .take(12)
            .take_while(|&j| !matches!(self.tags[j], Tag::Comma | Tag::Colon) && !self.in_quote(j))
            .find(|&j| self.finite_verb(j))?;
        let (x, y) = self.np_left(v - 1, s0)?;
        let names = self.personal_pronoun(x)
            || self.tags[x] == Tag::Det
            || (x..=y).any(|j| self.ent_of[j] != 0 || self.caps[j]);
        names.then_some((x, y))
    }

    /// An inverted speaker right after the cue ending at `ce` (the `inverted_speaker` pattern:
    /// `said Lavrov.`, `said the minister, adding …`; the caller asks only after a finite
    /// non-judging verb, so never `endorsed Clinton in the race`):
    /// (first, last, the token after it and any apposition or relative clause, `said Chad
    /// Bown, an expert on trade`, `said a strategist who asked not to be named`).
    fn inverted_subject(&self, ce: usize, s1: usize) -> Option<(usize, usize, usize)> {
        let (a, b) = cues::speakers().first(self, ce, ce, s1)?.get("speaker")?;
        let mut after = b + 1;
        // `said Chad Bown, an expert on trade` and `said a strategist who spoke on condition
        // of anonymity`: the apposition or relative clause is part of the source.
        let apposition =
            b < s1 && self.tags[b + 1] == Tag::Comma && b + 2 <= s1 && self.tags[b + 2] == Tag::Det;
        let relative = b < s1 && (self.is_lower(b + 1, "who") || self.is_lower(b + 1, "whose"));
        if apposition || relative {
            let mut j = b + 2;
            while j < s1 && !matches!(self.tags[j], Tag::Comma | Tag::Stop) && !self.in_quote(j) {
                j += 1;
            }
            after = j;
        }
        Some((a, b, after))
    }

    /// `Jo Smith, a professor at Yale, described …`: with a comma `k` right before the cue and
    /// words after it, the subject is the name opening the sentence. None: the rule does not
    /// apply; Some(None): it applies and finds no name, so the verb reports nothing.
    fn opening_subject(&self, v: &Verb, k: usize) -> Option<Option<(usize, usize)>> {
        let Verb {
            ce, s0, s1, class, ..
        } = *v;
        let c = self.skip_after_cue(ce + 1, s1, class);
        let words_after = c <= s1 && !matches!(self.tags[c], Tag::Stop | Tag::Conj | Tag::Prep);
        if !words_after {
            return None;
        }
        let mut start = s0;
        while start + 1 < k
            && start < s0 + 3
            && matches!(self.tags[start], Tag::Conj | Tag::Aux | Tag::Time)
        {
            start += 1;
        }
        Some(
            self.np_right(start, k)
                .filter(|&(a, _)| self.caps[a] || self.ent_of[a] != 0),
        )
    }

    /// `The Times reports:` closing its sentence: the quotation opening the next one, or a
    /// block quotation set as its own paragraph (`Limbaugh added:`).
    fn colon_then_quotation(&mut self, v: &Verb, sub: &Subject, c0: usize) -> Option<Vec<Found>> {
        let Verb { i, ce, s1, .. } = *v;
        let (cue, who) = (Some((i, ce)), sub.who);
        if !(c0 == s1 + 1 && self.tags[s1] == Tag::Colon && sub.lb.is_none()) {
            return None;
        }
        if let Some(c) = self.chain_opening_at(c0).filter(|&c| !self.used[c]) {
            self.used[c] = true;
            return Some(vec![Found::quotation(c, cue, who, "cue_colon_quotation")]);
        }
        let block =
            c0 < self.toks.len() && self.para_of[c0] == self.para_of[s1] + 1 && !self.in_quote(c0);
        if !block {
            return None;
        }
        let mut e = c0;
        while e + 1 < self.toks.len()
            && self.para_of[e + 1] == self.para_of[c0]
            && e - c0 < MAX_CONTENT
        {
            e += 1;
        }
        let (a, b) = self.trim(c0, e);
        if b <= a + 2 {
            return None;
        }
        let (content, kind) = self.claim_tokens(a, b);
        Some(vec![Found {
            content,
            kind,
            cue,
            who,
            left_bound: None,
            rule: "cue_colon_block",
        }])
    }

    /// The content of a finite cue whose clause opens at `site.lb`: the whole sentence around
    /// a parenthetical cue, or what stands left of it (`“…,” he said`, `…, Lavrov said`).
    /// Some(result) decides the cue; None leaves it to the content on the right.
    fn content_left_of_verb(
        &mut self,
        v: &Verb,
        sub: &Subject,
        site: CueSite,
        nothing_right: bool,
    ) -> Option<Option<Vec<Found>>> {
        let Verb { i, ce, s0, s1, .. } = *v;
        let CueSite {
            c0,
            who,
            right_signal,
            ..
        } = site;
        let lb = site.lb?;
        let cue = Some((i, ce));
        let comma_after = !nothing_right && c0 > 0 && self.tags[c0 - 1] == Tag::Comma;
        let right_is_content = !nothing_right
            && (!matches!(
                self.tags[c0],
                Tag::Conj | Tag::Prep | Tag::According | Tag::Verb(_, _, Form::Ing)
            ) || self.is_lower(c0, "if")
                || self.is_lower(c0, "whether"));
        if sub.cross && right_is_content && (!comma_after || right_signal) {
            return Some(self.verb_right(CueSite { lb: None, ..site }));
        }
        let left_chain = self.quotation_before(lb, s0, right_is_content);
        // `During the rally, Lavrov said X`: the words before the comma are not the statement;
        // `X, Lavrov said` and `X, Lavrov said, Y` put it on the left.
        // `X, Lavrov said, Y.` / `X, he said, until Y`: the whole sentence is the statement.
        let runs_on =
            comma_after && !left_chain && !right_signal && lb > s0 && self.continues_sentence(c0);
        if runs_on && !self.in_quote(lb) {
            let a = s0.max(lb.saturating_sub(MAX_CONTENT));
            let (a, b) = self.trim(a, self.content_end(c0, s1));
            let (content, kind) = self.claim_tokens(a, b);
            return Some(Some(vec![Found {
                content,
                kind,
                cue,
                who,
                left_bound: Some(lb),
                rule: "parenthetical_cue",
            }]));
        }
        // Otherwise what the cue reports stands on its right.
        if right_is_content && !left_chain && (right_signal || !comma_after) {
            return None;
        }
        // Content on the left: `“…,” he said` / `…, Lavrov said`.
        let (content, kind) = self.left_content(lb, s0, !nothing_right)?;
        let rule = if sub.inverted {
            "inverted_said"
        } else {
            "said_after"
        };
        let mut found = vec![Found {
            content,
            kind,
            cue,
            who,
            left_bound: Some(lb),
            rule,
        }];
        // `“…,” he said, “…”`: the next piece in the sentence shares the speaker.
        if left_chain {
            found.extend(self.next_piece((i, ce), s1, who));
        }
        Some(Some(found))
    }

    /// True when a quotation ends at the cue clause's opening `lb` (or right before its comma)
    /// and is what the cue reports: not a quotation inside a longer sentence before the cue
    /// when there is a content on the right as well.
    fn quotation_before(&self, lb: usize, s0: usize, right_is_content: bool) -> bool {
        let mut t = lb;
        if self.tags[t] == Tag::Comma && t > 0 && self.chain_ending_at(t - 1).is_some() {
            t -= 1;
        }
        self.chain_ending_at(t).is_some_and(|c| {
            let open = self.chains[c].open();
            !(open > s0 + 2
                && self.tags[open - 1] != Tag::Colon
                && !self.in_quote(s0)
                && right_is_content)
        })
    }

    /// True when the words at `c0`, after `…, he said,`, go on with the statement (`until Y`,
    /// `is dead`) rather than starting an aside of the cue (`adding …`, `according to`, `but`,
    /// a participle).
    fn continues_sentence(&self, c0: usize) -> bool {
        !matches!(self.tags[c0], Tag::Verb(_, _, Form::Ing) | Tag::According)
            && !self.is_lower(c0, "but")
            && (!self.is_wordlike(c0)
                || self.tags[c0] != Tag::Other
                || self.caps[c0]
                || !self.word(c0).ends_with("ing"))
    }

    /// The quotation after `cue` that continues a quotation before it
    /// (`“…,” he said, “…”`): introduced by a comma, colon or conjunction, right after the cue
    /// (`she said "…`) or after an abbreviation that hid a sentence end (`in Fort Mill, S.C. "…`).
    fn next_piece(&mut self, cue: (usize, usize), s1: usize, who: Who) -> Option<Found> {
        let ce = cue.1;
        let mut j = ce + 1;
        while j <= s1 && !matches!(self.tags[j], Tag::Stop | Tag::Verb(..)) {
            let introduced = matches!(self.tags[j - 1], Tag::Comma | Tag::Colon | Tag::Conj)
                || j == ce + 1
                || (self.word(j - 1).len() > 2 && self.word(j - 1).ends_with('.'));
            if let Some(c) = self
                .chain_opening_at(j)
                .filter(|&c| !self.used[c] && introduced)
            {
                self.used[c] = true;
                return Some(Found::quotation(c, Some(cue), who, "said_continued"));
            }
            j += 1;
        }
        None
    }

    /// The content right of a cue (`said that …`), with the checks each verb class needs.
    pub(super) fn verb_right(&mut self, site: CueSite) -> Option<Vec<Found>> {
        let (c0, s1, who, right_signal) = (site.c0, site.s1, site.who, site.right_signal);
        let i = site.cue.0;
        let subordinate = self.after_subordinator(who);
        let infinitive = self.is_lower(c0, "to") && self.lx.takes_infinitive(site.lemma);
        // `After the union objected, the case was moved`: a comma closes a subordinate clause.
        let refusal = if subordinate && c0 > 0 && self.tags[c0 - 1] == Tag::Comma && !right_signal {
            Some("subordinate_clause")
        } else {
            self.right_refusal(&site, infinitive)
        };
        if let Some(rule) = refusal {
            self.note_rejected(i, rule);
            return None;
        }
        let min_len = if site.class == VerbClass::Think { 3 } else { 2 };
        // `If the plan rejected X, Y would …`: a subordinate clause ends at its comma.
        let s1 = if subordinate {
            first_in(&self.commas, c0..s1 + 1).map_or(s1, |k| k.saturating_sub(1))
        } else {
            s1
        };
        // `criticized Ryan directly in his speech`, `endorsed her on Tuesday`: what a judging
        // verb reports is its object (with `for …`, `of …`, `on …`), not the time adjuncts after.
        let s1 = if site.class == VerbClass::Object && !infinitive {
            (c0 + 1..=self.reach(c0, s1))
                .find(|&k| !self.in_quote(k) && self.adjunct_start(k))
                // Not ending on the preposition that opened the adjunct (`at Saturday`).
                .map_or(s1, |k| {
                    if self.tags[k - 1] == Tag::Prep {
                        k.saturating_sub(2)
                    } else {
                        k - 1
                    }
                })
                .max(c0)
        } else {
            s1
        };
        let (content, kind) = self.right_content(c0, s1, min_len)?;
        let left_bound = if who == Who::Clause || right_signal {
            site.lb
        } else {
            None
        };
        let left_bound = left_bound.filter(|&b| b < i);
        Some(vec![Found {
            content,
            kind,
            cue: Some(site.cue),
            who,
            left_bound,
            rule: "said_that",
        }])
    }

    /// True when the subject `who` follows a subordinating word (`After the union objected,`).
    fn after_subordinator(&self, who: Who) -> bool {
        match who {
            Who::Mention(a, _) if a > 0 => {
                let w = self.word(a - 1).to_ascii_lowercase();
                newsnlp_lexicon::flags(&w).contains(Flags::SUBORDINATOR)
            }
            _ => false,
        }
    }

    /// Why what stands right of the cue is no statement for this verb, by rule name (reported
    /// by `--explain`); None when it may be one.
    fn right_refusal(&self, site: &CueSite, infinitive: bool) -> Option<&'static str> {
        let CueSite {
            c0,
            s1,
            class,
            lemma,
            right_signal,
            ..
        } = *site;
        if self.lx.infinitive_only(lemma) && !infinitive {
            return Some("needs_infinitive");
        }
        if class == VerbClass::Think && !infinitive {
            let ok = match self.tags[c0] {
                Tag::That | Tag::Pron(_) | Tag::Det => true,
                _ => self.caps[c0] || self.ent_of[c0] != 0,
            };
            if !ok {
                return Some("think_without_clause");
            }
        }
        // `said about half of …`, `said over 300 people …`: before a number the word is not a
        // preposition but part of the clause's subject.
        let quantifier = self.is_class(c0, Flags::APPROXIMATOR)
            && c0 < s1
            && (self.word(c0 + 1).starts_with(|c: char| c.is_ascii_digit())
                || self.is_class(c0 + 1, Flags::NUMBER_WORD));
        if matches!(self.tags[c0], Tag::Prep | Tag::Conj)
            && !self.is_lower(c0, "if")
            && !self.is_lower(c0, "whether")
            && !infinitive
            && !quantifier
        {
            return Some("preposition_after");
        }
        // `unless the assembly found a permanent source`, `would add late-night service`, `wrote a
        // children's book`: with a plain object these verbs report nothing. They need `that`, a colon, a clause of their
        // own (`found the plan was …`, `adding he would …`) or a quotation in what follows
        // (`adding later, “…”`, `added the words, “…”`).
        if matches!(
            self.lx.lemmas.get(lemma as usize).copied(),
            Some("find" | "add" | "write")
        ) && !right_signal
        {
            let quoted = c0 <= s1
                && (c0..=self.content_end(c0, s1)).any(|k| self.chain_opening_at(k).is_some());
            if !quoted && !self.clause_at(c0, s1) {
                return Some("plain_object");
            }
        }
        // Verbs that report only with an explicit complement (`asked whether …`, `continued: …`).
        if self.lx.needs_signal(lemma)
            && !right_signal
            && !matches!(
                self.word(c0).to_ascii_lowercase().as_str(),
                "whether" | "if" | "what" | "why" | "how" | "when" | "who"
            )
        {
            return Some("needs_complement");
        }
        // `criticized the statement of X on …`: the noun reports someone else's words.
        let reports_noun = |k: usize| {
            self.tags[k] == Tag::CueNoun
                && k < s1
                && (self.is_lower(k + 1, "of") || self.is_lower(k + 1, "by"))
        };
        if class == VerbClass::Object && (c0..=(c0 + 3).min(s1)).any(reports_noun) {
            return Some("judges_reported_words");
        }
        None
    }
}
