//! The dateline grammar, and where in the opening of a story to look for it.
//!
//! ```text
//! dateline  := noise? ( location qualifier* date? agency? | date agency | agency ) terminator
//! location  := Word (Word | connector Word | "St." Word)*       -- RICHMOND, Sao Paulo, ST. PAUL
//! qualifier := "," Words | "(" Words ")" | "[" Words "]"         -- , Va.   (Madhya Pradesh)   [India]
//! date      := ","|"." (weekday ","?)? (Month "."? Day | Day "."? Month "."?) (","? Year)? | numeric
//! agency    := "(" Agency ")" | "," Agency | "/" Agency "/" | Agency
//! terminator:= "-" | "--" | "–" | "—" | ":" | ".-" | "." (after /TASS/, or a full date)
//! ```
//!
//! A candidate only counts when the grammar reaches a terminator and the location is
//! believable: a place the gazetteer knows or, next to a date or agency, a capitalised name.
//! Candidates are tried at the start of each line of the opening, skipping headlines, captions,
//! bylines and page debris, until the story's prose has begun.

use crate::agency;
use crate::date::{self, Ymd};
use crate::lexer::{lex, Kind, Tok};
use newsnlp_doc::{Dateline, Place, Span};
use newsnlp_gazetteer::{Gazetteer, PlaceKind};
use newsnlp_lexicon::{self as lexicon, Flags};
use std::ops::ControlFlow::{self, Break, Continue};

/// How much of the opening is examined, in bytes and lines.
const WINDOW_BYTES: usize = 3000;
const WINDOW_LINES: usize = 40;
/// Pieces lexed per candidate: a dateline is short.
const MAX_TOKENS: usize = 40;
/// A dateline never runs longer than this (bytes).
const MAX_DATELINE: usize = 160;
/// Once a paragraph of story prose this long (words) has gone by, the dateline is not coming.
const PROSE_WORDS: usize = 15;

/// Words that start a kicker, a heading or a sentence ([`Flags::HEADING_WORD`]) or page
/// furniture ([`Flags::FURNITURE`]): never a dateline location, unless the whole name is a known
/// place, as `The Hague`.
const NEVER_A_PLACE: Flags = Flags::HEADING_WORD.union(Flags::FURNITURE);

/// Lowercase words allowed inside a place name (`Rio de Janeiro`, `Stratford-upon-Avon`).
fn is_connector(w: &str) -> bool {
    lexicon::flags(w).contains(Flags::PLACE_PARTICLE)
}

/// Abbreviations whose full stop belongs to a place name (`ST. PAUL`, `Ft. Worth`).
const NAME_ABBREVIATIONS: &[&str] = &["st", "ste", "ft", "mt", "pt", "pte"];

/// Dashes that end a dateline (and separate its parts in `KANSAS CITY, Mo. - March 13 -`).
const DASHES: &[char] = &['-', '–', '—', '―', '‒', '−'];

/// A date as found in a dateline.
#[derive(Debug, Clone)]
struct DateFound {
    start: usize,
    end: usize,
    month: Option<u32>,
    /// The day's digits as read (`20` for `2O`); may be a garbled `187`.
    day: Option<String>,
    year: Option<i32>,
}

/// A qualifier: its byte range as written (brackets included) and its words.
#[derive(Debug, Clone, Copy)]
struct Qualifier {
    end: usize,
    inner: (usize, usize),
}

/// An agency as found: its short name, and where its name is written (brackets and a
/// leading `The` left out).
#[derive(Debug, Clone)]
struct AgencyFound {
    name: String,
    span: (usize, usize),
}

impl AgencyFound {
    fn new(text: &str, name: String, start: usize, end: usize) -> AgencyFound {
        let written = &text[start..end];
        let start = match written.get(..4) {
            Some(the) if the.eq_ignore_ascii_case("the ") && written.len() > 4 => {
                end - written[4..].trim_start().len()
            }
            _ => start,
        };
        AgencyFound {
            name,
            span: (start, end),
        }
    }

    fn name(&self) -> &str {
        &self.name
    }
}

#[derive(Debug, Default)]
struct Parts {
    start: usize,
    end: usize,
    /// The place name proper (`RICHMOND`).
    name: Option<(usize, usize)>,
    qualifiers: Vec<Qualifier>,
    date: Option<DateFound>,
    agency: Option<AgencyFound>,
    /// The agency stood in parentheses or slashes.
    bracketed_agency: bool,
    /// The dateline ends at a line break, with no terminator (`LONDON 1996-08-30`).
    unterminated: bool,
    lowercase_location: bool,
}

/// Finds the dateline of `text`, resolving years against `published`.
pub(crate) fn find(text: &str, published: Option<Ymd>) -> Option<Dateline> {
    let gaz = Gazetteer::get();
    let limit = floor_char_boundary(text, WINDOW_BYTES);
    let mut para_words = 0usize;
    let mut para_sentence_end = false;
    let mut prose_paragraphs = 0usize;
    let mut line_start = 0usize;
    for _ in 0..WINDOW_LINES {
        if line_start >= limit {
            break;
        }
        let line_end = text[line_start..limit]
            .find('\n')
            .map_or(limit, |i| line_start + i);
        let line = &text[line_start..line_end];
        let content = line.trim_start();
        let indented = line.len() - content.len() >= 2 || line.starts_with('\t');
        if content.trim().is_empty() || indented || is_bullet(content) {
            // A paragraph ended.
            if para_words >= PROSE_WORDS && para_sentence_end {
                prose_paragraphs += 1;
            }
            para_words = 0;
            para_sentence_end = false;
            if prose_paragraphs > 0 {
                break;
            }
        }
        if !content.trim().is_empty() {
            let at = line_start + (line.len() - content.len());
            let at = skip_noise(text, at, line_end);
            let upto = floor_char_boundary(text, (at + MAX_DATELINE).min(text.len()));
            if let Some(d) = parse_at(text, at, upto, published, gaz, At::LineStart) {
                return Some(d);
            }
            if let Some(d) = inline(text, at, line_end, published, gaz, is_furniture(content)) {
                return Some(d);
            }
            if !is_furniture(content) && !is_bullet(content) {
                let (words, lower) = word_stats(content);
                if words >= 6 && lower * 2 >= words {
                    para_words += words;
                    para_sentence_end |= has_sentence_end(content);
                }
            }
            if para_words >= PROSE_WORDS && para_sentence_end {
                break; // the story has begun; a dateline further on is a quotation
            }
        }
        line_start = line_end + 1;
    }
    None
}

/// Datelines that follow page debris on the same line (`Share on Twitter SEOUL, May 12
/// (Yonhap) --`): only strong ones count, with a known place and a bracketed agency — unless
/// the line opens with furniture (`By Jane Doe WASHINGTON — …`), where an all-caps dateline of
/// any form counts.
fn inline(
    text: &str,
    from: usize,
    line_end: usize,
    published: Option<Ymd>,
    gaz: &Gazetteer,
    after_furniture: bool,
) -> Option<Dateline> {
    let line = &text[from..line_end];
    if line.len() > 400 {
        return None;
    }
    let toks = lex(text, from, line_end, 80);
    for t in toks.iter().skip(1) {
        let w = t.text(text);
        if t.kind != Kind::Word || !t.space_before || !starts_upper(w) || w.chars().count() < 3 {
            continue;
        }
        let upto = floor_char_boundary(text, (t.start + MAX_DATELINE).min(text.len()));
        if let Some(d) = parse_at(text, t.start, upto, published, gaz, At::Inline) {
            return Some(d);
        }
        if after_furniture && is_all_caps(w) {
            if let Some(d) = parse_at(text, t.start, upto, published, gaz, At::AfterFurniture) {
                return Some(d);
            }
        }
    }
    None
}

/// Where a candidate starts, which sets how much evidence it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// The start of a line.
    LineStart,
    /// Inside a line that opens with page furniture (`By Jane Doe WASHINGTON —`).
    AfterFurniture,
    /// Inside any other line: a known place and a bracketed agency required.
    Inline,
}

/// Tries the grammar at byte `at`.
fn parse_at(
    text: &str,
    at: usize,
    upto: usize,
    published: Option<Ymd>,
    gaz: &Gazetteer,
    mode: At,
) -> Option<Dateline> {
    let toks = lex(text, at, upto, MAX_TOKENS);
    let parts = grammar(text, &toks)?;
    let strict = mode == At::Inline;
    if strict {
        let known_agency = parts
            .agency
            .as_ref()
            .and_then(|a| agency::lookup(a.name()))
            .is_some();
        let last = toks.iter().rfind(|x| x.end <= parts.end);
        let dashed = last.is_some_and(|x| x.punct_in(DASHES) || x.punct_in(&[':', '_']));
        if !(parts.bracketed_agency && known_agency && parts.name.is_some() && dashed) {
            return None;
        }
    }
    let place = parts
        .name
        .and_then(|n| resolve_place(text, n, &parts.qualifiers, gaz));
    if strict {
        // The name itself must be a known place, not just its qualifier (`CITY` of `SUN CITY, Ariz.`).
        let (s, e) = parts.name?;
        gaz.place(&text[s..e], None)?;
    }
    if !believable(text, &toks, &parts, place.as_ref(), gaz, mode) {
        return None;
    }
    Some(build(text, parts, place, published))
}

/// Runs the grammar over the pieces of one candidate.
fn grammar(text: &str, t: &[Tok]) -> Option<Parts> {
    let first = t.first()?;
    let mut p = Parts {
        start: first.start,
        ..Parts::default()
    };
    let mut i;
    if first.is_punct('(') {
        // `(Bloomberg) --`: an agency with no location.
        let (ag, j) = bracketed_agency(text, t, 0)?;
        agency::lookup(ag.name())?;
        p.agency = Some(ag);
        p.bracketed_agency = true;
        i = j;
    } else if let Some((d, (ag, j, bracketed))) =
        date_at(text, t, 0).and_then(|(d, j)| agency_at(text, t, j).map(|a| (d, a)))
    {
        // `Nov 24 (Reuters) -`: a date with no location needs an agency.
        p.date = Some(d);
        p.agency = Some(ag);
        p.bracketed_agency = bracketed;
        i = j;
    } else {
        let (name_end, lowercase) = location(text, t)?;
        p.name = Some((first.start, t[name_end - 1].end));
        p.lowercase_location = lowercase;
        i = name_end;
        i = after_location(text, t, i, &mut p)?;
    }
    let end = terminator(text, t, i, &mut p)?;
    p.end = end;
    if p.name.is_none() && p.date.is_none() {
        // `(ANSA) - ROME, NOV 24 - …`: the agency first, then the place and date.
        if let Some(k) = t
            .iter()
            .position(|x| x.start >= end)
            .filter(|&k| !t[k].newline_before)
        {
            if let Some(inner) =
                grammar(text, &t[k..]).filter(|q| q.name.is_some() && q.agency.is_none())
            {
                p.name = inner.name;
                p.qualifiers = inner.qualifiers;
                p.date = inner.date;
                p.lowercase_location = inner.lowercase_location;
                p.end = inner.end;
            }
        }
    }
    (p.end - p.start <= MAX_DATELINE).then_some(p)
}

/// One step of [`after_location`]: go on at the token index `Continue` holds, or stop with the
/// index of the terminator (`Break(Some(_))`) or with no dateline at all (`Break(None)`).
type Step = ControlFlow<Option<usize>, usize>;

/// Qualifiers, date and agency after the location; returns the index of the terminator.
fn after_location(text: &str, t: &[Tok], mut i: usize, p: &mut Parts) -> Option<usize> {
    while let Some(tok) = t.get(i) {
        if tok.newline_before && !tok.punct_in(DASHES) && p.date.is_none() && p.agency.is_none() {
            // A location alone on its line is a headline word, not a dateline (unless the
            // terminator wrapped).
            if !(tok.is_punct(',') || tok.kind == Kind::Num) {
                return None;
            }
        }
        let step = match tok.kind {
            Kind::Punct(',') => after_comma(text, t, i, p),
            Kind::Punct('.') if p.date.is_some() && p.agency.is_none() => {
                agency_after_stop(text, t, i, p)
            }
            Kind::Punct('.') if p.date.is_none() && p.agency.is_none() => {
                // `MOSCOW. Nov 24 (Interfax) -`, `Москва. 15 июля.`
                match date_at(text, t, i + 1)
                    .filter(|_| !t.get(i + 1).is_some_and(|x| x.newline_before))
                {
                    Some((d, j)) => {
                        p.date = Some(d);
                        Continue(j)
                    }
                    None => Break(Some(i)),
                }
            }
            Kind::Punct('(') | Kind::Punct('[') => after_bracket(text, t, i, p),
            Kind::Punct('/') if p.agency.is_none() => match bracketed_agency(text, t, i) {
                Some((ag, j)) => {
                    p.agency = Some(ag);
                    p.bracketed_agency = true;
                    Continue(j)
                }
                None => Break(Some(i)),
            },
            Kind::Word | Kind::Num => date_or_agency_word(text, t, i, p),
            _ => Break(Some(i)),
        };
        match step {
            Continue(j) => i = j,
            Break(end) => return end,
        }
    }
    Some(i)
}

/// After a comma in the parts: a bare agency, a date (a Hijri one first skipped) or a
/// qualifier (`, Va.`), where the parts have room for one; else the comma is the terminator.
fn after_comma(text: &str, t: &[Tok], i: usize, p: &mut Parts) -> Step {
    if p.agency.is_none() {
        if let Some((ag, j)) = bare_agency(text, t, i + 1) {
            p.agency = Some(ag);
            return Continue(j);
        }
        if t.get(i + 1).is_some_and(|x| x.is_punct('(')) {
            // `WASHINGTON, (AP) —`
            return Continue(i + 1);
        }
    }
    if p.date.is_none() && p.agency.is_none() {
        if let Some(j) = hijri_date(text, t, i + 1) {
            // `Riyadh, Safar 23, 1438, Nov 23, 2016, SPA --`: the Gregorian date follows.
            return Continue(j);
        }
        if let Some((d, j)) = date_at(text, t, i + 1) {
            p.date = Some(d);
            return Continue(j);
        }
        if p.qualifiers.len() < 3 {
            if let Some((q, j)) = qualifier(text, t, i + 1, None) {
                p.qualifiers.push(q);
                return Continue(j);
            }
        }
    }
    // `CHICAGO, March 4, -`: a stray comma before the terminator.
    if t.get(i + 1).is_some_and(|x| x.punct_in(DASHES)) {
        return Break(Some(i + 1));
    }
    Break(Some(i))
}

/// After a date and a full stop, an agency written as words and closed by a dash, slash,
/// colon or stop (`Москва. 24 ноября. INTERFAX.RU -`, `Baku. 24 November. REPORT.AZ/`);
/// else the stop is the terminator.
fn agency_after_stop(text: &str, t: &[Tok], i: usize, p: &mut Parts) -> Step {
    let found = agency_words_then_stop(text, t, i + 1).filter(|&(_, j)| {
        t.get(j)
            .is_some_and(|x| x.punct_in(DASHES) || x.punct_in(&['/', ':', '.']))
    });
    match found {
        Some((ag, j)) => {
            p.agency = Some(ag);
            Continue(j)
        }
        None => Break(Some(i)),
    }
}

/// At an opening bracket: an agency (`(Reuters)`), after a date any source (`(The Straits
/// Times/ANN)`), else a qualifier (`(Madhya Pradesh)`); a second agency ends the parts.
fn after_bracket(text: &str, t: &[Tok], i: usize, p: &mut Parts) -> Step {
    if let Some((ag, j)) = bracketed_agency(text, t, i) {
        if p.agency.is_some() {
            return Break(Some(i));
        }
        p.agency = Some(ag);
        p.bracketed_agency = true;
        return Continue(j);
    }
    if p.agency.is_some() {
        return Break(Some(i));
    }
    if p.date.is_some() {
        // `Singapore, Nov 24 (The Straits Times/ANN) -`: after a date, brackets hold
        // the source even when it is no agency we know.
        let Some((ag, j)) = unknown_source(text, t, i) else {
            return Break(None);
        };
        p.agency = Some(ag);
        p.bracketed_agency = true;
        return Continue(j);
    }
    let close = if t[i].is_punct('(') { ')' } else { ']' };
    let Some((q, j)) = qualifier(text, t, i + 1, Some(close)) else {
        return Break(None);
    };
    p.qualifiers.push(Qualifier {
        end: q.end,
        inner: q.inner,
    });
    Continue(j)
}

/// A word or number with no comma before it: a date (after an abbreviation, a qualifier, or
/// as a month or number) or a bare agency; else the terminator should be here.
fn date_or_agency_word(text: &str, t: &[Tok], i: usize, p: &mut Parts) -> Step {
    let tok = &t[i];
    // `OKLAHOMA CITY, Okla. March 11, Reuter -`; `TOKYO, Nov. 24 Kyodo -`.
    if p.date.is_none() && p.agency.is_none() {
        let after_abbrev = i > 0 && t[i - 1].is_punct('.');
        let month = tok.kind == Kind::Word && date::month_exact(tok.text(text)).is_some();
        if after_abbrev || month || !p.qualifiers.is_empty() || tok.kind == Kind::Num {
            if let Some((d, j)) = date_at(text, t, i) {
                p.date = Some(d);
                return Continue(j);
            }
        }
    }
    if p.agency.is_none() {
        if let Some((ag, j)) = bare_agency(text, t, i) {
            p.agency = Some(ag);
            return Continue(j);
        }
    }
    Break(Some(i))
}

/// The place name at the start of `t`: index after its last piece, and whether it is written
/// in lowercase (seen in some wire copy: `omaha, april 9 -`).
fn location(text: &str, t: &[Tok]) -> Option<(usize, bool)> {
    let first = t.first()?;
    if first.kind != Kind::Word {
        return None;
    }
    let w0 = first.text(text);
    let lowercase = w0.chars().next().is_some_and(char::is_lowercase);
    let mut j = 0;
    let mut words = 0;
    // Ends of the name after each word, and whether a lowercase word (`Mexico city`) is in it.
    let mut ends: Vec<(usize, bool)> = Vec::new();
    let mut has_lower = false;
    while let Some(tok) = t.get(j) {
        if j > 0 && tok.newline_before {
            break;
        }
        match tok.kind {
            Kind::Word => {
                let Some(lower) = name_word(text, t, j, lowercase, words) else {
                    break;
                };
                has_lower |= lower;
                words += 1;
                j += 1;
                ends.push((j, has_lower));
                if words > 6 {
                    return None;
                }
            }
            Kind::Punct('.') if j > 0 && !tok.space_before => {
                let prev = t[j - 1].text(text).to_lowercase();
                let next_word = t.get(j + 1).is_some_and(|n| n.kind == Kind::Word);
                if NAME_ABBREVIATIONS.contains(&prev.as_str()) && next_word {
                    j += 1;
                } else {
                    break;
                }
            }
            // `DALLAS/FORT WORTH`
            Kind::Punct('/') if j > 0 && !tok.space_before => {
                let next = t
                    .get(j + 1)
                    .filter(|n| n.kind == Kind::Word && !n.space_before);
                if next.is_some_and(|n| starts_upper(n.text(text)) || lowercase) {
                    j += 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    let end = longest_name(text, t, &ends)?;
    // `TUE, APR 07 -` is a date, but `SUN CITY, Ariz.` a place.
    (end > 1 || !date::is_weekday(w0)).then_some((end, lowercase))
}

/// Whether the word `t[j]` continues the place name begun at `t[0]` (`words` words so far,
/// `lowercase`: the name is written in lowercase): `None` where the name ends before it, else
/// whether it is a lowercase word that only the gazetteer can vouch for (`Mexico city`).
fn name_word(text: &str, t: &[Tok], j: usize, lowercase: bool, words: usize) -> Option<bool> {
    let tok = &t[j];
    let w = tok.text(text);
    // `RIO DE JANEIRO 1996-08-22`: Janeiro is a month only before a day.
    let next_is_day = t.get(j + 1).is_some_and(|n| {
        n.kind == Kind::Num && !n.newline_before && date::day_digits(n.text(text)).is_some()
    });
    if j > 0 && date::month_exact(w).is_some() && next_is_day {
        return None;
    }
    if j > 0 && !tok.space_before && !t[j - 1].punct_in(&['.', '/']) {
        return None;
    }
    if j > 0 && agency::lookup_bare(w).is_some() {
        return None;
    }
    let upper = starts_upper(w);
    let connector = is_connector(w)
        && t.get(j + 1)
            .is_some_and(|n| n.kind == Kind::Word && starts_upper(n.text(text)));
    if lowercase {
        if w.chars().any(char::is_uppercase) {
            return None;
        }
    } else if !(upper || j > 0 && connector) {
        // `Mexico city`, `La paz`: kept only if the gazetteer knows the whole name.
        if j == 0 || words >= 3 {
            return None;
        }
        return Some(true);
    }
    Some(false)
}

/// Of the name's possible ends (`ends`, from [`location`]), the longest with no lowercase word
/// in it, or that the gazetteer knows as written.
fn longest_name(text: &str, t: &[Tok], ends: &[(usize, bool)]) -> Option<usize> {
    let gaz = Gazetteer::get();
    ends.iter()
        .rev()
        .find(|&&(e, lower)| {
            !lower
                || gaz
                    .place(text.get(t[0].start..t[e - 1].end).unwrap_or(""), None)
                    .is_some()
        })
        .map(|&(e, _)| e)
}

/// A qualifier phrase at `i`: capitalised words (`South Korea`, `N.J.`, `Calif.`), up to
/// `close` when bracketed. Returns the qualifier and the index after it.
fn qualifier(text: &str, t: &[Tok], i: usize, close: Option<char>) -> Option<(Qualifier, usize)> {
    let mut j = i;
    let mut words = 0;
    let mut last_end = 0;
    while let Some(tok) = t.get(j) {
        if tok.newline_before && close.is_none() {
            break;
        }
        match tok.kind {
            Kind::Word => {
                let w = tok.text(text);
                let next_upper = t
                    .get(j + 1)
                    .is_some_and(|n| n.kind == Kind::Word && starts_upper(n.text(text)));
                let connector =
                    (words > 0 && is_connector(w) || words == 0 && w == "the") && next_upper;
                // `Puerto rico`: a lowercase word only where the gazetteer knows the phrase.
                let known_tail = words > 0
                    && text.get(t[i].start..tok.end).is_some_and(|q| {
                        let g = Gazetteer::get();
                        g.is_country(q) || g.is_region(q)
                    });
                if !(starts_upper(w) || connector || known_tail) || (words > 0 && !tok.space_before)
                {
                    break;
                }
                words += 1;
                last_end = tok.end;
                j += 1;
            }
            Kind::Punct('.') if words > 0 && !tok.space_before => {
                // The full stop of an abbreviation (`Va.`, `IND.`, `N.J.`) belongs to it.
                let prev = t[j - 1].text(text);
                if prev.chars().count() <= 6 || prev.contains('.') {
                    last_end = tok.end;
                    j += 1;
                    // `W. Va.`: an initial, then the rest of the abbreviation.
                    let initial = prev.chars().count() == 1 && prev.chars().all(char::is_uppercase);
                    if initial
                        && t.get(j).is_some_and(|n| {
                            n.kind == Kind::Word && n.space_before && starts_upper(n.text(text))
                        })
                    {
                        continue;
                    }
                }
                break;
            }
            _ => break,
        }
        if words > 4 {
            return None;
        }
    }
    if words == 0 {
        return None;
    }
    if let Some(c) = close {
        let tok = t.get(j)?;
        if !tok.is_punct(c) {
            return None;
        }
        let start = t[i].start;
        return Some((
            Qualifier {
                end: tok.end,
                inner: (start, last_end),
            },
            j + 1,
        ));
    }
    let start = t[i].start;
    Some((
        Qualifier {
            end: last_end,
            inner: (start, last_end),
        },
        j,
    ))
}

/// An agency in brackets or slashes at `i`: `(Reuters)`, `[AP]`, `/TASS/`, or an unknown
/// all-caps acronym in parentheses (`(KUNA)`).
fn bracketed_agency(text: &str, t: &[Tok], i: usize) -> Option<(AgencyFound, usize)> {
    let open = t.get(i)?;
    let close = match open.kind {
        Kind::Punct('(') => ')',
        Kind::Punct('[') => ']',
        Kind::Punct('/') => '/',
        _ => return None,
    };
    let j = (i + 1..(i + 8).min(t.len())).find(|&j| t[j].is_punct(close))?;
    if j == i + 1 || t[i + 1..j].iter().any(|x| x.newline_before) {
        return None;
    }
    let inner = text.get(t[i + 1].start..t[j - 1].end)?;
    if let Some(found) = wrapped_agency(text, &t[i + 1..j]) {
        return Some((found, j + 1));
    }
    let name = agency::lookup(inner).map(str::to_string).or_else(|| {
        (close == ')'
            && agency::looks_like_acronym(inner)
            && Gazetteer::get().region(inner).is_none()
            && !Gazetteer::get().is_country(inner))
        .then(|| inner.to_string())
    })?;
    let found = AgencyFound::new(text, name, t[i + 1].start, t[j - 1].end);
    Some((found, j + 1))
}

/// An agency credit wrapped with an outlet's name (`(NewsNation/AP)`, `(CNN Business/Reuters)`,
/// `(Kyodo/Japan Times)`): the pieces between slashes, of which exactly one names an agency.
fn wrapped_agency(text: &str, inner: &[Tok]) -> Option<AgencyFound> {
    let mut pieces = inner.split(|x| x.is_punct('/'));
    let known: Vec<AgencyFound> = pieces
        .by_ref()
        .filter(|piece| !piece.is_empty())
        .filter_map(|piece| {
            let (start, end) = (piece[0].start, piece[piece.len() - 1].end);
            let name = agency::lookup(&text[start..end])?;
            Some(AgencyFound::new(text, name.to_string(), start, end))
        })
        .collect();
    let slashed = inner.iter().any(|x| x.is_punct('/'));
    match <[AgencyFound; 1]>::try_from(known) {
        Ok([found]) if slashed => Some(found),
        _ => None,
    }
}

/// Bracketed words at `i` that name a source we do not know: up to five words, no digits.
fn unknown_source(text: &str, t: &[Tok], i: usize) -> Option<(AgencyFound, usize)> {
    let close = if t.get(i)?.is_punct('(') { ')' } else { ']' };
    let j = (i + 1..(i + 10).min(t.len())).find(|&j| t[j].is_punct(close))?;
    let inner = t.get(i + 1..j)?;
    let words = inner.iter().filter(|x| x.kind == Kind::Word).count();
    let ok = (1..=5).contains(&words)
        && inner
            .iter()
            .all(|x| x.kind == Kind::Word || x.punct_in(&['/', '.', '-', '&']))
        && inner.iter().all(|x| !x.newline_before);
    ok.then(|| {
        let (start, end) = (inner[0].start, inner[inner.len() - 1].end);
        let found = AgencyFound {
            name: text[start..end].to_string(),
            span: (start, end),
        };
        (found, j + 1)
    })
}

/// A bare agency name at `i` (`Reuter`, `IRNA`, `Kyodo`), possibly of two words.
fn bare_agency(text: &str, t: &[Tok], i: usize) -> Option<(AgencyFound, usize)> {
    for n in (1..=3).rev() {
        let last = i + n - 1;
        if last >= t.len() || t[i..=last].iter().any(|x| x.kind != Kind::Word) {
            continue;
        }
        let written = text.get(t[i].start..t[last].end)?;
        if let Some(a) = agency::lookup_bare(written) {
            let found = AgencyFound::new(text, a.to_string(), t[i].start, t[last].end);
            return Some((found, last + 1));
        }
    }
    None
}

/// An agency at `i` in any of its forms: `(Reuters)`, `, Reuter`, `/TASS/`, `Kyodo`.
fn agency_at(text: &str, t: &[Tok], i: usize) -> Option<(AgencyFound, usize, bool)> {
    if let Some((a, j)) = bracketed_agency(text, t, i) {
        return Some((a, j, true));
    }
    let i = if t.get(i)?.is_punct(',') { i + 1 } else { i };
    bare_agency(text, t, i).map(|(a, j)| (a, j, false))
}

/// A date at `i`, with the index after it.
fn date_at(text: &str, t: &[Tok], i: usize) -> Option<(DateFound, usize)> {
    let tok = t.get(i)?;
    if tok.kind == Kind::Word && date::is_weekday(tok.text(text)) {
        // `Thursday, Nov 24` or a weekday alone.
        let mut j = i + 1;
        if t.get(j).is_some_and(|x| x.is_punct(',')) {
            j += 1;
        }
        if let Some((mut d, k)) = date_core(text, t, j) {
            d.start = tok.start;
            return Some((d, k));
        }
        let d = DateFound {
            start: tok.start,
            end: tok.end,
            month: None,
            day: None,
            year: None,
        };
        return Some((d, i + 1));
    }
    date_core(text, t, i)
}

/// A date without a weekday at `i`: month first, day first or numeric, with an optional year.
fn date_core(text: &str, t: &[Tok], i: usize) -> Option<(DateFound, usize)> {
    let tok = t.get(i)?;
    let d = DateFound {
        start: tok.start,
        end: tok.end,
        month: None,
        day: None,
        year: None,
    };
    match tok.kind {
        Kind::Word => month_first(text, t, i, d),
        Kind::Num => day_first(text, t, i, d),
        Kind::Punct(_) => None,
    }
}

/// A date that opens with its month at `i` (`Nov. 24`, `November 24th, 2016`, `Narch 2`,
/// `Apri l7`, `April`); `d` holds the month token's span.
fn month_first(text: &str, t: &[Tok], i: usize, mut d: DateFound) -> Option<(DateFound, usize)> {
    let w = t[i].text(text);
    let mut j = i + 1;
    if t.get(j).is_some_and(|x| x.is_punct('.') && !x.space_before) {
        j += 1;
    }
    // `April, 13 -`
    if t.get(j).is_some_and(|x| x.is_punct(','))
        && t.get(j + 1).is_some_and(|x| x.kind == Kind::Num)
        && t.get(j + 2).is_some_and(|x| x.punct_in(DASHES))
    {
        j += 1;
    }
    let next = t
        .get(j)
        .filter(|x| !x.newline_before || x.kind == Kind::Num);
    let day = next.and_then(|x| day_token(text, x));
    if let (Some(m), Some(day)) = (date::month_fuzzy(w), day) {
        d.month = Some(m);
        d.day = Some(day);
        d.end = t[j].end;
        j += 1;
    } else if let Some((m, day)) = next.and_then(|x| split_month(w, x.text(text))) {
        // `Apri l7`: the month's last letter ran into the day.
        d.month = Some(m);
        d.day = Some(day);
        d.end = t[j].end;
        j += 1;
    } else if let Some(m) = date::month_exact(w) {
        // A month alone (`CHICAGO, April -`), or with a year.
        d.month = Some(m);
        d.end = t[j - 1].end;
        if let Some(y) = t.get(j).and_then(|x| year_token(text, x)) {
            d.year = Some(y);
            d.end = t[j].end;
            j += 1;
        }
        return Some((d, j));
    } else {
        return None;
    }
    Some(with_year(text, t, d, j))
}

/// A date that opens with a number at `i`: numeric (`1996-08-22`) or day first (`24
/// November`, `3. Oktober`, `24th Nov, 2016`, `15 июля`); `d` holds the number's span.
fn day_first(text: &str, t: &[Tok], i: usize, mut d: DateFound) -> Option<(DateFound, usize)> {
    let tok = &t[i];
    let w = tok.text(text);
    if let Some((y, m, dd)) = date::numeric_date(w).filter(|_| w.len() >= 8) {
        d.year = y;
        d.month = Some(m);
        d.day = Some(dd.to_string());
        return Some((d, i + 1));
    }
    let day = day_token(text, tok)?;
    let mut j = i + 1;
    if t.get(j).is_some_and(|x| x.is_punct('.') && !x.space_before) {
        j += 1;
    }
    let mt = t.get(j).filter(|x| x.kind == Kind::Word)?;
    let m = date::month_fuzzy(mt.text(text))?;
    d.month = Some(m);
    d.day = Some(day);
    d.end = mt.end;
    j += 1;
    if t.get(j).is_some_and(|x| x.is_punct('.') && !x.space_before)
        && t[j - 1].text(text).chars().count() <= 4
        && t.get(j + 1)
            .is_some_and(|x| x.kind == Kind::Num || x.is_punct(','))
    {
        d.end = t[j].end;
        j += 1;
    }
    Some(with_year(text, t, d, j))
}

/// The date `d` read up to token `j`, with the optional year that may follow (`, 2016` or
/// ` 2016`), and the index after it.
fn with_year(text: &str, t: &[Tok], mut d: DateFound, j: usize) -> (DateFound, usize) {
    let k = if t.get(j).is_some_and(|x| x.is_punct(',')) {
        j + 1
    } else {
        j
    };
    if let Some(y) = t.get(k).and_then(|x| year_token(text, x)) {
        d.year = Some(y);
        d.end = t[k].end;
        return (d, k + 1);
    }
    (d, j)
}

/// Month names of the lunar Hijri calendar, as Saudi and Gulf agencies write them, and of the
/// solar Hijri calendar, as Iranian agencies do (`Tehran, Bahman 24, 1402, Feb 13, 2024`).
const HIJRI: &[&str] = &[
    "muharram", "safar", "rabi", "rabi'i", "rabi'ii", "rabi'", "jumada", "jumadah", "rajab",
    "shaban", "sha'ban", "ramadan", "shawwal", "dhul", "dhu", "thul", "zul", "farvardin",
    "ordibehesht", "khordad", "tir", "mordad", "amordad", "shahrivar", "mehr", "aban", "azar",
    "dey", "bahman", "esfand",
];

/// A Hijri date (`Safar 23, 1438`, `Bahman 24, 1402`) at `i`: the index of the comma after
/// its year, before the Gregorian date that follows.
fn hijri_date(text: &str, t: &[Tok], i: usize) -> Option<usize> {
    let w = t
        .get(i)
        .filter(|x| x.kind == Kind::Word)?
        .text(text)
        .to_lowercase();
    let head = w.split(['-', ' ']).next().unwrap_or("");
    if !HIJRI.contains(&w.as_str()) && !HIJRI.contains(&head) {
        return None;
    }
    let year = (i + 1..(i + 8).min(t.len())).find(|&k| {
        let x = t[k].text(text);
        t[k].kind == Kind::Num && x.len() == 4 && x.starts_with("14")
    })?;
    t.get(year + 1)
        .filter(|x| x.is_punct(','))
        .map(|_| year + 1)
}

/// A day token (`24`, `24th`, `2O`, `l`).
fn day_token(text: &str, tok: &Tok) -> Option<String> {
    let w = tok.text(text);
    match tok.kind {
        Kind::Num => date::day_digits(w),
        // Only the misread `l`/`I` stand alone as a word.
        Kind::Word if w == "l" || w == "I" => Some("1".to_string()),
        _ => None,
    }
}

/// `Apri` + `l7` -> April 7.
fn split_month(word: &str, next: &str) -> Option<(u32, String)> {
    let mut chars = next.chars();
    let c = chars.next()?;
    let rest = chars.as_str();
    if !c.is_alphabetic() || rest.is_empty() || !rest.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let m = date::month_exact(&format!("{word}{c}"))?;
    Some((m, date::day_digits(rest)?))
}

fn year_token(text: &str, tok: &Tok) -> Option<i32> {
    let w = tok.text(text);
    (tok.kind == Kind::Num && w.len() == 4 && !tok.newline_before)
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

/// The terminator at `i`; returns the end of the dateline.
fn terminator(text: &str, t: &[Tok], i: usize, p: &mut Parts) -> Option<usize> {
    let prev = i.checked_sub(1).and_then(|k| t.get(k))?;
    let dated_line = p.name.is_some()
        && p.date
            .as_ref()
            .is_some_and(|d| d.year.is_some() && d.day.is_some());
    let Some(tok) = t.get(i) else {
        // The text ends right after `/TASS/`, `(CNN)` or `LONDON 1996-08-30`.
        p.unterminated = !p.bracketed_agency;
        return (p.bracketed_agency || dated_line).then_some(prev.end);
    };
    if dated_line && tok.newline_before {
        // `LONDON 1996-08-30` on a line of its own.
        p.unterminated = true;
        return Some(prev.end);
    }
    if p.agency.is_some()
        && !p.bracketed_agency
        && p.date.is_some()
        && tok.newline_before
        && prev.kind == Kind::Word
    {
        // `TOKYO, Nov. 24 Kyodo` on a line of its own.
        return Some(prev.end);
    }
    let end = terminator_end(text, t, i, p)?;
    after_first_dash(text, t, tok, end, p)
}

/// The end of the terminator token (or run of them) at `i`, `i > 0`: a dash, a colon, a
/// stop, a slash after a bare agency, or nothing after a bracketed agency before the story.
fn terminator_end(text: &str, t: &[Tok], i: usize, p: &mut Parts) -> Option<usize> {
    let slash = p.bracketed_agency && i > 0 && t[i - 1].is_punct('/');
    let (prev, tok) = (&t[i - 1], &t[i]);
    let end = match tok.kind {
        Kind::Punct('-') => {
            let mut k = i;
            while t
                .get(k + 1)
                .is_some_and(|x| x.is_punct('-') && !x.space_before)
            {
                k += 1;
            }
            t[k].end
        }
        Kind::Punct('/') if p.agency.is_some() && !p.bracketed_agency => tok.end,
        Kind::Punct('–' | '—' | '―' | '‒' | '−' | ':' | '_') => {
            let k = if t
                .get(i + 1)
                .is_some_and(|x| x.punct_in(&['-', '—', '–']) && !x.space_before)
            {
                i + 1
            } else {
                i
            };
            t[k].end
        }
        Kind::Punct('.') => stop_terminator_end(text, t, i, p, slash)?,
        _ if slash || bracket_closes_dateline(text, t, i, p) => {
            // `/TASS/ The…`, `Washington (CNN)The…`, `Hong Kong (CNN) The…`, `New Delhi, Nov 24
            // (PTI) The…`: the bracket closes the dateline (after a space, only behind a date
            // or a known place).
            prev.end
        }
        _ => return None,
    };
    Some(end)
}

/// The end of a dateline whose terminator is the stop at `i`: `.-` (EFE), `. /TASS/.`, a stop
/// after an agency or a slash (`slash`), after a full date (`Москва. 15 июля.`) or after a
/// place alone (`KYIV.`).
fn stop_terminator_end(
    text: &str,
    t: &[Tok],
    i: usize,
    p: &mut Parts,
    slash: bool,
) -> Option<usize> {
    let tok = &t[i];
    let end = if let Some(n) = t
        .get(i + 1)
        .filter(|x| x.punct_in(&['-', '—', '–']) && !x.space_before)
    {
        // `.-` (EFE), `.—`
        n.end
    } else if let Some((ag, j)) = (p.agency.is_none())
        .then(|| bracketed_agency(text, t, i + 1))
        .flatten()
        .filter(|_| t[i + 1].is_punct('/'))
    {
        // `MOSCOW, November 24. /TASS/.`
        p.agency = Some(ag);
        p.bracketed_agency = true;
        match t.get(j) {
            Some(x) if x.is_punct('.') || x.is_punct('-') => x.end,
            _ => t[j - 1].end,
        }
    } else if slash || p.agency.is_some() {
        tok.end
    } else if p.date.as_ref().is_some_and(|d| d.day.is_some())
        && p.name.is_some_and(|(s, e)| {
            // One word or a known place: `WSC-India Rice Weather , Aug 23 .` is a title.
            let name = &text[s..e];
            !name.contains(' ') || Gazetteer::get().place(name, None).is_some()
        })
    {
        // `Москва. 15 июля.`
        let next = t.get(i + 1)?;
        if next.kind == Kind::Word && starts_upper(next.text(text)) || next.newline_before {
            tok.end
        } else {
            return None;
        }
    } else if place_alone_before_stop(text, t, i, p) {
        tok.end
    } else {
        return None;
    };
    Some(end)
}

/// A bracketed known agency closes the dateline at `t[i - 1]` with no terminator when the
/// story starts at `t[i]` (`Washington (CNN)The…`); after a space only behind a date or a
/// known place.
fn bracket_closes_dateline(text: &str, t: &[Tok], i: usize, p: &Parts) -> bool {
    let tok = &t[i];
    (p.bracketed_agency
        && t[i - 1].is_punct(')')
        && (!tok.space_before
            || p.date.is_some()
            || p.name
                .is_some_and(|(s, e)| Gazetteer::get().place(&text[s..e], None).is_some()))
        && p.agency
            .as_ref()
            .and_then(|a| agency::lookup(a.name()))
            .is_some())
        && (tok.kind == Kind::Word && starts_upper(tok.text(text)) || tok.newline_before)
}

/// Parts of the dateline after its first dash `tok`, which ends at `end`: a date closed by a
/// second dash or a colon (`KANSAS CITY, Mo. - March 13 -`), or an agency closed by a stop
/// (`МОСКВА, 15 июл — РИА Новости.`). Returns the end of the dateline.
fn after_first_dash(text: &str, t: &[Tok], tok: &Tok, end: usize, p: &mut Parts) -> Option<usize> {
    if p.date.is_none() && p.agency.is_none() && tok.punct_in(DASHES) {
        if let Some(k) = t.iter().position(|x| x.start >= end) {
            if let Some((d, j)) = date_core(text, t, k).filter(|_| !t[k].newline_before) {
                // `Cairo – 13 February 2024:` too.
                let closes = |x: &&Tok| x.punct_in(DASHES) || x.is_punct(':');
                if let Some(x) = t.get(j).filter(|x| closes(x) && !x.newline_before) {
                    let e = x.end;
                    p.date = Some(d);
                    return Some(e);
                }
            }
        }
    }
    if p.agency.is_none() && tok.punct_in(&['-', '—', '–']) {
        let k = t.iter().position(|x| x.start >= end)?;
        if let Some((ag, j)) =
            bare_agency(text, t, k).or_else(|| agency_words_then_stop(text, t, k))
        {
            if t.get(j).is_some_and(|x| x.is_punct('.')) {
                p.agency = Some(ag);
                return Some(t[j].end);
            }
        }
    }
    Some(end)
}

/// `KYIV. Ukrainian drones…`: a place in capitals, alone, glued to a full stop that a
/// capitalised word follows on the same line. (Whether it is a known place followed by story
/// text is for [`believable`] to say.)
fn place_alone_before_stop(text: &str, t: &[Tok], i: usize, p: &Parts) -> bool {
    let alone = p.date.is_none() && p.agency.is_none() && p.qualifiers.is_empty();
    let caps = p.name.is_some_and(|(s, e)| is_all_caps(&text[s..e]));
    let next_starts_story = t.get(i + 1).is_some_and(|x| {
        x.kind == Kind::Word && x.space_before && !x.newline_before && starts_upper(x.text(text))
    });
    alone && caps && !t[i].space_before && next_starts_story
}

/// Any known agency (not only the bare-safe ones) written as words at `k`.
fn agency_words_then_stop(text: &str, t: &[Tok], k: usize) -> Option<(AgencyFound, usize)> {
    for n in (1..=3).rev() {
        let last = k + n - 1;
        if last >= t.len() || t[k..=last].iter().any(|x| x.kind != Kind::Word) {
            continue;
        }
        if let Some(a) = agency::lookup(text.get(t[k].start..t[last].end)?) {
            let found = AgencyFound::new(text, a.to_string(), t[k].start, t[last].end);
            return Some((found, last + 1));
        }
    }
    None
}

/// Whether the parts read as a real dateline rather than a headline, table heading or
/// a sentence that begins with a place.
fn believable(
    text: &str,
    t: &[Tok],
    p: &Parts,
    place: Option<&Place>,
    gaz: &Gazetteer,
    mode: At,
) -> bool {
    let has_day = p
        .date
        .as_ref()
        .is_some_and(|d| d.day.is_some() || d.month.is_some());
    let Some((s, e)) = p.name else {
        // No location: an agency must be there.
        return p.agency.is_some();
    };
    let name = &text[s..e];
    let known = place.is_some();
    let first_word = name.split_whitespace().next().unwrap_or("").to_lowercase();
    let first_word = first_word.trim_end_matches('.');
    let never_a_place = lexicon::flags(first_word).intersects(NEVER_A_PLACE);
    if never_a_place && !gaz_knows_exactly(name, gaz) {
        return false;
    }
    if gaz.is_nationality(name) && !known || agency::lookup_bare(name).is_some() {
        return false; // `Russian, …`, `TASS, November 24.`
    }
    if p.lowercase_location {
        return known && (has_day || bracketed_known_agency(p));
    }
    if p.unterminated
        && p.agency.is_none()
        && !known
        && !(mode == At::LineStart && is_all_caps(name))
    {
        return false; // `Updated 14:32 KST, 12 May 2023`
    }
    // Capitalisation: all caps, or every significant word capitalised.
    let caps = is_all_caps(name);
    let title = name
        .split_whitespace()
        .all(|w| starts_upper(w) || is_connector(w));
    if !(caps || title || known) {
        return false;
    }
    if has_day {
        return known || name.split_whitespace().count() <= 4;
    }
    let qual_known = p
        .qualifiers
        .iter()
        .any(|q| qualifier_place(text, q, gaz).is_some());
    if p.agency.is_some() {
        if next_word_lowercase(text, t, p.end) {
            return false; // `CHICAGO (Reuters) - said…`
        }
        // `UNITED NATIONS (AP) —`; but `AMR (AMR) TO START…` is a ticker symbol in a headline.
        return known
            || qual_known
            || (dashed_known_agency(t, p) && caps && name.split_whitespace().count() <= 3);
    }
    // Location alone before the terminator: a known place, and story text after it.
    // A known qualifier vouches for the name (`RYE, N.H. -`); without one the name must be a
    // known place of four letters or more (not `US - China trade talks…`).
    let short = name.chars().filter(|c| c.is_alphabetic()).count() < 4;
    if !qual_known && (!known || short) {
        return false;
    }
    // In title case a bare name is as often a headline or a word (`Nice - The Riviera…`,
    // `Jordan - The kingdom…`) as a dateline: only big cities, or names of several words.
    if !caps && p.qualifiers.is_empty() && !big_city(name, gaz) {
        return false;
    }
    story_follows(text, t, p, name)
}

/// The word after the dateline's end starts in lowercase: the dateline is a sentence's start.
fn next_word_lowercase(text: &str, t: &[Tok], end: usize) -> bool {
    t.iter().find(|x| x.start >= end).is_some_and(|x| {
        x.kind == Kind::Word && x.text(text).chars().next().is_some_and(char::is_lowercase)
    })
}

/// A known agency in brackets, and a dash, underscore or colon as the terminator.
fn dashed_known_agency(t: &[Tok], p: &Parts) -> bool {
    let known_agency = p.bracketed_agency
        && p.agency
            .as_ref()
            .and_then(|a| agency::lookup(a.name()))
            .is_some();
    let dashed = t
        .iter()
        .any(|x| x.end == p.end && (x.punct_in(DASHES) || x.punct_in(&['_', ':'])));
    known_agency && dashed
}

/// A city of a million people or more, or a city whose name has several words.
fn big_city(name: &str, gaz: &Gazetteer) -> bool {
    gaz.place(name, None).is_some_and(|g| {
        g.kind == PlaceKind::City && (g.population >= 1_000_000 || name.contains(' '))
    })
}

/// Story text follows the dateline that ends at `p.end`: not a date or a table heading, not a
/// lowercase aside, not a headline on the same line, and the paragraph reads as prose.
fn story_follows(text: &str, t: &[Tok], p: &Parts, name: &str) -> bool {
    let after: Vec<&Tok> = t.iter().filter(|x| x.start >= p.end).take(5).collect();
    let Some(first) = after.first() else {
        return false;
    };
    let fw = first.text(text);
    if first.kind == Kind::Num && date::numeric_date(fw).is_some() {
        return false;
    }
    if first.kind == Kind::Num
        || date::month_exact(fw).is_some() && after.get(1).is_some_and(|x| x.kind == Kind::Num)
    {
        return false; // `LONDON - APR 7`: a table heading
    }
    if fw.chars().next().is_some_and(char::is_lowercase) {
        return false; // `Paris - the city of light - …`
    }
    !headline_follows(text, t, p, name) && paragraph_reads_as_story(text, p.end)
}

/// The rest of the dateline's line is a headline or an aside, not the story: a dash that
/// closes again, a short line after a colon, or a line in capitals.
fn headline_follows(text: &str, t: &[Tok], p: &Parts, name: &str) -> bool {
    let line = &text[p.end..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let colon = t.iter().any(|x| x.end == p.end && x.is_punct(':'));
    // `Paris — the city of light — has…`: a dash that opens an aside closes again.
    let dash = t
        .iter()
        .find(|x| x.end == p.end)
        .and_then(|x| match x.kind {
            Kind::Punct(c) if c != '-' && c != ':' => Some(c),
            _ => None,
        });
    let sentence = &line[..line.find(". ").unwrap_or(line.len())];
    if dash.is_some_and(|c| sentence.contains(c)) && !is_all_caps(name) {
        return true;
    }
    if colon && line.split_whitespace().count() < 8 && !has_sentence_end(line) {
        return true; // `LONDON: Markets rally on rate hopes`
    }
    let line_rest = text
        .get(p.end..)
        .unwrap_or("")
        .trim_start_matches([' ', '\t']);
    let line_rest = &line_rest[..line_rest.find('\n').unwrap_or(line_rest.len())];
    let line_words: Vec<&str> = line_rest
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .take(6)
        .collect();
    // `CHINA: EXPORTS RISE IN MAY`
    !line_words.is_empty() && line_words.len() < 6 && line_words.iter().all(|w| is_all_caps(w))
}

/// The rest of the paragraph from `end` reads as story text, not a headline (`GAZA - Israel
/// Strikes Camp`, `Georgia: Voters head to polls`).
fn paragraph_reads_as_story(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let rest = &rest[..rest.find("\n\n").unwrap_or(rest.len())];
    let words: Vec<&str> = rest.split_whitespace().take(15).collect();
    let sentence = words
        .iter()
        .any(|w| w.ends_with(['.', '!', '?']) && w.len() > 2);
    let capitalised = words
        .iter()
        .all(|w| !w.chars().next().is_some_and(char::is_lowercase));
    !capitalised && (words.len() >= 8 || sentence)
}

/// A known agency in brackets: with it, a lowercase dateline (`washington (reuters) -`) counts
/// as one even without a day (`omaha, april 9 -`).
fn bracketed_known_agency(p: &Parts) -> bool {
    p.bracketed_agency
        && p.agency
            .as_ref()
            .is_some_and(|a| agency::lookup(a.name()).is_some())
}

fn gaz_knows_exactly(name: &str, gaz: &Gazetteer) -> bool {
    gaz.place(name, None)
        .is_some_and(|p| p.name.eq_ignore_ascii_case(name))
}

/// The place a qualifier names (region or country).
fn qualifier_place(text: &str, q: &Qualifier, gaz: &Gazetteer) -> Option<Place> {
    let inner = text.get(q.inner.0..q.inner.1)?;
    let candidates = [inner, inner.trim_end_matches('.')];
    candidates.iter().find_map(|c| {
        if let Some(r) = gaz.region(c) {
            return Some(Place {
                name: r.name.to_string(),
                region: Some(r.name.to_string()),
                country: Some(r.country.to_string()),
            });
        }
        gaz.country(c).map(|k| Place {
            name: k.name.to_string(),
            region: None,
            country: Some(k.iso2.to_string()),
        })
    })
}

/// Normalises the location through the gazetteer.
fn resolve_place(
    text: &str,
    name: (usize, usize),
    quals: &[Qualifier],
    gaz: &Gazetteer,
) -> Option<Place> {
    let n = text.get(name.0..name.1)?;
    for q in quals {
        let inner = text.get(q.inner.0..q.inner.1)?;
        for qs in [inner, inner.trim_end_matches('.')] {
            if let Some(p) = gaz.place(n, Some(qs)) {
                return Some(to_place(p));
            }
        }
    }
    if let Some(q) = quals.iter().find_map(|q| qualifier_place(text, q, gaz)) {
        // A town too small for the gazetteer, in a region or country it knows.
        return Some(Place {
            name: display_name(n),
            region: q.region,
            country: q.country,
        });
    }
    gaz.place(n, None).map(to_place)
}

fn to_place(p: newsnlp_gazetteer::Place) -> Place {
    Place {
        name: p.name.to_string(),
        region: if p.kind == PlaceKind::Region {
            None
        } else {
            p.region.map(str::to_string)
        },
        country: Some(p.country.to_string()),
    }
}

/// `PEARL RIVER` -> `Pearl River`; names already in mixed case stay as written.
fn display_name(n: &str) -> String {
    if !is_all_caps(n) {
        return n.to_string();
    }
    let mut out = String::with_capacity(n.len());
    let mut start = true;
    for c in n.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic() && c != '\'';
    }
    out
}

fn build(text: &str, p: Parts, place: Option<Place>, published: Option<Ymd>) -> Dateline {
    let location_span = p
        .name
        .map(|(s, e)| (s, p.qualifiers.last().map_or(e, |q| q.end)));
    let location = location_span.map(|(s, e)| text[s..e].to_string());
    let (date, date_text) = match &p.date {
        Some(d) => (
            resolve(d, published),
            Some(text[d.start..d.end].to_string()),
        ),
        None => (None, None),
    };
    let span = |(s, e): (usize, usize)| Span::new(s, e);
    Dateline {
        span: Span::new(p.start, p.end),
        location,
        location_span: location_span.map(span),
        date,
        date_text,
        date_span: p.date.as_ref().map(|d| span((d.start, d.end))),
        agency_span: p.agency.as_ref().map(|a| span(a.span)),
        agency: p.agency.map(|a| a.name),
        place,
    }
}

/// The ISO date, when day and month are known and the year can be resolved.
fn resolve(d: &DateFound, published: Option<Ymd>) -> Option<String> {
    let month = d.month?;
    let day = date::day_value(d.day.as_deref()?, month, published)?;
    let ymd = match d.year {
        Some(y) => Ymd::new(y, month, day),
        None => date::resolve_year(month, day, published?),
    }?;
    Some(ymd.iso())
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// No lowercase letters, and at least one uppercase one.
fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

fn is_bullet(line: &str) -> bool {
    let l = line.trim_start();
    ["- ", "• ", "* ", "– ", "— ", "· ", "> "]
        .iter()
        .any(|b| l.starts_with(b))
}

/// Captions, credits, share buttons and time stamps: never the story's prose.
fn is_furniture(line: &str) -> bool {
    let first = line
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([':', '.'])
        .to_lowercase();
    let lower = line.to_lowercase();
    let credit = [
        "photo", "reuters/", "getty", "/afp", "images", "/ap", "xinhua/", "/yonhap", "©", "epa",
        "/tass", "/sputnik", "/ria",
    ];
    lexicon::flags(&first).contains(Flags::FURNITURE)
        || credit.iter().any(|c| lower.contains(c))
        // A caption ends with its credit in brackets: `… on Monday. (Yonhap)`.
        || line.trim_end().ends_with(')') && line.trim_end().len() > 60 && line.contains(". (")
}

/// (words, words starting with a lowercase letter).
fn word_stats(line: &str) -> (usize, usize) {
    line.split_whitespace().fold((0, 0), |(n, l), w| {
        (
            n + 1,
            l + usize::from(w.chars().next().is_some_and(char::is_lowercase)),
        )
    })
}

fn has_sentence_end(line: &str) -> bool {
    let l = line.trim_end();
    l.ends_with(['.', '!', '?', '"', '”']) || l.contains(". ")
}

/// Skips wire noise before a line's first word (`****`, a stray `c    `).
fn skip_noise(text: &str, at: usize, line_end: usize) -> usize {
    let line = &text[at..line_end];
    let trimmed =
        line.trim_start_matches(['*', '#', '>', '•', '|', '■', '►', '\u{feff}', '\u{200b}']);
    if trimmed.len() != line.len() {
        return line_end - trimmed.trim_start().len();
    }
    let mut chars = line.chars();
    if let (Some(c), Some(s1), Some(s2)) = (chars.next(), chars.next(), chars.next()) {
        if c.is_ascii_lowercase() && s1 == ' ' && s2 == ' ' {
            return line_end - line[1..].trim_start().len();
        }
    }
    at
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
