//! The attribution rules: one pass over the tokens finds cues, each cue finds its speaker and
//! content, quotations without a cue continue the last speaker, and speakers are resolved to
//! canonical names in text order.

use crate::lexicon::{is_day, Form, Gender, Lexicon, Pron, Tag, VerbClass};
use crate::marks::{find_chains, Chain};
use newsnlp_doc::{Entity, EntityLabel, PosLayer, Quote, QuoteKind, Sentence, Span, Speaker};
use std::collections::{HashMap, HashSet};

mod cues;
#[cfg(test)]
mod examples;

/// The longest content, in tokens, a cue may claim to its right.
const MAX_CONTENT: usize = 300;

/// Who a found attribution names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// A mention, as an inclusive token range.
    Mention(usize, usize),
    /// The subject of the clause the cue hangs on (`…, adding that …`).
    Clause,
    /// The speaker of the statement before (a quotation with no cue).
    Continue,
    None,
}

/// A verb cue and what was found around it, handed to [`Analysis::verb_right`].
#[derive(Debug, Clone, Copy)]
struct CueSite {
    /// The cue tokens (verb and particle), inclusive.
    cue: (usize, usize),
    /// Where a content on the right would start.
    c0: usize,
    /// The last token of the sentence.
    s1: usize,
    class: VerbClass,
    lemma: u16,
    who: Who,
    /// The comma or closing mark that opens the cue's clause on the left, if any.
    lb: Option<usize>,
    /// `that`, a colon or a quotation right after the cue.
    right_signal: bool,
}

/// An attribution before its speaker is resolved.
#[derive(Debug, Clone)]
struct Found {
    /// Content as an inclusive token range, or a quotation chain.
    content: Content,
    kind: QuoteKind,
    cue: Option<(usize, usize)>,
    who: Who,
    /// Token where the cue clause begins on the left (its comma), for cutting other contents.
    left_bound: Option<usize>,
    /// The name of the rule that found it, reported by `--explain`.
    rule: &'static str,
}

impl Found {
    /// A whole quotation `c` reported directly, with no clause boundary to cut others at.
    fn quotation(c: usize, cue: Option<(usize, usize)>, who: Who, rule: &'static str) -> Found {
        Found {
            content: Content::Chain(c),
            kind: QuoteKind::Direct,
            cue,
            who,
            left_bound: None,
            rule,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    Tokens(usize, usize),
    Chain(usize),
}

/// One document's token-level view, built once and read by every rule.
pub(crate) struct Analysis<'a> {
    lx: &'a Lexicon,
    text: &'a str,
    toks: &'a [Span],
    /// Sentences as inclusive token ranges, splitter slips repaired.
    spans: Vec<(usize, usize)>,
    ents: &'a [Entity],
    tags: Vec<Tag>,
    caps: Vec<bool>,
    sent_of: Vec<usize>,
    para_of: Vec<usize>,
    /// Entity index + 1 of the entity covering each token (0: none).
    ent_of: Vec<u32>,
    chains: Vec<Chain>,
    /// Chain index + 1 of the quotation covering each token, marks included (0: none).
    chain_of: Vec<u32>,
    used: Vec<bool>,
    /// Token positions of the commas outside quotations, in order.
    commas: Vec<usize>,
    /// Token positions of the closing parentheses, in order.
    close_parens: Vec<usize>,
    /// The `pos` layer, when the document has one.
    pos: Option<&'a PosLayer>,
    /// Reporting verbs that were no cue, with the rule that said so, for `--explain`.
    rejected: Vec<(usize, &'static str)>,
}

/// The first and last of sorted `positions` inside `range`, found by binary search: rules that
/// look for the next comma of a sentence must not rescan it for every cue.
fn first_in(positions: &[usize], range: std::ops::Range<usize>) -> Option<usize> {
    let k = positions.partition_point(|&p| p < range.start);
    positions.get(k).copied().filter(|&p| p < range.end)
}

/// See [`first_in`].
fn last_in(positions: &[usize], range: std::ops::Range<usize>) -> Option<usize> {
    let k = positions.partition_point(|&p| p < range.end);
    k.checked_sub(1)
        .map(|k| positions[k])
        .filter(|&p| p >= range.start)
}

fn lower_into(buf: &mut String, s: &str) {
    buf.clear();
    for c in s.chars() {
        match c {
            '’' | '‘' => buf.push('\''),
            c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
            c => buf.extend(c.to_lowercase()),
        }
    }
}

impl<'a> Analysis<'a> {
    pub(crate) fn new(
        lx: &'a Lexicon,
        text: &'a str,
        toks: &'a [Span],
        sents: &'a [Sentence],
        paras: &'a [Span],
        ents: &'a [Entity],
        pos: Option<&'a PosLayer>,
    ) -> Analysis<'a> {
        let n = toks.len();
        let mut tags = Vec::with_capacity(n);
        let mut caps = Vec::with_capacity(n);
        let mut buf = String::new();
        for t in toks {
            let s = text.get(t.range()).unwrap_or("");
            lower_into(&mut buf, s);
            tags.push(lx.tag(&buf));
            caps.push(s.chars().next().is_some_and(char::is_uppercase));
        }
        let mut para_of = vec![0; n];
        let mut p = 0;
        for (i, t) in toks.iter().enumerate() {
            while p + 1 < paras.len() && paras[p].end <= t.start {
                p += 1;
            }
            para_of[i] = p;
        }
        // Sentences as inclusive token ranges. A sentence the splitter started with a comma or a
        // lowercase word (`R-Ky.` / `, said Tuesday.`), or after a split hyphen (`R-` / `Ky.,`),
        // continues the one before it.
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(sents.len());
        for s in sents
            .iter()
            .filter(|s| !s.tokens.is_empty() && s.tokens.end <= n)
        {
            let (a, b) = (s.tokens.start, s.tokens.end - 1);
            let first = text.get(toks[a].range()).and_then(|w| w.chars().next());
            let after_hyphen = a > 1
                && text.get(toks[a - 1].range()) == Some("-")
                && toks[a - 2].end == toks[a - 1].start
                && toks[a - 1].end == toks[a].start;
            let continues =
                tags[a] == Tag::Comma || first.is_some_and(char::is_lowercase) || after_hyphen;
            match spans.last_mut() {
                Some(last) if continues && last.1 < a && para_of[last.1] == para_of[a] => {
                    last.1 = b
                }
                _ => spans.push((a, b)),
            }
        }
        let mut sent_of = vec![0; n];
        let mut next = 0;
        for (si, &(a, b)) in spans.iter().enumerate() {
            // Tokens between sentences join the sentence after them.
            for x in sent_of.iter_mut().take(b + 1).skip(next.min(a)) {
                *x = si;
            }
            next = b + 1;
        }
        for x in sent_of.iter_mut().skip(next) {
            *x = spans.len().saturating_sub(1);
        }
        let mut ent_of = vec![0u32; n];
        let mut ti = 0;
        for (ei, e) in ents.iter().enumerate() {
            while ti < n && toks[ti].end <= e.span.start {
                ti += 1;
            }
            let mut j = ti;
            while j < n && toks[j].start < e.span.end {
                ent_of[j] = ei as u32 + 1;
                j += 1;
            }
        }
        let chains = find_chains(text, toks, paras, &para_of);
        let mut chain_of = vec![0u32; n];
        for (ci, c) in chains.iter().enumerate() {
            for r in &c.regions {
                let end = r.end.min(n.saturating_sub(1));
                for x in chain_of.iter_mut().take(end + 1).skip(r.open) {
                    *x = ci as u32 + 1;
                }
            }
        }
        let used = vec![false; chains.len()];
        let commas = (0..n)
            .filter(|&k| tags[k] == Tag::Comma && chain_of[k] == 0)
            .collect();
        let close_parens = (0..n)
            .filter(|&k| text.get(toks[k].range()) == Some(")"))
            .collect();
        Analysis {
            lx,
            text,
            toks,
            spans,
            ents,
            tags,
            caps,
            sent_of,
            para_of,
            ent_of,
            chains,
            chain_of,
            used,
            commas,
            close_parens,
            pos: pos.filter(|p| p.tokens.len() == n),
            rejected: Vec::new(),
        }
    }

    /// The Universal POS tag of token `i`, when the document has a `pos` layer.
    fn upos(&self, i: usize) -> Option<&'static str> {
        Some(self.pos?.tokens.get(i)?.pos())
    }

    /// Records that the reporting verb at `i` is no cue, by `rule`.
    fn note_rejected(&mut self, i: usize, rule: &'static str) {
        self.rejected.push((i, rule));
    }

    fn word(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.range()))
            .unwrap_or("")
    }

    fn is_lower(&self, i: usize, w: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(w)
    }

    /// True when token `k` is part of a PER entity.
    fn is_person(&self, k: usize) -> bool {
        self.ent_of
            .get(k)
            .is_some_and(|&e| e != 0 && self.ents[e as usize - 1].label == EntityLabel::Per)
    }

    fn in_quote(&self, i: usize) -> bool {
        self.chain_of.get(i).is_some_and(|&c| c != 0)
    }

    fn sent_range(&self, i: usize) -> (usize, usize) {
        self.spans.get(self.sent_of[i]).copied().unwrap_or((i, i))
    }

    /// True for a closing quotation-mark token.
    fn is_close(&self, i: usize) -> bool {
        let c = self.chain_of.get(i).copied().unwrap_or(0);
        c != 0
            && self.chains[c as usize - 1]
                .regions
                .iter()
                .any(|r| r.close.is_some() && r.end == i)
    }

    /// The chain whose opening mark is token `i`.
    fn chain_opening_at(&self, i: usize) -> Option<usize> {
        let c = *self.chain_of.get(i)?;
        (c != 0 && self.chains[c as usize - 1].open() == i).then(|| c as usize - 1)
    }

    /// The chain whose last token (closing mark, or last content token) is `i`.
    fn chain_ending_at(&self, i: usize) -> Option<usize> {
        let c = *self.chain_of.get(i)?;
        (c != 0 && self.chains[c as usize - 1].end_token() == i).then(|| c as usize - 1)
    }

    fn is_wordlike(&self, i: usize) -> bool {
        self.word(i)
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    }

    /// True when tokens `i` and `i + 1` are glued parts of one hyphenated word (`43-year-old`,
    /// `co-founder`): the hyphen and the words around it, whatever their class.
    fn hyphen_glued(&self, i: usize) -> bool {
        self.infix_hyphen(i) || self.infix_hyphen(i + 1)
    }

    /// A hyphen inside a word: glued to a word on both sides (not `-Nate Cohn`, `news - and`).
    fn infix_hyphen(&self, h: usize) -> bool {
        h > 0
            && self.word(h) == "-"
            && self
                .toks
                .get(h + 1)
                .is_some_and(|n| n.start == self.toks[h].end)
            && self.toks[h - 1].end == self.toks[h].start
            && self.is_wordlike(h - 1)
            && self.is_wordlike(h + 1)
    }

    fn is_possessive(&self, i: usize) -> bool {
        match self.word(i) {
            "'s" | "’s" => true,
            // `the Clintons' plan`, but not a closing quotation mark.
            "'" | "’" => !self.in_quote(i),
            _ => false,
        }
    }

    /// A noun phrase ending at token `end`, walking left; None if `end` cannot head one.
    /// A parenthesis closing the phrase (`Rep. Gwen Moore (D-Wis.)`) belongs to it.
    fn np_left(&self, end: usize, floor: usize) -> Option<(usize, usize)> {
        self.np_left_at(end, floor, true)
    }

    /// [`Self::np_left`]; `with_pp` allows one prepositional extension (never nested, so the
    /// walk stays short on any input).
    fn np_left_at(&self, end: usize, floor: usize, with_pp: bool) -> Option<(usize, usize)> {
        if end < floor || self.in_quote(end) {
            return None;
        }
        if self.word(end) == ")" {
            let open = (floor..end).rev().take(10).find(|&j| self.word(j) == "(")?;
            let (a, _) = self.np_left_at(open.checked_sub(1)?, floor, with_pp)?;
            return Some((a, end));
        }
        match self.tags[end] {
            Tag::Pron(_) => return Some((end, end)),
            // `emphasizing why understanding …`: a question word heads no noun phrase.
            Tag::Other
                if ["why", "how", "where", "when"]
                    .iter()
                    .any(|w| self.is_lower(end, w)) =>
            {
                return None
            }
            Tag::Other | Tag::Title(_) | Tag::Listener | Tag::CueNoun => {}
            _ if self.ent_of[end] != 0 => {}
            _ => return None,
        }
        // `26% say …`: a percentage heads a noun phrase.
        let percent = self.word(end) == "%" && end > floor && self.is_wordlike(end - 1);
        if !self.is_wordlike(end) && !percent {
            return None;
        }
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
        // `Mr. Morgan of the Sierra Club`, `a narrator in the Clinton ad`: the head noun phrase
        // before a short prepositional phrase, when that phrase opens the clause.
        if with_pp && start >= floor + 2 && self.tags[start - 1] == Tag::Prep {
            let p = start - 1;
            let joins = ["of", "in", "at", "for", "from", "with", "to"]
                .iter()
                .any(|w| self.is_lower(p, w));
            if joins {
                if let Some((a, _)) = self.np_left_at(p - 1, floor, false) {
                    let opens = a == floor
                        || matches!(self.tags[a - 1], Tag::Comma | Tag::Stop | Tag::Colon)
                        || self.is_close(a - 1);
                    if opens && (self.caps[a] || self.tags[a] == Tag::Det || self.ent_of[a] != 0) {
                        return Some((a, end));
                    }
                }
            }
        }
        Some((start, end))
    }

    /// A noun phrase starting at `start`, walking right up to `ceil` (inclusive).
    fn np_right(&self, start: usize, ceil: usize) -> Option<(usize, usize)> {
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
                Tag::Other | Tag::Title(_) | Tag::CueNoun => self.is_wordlike(j),
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
    fn skip_aux_left(&self, mut i: usize, floor: usize) -> Option<usize> {
        loop {
            if i < floor {
                return None;
            }
            let skip = self.tags[i] == Tag::Aux
                || (self.is_lower(i, "as") && i > floor && self.is_lower(i - 1, "quoted"))
                || (self.tags[i] == Tag::Time && self.caps[i])
                || (self.word(i).ends_with("ly") && self.tags[i] == Tag::Other && !self.caps[i]);
            if !skip {
                return Some(i);
            }
            if i == 0 {
                return None;
            }
            i -= 1;
        }
    }

    /// Skips a listener, time words and short prepositional adjuncts after a cue:
    /// returns where the content may start.
    fn skip_after_cue(&self, mut i: usize, end: usize, class: VerbClass) -> usize {
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
                    let plain = ["after", "during", "in", "on", "at", "from", "with", "to"]
                        .iter()
                        .any(|w| self.is_lower(i, w));
                    let found = found.or_else(|| {
                        (i + 1..=end.min(i + 6))
                            .find(|&j| {
                                matches!(
                                    self.tags[j],
                                    Tag::Pron(Pron::Person(_) | Pron::Group | Pron::Speaker)
                                )
                            })
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
    fn content_end(&self, c0: usize, s1: usize) -> usize {
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
                        || (after == Tag::Conj && self.contrastive(ce + 1)))
                {
                    return ce;
                }
                i = ce + 1;
                continue;
            }
            let next = self.tags.get(i + 1).copied().unwrap_or(Tag::Stop);
            let stop = match self.tags[i] {
                Tag::Stop => i > c0,
                Tag::Comma if i < e && i > 0 && self.tags[i - 1] != Tag::That => {
                    matches!(next, Tag::According | Tag::Verb(..))
                        || (next == Tag::Conj && self.contrastive(i + 1))
                        || (self.is_lower(i + 1, "and") && matches!(self.tags.get(i + 2), Some(Tag::Conj | Tag::Prep)))
                        // `…, and the union also stepped in`: a new subject after `, and`.
                        || (self.is_lower(i + 1, "and")
                            && i + 2 <= e
                            && (matches!(self.tags[i + 2], Tag::Det | Tag::Pron(Pron::Person(_) | Pron::Group | Pron::Speaker)) || self.caps[i + 2]))
                        || (!self.caps[i + 1]
                            && self.word(i + 1).ends_with("ing")
                            && self.tags[i + 1] == Tag::Other
                            && !self.is_lower(i + 1, "including"))
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
                _ => false,
            };
            if stop {
                return i.saturating_sub(1).max(c0);
            }
            i += 1;
        }
        e
    }

    /// The last token a search for where a content starting at `c0` stops needs to look at:
    /// [`Self::content_end`] never goes past `c0 + MAX_CONTENT`, so a stopping point further on
    /// (the two tokens of slack allow for the preposition trimmed before one) changes nothing,
    /// and a cue in a sentence of a million tokens does not scan all of it.
    fn reach(&self, c0: usize, s1: usize) -> usize {
        s1.min(c0 + MAX_CONTENT + 2)
    }

    /// Conjunctions that, after a comma, start a new thought rather than continue the statement.
    fn contrastive(&self, i: usize) -> bool {
        ["but", "while", "although", "though", "so", "or", "yet"]
            .iter()
            .any(|w| self.is_lower(i, w))
    }

    /// The token range `[first, end)` of each paragraph, in order.
    fn paragraph_runs(&self) -> Vec<(usize, usize)> {
        let mut runs = Vec::new();
        let mut i = 0;
        while i < self.para_of.len() {
            let j = i + self.para_of[i..]
                .iter()
                .take_while(|&&p| p == self.para_of[i])
                .count();
            runs.push((i, j));
            i = j;
        }
        runs
    }

    /// Trims trailing punctuation and closing marks that do not belong to a quotation.
    fn trim(&self, a: usize, mut b: usize) -> (usize, usize) {
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

    fn kind_of(&self, a: usize, b: usize) -> QuoteKind {
        if (a..=b).any(|i| self.in_quote(i)) {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        }
    }

    /// Takes tokens `[a, b]` as one content: the quotations inside are used up, and the content
    /// is mixed when it holds one, indirect otherwise.
    fn claim_tokens(&mut self, a: usize, b: usize) -> (Content, QuoteKind) {
        self.mark_used(a, b);
        (Content::Tokens(a, b), self.kind_of(a, b))
    }

    fn mark_used(&mut self, a: usize, b: usize) {
        for i in a..=b {
            let c = self.chain_of.get(i).copied().unwrap_or(0);
            if c != 0 {
                self.used[c as usize - 1] = true;
            }
        }
    }

    /// When the content `[c0, e]` is exactly one quotation, that chain.
    fn whole_chain(&self, c0: usize, e: usize) -> Option<usize> {
        let c = self.chain_opening_at(c0)?;
        let ce = self.chains[c].end_token();
        ((ce + 1..=e).all(|i| matches!(self.tags.get(i), Some(Tag::Stop | Tag::Comma))))
            .then_some(c)
    }

    /// A content to the right of a cue: direct when it is one quotation, mixed or indirect else.
    fn right_content(
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
    fn left_content(&mut self, lb: usize, s0: usize, strict: bool) -> Option<(Content, QuoteKind)> {
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
    fn adverbials_only(&self, a: usize, b: usize) -> bool {
        let participle = |k: usize| self.tags[k] == Tag::Other && self.word(k).ends_with("ing");
        let sentence_adverb = |k: usize| {
            [
                "still", "yet", "then", "now", "meanwhile", "instead", "indeed", "again", "also",
            ]
            .iter()
            .any(|w| self.is_lower(k, w))
        };
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
    fn adjunct_start(&self, k: usize) -> bool {
        const SPANS: &[&str] = &["week", "month", "year", "night", "weekend"];
        let n = self.toks.len();
        let is = |j: usize, words: &[&str]| j < n && words.iter().any(|w| self.is_lower(j, w));
        // `Saturday's debate`, `this week's vote` name a thing, not a time.
        let free = |j: usize| j + 1 >= n || !self.is_possessive(j + 1);
        let day = |j: usize| j < n && is_day(self.word(j)) && free(j);
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

    /// A lowercase past form (`interjected`, `shot`) that is no lexicon cue.
    fn past_form(&self, k: usize) -> bool {
        let w = self.word(k);
        !self.caps[k]
            && self.tags[k] == Tag::Other
            && (w.ends_with("ed")
                || ["put", "sent", "shot", "took", "gave", "made", "wrote"].contains(&w))
    }

    /// `O'Malley interjected`, `he demurred`, `Abedin wrote back` ending at `k`: the subject
    /// (a name or a personal pronoun) of the past verb there.
    fn subject_of_past_verb(&self, k: usize, s0: usize) -> Option<(usize, usize)> {
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
    fn before_verb(&self, x: usize, y: usize) -> usize {
        (x + 1..=y)
            .find(|&k| self.past_form(k) && self.tags[k - 1] != Tag::Det)
            .map_or(y, |k| k - 1)
    }

    /// A comma inside an adverbial that does not end it: before a place or name (`in Raleigh,
    /// North Carolina`) or a sentence adverb (`At the same time, though`).
    fn aside_comma(&self, k: usize) -> bool {
        self.caps.get(k + 1).copied().unwrap_or(false)
            || ["however", "though", "meanwhile", "too", "often"]
                .iter()
                .any(|w| self.is_lower(k + 1, w))
    }

    /// Finds all attributions with unresolved speakers.
    fn find(&mut self) -> Vec<Found> {
        let n = self.toks.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            if self.in_quote(i) {
                i += 1;
                continue;
            }
            match self.tags[i] {
                Tag::Verb(lemma, class, form) => {
                    if let Some(f) = self.verb_cue(i, lemma, class, form) {
                        out.extend(f);
                    }
                }
                Tag::According if i + 1 < n && self.is_lower(i + 1, "to") => {
                    out.extend(self.according(i));
                }
                Tag::CueNoun => out.extend(self.noun_cue(i)),
                _ => {}
            }
            i += 1;
        }
        self.transcript_turns(&mut out);
        self.headline_colon(&mut out);
        self.colon_and_continuations(&mut out);
        // A content to the right stops where another cue clause begins.
        let mut bounds: Vec<usize> = out
            .iter()
            .filter_map(|f| f.left_bound)
            .filter(|&lb| !self.in_quote(lb))
            .collect();
        bounds.sort_unstable();
        bounds.dedup();
        for f in &mut out {
            if let Content::Tokens(a, b) = &mut f.content {
                let from = bounds.partition_point(|&lb| lb <= *a);
                let cut = bounds[from..]
                    .iter()
                    .take_while(|&&lb| lb <= *b)
                    .find(|&&lb| f.left_bound != Some(lb) && self.sent_of[lb] == self.sent_of[*a]);
                if let Some(&lb) = cut {
                    *b = lb - 1;
                }
                let (x, y) = self.trim(*a, *b);
                *a = x;
                *b = y;
            }
        }
        out.retain(|f| !matches!(f.content, Content::Tokens(a, b) if self.adjunct_only(a, b)));
        out
    }

    /// `late Thursday`, `In a speech last July`, `earlier this week`: a short time or place
    /// phrase with no clause in it is the cue's adjunct, never what was said.
    fn adjunct_only(&self, a: usize, b: usize) -> bool {
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

    /// `Neil Sroka, director of the group - which has endorsed Sanders - said`: when the dash at
    /// `k` closes an aside opened by an earlier dash of the same kind in the sentence, the noun
    /// phrase before that opening dash (or the name before its apposition) is the subject.
    fn dashed_aside_subject(&self, k: usize, s0: usize) -> Option<(usize, usize)> {
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
    fn antecedent(&self, k: usize) -> Option<(usize, usize)> {
        let (s0, _) = self.sent_range(k);
        if k >= s0 + 2 && self.tags[k - 1] == Tag::Comma {
            self.np_left(k - 2, s0)
        } else {
            None
        }
    }

    /// `Scott Pruitt, the attorney general of Oklahoma, said`: the name before an apposition
    /// that ends at the comma `k`.
    fn appositive_subject(&self, k: usize, s0: usize) -> Option<(usize, usize)> {
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

    fn verb_cue(
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
        let mut ce = i;
        if let Some(ps) = self.lx.particle(lemma) {
            if i < s1 && ps.iter().any(|p| self.is_lower(i + 1, p)) {
                ce = i + 1;
            } else {
                return None;
            }
        } else if i < s1 && self.lx.optional_particle(lemma, self.word(i + 1)) {
            ce = i + 1;
        }
        // The subject on the left.
        let mut who = Who::None;
        let mut lb = None; // the comma or closing mark before the clause
        let mut clause_comma = None;
        let left = if i > s0 {
            self.skip_aux_left(i - 1, s0)
        } else {
            None
        };
        if let Some(k) = left {
            let before_np = |this: &Self, a: usize| {
                (a > s0
                    && (matches!(this.tags[a - 1], Tag::Comma | Tag::Dash) || this.is_close(a - 1)))
                .then(|| a - 1)
            };
            if let Tag::Pron(Pron::Relative) = self.tags[k] {
                // `Lavrov, who said …`: the mention is `who`, resolved to the phrase before it.
                if self.antecedent(k).is_some() {
                    who = Who::Mention(k, k);
                }
            } else if let Some((a, b)) = self.np_left(k, s0) {
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
                        "statement", "email", "e-mail", "message", "letter", "article", "post",
                        "tweet", "release", "cover", "note", "memo", "video", "ad", "text",
                    ]
                    .iter()
                    .any(|w| self.is_lower(b, w));
                who = if document {
                    Who::Clause
                } else {
                    Who::Mention(a, b)
                };
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
            } else if self.tags[k] == Tag::Conj
                && (self.is_lower(k, "and") || self.is_lower(k, "but"))
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
            }
        }
        // `“…?” / Clinton said.`: the splitter ended the sentence at the closing mark.
        let prev_close =
            s0 > 0 && self.is_close(s0 - 1) && self.sent_of[s0 - 1] != self.sent_of[s0];
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
        if who == Who::None && lb.is_some() && form == Form::Finite && class != VerbClass::Object {
            // `said Lavrov.`, `said the minister, adding …` — not `endorsed Clinton in the race`.
            let speaker_like = |a: usize, b: usize| {
                self.tags[a] != Tag::Listener
                    && ((a..=b).any(|k| self.caps[k] || self.ent_of[k] != 0)
                        || matches!(self.tags[a], Tag::Det | Tag::Pron(_)))
                    && (b + 1 > s1
                        || matches!(
                            self.tags[b + 1],
                            Tag::Stop | Tag::Comma | Tag::Time | Tag::Dash | Tag::Colon | Tag::Conj
                        )
                        || self.word(b + 1) == "("
                        || self.chain_opening_at(b + 1).is_some()
                        || (self.tags[b + 1] == Tag::Prep && !self.is_lower(b + 1, "of")))
            };
            if let Some((a, b)) = self
                .np_right(ce + 1, s1)
                .filter(|&(a, b)| speaker_like(a, b))
            {
                who = Who::Mention(a, b);
                inverted = true;
                after = b + 1;
                // `said Chad Bown, an expert on trade`: the apposition is part of the source.
                if b < s1
                    && self.tags[b + 1] == Tag::Comma
                    && b + 2 <= s1
                    && self.tags[b + 2] == Tag::Det
                {
                    let mut j = b + 2;
                    while j < s1
                        && !matches!(self.tags[j], Tag::Comma | Tag::Stop)
                        && !self.in_quote(j)
                    {
                        j += 1;
                    }
                    after = j;
                }
            }
        }
        // `Jo Smith, a professor at Yale, described …`: a comma right before the cue and words
        // after it; the subject is the phrase opening the sentence.
        let comma_before = lb.filter(|&k| self.tags[k] == Tag::Comma && k > s0);
        if let (Who::None, Some(k)) = (who, comma_before) {
            let c = self.skip_after_cue(ce + 1, s1, class);
            let words_after = c <= s1 && !matches!(self.tags[c], Tag::Stop | Tag::Conj | Tag::Prep);
            if words_after {
                let mut start = s0;
                while start + 1 < k
                    && start < s0 + 3
                    && matches!(self.tags[start], Tag::Conj | Tag::Aux | Tag::Time)
                {
                    start += 1;
                }
                match self
                    .np_right(start, k)
                    .filter(|&(a, _)| self.caps[a] || self.ent_of[a] != 0)
                {
                    Some((a, b)) => {
                        who = Who::Mention(a, b);
                        lb = None;
                    }
                    None => return None,
                }
            }
        }
        if who == Who::None {
            return None;
        }
        let c0 = self.skip_after_cue(after, s1, class);
        let cue = Some((i, ce));
        // `The Times reports:` / `“…”` in the next paragraph.
        if c0 == s1 + 1 && self.tags[s1] == Tag::Colon && lb.is_none() {
            if let Some(c) = self.chain_opening_at(c0).filter(|&c| !self.used[c]) {
                self.used[c] = true;
                return Some(vec![Found::quotation(c, cue, who, "cue_colon_quotation")]);
            }
            // `Limbaugh added:` and a block quotation set as its own paragraph.
            let block = c0 < self.toks.len()
                && self.para_of[c0] == self.para_of[s1] + 1
                && !self.in_quote(c0);
            if block {
                let mut e = c0;
                while e + 1 < self.toks.len()
                    && self.para_of[e + 1] == self.para_of[c0]
                    && e - c0 < MAX_CONTENT
                {
                    e += 1;
                }
                let (a, b) = self.trim(c0, e);
                if b > a + 2 {
                    let (content, kind) = self.claim_tokens(a, b);
                    return Some(vec![Found {
                        content,
                        kind,
                        cue,
                        who,
                        left_bound: None,
                        rule: "cue_colon_block",
                    }]);
                }
            }
        }
        // `said Mr. Burman (a view echoed by everyone).`: an aside in parentheses adds nothing.
        let aside = c0 <= s1
            && self.word(c0) == "("
            && first_in(&self.close_parens, c0..s1 + 1)
                .is_some_and(|k| k == s1 || self.tags[k + 1] == Tag::Stop);
        let nothing_right = c0 > s1 || matches!(self.tags[c0], Tag::Stop) || aside;
        // `Dianne Bystrom agreed. “Mainstream Republicans are …”`
        if nothing_right && lb.is_none() && matches!(who, Who::Mention(..)) && form == Form::Finite
        {
            let next = s1 + 1;
            if let Some(c) = self
                .chain_opening_at(next)
                .filter(|&c| !self.used[c] && self.para_of[next] == self.para_of[s1])
            {
                self.used[c] = true;
                return Some(vec![Found::quotation(c, cue, who, "cue_then_quotation")]);
            }
        }
        let right_signal = !nothing_right
            && (self.tags[c0] == Tag::That
                || self.chain_opening_at(c0).is_some()
                || (c0 > 0 && self.tags[c0 - 1] == Tag::Colon));
        let mut found = Vec::new();
        if let Some(lb) = lb.filter(|_| form == Form::Finite) {
            let comma_after = !nothing_right && c0 > 0 && self.tags[c0 - 1] == Tag::Comma;
            let right_is_content = !nothing_right
                && (!matches!(
                    self.tags[c0],
                    Tag::Conj | Tag::Prep | Tag::According | Tag::Verb(_, _, Form::Ing)
                ) || self.is_lower(c0, "if")
                    || self.is_lower(c0, "whether"));
            if cross && right_is_content && (!comma_after || right_signal) {
                let site = CueSite {
                    cue: (i, ce),
                    c0,
                    s1,
                    class,
                    lemma,
                    who,
                    lb: None,
                    right_signal,
                };
                return self.verb_right(site);
            }
            let mut t = lb;
            if self.tags[t] == Tag::Comma && t > 0 && self.chain_ending_at(t - 1).is_some() {
                t -= 1;
            }
            let left_chain = self.chain_ending_at(t).is_some_and(|c| {
                let open = self.chains[c].open();
                !(open > s0 + 2
                    && self.tags[open - 1] != Tag::Colon
                    && !self.in_quote(s0)
                    && right_is_content)
            });
            // `During the rally, Lavrov said X`: the words before the comma are not the statement;
            // `X, Lavrov said` and `X, Lavrov said, Y` put it on the left.
            // `X, Lavrov said, Y.` / `X, he said, until Y`: the whole sentence is the statement.
            let runs_on = comma_after
                && !left_chain
                && !right_signal
                && lb > s0
                && !matches!(self.tags[c0], Tag::Verb(_, _, Form::Ing) | Tag::According)
                && !self.is_lower(c0, "but")
                && (!self.is_wordlike(c0)
                    || self.tags[c0] != Tag::Other
                    || self.caps[c0]
                    || !self.word(c0).ends_with("ing"));
            if runs_on && !self.in_quote(lb) {
                let a = s0.max(lb.saturating_sub(MAX_CONTENT));
                let (a, b) = self.trim(a, self.content_end(c0, s1));
                let (content, kind) = self.claim_tokens(a, b);
                return Some(vec![Found {
                    content,
                    kind,
                    cue,
                    who,
                    left_bound: Some(lb),
                    rule: "parenthetical_cue",
                }]);
            }
            if left_chain || !right_is_content || (comma_after && !right_signal) {
                // Content on the left: `“…,” he said` / `…, Lavrov said`.
                if let Some((content, kind)) = self.left_content(lb, s0, !nothing_right) {
                    found.push(Found {
                        content,
                        kind,
                        cue,
                        who,
                        left_bound: Some(lb),
                        rule: if inverted { "inverted_said" } else { "said_after" },
                    });
                    // `“…,” he said, “…”`: the next piece in the sentence shares the speaker.
                    if left_chain {
                        let mut j = ce + 1;
                        while j <= s1 && !matches!(self.tags[j], Tag::Stop | Tag::Verb(..)) {
                            // Also right after the cue (`she said "…`) or after an abbreviation
                            // that hid a sentence end (`in Fort Mill, S.C. "…`).
                            let introduced =
                                matches!(self.tags[j - 1], Tag::Comma | Tag::Colon | Tag::Conj)
                                    || j == ce + 1
                                    || (self.word(j - 1).len() > 2
                                        && self.word(j - 1).ends_with('.'));
                            if let Some(c) = self
                                .chain_opening_at(j)
                                .filter(|&c| !self.used[c] && introduced)
                            {
                                self.used[c] = true;
                                found.push(Found::quotation(c, cue, who, "said_continued"));
                                break;
                            }
                            j += 1;
                        }
                    }
                    return Some(found);
                }
            }
        }
        if nothing_right {
            return None;
        }
        self.verb_right(CueSite {
            cue: (i, ce),
            c0,
            s1,
            class,
            lemma,
            who,
            lb: lb.or(clause_comma),
            right_signal,
        })
    }

    /// True when a clause with its own subject starts at `c0` (`he would go`, `the plan will
    /// fail`): a subject pronoun, or a finite auxiliary within a few words before any comma.
    fn clause_at(&self, c0: usize, s1: usize) -> bool {
        const FINITE: &[&str] = &[
            "is", "was", "were", "are", "will", "would", "could", "can", "may", "might", "should",
            "must", "has", "have", "had", "did", "does", "do", "'re", "'ll", "'d", "'ve",
        ];
        if matches!(self.tags[c0], Tag::Pron(Pron::Person(_) | Pron::Speaker))
            || self.is_lower(c0, "they")
        {
            return true;
        }
        (c0 + 1..=s1.min(c0 + 6))
            .take_while(|&k| {
                !matches!(self.tags[k], Tag::Comma | Tag::Stop | Tag::Colon) && !self.in_quote(k)
            })
            .any(|k| FINITE.iter().any(|w| self.is_lower(k, w)))
    }

    /// The content right of a cue (`said that …`), with the checks each verb class needs.
    fn verb_right(&mut self, site: CueSite) -> Option<Vec<Found>> {
        let CueSite {
            cue: (i, ce),
            c0,
            s1,
            class,
            lemma,
            who,
            lb,
            right_signal,
        } = site;
        let cue = Some((i, ce));
        // `After the union objected, the case was moved`: a comma closes a subordinate clause.
        let subordinate = match who {
            Who::Mention(a, _) if a > 0 => {
                let w = self.word(a - 1).to_ascii_lowercase();
                [
                    "after", "while", "when", "as", "if", "because", "although", "though", "since",
                    "before", "until", "once", "whether",
                ]
                .contains(&w.as_str())
            }
            _ => false,
        };
        if subordinate && c0 > 0 && self.tags[c0 - 1] == Tag::Comma && !right_signal {
            return None;
        }
        let infinitive = self.is_lower(c0, "to") && self.lx.takes_infinitive(lemma);
        if self.lx.infinitive_only(lemma) && !infinitive {
            return None;
        }
        if class == VerbClass::Think && !infinitive {
            let ok = match self.tags[c0] {
                Tag::That | Tag::Pron(_) | Tag::Det => true,
                _ => self.caps[c0] || self.ent_of[c0] != 0,
            };
            if !ok {
                return None;
            }
        }
        // `said about half of …`, `said over 300 people …`: before a number the word is not a
        // preposition but part of the clause's subject.
        let quantifier = ["about", "over", "around", "nearly", "almost"]
            .iter()
            .any(|w| self.is_lower(c0, w))
            && c0 < s1
            && (self.word(c0 + 1).starts_with(|c: char| c.is_ascii_digit())
                || ["half", "one", "two", "three", "dozen"]
                    .iter()
                    .any(|w| self.is_lower(c0 + 1, w)));
        if matches!(self.tags[c0], Tag::Prep | Tag::Conj)
            && !self.is_lower(c0, "if")
            && !self.is_lower(c0, "whether")
            && !infinitive
            && !quantifier
        {
            return None;
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
                return None;
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
            return None;
        }
        // `criticized the statement of X on …`: the noun reports someone else's words.
        let reports_noun = |k: usize| {
            self.tags[k] == Tag::CueNoun
                && k < s1
                && (self.is_lower(k + 1, "of") || self.is_lower(k + 1, "by"))
        };
        if class == VerbClass::Object && (c0..=(c0 + 3).min(s1)).any(reports_noun) {
            return None;
        }
        let min_len = if class == VerbClass::Think { 3 } else { 2 };
        // `If the plan rejected X, Y would …`: a subordinate clause ends at its comma.
        let s1 = if subordinate {
            first_in(&self.commas, c0..s1 + 1).map_or(s1, |k| k.saturating_sub(1))
        } else {
            s1
        };
        // `criticized Ryan directly in his speech`, `endorsed her on Tuesday`: what a judging
        // verb reports is its object (with `for …`, `of …`, `on …`), not the time adjuncts after.
        let s1 = if class == VerbClass::Object && !infinitive {
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
            lb
        } else {
            None
        };
        let left_bound = left_bound.filter(|&b| b < i);
        Some(vec![Found {
            content,
            kind,
            cue,
            who,
            left_bound,
            rule: "said_that",
        }])
    }

    fn according(&mut self, i: usize) -> Vec<Found> {
        let (s0, s1) = self.sent_range(i);
        let Some((a, b)) = self.np_right(i + 2, s1) else {
            return Vec::new();
        };
        let cue = Some((i, i + 1));
        let who = Who::Mention(a, b);
        let starts = i == s0 || (i == s0 + 1 && self.tags[s0] == Tag::Conj);
        if starts {
            let c0 = self.skip_after_cue(b + 1, s1, VerbClass::Speech);
            return match self.right_content(c0, s1, 2) {
                Some((content, kind)) => vec![Found {
                    content,
                    kind,
                    cue,
                    who,
                    left_bound: None,
                    rule: "according_to_opening",
                }],
                None => Vec::new(),
            };
        }
        if i > s0 && matches!(self.tags[i - 1], Tag::Comma | Tag::Dash) {
            if let Some((mut content, kind)) = self.left_content(i - 1, s0, false) {
                // `X, according to Y, Z`: the statement runs on.
                if b < s1 && self.tags[b + 1] == Tag::Comma {
                    if let Content::Tokens(ca, _) = content {
                        let e = self.content_end(b + 2, s1);
                        let (x, y) = self.trim(ca, e);
                        self.mark_used(x, y);
                        content = Content::Tokens(x, y);
                    }
                }
                return vec![Found {
                    content,
                    kind,
                    cue,
                    who,
                    left_bound: Some(i - 1),
                    rule: "according_to_after",
                }];
            }
        }
        Vec::new()
    }

    /// `the statement of X on …`, `X's claim that …`.
    fn noun_cue(&mut self, i: usize) -> Vec<Found> {
        let (s0, s1) = self.sent_range(i);
        if self.ent_of[i] != 0 {
            return Vec::new();
        }
        let cue_start = if i > s0 && self.tags[i - 1] == Tag::Det {
            i - 1
        } else {
            i
        };
        if i < s1 && (self.is_lower(i + 1, "of") || self.is_lower(i + 1, "by")) {
            let Some((a, b)) = self.np_right(i + 2, s1) else {
                return Vec::new();
            };
            if !(a..=b).any(|k| self.ent_of[k] != 0 || self.tags[k] == Tag::Pron(Pron::Group)) {
                return Vec::new();
            }
            if b < s1
                && (self.is_lower(b + 1, "on")
                    || self.is_lower(b + 1, "about")
                    || self.tags[b + 1] == Tag::That)
            {
                let c0 = if self.tags[b + 1] == Tag::That {
                    b + 1
                } else {
                    b + 2
                };
                if let Some((content, kind)) = self.right_content(c0, s1, 4) {
                    return vec![Found {
                        content,
                        kind,
                        cue: Some((cue_start, i + 1)),
                        who: Who::Mention(a, b),
                        left_bound: None,
                        rule: "statement_of",
                    }];
                }
            }
            return Vec::new();
        }
        if i < s1 && self.tags[i + 1] == Tag::That && i > s0 {
            // `his claim that …`, `Trump's assertion that …`
            let owner = if self.is_possessive(i - 1) && i >= s0 + 2 {
                self.np_left(i - 2, s0)
            } else if matches!(
                self.word(i - 1).to_ascii_lowercase().as_str(),
                "his" | "her" | "their"
            ) {
                Some((i - 1, i - 1))
            } else {
                None
            };
            if let Some((a, b)) = owner {
                if let Some((content, kind)) = self.right_content(i + 1, s1, 3) {
                    return vec![Found {
                        content,
                        kind,
                        cue: Some((i, i)),
                        who: Who::Mention(a, b),
                        left_bound: None,
                        rule: "claim_that",
                    }];
                }
            }
        }
        Vec::new()
    }

    /// Transcripts: a paragraph opening with a speaker's name in capitals and a colon
    /// (`WALLACE: Do you really …`) is that speaker's turn.
    fn transcript_turns(&mut self, out: &mut Vec<Found>) {
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
    fn headline_colon(&mut self, out: &mut Vec<Found>) {
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

    /// True when token `x` lies in a quotation already given to an attribution.
    fn used_at(&self, x: usize) -> bool {
        let c = self.chain_of.get(x).copied().unwrap_or(0);
        c != 0 && self.used[c as usize - 1]
    }

    /// A word written in capitals, like a speaker's name in a transcript.
    fn is_shouted(&self, i: usize) -> bool {
        let w = self.word(i);
        w.chars().count() >= 2
            && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '-')
            && w.chars().any(char::is_alphabetic)
    }

    /// Quotations with no cue of their own: after a colon (`Trump's reply: "…"`), or opening a
    /// sentence, continuing the speaker before.
    fn colon_and_continuations(&mut self, out: &mut Vec<Found>) {
        for c in 0..self.chains.len() {
            if self.used[c] || self.chains[c].len() < 3 {
                continue;
            }
            let open = self.chains[c].open();
            let (s0, _) = self.sent_range(open);
            if open > 0 && self.tags[open - 1] == Tag::Colon && !self.in_quote(open - 1) {
                // `to which O'Malley interjected: “…”`, `he demurred:`, `Abedin wrote back:`:
                // a verb outside the lexicon before the colon, its subject right before it.
                if let Some((a, b)) = (open >= 3)
                    .then(|| self.subject_of_past_verb(open - 2, s0))
                    .flatten()
                {
                    self.used[c] = true;
                    out.push(Found::quotation(
                        c,
                        Some((open - 1, open - 1)),
                        Who::Mention(a, b),
                        "verb_colon",
                    ));
                    continue;
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
                    self.used[c] = true;
                    let who = if opens_clause {
                        Who::Mention(a, b)
                    } else {
                        Who::Clause
                    };
                    out.push(Found::quotation(c, Some((open - 1, open - 1)), who, "colon_intro"));
                    continue;
                }
                // `Sanders made the following comment:` closing its paragraph: the clause's
                // subject says the quotation that opens the next one.
                if self.para_of[open - 1] != self.para_of[open] {
                    self.used[c] = true;
                    out.push(Found::quotation(c, Some((open - 1, open - 1)), Who::Clause, "colon_paragraph_end"));
                    continue;
                }
            }
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
            if introduced && (closes_sentence || dashed) {
                let named = self.np_left(open - 2, s0).filter(|&(a, b)| {
                    self.tags[open - 1] == Tag::Dash && (self.ent_of[b] != 0 || self.caps[a])
                });
                self.used[c] = true;
                out.push(Found::quotation(
                    c,
                    Some((open - 1, open - 1)),
                    named.map_or(Who::Clause, |(a, b)| Who::Mention(a, b)),
                    "introduced_quotation",
                ));
                continue;
            }
            // `“…,” Toomey fumed.`: any verb after a name closing the quotation's sentence.
            if let Some((a, b, v)) = self.tail_cue(end) {
                self.used[c] = true;
                out.push(Found::quotation(c, Some((v, v)), Who::Mention(a, b), "tail_verb"));
                continue;
            }
            // `“…” ― Name`: a signature after the quotation.
            if let Some((a, b)) = self.signature(end + 1) {
                self.used[c] = true;
                out.push(Found::quotation(
                    c,
                    Some((end + 1, end + 1)),
                    Who::Mention(a, b),
                    "signature",
                ));
                continue;
            }
            let para_start = open == 0 || self.para_of[open - 1] != self.para_of[open];
            let sent_start = open == s0 || (open > 0 && self.tags[open - 1] == Tag::Stop);
            let glued = !para_start && (self.is_wordlike(open - 1) || self.is_possessive(open - 1));
            if (para_start || sent_start) && !glued && !self.is_heading(c) {
                self.used[c] = true;
                out.push(Found::quotation(c, None, Who::Continue, "continuation"));
            }
        }
    }

    /// True when most words of tokens `a..=b` are capitalised, as in a headline.
    fn title_case(&self, a: usize, b: usize) -> bool {
        let words = (a..=b).filter(|&k| self.is_wordlike(k) && self.word(k).len() > 3);
        let (mut n, mut caps) = (0usize, 0usize);
        for k in words {
            n += 1;
            caps += usize::from(self.caps[k]);
        }
        n >= 3 && caps * 10 >= n * 8 && !self.in_quote(a)
    }

    /// A short Title-Case quotation standing alone, like a section heading `'Coal Isn't the Villain.'`.
    fn is_heading(&self, c: usize) -> bool {
        let chain = &self.chains[c];
        let Some(r) = chain.regions.first() else {
            return false;
        };
        let words: Vec<usize> = (r.first..=r.last)
            .filter(|&k| self.is_wordlike(k))
            .collect();
        let capital = words.iter().filter(|&&k| self.caps[k]).count();
        let whole_para = (r.open == 0 || self.para_of[r.open - 1] != self.para_of[r.open])
            && (r.end + 1 >= self.toks.len() || self.para_of[r.end + 1] != self.para_of[r.end]);
        // Section heads quote a phrase in single marks: `'A fight from start to finish.'`
        let single =
            self.word(r.open).chars().all(|c| "'‘’".contains(c)) && self.word(r.open) != "''";
        let title_case = capital * 10 >= words.len() * 6;
        whole_para && chain.regions.len() == 1 && words.len() <= 10 && (title_case || single)
    }

    /// After a quotation ending at `end`: a speaker and a lowercase verb ending the clause
    /// (`… ,” Hannity pressed.`, `…!” beamed Donald Hartley.`). Returns the speaker range and
    /// the verb.
    fn tail_cue(&self, end: usize) -> Option<(usize, usize, usize)> {
        let a = end + 1;
        if a >= self.toks.len() || self.para_of[a] != self.para_of[end] || self.in_quote(a) {
            return None;
        }
        let (s0, s1) = self.sent_range(a);
        if s0 > a {
            return None;
        }
        let verb_like = |v: usize| {
            let w = self.word(v);
            self.tags[v] == Tag::Other
                && !self.caps[v]
                && w.chars().all(|ch| ch.is_ascii_lowercase())
                && (w.ends_with("ed")
                    || w.ends_with('s')
                    || ["went", "shot", "spoke", "wrote", "broke", "cut", "began"].contains(&w))
        };
        // `… “…?” Hannity pressed.`, not `… the “rigged economy.” Carson struggled to answer`:
        // the quotation must end its words on a comma, question or exclamation mark.
        let last_word = end.checked_sub(1)?;
        if !matches!(self.word(last_word), "," | "?" | "!" | "-" | "—" | "–") {
            return None;
        }
        // `went on`, `fumed.`, `said Tuesday`; not `managed to …`.
        let closes = |v: usize| {
            v == s1
                || matches!(self.tags[v + 1], Tag::Stop | Tag::Comma | Tag::Time)
                || (self.tags[v + 1] == Tag::Prep && !self.is_lower(v + 1, "to"))
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
        let person = matches!(
            self.tags[a],
            Tag::Pron(Pron::Person(_) | Pron::Group | Pron::Speaker)
        ) || (a..=b).any(|k| self.ent_of[k] != 0 || self.caps[k]);
        person.then_some((a, b, v))
    }

    /// A dash at `d` followed by a capitalised name that runs to the end of the paragraph.
    fn signature(&self, d: usize) -> Option<(usize, usize)> {
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

    fn span_of(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].start, self.toks[b].end.max(self.toks[a].start))
    }

    fn content_span(&self, c: Content) -> Option<Span> {
        match c {
            Content::Chain(c) => self.chains.get(c)?.content(self.toks),
            Content::Tokens(a, b) => Some(self.span_of(a, b)),
        }
    }

    fn content_start(&self, c: Content) -> usize {
        match c {
            Content::Chain(c) => self.chains[c].open(),
            Content::Tokens(a, _) => a,
        }
    }

    /// Runs every rule and resolves speakers; quotes come out in text order, each with the name
    /// of its rule when `explain` is set.
    /// Also returns the reporting verbs that were no cue: (token, rule).
    pub(crate) fn quotes(mut self, explain: bool) -> (Vec<Quote>, Vec<(usize, &'static str)>) {
        let mut found = self.find();
        found.sort_by_key(|f| (self.content_start(f.content), f.cue.map_or(0, |c| c.0)));
        let mut resolver = Resolver::new(&self);
        let mut quotes: Vec<Quote> = Vec::with_capacity(found.len());
        let mut last: Option<(Speaker, usize)> = None; // speaker and paragraph
        let mut last_anchor: Option<usize> = None;
        let mut seen: HashSet<Span> = HashSet::new();
        let mut clause_subject: Option<(usize, Speaker)> = None; // (sentence, speaker)
        for f in found {
            let Some(span) = self.content_span(f.content) else {
                continue;
            };
            if !seen.insert(span) {
                continue;
            }
            let start = self.content_start(f.content);
            let para = self.para_of[start];
            let anchor = f.cue.map_or(start, |c| c.0);
            let speaker = match f.who {
                Who::Mention(a, b) => Some(resolver.resolve(&self, a, b)),
                Who::Clause => clause_subject
                    .as_ref()
                    .filter(|(s, _)| *s == self.sent_of[anchor])
                    .map(|(_, sp)| sp.clone())
                    .or_else(|| resolver.sentence_subject(&self, anchor)),
                Who::Continue => match &last {
                    Some((s, p)) => (para <= p + 1).then(|| s.clone()),
                    // Before any attributed statement, a lone quotation is an epigraph or a title.
                    None => continue,
                },
                Who::None => None,
            };
            if let Some(sp) = &speaker {
                // The statement continued is the one whose cue came last (`X insists …, Y said.`).
                if last_anchor.map_or(true, |l| anchor >= l) {
                    // A later quotation continues `Lavrov`, not the `who` of `Lavrov, who said`.
                    let named = match f.who {
                        Who::Mention(a, b)
                            if a == b && self.tags[a] == Tag::Pron(Pron::Relative) =>
                        {
                            self.antecedent(a)
                                .map(|(x, y)| resolver.resolve(&self, x, y))
                        }
                        _ => None,
                    };
                    last = Some((named.unwrap_or_else(|| sp.clone()), para));
                    last_anchor = Some(anchor);
                }
                clause_subject = Some((self.sent_of[anchor], sp.clone()));
                resolver.note_speaker(&self, sp, anchor);
            }
            quotes.push(Quote {
                span,
                kind: f.kind,
                cue: f.cue.map(|(a, b)| self.span_of(a, b)),
                speaker,
                rule: explain.then(|| f.rule.to_string()),
            });
        }
        quotes.sort_by_key(|q| (q.span.start, q.span.end));
        (quotes, std::mem::take(&mut self.rejected))
    }
}

/// Resolves speaker mentions to canonical names: entities give their canonical name;
/// pronouns and definite role nominals (`the minister`) go to the most salient compatible
/// person — the subject of the nearest sentence before; other nominals name themselves.
struct Resolver {
    /// Per sentence: the first person speaker (token, canonical, gender) once known.
    subjects: Vec<Option<(usize, String, Gender)>>,
    /// Per sentence: the first person entity outside quotations, not after a preposition.
    first_person: Vec<Option<(usize, String, Gender)>>,
    /// Person entities in text order: (token, canonical, gender).
    persons: Vec<(usize, String, Gender)>,
    /// Indices into `persons` of those a male and a female pronoun may refer to (their
    /// gender, or unknown), so the latest one before a token is a binary search, not a scan.
    compatible: [Vec<usize>; 2],
    /// The gender of the first person entity with each canonical name.
    gender_of: HashMap<String, Gender>,
    /// Organisations in text order: (token, canonical).
    orgs: Vec<(usize, String)>,
}

impl Resolver {
    fn new(a: &Analysis) -> Resolver {
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
        let compatible = [Gender::Male, Gender::Female].map(|want| {
            (0..persons.len())
                .filter(|&k| Resolver::compatible(want, persons[k].2))
                .collect()
        });
        let mut gender_of = HashMap::new();
        for (_, name, g) in &persons {
            gender_of.entry(name.clone()).or_insert(*g);
        }
        Resolver {
            subjects: vec![None; a.spans.len().max(1)],
            first_person,
            persons,
            compatible,
            gender_of,
            orgs,
        }
    }

    /// The latest person entity before token `at` that a pronoun of gender `want` may name.
    fn latest_person(&self, at: usize, want: Gender) -> Option<&str> {
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

    fn compatible(want: Gender, have: Gender) -> bool {
        want == Gender::Unknown || have == Gender::Unknown || want == have
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
            if let Some(c) = cands.into_iter().find(|c| Resolver::compatible(want, c.2)) {
                return Some(c.1.clone());
            }
        }
        self.latest_person(at, want).map(str::to_string)
    }

    fn resolve(&mut self, a: &Analysis, s: usize, e: usize) -> Speaker {
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
    fn note_speaker(&mut self, a: &Analysis, sp: &Speaker, at: usize) {
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
    fn sentence_subject(&mut self, a: &Analysis, at: usize) -> Option<Speaker> {
        let (s0, _) = a.sent_range(at);
        // A sentence opening with a noun phrase has it as its subject.
        let opens_with_np = matches!(
            a.tags[s0],
            Tag::Det | Tag::Pron(Pron::Person(_) | Pron::Group | Pron::Speaker)
        ) || (a.caps[s0] && a.tags[s0] == Tag::Other);
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
