//! Quotation-mark regions: which tokens lie inside a quotation.
//!
//! Marks are paired inside one paragraph only, so an unbalanced mark can never swallow the
//! rest of a story. A quotation still open when its paragraph ends runs to the paragraph end,
//! and when the next paragraph opens with a mark the two form one quotation (the news
//! convention for quotes that run over several paragraphs).

use newsnlp_doc::Span;
use std::ops::Range;

/// What a quotation-mark token does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    DoubleOpen,
    DoubleClose,
    /// `"`: opens or closes depending on state.
    DoubleToggle,
    /// `"` glued to the word before it and followed by a space: only ever a closing mark.
    DoubleToggleClosing,
    SingleOpen,
    SingleClose,
}

/// One quoted stretch inside a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region {
    /// Token index of the (first token of the) opening mark.
    pub open: usize,
    /// Token index of the first token of the closing mark; `None` when the paragraph ended first.
    pub close: Option<usize>,
    /// The last token of the quoted content (inclusive).
    pub last: usize,
    /// The first token of the quoted content.
    pub first: usize,
    /// The last token of the region, closing mark included.
    pub end: usize,
}

impl Region {
    /// The last token belonging to the region, closing mark included.
    pub fn end_token(&self) -> usize {
        self.end
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
        if last.last < first.first {
            return None;
        }
        let s = toks.get(first.first)?.start;
        let e = toks.get(last.last)?.end;
        (s < e).then(|| Span::new(s, e))
    }

    /// Number of content tokens (marks of inner regions included; only used as a size).
    pub fn len(&self) -> usize {
        self.regions
            .iter()
            .map(|r| (r.last + 1).saturating_sub(r.first))
            .sum()
    }
}

fn classify(text: &str, tok: Span) -> Option<Mark> {
    let s = text.get(tok.range())?;
    let prev = text.get(..tok.start).and_then(|t| t.chars().next_back());
    let next = text.get(tok.end..).and_then(|t| t.chars().next());
    let open_ctx = prev.map_or(true, |c| c.is_whitespace() || "([{—–-/:\"“".contains(c))
        && next.is_some_and(|c| !c.is_whitespace());
    let close_ctx = prev.is_some_and(|c| !c.is_whitespace())
        && next.map_or(true, |c| {
            c.is_whitespace() || ".,;:!?)]}—–-/\"”".contains(c)
        });
    Some(match s {
        // `“It's unusual,“ said …`: an opening curly mark glued to the word before it and
        // followed by a space is a mistyped closing one.
        "“" if close_ctx && !open_ctx => Mark::DoubleClose,
        "“" | "„" | "«" | "``" => Mark::DoubleOpen,
        "”" | "»" | "''" => Mark::DoubleClose,
        "\"" | "‟" | "″" | "＂" if close_ctx && !open_ctx => Mark::DoubleToggleClosing,
        "\"" | "‟" | "″" | "＂" => Mark::DoubleToggle,
        "‘" | "‛" if open_ctx => Mark::SingleOpen,
        "’" if close_ctx => Mark::SingleClose,
        "'" if open_ctx => Mark::SingleOpen,
        "'" if close_ctx => Mark::SingleClose,
        _ => return None,
    })
}

/// A mark found at token `i`: its role and how many tokens it takes (`'` `'` is one mark).
fn mark_at(text: &str, toks: &[Span], i: usize, end: usize) -> Option<(Mark, usize)> {
    let t = toks[i];
    let s = text.get(t.range())?;
    let glued = |j: usize| {
        j < end && toks[j].start == toks[j - 1].end && text.get(toks[j].range()) == Some(s)
    };
    // A single closing mark glued to a double one (three apostrophes): the double comes last.
    if s == "'" && glued(i + 1) && glued(i + 2) {
        return None;
    }
    if (s == "'" || s == "`") && glued(i + 1) {
        let m = if s == "`" {
            Mark::DoubleOpen
        } else {
            Mark::DoubleToggle
        };
        return Some((m, 2));
    }
    classify(text, t).map(|m| (m, 1))
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
        paragraph_regions(text, toks, i..j, p, &mut regions);
        i = j;
    }
    regions.retain(|(_, r)| r.last >= r.first);
    let mut chains = chain_regions(text, toks, paragraphs, regions);
    drop_stray_chains(toks, paragraphs, &mut chains);
    chains.into_iter().map(|(_, c)| c).collect()
}

/// The quotation marks open so far in one paragraph, each as `(mark token, first content
/// token)`. A single quotation nests only inside no double one.
#[derive(Default)]
struct OpenMarks {
    double: Option<(usize, usize)>,
    single: Option<(usize, usize)>,
}

impl OpenMarks {
    /// The role of mark `m` at token `t` set right where it was typed the wrong way round: a
    /// closing mark opening the paragraph (`para_start`), or `“` after a low `„`.
    fn set_right(&self, text: &str, toks: &[Span], m: Mark, t: usize, para_start: usize) -> Mark {
        // A closing mark opening a paragraph is an opening one set the wrong way round.
        let m = if m == Mark::DoubleClose && t == para_start && self.double.is_none() {
            Mark::DoubleOpen
        } else {
            m
        };
        // `„…“`: after a low opening mark, `“` closes.
        let low_open = self
            .double
            .is_some_and(|(o, _)| text.get(toks[o].range()) == Some("„"));
        if low_open && text.get(toks[t].range()) == Some("“") {
            Mark::DoubleClose
        } else {
            m
        }
    }

    /// Pairs the mark `m` at tokens `t..next` of paragraph `p` with the marks open, and pushes
    /// the region it closes (or the unclosed one a second opening mark ends) onto `regions`.
    fn pair(
        &mut self,
        m: Mark,
        t: usize,
        next: usize,
        p: usize,
        regions: &mut Vec<(usize, Region)>,
    ) {
        match (m, self.double) {
            (Mark::DoubleOpen | Mark::DoubleToggle, None) => {
                self.single = None;
                self.double = Some((t, next));
            }
            (Mark::DoubleClose | Mark::DoubleToggle | Mark::DoubleToggleClosing, Some((o, f))) => {
                let r = Region {
                    open: o,
                    first: f,
                    close: Some(t),
                    last: t.saturating_sub(1),
                    end: next - 1,
                };
                regions.push((p, r));
                self.double = None;
            }
            (Mark::DoubleOpen, Some((o, f))) => {
                // A second opening mark: the first quotation was never closed.
                let last = t.saturating_sub(1);
                regions.push((
                    p,
                    Region {
                        open: o,
                        first: f,
                        close: None,
                        last,
                        end: last,
                    },
                ));
                self.double = Some((t, next));
            }
            // A closing mark with nothing open is a stray, not the start of a quotation.
            (Mark::DoubleClose | Mark::DoubleToggleClosing, None) => {}
            (Mark::SingleOpen, None) => {
                if self.single.is_none() {
                    self.single = Some((t, next));
                }
            }
            (Mark::SingleClose, None) => {
                if let Some((o, f)) = self.single.take() {
                    regions.push((
                        p,
                        Region {
                            open: o,
                            first: f,
                            close: Some(t),
                            last: t.saturating_sub(1),
                            end: t,
                        },
                    ));
                }
            }
            (Mark::SingleOpen | Mark::SingleClose, Some(_)) => {}
        }
    }
}

/// Pushes the quoted regions of paragraph `p`, whose tokens are `para`, onto `regions`: marks
/// are paired inside the paragraph, and a double quotation still open runs to its end.
fn paragraph_regions(
    text: &str,
    toks: &[Span],
    para: Range<usize>,
    p: usize,
    regions: &mut Vec<(usize, Region)>,
) {
    let mut open = OpenMarks::default();
    let mut t = para.start;
    while t < para.end {
        let Some((m, w)) = mark_at(text, toks, t, para.end) else {
            t += 1;
            continue;
        };
        let next = t + w;
        let m = open.set_right(text, toks, m, t, para.start);
        open.pair(m, t, next, p, regions);
        t = next;
    }
    if let Some((o, f)) = open.double {
        let last_tok = para.end - 1;
        regions.push((
            p,
            Region {
                open: o,
                first: f,
                close: None,
                last: last_tok,
                end: last_tok,
            },
        ));
    }
}

/// The region `r` of paragraph `p` opens that paragraph.
fn starts_paragraph(toks: &[Span], paragraphs: &[Span], p: usize, r: &Region) -> bool {
    paragraphs
        .get(p)
        .is_some_and(|ps| toks[r.open].start == ps.start)
}

/// Chains each unclosed region with a region opening the next paragraph in the same style of
/// mark (straight and typographic marks never continue each other's quotations): one quotation
/// over several paragraphs. Each chain comes with the paragraph of its last region.
fn chain_regions(
    text: &str,
    toks: &[Span],
    paragraphs: &[Span],
    regions: Vec<(usize, Region)>,
) -> Vec<(usize, Chain)> {
    let straight = |t: usize| {
        text.get(toks[t].range())
            .is_some_and(|m| m == "\"" || m == "'")
    };
    let mut chains: Vec<(usize, Chain)> = Vec::new();
    for (p, r) in regions {
        if let Some((cp, chain)) = chains.last_mut() {
            let prev_open = chain.regions.last().is_some_and(|l| l.close.is_none());
            let same_style = chain
                .regions
                .last()
                .is_some_and(|l| straight(l.open) == straight(r.open));
            if prev_open && p == *cp + 1 && starts_paragraph(toks, paragraphs, p, &r) && same_style
            {
                chain.regions.push(r);
                *cp = p;
                continue;
            }
        }
        chains.push((p, Chain { regions: vec![r] }));
    }
    chains
}

/// Drops chains that open a paragraph and never close: marks opening paragraphs that never
/// close are strays (a common copy-paste artefact), not one quotation of the whole rest of the
/// story.
fn drop_stray_chains(toks: &[Span], paragraphs: &[Span], chains: &mut Vec<(usize, Chain)>) {
    chains.retain(|(p, c)| {
        let first_para = *p + 1 - c.regions.len();
        let never_closed = c.regions.last().is_some_and(|r| r.close.is_none());
        !(never_closed
            && c.regions
                .first()
                .is_some_and(|r| starts_paragraph(toks, paragraphs, first_para, r)))
    });
}
