//! The token layers every rule reads, built once per document: lexicon classes, repaired
//! sentences, paragraphs, entity and quotation maps, and the small questions asked of one token.

use super::*;

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
        let spans = repaired_sentences(text, toks, sents, &tags, &para_of);
        let sent_of = sentence_of_tokens(&spans, n);
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
            class_of: vec![std::cell::Cell::new(None); n],
        }
    }

    /// The Universal POS tag of token `i`, when the document has a `pos` layer.
    pub(super) fn upos(&self, i: usize) -> Option<&'static str> {
        Some(self.pos?.tokens.get(i)?.pos())
    }

    /// The Penn Treebank tag of token `i`, when the document has a `pos` layer.
    pub(super) fn penn(&self, i: usize) -> Option<&'static str> {
        Some(self.pos?.tokens.get(i)?.tag())
    }

    /// Records that the reporting verb at `i` is no cue, by `rule`.
    pub(super) fn note_rejected(&mut self, i: usize, rule: &'static str) {
        self.rejected.push((i, rule));
    }

    pub(super) fn word(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.range()))
            .unwrap_or("")
    }

    pub(super) fn is_lower(&self, i: usize, w: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(w)
    }

    /// True when token `i`, in any case, is in the shared lexicon's `class`.
    pub(super) fn is_class(&self, i: usize, class: Flags) -> bool {
        self.flags_of(i).contains(class)
    }

    /// The shared lexicon's classes of token `i` in any case, looked up the first time a rule
    /// asks and kept: rules ask of the same token again for every cue whose content passes it.
    pub(super) fn flags_of(&self, i: usize) -> Flags {
        let Some(cell) = self.class_of.get(i) else {
            return Flags::EMPTY;
        };
        cell.get().unwrap_or_else(|| {
            let f = newsnlp_lexicon::flags_folded(self.word(i));
            cell.set(Some(f));
            f
        })
    }

    /// True when token `k` is part of a PER entity.
    pub(super) fn is_person(&self, k: usize) -> bool {
        self.ent_of
            .get(k)
            .is_some_and(|&e| e != 0 && self.ents[e as usize - 1].label == EntityLabel::Per)
    }

    /// A personal pronoun that can name a speaker (`he`, `she`, `they`, `it`, `I`, `we`), not
    /// a relative one.
    pub(super) fn personal_pronoun(&self, k: usize) -> bool {
        matches!(
            self.tags[k],
            Tag::Pron(Pron::Person(_) | Pron::Group | Pron::Speaker)
        )
    }

    pub(super) fn in_quote(&self, i: usize) -> bool {
        self.chain_of.get(i).is_some_and(|&c| c != 0)
    }

    pub(super) fn sent_range(&self, i: usize) -> (usize, usize) {
        self.spans.get(self.sent_of[i]).copied().unwrap_or((i, i))
    }

    /// True for a closing quotation-mark token.
    pub(super) fn is_close(&self, i: usize) -> bool {
        let c = self.chain_of.get(i).copied().unwrap_or(0);
        c != 0
            && self.chains[c as usize - 1]
                .regions
                .iter()
                .any(|r| r.close.is_some() && r.end == i)
    }

    /// The chain whose opening mark is token `i`.
    pub(super) fn chain_opening_at(&self, i: usize) -> Option<usize> {
        let c = *self.chain_of.get(i)?;
        (c != 0 && self.chains[c as usize - 1].open() == i).then(|| c as usize - 1)
    }

    /// The chain whose last token (closing mark, or last content token) is `i`.
    pub(super) fn chain_ending_at(&self, i: usize) -> Option<usize> {
        let c = *self.chain_of.get(i)?;
        (c != 0 && self.chains[c as usize - 1].end_token() == i).then(|| c as usize - 1)
    }

    pub(super) fn is_wordlike(&self, i: usize) -> bool {
        self.word(i)
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    }

    /// True when tokens `i` and `i + 1` are glued parts of one hyphenated word (`43-year-old`,
    /// `co-founder`): the hyphen and the words around it, whatever their class.
    pub(super) fn hyphen_glued(&self, i: usize) -> bool {
        self.infix_hyphen(i) || self.infix_hyphen(i + 1)
    }

    /// A hyphen inside a word: glued to a word on both sides (not `-Nate Cohn`, `news - and`).
    pub(super) fn infix_hyphen(&self, h: usize) -> bool {
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

    pub(super) fn is_possessive(&self, i: usize) -> bool {
        match self.word(i) {
            "'s" | "’s" => true,
            // `the Clintons' plan`, but not a closing quotation mark.
            "'" | "’" => !self.in_quote(i),
            _ => false,
        }
    }

    /// The token range `[first, end)` of each paragraph, in order.
    pub(super) fn paragraph_runs(&self) -> Vec<(usize, usize)> {
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

    /// True when token `x` lies in a quotation already given to an attribution.
    pub(super) fn used_at(&self, x: usize) -> bool {
        let c = self.chain_of.get(x).copied().unwrap_or(0);
        c != 0 && self.used[c as usize - 1]
    }

    /// A word written in capitals, like a speaker's name in a transcript.
    pub(super) fn is_shouted(&self, i: usize) -> bool {
        let w = self.word(i);
        w.chars().count() >= 2
            && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '-')
            && w.chars().any(char::is_alphabetic)
    }

    /// True when most words of tokens `a..=b` are capitalised, as in a headline.
    pub(super) fn title_case(&self, a: usize, b: usize) -> bool {
        let words = (a..=b).filter(|&k| self.is_wordlike(k) && self.word(k).len() > 3);
        let (mut n, mut caps) = (0usize, 0usize);
        for k in words {
            n += 1;
            caps += usize::from(self.caps[k]);
        }
        n >= 3 && caps * 10 >= n * 8 && !self.in_quote(a)
    }

    /// A short Title-Case quotation standing alone, like a section heading `'Coal Isn't the Villain.'`.
    pub(super) fn is_heading(&self, c: usize) -> bool {
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

    pub(super) fn span_of(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].start, self.toks[b].end.max(self.toks[a].start))
    }

    pub(super) fn content_span(&self, c: Content) -> Option<Span> {
        match c {
            Content::Chain(c) => self.chains.get(c)?.content(self.toks),
            Content::Tokens(a, b) => Some(self.span_of(a, b)),
        }
    }

    pub(super) fn content_start(&self, c: Content) -> usize {
        match c {
            Content::Chain(c) => self.chains[c].open(),
            Content::Tokens(a, _) => a,
        }
    }
}

/// Sentences as inclusive token ranges, splitter slips repaired: a sentence the splitter started
/// with a comma or a lowercase word (`R-Ky.` / `, said Tuesday.`), or after a split hyphen
/// (`R-` / `Ky.,`), continues the one before it in the same paragraph.
fn repaired_sentences(
    text: &str,
    toks: &[Span],
    sents: &[Sentence],
    tags: &[Tag],
    para_of: &[usize],
) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(sents.len());
    for s in sents
        .iter()
        .filter(|s| !s.tokens.is_empty() && s.tokens.end <= toks.len())
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
            Some(last) if continues && last.1 < a && para_of[last.1] == para_of[a] => last.1 = b,
            _ => spans.push((a, b)),
        }
    }
    spans
}

/// The sentence of each of `n` tokens; tokens between sentences join the sentence after them.
fn sentence_of_tokens(spans: &[(usize, usize)], n: usize) -> Vec<usize> {
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
    sent_of
}
