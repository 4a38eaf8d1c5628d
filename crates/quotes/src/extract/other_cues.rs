//! Cues other than reporting verbs: `according to`, reporting nouns, transcript turns,
//! headline colons, and quotations with no cue of their own (after a colon, a signature, a
//! tail verb, or continuing the last speaker).

use super::*;

/// Particles a verb outside the lexicon may take before its clause ends (`shot back`, `cut in`).
const PARTICLES: [&str; 5] = ["back", "in", "out", "up", "off"];

impl<'a> Analysis<'a> {
    pub(super) fn according(&mut self, i: usize) -> Vec<Found> {
        let (s0, s1) = self.sent_range(i);
        let Some(m) = cues::attributions().first(self, i, s0, s1) else {
            return Vec::new();
        };
        let (Some(cue), Some((a, b))) = (m.get("cue"), m.get("speaker")) else {
            return Vec::new();
        };
        let (content, left_bound) = match m.get("bound") {
            None => {
                let c0 = self.skip_after_cue(b + 1, s1, VerbClass::Speech);
                (self.right_content(c0, s1, 2), None)
            }
            Some((lb, _)) => {
                let mut left = self.left_content(lb, s0, false);
                // `X, according to Y, Z`: the statement runs on.
                if let Some((Content::Tokens(ca, _), _)) = left {
                    if b < s1 && self.tags[b + 1] == Tag::Comma {
                        let (x, y) = self.trim(ca, self.content_end(b + 2, s1));
                        self.mark_used(x, y);
                        left = left.map(|(_, kind)| (Content::Tokens(x, y), kind));
                    }
                }
                (left, Some(lb))
            }
        };
        content
            .map(|(content, kind)| Found {
                content,
                kind,
                cue: Some(cue),
                who: Who::Mention(a, b),
                left_bound,
                rule: m.name,
            })
            .into_iter()
            .collect()
    }

    /// `the statement of X on …`, `X's claim that …`: the `statement_of` and `claim_that`
    /// patterns find the cue, the owner and the word that links the content.
    pub(super) fn noun_cue(&mut self, i: usize) -> Vec<Found> {
        let (s0, s1) = self.sent_range(i);
        let Some(m) = cues::attributions().first(self, i, s0, s1) else {
            return Vec::new();
        };
        let (Some(cue), Some((a, b)), Some((link, _))) =
            (m.get("cue"), m.get("speaker"), m.get("link"))
        else {
            return Vec::new();
        };
        // The content starts at `that`, or after `on` / `about`.
        let (c0, min_len) = match (m.name, self.tags[link]) {
            ("claim_that", _) => (link, 3),
            (_, Tag::That) => (link, 4),
            _ => (link + 1, 4),
        };
        self.right_content(c0, s1, min_len)
            .map(|(content, kind)| Found {
                content,
                kind,
                cue: Some(cue),
                who: Who::Mention(a, b),
                left_bound: None,
                rule: m.name,
            })
            .into_iter()
            .collect()
    }

    /// Transcripts: a paragraph opening with a speaker's name in capitals and a colon
    /// (`WALLACE: Do you really …`) is that speaker's turn.
    pub(super) fn transcript_turns(&mut self, out: &mut Vec<Found>) {
        let mut turns: Vec<(usize, usize, usize, usize, usize)> = Vec::new(); // name a..b, colon, content
        for (i, j) in self.paragraph_runs() {
            // Skip a stray mark opening the paragraph.
            let mut a = i;
            if a < j && !self.is_wordlike(a) && self.word(a).chars().all(|c| "\"“”'‘’".contains(c))
            {
                a += 1;
            }
            let mut b = a;
            while b < j && b - a < 3 && self.is_shouted(b) {
                b += 1;
            }
            if b > a && b + 1 < j && self.tags[b] == Tag::Colon {
                let (c0, c1) = self.trim(b + 1, j - 1);
                if c1 > c0 + 1 {
                    turns.push((a, b - 1, b, c0, c1));
                }
            }
        }
        // A transcript has at least two speakers; one capitalised label (`CORRECTION:`,
        // `BOOM:`) is a heading, not a turn.
        let first = turns.first().map(|t| self.word(t.0).to_string());
        if !turns
            .iter()
            .any(|t| Some(self.word(t.0)) != first.as_deref())
        {
            return;
        }
        for (a, b, colon, c0, c1) in turns {
            self.mark_used(c0, c1);
            out.push(Found {
                content: Content::Tokens(c0, c1),
                kind: QuoteKind::Direct,
                cue: Some((colon, colon)),
                who: Who::Mention(a, b),
                left_bound: None,
                rule: "transcript_turn",
            });
        }
    }

    /// Headlines like `Sanders: Clinton needs to …`: a name, a colon and the rest of a short line.
    pub(super) fn headline_colon(&mut self, out: &mut Vec<Found>) {
        for (i, j) in self.paragraph_runs() {
            // The name is one entity filling everything before the colon.
            let e = self.ent_of[i];
            let mut k = i;
            while k < j && e != 0 && self.ent_of[k] == e {
                k += 1;
            }
            let person = e != 0
                && matches!(
                    self.ents[e as usize - 1].label,
                    EntityLabel::Per | EntityLabel::Org
                );
            // Title-case headlines defeat the entity tagger (`Pence: …`, `Rush Limbaugh: …`,
            // `Poll: …`): in the story's first line, one to three capitalised plain words before
            // the colon name the source (later lines hold `Q:`, `Correction:`, `Contributing:`).
            if !person && self.para_of[i] == 0 {
                k = i;
                while k < j
                    && k < i + 3
                    && self.caps[k]
                    && self.is_wordlike(k)
                    && matches!(self.tags[k], Tag::Other | Tag::Title(_))
                {
                    k += 1;
                }
            }
            // Kickers label a headline, they do not speak it (`Breaking:`, `Exclusive:`); nor
            // does a scraped page's caption label (`Photo: Workers inspect…`).
            const KICKERS: &[&str] = &[
                "breaking", "exclusive", "update", "watch", "look", "wow", "boom", "busted",
                "bombshell", "notice", "guide", "correction", "editorial", "opinion", "analysis",
                "review", "live", "video", "photos", "latest", "photo", "picture", "image",
                "caption", "file", "graphic",
            ];
            let kicker = (i..k).any(|x| KICKERS.iter().any(|w| self.is_lower(x, w)));
            let named = person || (k > i && !kicker);
            if named && k < j && self.tags[k] == Tag::Colon && j - i <= 30 && !self.in_quote(k + 1)
            {
                let (c0, c1) = self.trim(k + 1, j - 1);
                if c1 > c0 + 2 && !(c0..=c1).any(|x| self.used_at(x)) {
                    let (content, kind) = self.claim_tokens(c0, c1);
                    out.push(Found {
                        content,
                        kind,
                        cue: Some((k, k)),
                        who: Who::Mention(i, k - 1),
                        left_bound: None,
                        rule: "headline_colon",
                    });
                }
            }
        }
    }

    /// Quotations with no cue of their own: after a colon (`Trump's reply: "…"`), or opening a
    /// sentence, continuing the speaker before.
    pub(super) fn colon_and_continuations(&mut self, out: &mut Vec<Found>) {
        for c in 0..self.chains.len() {
            if self.used[c] || self.chains[c].len() < 3 {
                continue;
            }
            let open = self.chains[c].open();
            let (s0, _) = self.sent_range(open);
            let found = self
                .colon_quotation(c, open, s0)
                .or_else(|| self.cueless_quotation(c, open, s0));
            if let Some(f) = found {
                self.used[c] = true;
                out.push(f);
            }
        }
    }

    /// The quotation `c` opening at `open` after a colon, and who says it: the subject of an
    /// unknown verb (`O'Malley interjected:`), the phrase before the colon (`Trump's reply:`), or
    /// the clause's subject.
    fn colon_quotation(&self, c: usize, open: usize, s0: usize) -> Option<Found> {
        if open > 0 && self.tags[open - 1] == Tag::Colon && !self.in_quote(open - 1) {
            // `to which O'Malley interjected: “…”`, `he demurred:`, `Abedin wrote back:`:
            // a verb outside the lexicon before the colon, its subject right before it.
            if let Some((a, b)) = (open >= 3)
                .then(|| self.subject_of_past_verb(open - 2, s0))
                .flatten()
            {
                return Some(Found::quotation(
                    c,
                    Some((open - 1, open - 1)),
                    Who::Mention(a, b),
                    "verb_colon",
                ));
            }
            if let Some((a, b)) = (open >= 2).then(|| self.np_left(open - 2, s0)).flatten() {
                // `Trump's reply: “…”` names the speaker; `Obama is rolling out a new message:
                // “…”` names a thing, and the clause's subject speaks.
                let opens_clause = a <= s0 || self.sent_of[a - 1] != self.sent_of[a];
                // `… surprise Republican pollster Daron Shaw: “…”`, `More from Jones: “…”`:
                // a person named right before the colon speaks (not `a message for Trump:`).
                let person = self.is_person(b);
                let name = (a..=b)
                    .find(|&k| self.ent_of[k] == self.ent_of[b])
                    .unwrap_or(a);
                let after_prep = |k: usize| {
                    k > 0 && self.tags[k - 1] == Tag::Prep && !self.is_lower(k - 1, "from")
                };
                let named = person && !after_prep(a) && !after_prep(name);
                let (a, opens_clause) = if named {
                    (name, true)
                } else {
                    (a, opens_clause)
                };
                let who = if opens_clause {
                    Who::Mention(a, b)
                } else {
                    Who::Clause
                };
                return Some(Found::quotation(
                    c,
                    Some((open - 1, open - 1)),
                    who,
                    "colon_intro",
                ));
            }
            // `Sanders made the following comment:` closing its paragraph: the clause's
            // subject says the quotation that opens the next one.
            if self.para_of[open - 1] != self.para_of[open] {
                return Some(Found::quotation(
                    c,
                    Some((open - 1, open - 1)),
                    Who::Clause,
                    "colon_paragraph_end",
                ));
            }
        }
        None
    }

    /// The quotation `c` with no colon before it: introduced by a comma or dash and closing its
    /// sentence, followed by a verb after a name or by a signature, or opening a sentence or
    /// paragraph (a continuation of the last speaker).
    fn cueless_quotation(&self, c: usize, open: usize, s0: usize) -> Option<Found> {
        let end = self.chains[c].end_token();
        // `…, chanting, “Hands up!”` / `…: “…”` closing its sentence: said by the clause's
        // subject.
        let introduced = open > s0 + 1
            && matches!(self.tags[open - 1], Tag::Comma | Tag::Colon | Tag::Dash)
            && !self.in_quote(open - 1)
            && self.is_wordlike(open - 2);
        let closes_sentence = end + 1 >= self.toks.len()
            || self.sent_of[end + 1] != self.sent_of[open]
            || matches!(self.tags[end + 1], Tag::Stop)
            || self.para_of[end + 1] != self.para_of[end];
        // `… Mitt Romney -- ''It is disqualifying …'' -- and …`: a quotation set off by dashes.
        let dashed = introduced
            && self.tags[open - 1] == Tag::Dash
            && end + 1 < self.toks.len()
            && self.tags[end + 1] == Tag::Dash;
        if introduced && closes_sentence && self.tags[open - 1] == Tag::Comma {
            if let Some((a, b, v)) = self.subject_of_verb_before(open - 1, s0) {
                return Some(Found::quotation(
                    c,
                    Some((v, v)),
                    Who::Mention(a, b),
                    "verb_comma",
                ));
            }
        }
        if introduced && (closes_sentence || dashed) {
            let named = self.np_left(open - 2, s0).filter(|&(a, b)| {
                self.tags[open - 1] == Tag::Dash && (self.ent_of[b] != 0 || self.caps[a])
            });
            return Some(Found::quotation(
                c,
                Some((open - 1, open - 1)),
                named.map_or(Who::Clause, |(a, b)| Who::Mention(a, b)),
                "introduced_quotation",
            ));
        }
        // `“…,” Toomey fumed.`: any verb after a name closing the quotation's sentence.
        if let Some((a, b, v)) = self.tail_cue(end) {
            return Some(Found::quotation(
                c,
                Some((v, v)),
                Who::Mention(a, b),
                "tail_verb",
            ));
        }
        // `“…” ― Name`: a signature after the quotation.
        if let Some((a, b)) = self.signature(end + 1) {
            return Some(Found::quotation(
                c,
                Some((end + 1, end + 1)),
                Who::Mention(a, b),
                "signature",
            ));
        }
        let para_start = open == 0 || self.para_of[open - 1] != self.para_of[open];
        let sent_start = open == s0 || (open > 0 && self.tags[open - 1] == Tag::Stop);
        let glued = !para_start && (self.is_wordlike(open - 1) || self.is_possessive(open - 1));
        if (para_start || sent_start) && !glued && !self.is_heading(c) {
            return Some(Found::quotation(c, None, Who::Continue, "continuation"));
        }
        None
    }

    /// `Hillary shot back, “…”`, `Another voter tweeted, “…”`: a verb outside the lexicon that
    /// the `pos` layer reads as finite (then perhaps a particle) right before the comma `k`,
    /// after a name or a personal pronoun. Returns the subject's range and the verb.
    fn subject_of_verb_before(&self, k: usize, s0: usize) -> Option<(usize, usize, usize)> {
        let mut v = k.checked_sub(1)?;
        if v > s0 && PARTICLES.iter().any(|p| self.is_lower(v, p)) {
            v -= 1;
        }
        if v <= s0 || self.tags[v] != Tag::Other || !self.finite_verb(v) {
            return None;
        }
        let (a, b) = self.np_left(v - 1, s0)?;
        let person = self.personal_pronoun(a) || (a..=b).any(|x| self.ent_of[x] != 0);
        person.then_some((a, b, v))
    }

    /// After a quotation ending at `end`: a speaker and a lowercase verb ending the clause
    /// (`… ,” Hannity pressed.`, `…!” beamed Donald Hartley.`). Returns the speaker range and
    /// the verb.
    pub(super) fn tail_cue(&self, end: usize) -> Option<(usize, usize, usize)> {
        let a = end + 1;
        if a >= self.toks.len() || self.para_of[a] != self.para_of[end] || self.in_quote(a) {
            return None;
        }
        let (s0, s1) = self.sent_range(a);
        if s0 > a {
            return None;
        }
        // A past or present verb by its ending (`fumed`, `answers`, which the tagger may read as
        // a plural), or any verb the `pos` layer finds (`spoke`, `shot back`).
        let verb_like = |v: usize| {
            let w = self.word(v);
            self.tags[v] == Tag::Other
                && !self.caps[v]
                && w.chars().all(|ch| ch.is_ascii_lowercase())
                && (w.ends_with("ed")
                    || w.ends_with('s')
                    || self
                        .penn(v)
                        .is_some_and(|t| matches!(t, "VBD" | "VBZ" | "VBN")))
        };
        // `… “…?” Hannity pressed.`, not `… the “rigged economy.” Carson struggled to answer`:
        // the quotation must end its words on a comma, question or exclamation mark.
        let last_word = end.checked_sub(1)?;
        if !matches!(self.word(last_word), "," | "?" | "!" | "-" | "—" | "–") {
            return None;
        }
        // `went on`, `fumed.`, `said Tuesday`; not `managed to …`.
        let closes_at = |v: usize| {
            v == s1
                || matches!(self.tags[v + 1], Tag::Stop | Tag::Comma | Tag::Time)
                || (self.tags[v + 1] == Tag::Prep && !self.is_lower(v + 1, "to"))
        };
        // `shot back.`, `cut in, …`: a particle may come first.
        let closes = |v: usize| {
            closes_at(v)
                || (v < s1 && PARTICLES.iter().any(|p| self.is_lower(v + 1, p)) && closes_at(v + 1))
        };
        // `“This is fantastic!” beamed Donald Hartley`: the verb first, then a named speaker.
        if verb_like(a) && a < s1 {
            if let Some((x, y)) = self.np_right(a + 1, s1) {
                let named = (x..=y).any(|k| self.ent_of[k] != 0);
                if named && closes(y) {
                    // `Donald Hartley of Madison, Alabama`: the person, not the place.
                    let person = (x..=y).find(|&k| self.is_person(k));
                    let y = person
                        .and_then(|p| {
                            (p..=y)
                                .take_while(|&k| self.ent_of[k] == self.ent_of[p])
                                .last()
                        })
                        .filter(|&e| e < y && self.tags[e + 1] == Tag::Prep)
                        .unwrap_or(y);
                    return Some((x, y, a));
                }
            }
        }
        let (a, b) = self.np_right(a, s1)?;
        // The noun-phrase walk knows no verbs outside the lexicon and may have taken the verb
        // in (`Toomey fumed`): then the phrase ends one word earlier.
        let (b, v) = if b < s1 && verb_like(b + 1) && closes(b + 1) {
            (b, b + 1)
        } else if b > a && verb_like(b) && closes(b) {
            (b - 1, b)
        } else {
            return None;
        };
        let person =
            self.personal_pronoun(a) || (a..=b).any(|k| self.ent_of[k] != 0 || self.caps[k]);
        person.then_some((a, b, v))
    }

    /// A dash at `d` followed by a capitalised name that runs to the end of the paragraph.
    pub(super) fn signature(&self, d: usize) -> Option<(usize, usize)> {
        // The dash may open the next paragraph (`“…”` / `- Sanders.`) when that is all it holds.
        let next_para = d < self.toks.len() && d > 0 && self.para_of[d] == self.para_of[d - 1] + 1;
        if d + 1 >= self.toks.len()
            || self.tags[d] != Tag::Dash
            || (self.para_of[d] != self.para_of[d - 1] && !next_para)
        {
            return None;
        }
        let a = d + 1;
        if !self.caps[a] || self.para_of[a] != self.para_of[d] || self.in_quote(a) {
            return None;
        }
        let mut b = a;
        while b + 1 < self.toks.len() && self.para_of[b + 1] == self.para_of[a] && b - a < 7 {
            if matches!(self.tags[b + 1], Tag::Stop | Tag::Comma) || self.in_quote(b + 1) {
                break;
            }
            b += 1;
        }
        let para_ends = b + 1 >= self.toks.len()
            || self.para_of[b + 1] != self.para_of[a]
            || (self.tags[b + 1] == Tag::Stop
                && (b + 2 >= self.toks.len() || self.para_of[b + 2] != self.para_of[a]));
        para_ends.then_some((a, b))
    }
}
