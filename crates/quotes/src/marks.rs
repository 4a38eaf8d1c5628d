//! Quotation-mark regions: which tokens lie inside a quotation.
//!
//! Marks are paired inside one paragraph only, so an unbalanced mark can never swallow the
//! rest of a story. A quotation still open when its paragraph ends runs to the paragraph end,
//! and when the next paragraph opens with a mark the two form one quotation (the news
//! convention for quotes that run over several paragraphs).

use newsnlp_doc::Span;

/// What a quotation-mark token does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    DoubleOpen,
    DoubleClose,
    /// `"`: opens or closes depending on state.
    DoubleToggle,
    SingleOpen,
    SingleClose,
}

/// One quoted stretch inside a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; `None` when the paragraph ended first.
    pub close: Option<usize>,
    /// The last token of the quoted content (inclusive).
    pub last: usize,
}

impl Region {
    /// The last token belonging to the region, closing mark included.
    pub fn end_token(&self) -> usize {
        self.close.unwrap_or(self.last)
    }
}

/// A quotation: one region, or several chained over consecutive paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chain {
    pub regions: Vec<Region>,
}

impl Chain {
    pub fn open(&self) -> usize {
        self.regions.first().map_or(0, |r| r.open)
    }

    /// The last token of the whole quotation, closing mark included.
    pub fn end_token(&self) -> usize {
        self.regions.last().map_or(0, Region::end_token)
    }

    /// The content span (without the outer marks), in bytes.
    pub fn content(&self, toks: &[Span]) -> Option<Span> {
        let first = self.regions.first()?;
        let last = self.regions.last()?;
        if last.last <= first.open {
            return None;
        }
        let s = toks.get(first.open + 1)?.start;
        let e = toks.get(last.last)?.end;
        (s < e).then(|| Span::new(s, e))
    }

    /// Number of content tokens (marks of inner regions included; only used as a size).
    pub fn len(&self) -> usize {
        self.regions.iter().map(|r| r.last.saturating_sub(r.open)).sum()
    }
}

fn classify(text: &str, tok: Span) -> Option<Mark> {
    let s = text.get(tok.range())?;
    let prev = text.get(..tok.start).and_then(|t| t.chars().next_back());
    let next = text.get(tok.end..).and_then(|t| t.chars().next());
    let open_ctx = prev.map_or(true, |c| c.is_whitespace() || "([{—–-/:\"“".contains(c))
        && next.is_some_and(|c| !c.is_whitespace());
    let close_ctx = prev.is_some_and(|c| !c.is_whitespace())
        && next.map_or(true, |c| c.is_whitespace() || ".,;:!?)]}—–-/\"”".contains(c));
    Some(match s {
        "“" | "„" | "«" | "``" => Mark::DoubleOpen,
        "”" | "»" | "''" => Mark::DoubleClose,
        "\"" | "‟" | "″" | "＂" => Mark::DoubleToggle,
        "‘" | "‛" if open_ctx => Mark::SingleOpen,
        "’" if close_ctx => Mark::SingleClose,
        "'" if open_ctx => Mark::SingleOpen,
        "'" if close_ctx => Mark::SingleClose,
        _ => return None,
    })
}

/// Finds the quotations of a document. `para_of[i]` is the paragraph of token `i`.
pub(crate) fn find_chains(
    text: &str,
    toks: &[Span],
    paragraphs: &[Span],
    para_of: &[usize],
) -> Vec<Chain> {
    let mut regions: Vec<(usize, Region)> = Vec::new(); // (paragraph, region)
    let mut i = 0;
    while i < toks.len() {
        let p = para_of[i];
        // Tokens of paragraph p: i..j
        let mut j = i;
        while j < toks.len() && para_of[j] == p {
            j += 1;
        }
        let last_tok = j - 1;
        let mut double: Option<usize> = None;
        let mut single: Option<usize> = None;
        for t in i..j {
            let Some(m) = classify(text, toks[t]) else { continue };
            match (m, double) {
                (Mark::DoubleOpen | Mark::DoubleToggle, None) => {
                    // A double quotation inside a single one closes nothing; keep it simple:
                    // the single one is abandoned.
                    single = None;
                    double = Some(t);
                }
                (Mark::DoubleClose | Mark::DoubleToggle, Some(o)) => {
                    regions.push((p, Region { open: o, close: Some(t), last: t.saturating_sub(1) }));
                    double = None;
                }
                (Mark::DoubleOpen, Some(o)) => {
                    // A second opening mark: the first quotation was never closed.
                    regions.push((p, Region { open: o, close: None, last: t.saturating_sub(1) }));
                    double = Some(t);
                }
                (Mark::DoubleClose, None) => {}
                (Mark::SingleOpen, None) => {
                    if single.is_none() {
                        single = Some(t);
                    }
                }
                (Mark::SingleClose, None) => {
                    if let Some(o) = single.take() {
                        regions.push((p, Region { open: o, close: Some(t), last: t - 1 }));
                    }
                }
                (Mark::SingleOpen | Mark::SingleClose, Some(_)) => {}
            }
        }
        if let Some(o) = double {
            regions.push((p, Region { open: o, close: None, last: last_tok }));
        }
        i = j;
    }
    regions.retain(|(_, r)| r.last > r.open);
    // Chain an unclosed region with a region opening the next paragraph.
    let mut chains: Vec<(usize, Chain)> = Vec::new();
    for (p, r) in regions {
        if let Some((cp, chain)) = chains.last_mut() {
            let prev_open = chain.regions.last().is_some_and(|l| l.close.is_none());
            let starts_para = paragraphs.get(p).is_some_and(|ps| toks[r.open].start == ps.start);
            if prev_open && p == *cp + 1 && starts_para {
                chain.regions.push(r);
                *cp = p;
                continue;
            }
        }
        chains.push((p, Chain { regions: vec![r] }));
    }
    chains.into_iter().map(|(_, c)| c).collect()
}
