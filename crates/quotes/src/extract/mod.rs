//! The attribution rules: one pass over the tokens finds cues, each cue finds its speaker and
//! content, quotations without a cue continue the last speaker, and speakers are resolved to
//! canonical names in text order.

use crate::lexicon::{is_day_flags, Form, Gender, Lexicon, Pron, Tag, VerbClass};
use crate::marks::{find_chains, Chain};
use foldhash::{HashMap, HashSet};
use newsnlp_doc::{Entity, EntityLabel, PosLayer, Quote, QuoteKind, Sentence, Span, Speaker};
use newsnlp_lexicon::Flags;

mod content;
mod cues;
#[cfg(test)]
mod examples;
mod layers;
mod other_cues;
mod phrases;
mod resolve;
mod verbs;

use resolve::Resolver;

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
    /// Each token's lexicon classes once asked for ([`Analysis::flags_of`]).
    class_of: Vec<std::cell::Cell<Option<Flags>>>,
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
        let mut seen: HashSet<Span> = HashSet::default();
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
        self.drop_repeated_attributions(&mut quotes);
        (quotes, std::mem::take(&mut self.rejected))
    }
}

impl Analysis<'_> {
    /// `Ayrault added that “the time is now,” he said.`: the tail cue `he said` reports again
    /// the statement `Ayrault added` attributes. An outer content goes when it holds an inner
    /// one's cue and stops inside the inner content (before its closing mark), its own cue comes
    /// after both, and its speaker is a pronoun for the inner speaker. A named or described
    /// tail speaker (`…,” the source recalled`) is a second attribution and stays. Quotes are
    /// sorted by start, so an inner content is one of the next few.
    fn drop_repeated_attributions(&self, quotes: &mut Vec<Quote>) {
        fn canonical(q: &Quote) -> Option<&str> {
            q.speaker.as_ref().and_then(|s| s.canonical.as_deref())
        }
        let pronoun = |q: &Quote| {
            q.speaker.as_ref().is_some_and(|s| {
                let k = self.toks.partition_point(|t| t.start < s.span.start);
                self.toks.get(k) == Some(&s.span) && matches!(self.tags[k], Tag::Pron(_))
            })
        };
        let repeats = |outer: &Quote, inner: &Quote| {
            let (Some(oc), Some(ic)) = (outer.cue, inner.cue) else {
                return false;
            };
            inner.span.start > outer.span.start
                && inner.span.end > outer.span.end
                && outer.span.start <= ic.start
                && oc.start >= inner.span.end
                && pronoun(outer)
                && canonical(outer).is_some()
                && canonical(outer) == canonical(inner)
        };
        let drop: Vec<bool> = (0..quotes.len())
            .map(|k| {
                quotes[k + 1..]
                    .iter()
                    .take_while(|q| q.span.start < quotes[k].span.end)
                    .take(8)
                    .any(|inner| repeats(&quotes[k], inner))
            })
            .collect();
        let mut drop = drop.into_iter();
        quotes.retain(|_| !drop.next().unwrap_or(false));
    }
}
