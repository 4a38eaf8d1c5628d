//! A small token matcher, modelled on spaCy's `Matcher`: a pattern is a name, a priority and a
//! sequence of token predicates with repeat operators and named captures. Patterns are data,
//! written in a one-line-per-pattern text format (see `patterns.txt`) and parsed once, so a
//! rule is a line with a name that `--explain` can report, not one more `if` in a long function.
//!
//! Every pattern is *anchored*: one step, written with a leading `@`, must match the token the
//! caller asks about (a cue candidate); the steps before it are matched leftwards from there and
//! the steps after it rightwards, never past the bounds the caller gives (a sentence). Repeats
//! are bounded (`*` is at most [`MAX_REPEAT`] tokens), so one pattern costs a bounded number of
//! token tests and matching is linear in sentence length times patterns.
//!
//! Syntax of one pattern line:
//!
//! ```text
//! <name> <priority> : <step> <step> …
//! step  := ['@'] ['!'] '[' term (',' term)* ']' [op] [':' capture]
//!        |  '<' span '>' [':' capture]            -- a phrase the View finds (`<np>`)
//! term  := ['!'] pred ('/' pred)*          -- `!` negates, `/` is or, `,` is and
//! pred  := key '=' value ('|' value)*  |  key
//! op    := '?' | '*' | '+' | '{' m ',' n '}'
//! ```
//!
//! Values cannot hold `,`, `/`, `|`, `]` or spaces (test punctuation through its class, such as
//! `tag=comma`). A step prefixed with `!` is a negative look-around: it consumes nothing and
//! fails when the next token (in its direction) satisfies it; at the sentence bound it succeeds.
//! A span step (`<np>`) takes the phrase of that kind the [`View`] finds from the next token on,
//! in the step's direction: one bounded walk, as the layers of a sentence are.

/// The most tokens one `*` or `+` step may take: every walk stays a few tokens long.
pub(crate) const MAX_REPEAT: u8 = 8;

/// One test on one token. What each key means for a document is up to the [`View`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pred {
    pub key: &'static str,
    /// The key's position in the list given to [`PatternSet::parse`], so that a [`View`] can
    /// dispatch on a number rather than compare names on every token.
    pub id: u8,
    /// For a key with a closed set of values (see [`KeySpec`]), the accepted ones as bits by their
    /// place in that set, so a [`View`] tests one bit; 0 for keys with open values (`word`).
    pub mask: u64,
    /// Accepted values (any of); empty for a bare key such as `caps`.
    pub values: Vec<&'static str>,
}

/// A key a pattern may use, and for a key with a closed set of values (`tag=det|comma`) that
/// set: a value outside it is refused when parsing, so a misspelt rule fails loudly.
pub(crate) type KeySpec = (&'static str, Option<&'static [&'static str]>);

/// A conjunction of terms; a term is a disjunction of predicates, possibly negated.
#[derive(Debug, Clone)]
struct Term {
    negated: bool,
    any_of: Vec<Pred>,
}

#[derive(Debug, Clone)]
struct Step {
    /// A phrase kind the View finds (`np`), instead of token terms.
    span: Option<&'static str>,
    terms: Vec<Term>,
    min: u8,
    max: u8,
    /// A negative look-around: consumes nothing, fails if the next token satisfies the terms.
    absent: bool,
    capture: Option<&'static str>,
}

/// A named, prioritised sequence of steps anchored at one of them.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub name: &'static str,
    pub priority: i32,
    /// Steps before the anchor, nearest first (matched leftwards).
    left: Vec<Step>,
    anchor: Step,
    /// The anchor as written, and its number among the set's distinct anchors: patterns that
    /// share one (`@[verb]`) test it once per token.
    anchor_text: &'static str,
    anchor_id: usize,
    /// Steps after the anchor, in order (matched rightwards).
    right: Vec<Step>,
}

/// What a document offers the matcher: whether token `i` satisfies a predicate, and the
/// phrases of a kind (`np`) that start or end at a token.
pub(crate) trait View {
    fn holds(&self, i: usize, p: &Pred) -> bool;

    /// The far end of the phrase of `kind` from token `from`: its last token when walking
    /// right (`right`), its first when walking left, inside `lo..=hi`; None when there is none.
    fn phrase(&self, kind: &str, from: usize, right: bool, lo: usize, hi: usize) -> Option<usize>;
}

/// A successful match: the pattern and its captures as inclusive token ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Match {
    pub name: &'static str,
    pub captures: Vec<(&'static str, (usize, usize))>,
}

impl Match {
    /// The tokens captured under `name` (all steps of that name together: `according to` as
    /// one cue), if the pattern has that capture and it took tokens.
    pub(crate) fn get(&self, name: &str) -> Option<(usize, usize)> {
        self.captures
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|c| c.1)
            .reduce(|x, y| (x.0.min(y.0), x.1.max(y.1)))
    }
}

/// Patterns sorted by priority (highest first, then in the order written).
#[derive(Debug, Clone, Default)]
pub(crate) struct PatternSet {
    patterns: Vec<Pattern>,
}

impl PatternSet {
    /// Parses patterns from static text: blank lines and `#` comments are skipped. A malformed
    /// line, or a predicate key not in `keys` (those the [`View`] answers), is a programming
    /// error in the crate's own data, so it panics with the line.
    pub(crate) fn parse(src: &'static str, keys: &[KeySpec]) -> PatternSet {
        let mut patterns: Vec<Pattern> = src
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| parse_pattern(l, keys).unwrap_or_else(|e| panic!("pattern {l:?}: {e}")))
            .collect();
        patterns.sort_by_key(|p| -p.priority); // stable: ties keep the written order
        let mut anchors: Vec<&str> = Vec::new();
        for p in &mut patterns {
            p.anchor_id = match anchors.iter().position(|a| *a == p.anchor_text) {
                Some(k) => k,
                None => {
                    anchors.push(p.anchor_text);
                    anchors.len() - 1
                }
            };
        }
        PatternSet { patterns }
    }

    /// The highest-priority pattern matching with its anchor at token `at`, inside `lo..=hi`.
    pub(crate) fn first(&self, v: &impl View, at: usize, lo: usize, hi: usize) -> Option<Match> {
        if at < lo || at > hi {
            return None;
        }
        // Each distinct anchor is tested once (up to this many; more are tested per pattern).
        let mut known = [None::<bool>; 32];
        self.patterns.iter().find_map(|p| {
            let accepts = || p.anchor.accepts(v, at);
            let ok = match known.get_mut(p.anchor_id) {
                Some(slot) => *slot.get_or_insert_with(accepts),
                None => accepts(),
            };
            ok.then(|| p.around(v, at, lo, hi)).flatten()
        })
    }

    #[cfg(test)]
    pub(crate) fn names(&self) -> Vec<&'static str> {
        self.patterns.iter().map(|p| p.name).collect()
    }
}

impl Pattern {
    /// Matches the steps around an anchor that accepted token `at`, leftwards down to `lo` and
    /// rightwards up to `hi`.
    fn around(&self, v: &impl View, at: usize, lo: usize, hi: usize) -> Option<Match> {
        let mut captures = Vec::new();
        if let Some(c) = self.anchor.capture {
            captures.push((c, (at, at)));
        }
        let bounds = Bounds { lo, hi };
        let ok = (self.left.is_empty()
            || walk(v, &self.left, at, Dir::Left, bounds, &mut captures))
            && (self.right.is_empty()
                || walk(v, &self.right, at, Dir::Right, bounds, &mut captures));
        ok.then_some(Match {
            name: self.name,
            captures,
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    Left,
    Right,
}

#[derive(Clone, Copy)]
struct Bounds {
    lo: usize,
    hi: usize,
}

impl Bounds {
    /// The token next to `from` in direction `d`, if inside the bounds.
    fn next(self, from: usize, d: Dir) -> Option<usize> {
        match d {
            Dir::Left => from.checked_sub(1).filter(|&x| x >= self.lo),
            Dir::Right => Some(from + 1).filter(|&x| x <= self.hi),
        }
    }
}

impl Step {
    fn accepts(&self, v: &impl View, i: usize) -> bool {
        self.terms
            .iter()
            .all(|t| t.negated != t.any_of.iter().any(|p| v.holds(i, p)))
    }
}

/// Matches `steps` one after another from the token after `from` in direction `d`; greedy
/// repeats give tokens back when a later step fails (bounded by [`MAX_REPEAT`] per step).
fn walk(
    v: &impl View,
    steps: &[Step],
    from: usize,
    d: Dir,
    b: Bounds,
    captures: &mut Vec<(&'static str, (usize, usize))>,
) -> bool {
    let Some((step, rest)) = steps.split_first() else {
        return true;
    };
    if step.absent {
        return !b.next(from, d).is_some_and(|x| step.accepts(v, x))
            && walk(v, rest, from, d, b, captures);
    }
    if let Some(kind) = step.span {
        let Some(first) = b.next(from, d) else {
            return false;
        };
        let Some(end) = v.phrase(kind, first, d == Dir::Right, b.lo, b.hi) else {
            return false;
        };
        let mark = captures.len();
        if let Some(c) = step.capture {
            captures.push((c, (first.min(end), first.max(end))));
        }
        if walk(v, rest, end, d, b, captures) {
            return true;
        }
        captures.truncate(mark);
        return false;
    }
    // How many tokens the step can take (up to its max); it then gives them back one by one.
    let mut count = 0u8;
    let mut at = from;
    while count < step.max {
        match b.next(at, d).filter(|&x| step.accepts(v, x)) {
            Some(x) => {
                at = x;
                count += 1;
            }
            None => break,
        }
    }
    for taken in (step.min..=count).rev() {
        let end = match d {
            Dir::Left => from - usize::from(taken),
            Dir::Right => from + usize::from(taken),
        };
        let mark = captures.len();
        if let (Some(c), true) = (step.capture, taken > 0) {
            let first = match d {
                Dir::Left => from - 1,
                Dir::Right => from + 1,
            };
            captures.push((c, (first.min(end), first.max(end))));
        }
        if walk(v, rest, end, d, b, captures) {
            return true;
        }
        captures.truncate(mark);
    }
    false
}

/// Parses one pattern line (see the module documentation).
fn parse_pattern(line: &'static str, keys: &[KeySpec]) -> Result<Pattern, String> {
    let (head, body) = line.split_once(':').ok_or("no ':' after the name")?;
    let mut head = head.split_whitespace();
    let name = head.next().ok_or("no name")?;
    let priority = head
        .next()
        .ok_or("no priority")?
        .parse()
        .map_err(|_| "priority is not a number")?;
    let mut left = Vec::new();
    let mut anchor = None;
    let mut right = Vec::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        let anchored = rest.starts_with('@');
        let text = rest.trim_start_matches('@');
        let (step, tail) = parse_step(text, keys)?;
        let text = &text[..text.len() - tail.len()];
        rest = tail.trim_start();
        match (anchored, anchor.is_some()) {
            (true, true) => return Err("two anchors".into()),
            (true, false) => anchor = Some((step, text)),
            (false, false) => left.push(step),
            (false, true) => right.push(step),
        }
    }
    left.reverse();
    let (anchor, anchor_text) = anchor.ok_or("no anchor step (`@[…]`)")?;
    Ok(Pattern {
        name,
        priority,
        left,
        anchor,
        anchor_text,
        anchor_id: 0,
        right,
    })
}

/// Parses one step from the start of `s`; returns it and the text after it.
fn parse_step(s: &'static str, keys: &[KeySpec]) -> Result<(Step, &'static str), String> {
    if let Some(inner) = s.strip_prefix('<') {
        let close = inner.find('>').ok_or("unclosed '<'")?;
        let (capture, rest) = parse_capture(&inner[close + 1..]);
        let step = Step {
            span: Some(&inner[..close]),
            terms: Vec::new(),
            min: 1,
            max: 1,
            absent: false,
            capture,
        };
        return Ok((step, rest));
    }
    let absent = s.starts_with('!');
    let s = s.trim_start_matches('!');
    let s = s
        .strip_prefix('[')
        .ok_or_else(|| format!("step must open with '[': {s:?}"))?;
    let close = s.find(']').ok_or("unclosed '['")?;
    let terms = s[..close]
        .split(',')
        .map(|t| parse_term(t.trim(), keys))
        .collect::<Result<Vec<_>, _>>()?;
    let rest = &s[close + 1..];
    let (min, max, op_len) = match rest.chars().next() {
        Some('?') => (0, 1, 1),
        Some('*') => (0, MAX_REPEAT, 1),
        Some('+') => (1, MAX_REPEAT, 1),
        Some('{') => {
            let end = rest.find('}').ok_or("unclosed '{'")?;
            let (m, n) = rest[1..end].split_once(',').ok_or("{m,n} needs a comma")?;
            let parse = |x: &str| x.trim().parse::<u8>().map_err(|_| "bad repeat count");
            (parse(m)?, parse(n)?.min(MAX_REPEAT), end + 1)
        }
        _ => (1, 1, 0),
    };
    let (capture, rest) = parse_capture(&rest[op_len..]);
    let step = Step {
        span: None,
        terms,
        min,
        max,
        absent,
        capture,
    };
    Ok((step, rest))
}

/// An optional `:name` at the start of `s`, and the text after it.
fn parse_capture(s: &'static str) -> (Option<&'static str>, &'static str) {
    match s.strip_prefix(':') {
        Some(c) => {
            let end = c.find(char::is_whitespace).unwrap_or(c.len());
            (Some(&c[..end]), &c[end..])
        }
        None => (None, s),
    }
}

fn parse_term(t: &'static str, keys: &[KeySpec]) -> Result<Term, String> {
    let negated = t.starts_with('!');
    let any_of = t
        .trim_start_matches('!')
        .split('/')
        .map(|p| match p.trim().split_once('=') {
            Some((key, values)) => Pred {
                key: key.trim(),
                id: 0,
                mask: 0,
                values: values.split('|').map(str::trim).collect(),
            },
            None => Pred {
                key: p.trim(),
                id: 0,
                mask: 0,
                values: Vec::new(),
            },
        })
        .collect::<Vec<_>>();
    let mut any_of = any_of;
    for p in &mut any_of {
        let id = keys.iter().position(|k| k.0 == p.key);
        let id = id.ok_or_else(|| format!("unknown key {:?}", p.key))?;
        p.id = id as u8;
        if let Some(set) = keys[id].1 {
            for v in &p.values {
                let bit = set.iter().position(|x| x == v);
                let bit = bit.ok_or_else(|| format!("{}={v}: not one of {set:?}", p.key))?;
                p.mask |= 1 << bit;
            }
        }
    }
    Ok(Term { negated, any_of })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words, with `word=…`, `caps` and `digit` as the only keys.
    struct Words(Vec<&'static str>);

    impl View for Words {
        fn holds(&self, i: usize, p: &Pred) -> bool {
            let w = self.0[i];
            match p.key {
                "word" => p.values.iter().any(|v| v.eq_ignore_ascii_case(w)),
                "caps" => w.starts_with(char::is_uppercase),
                "digit" => w.starts_with(|c: char| c.is_ascii_digit()),
                _ => false,
            }
        }

        /// `name`: a run of capitalised words.
        fn phrase(
            &self,
            kind: &str,
            from: usize,
            right: bool,
            lo: usize,
            hi: usize,
        ) -> Option<usize> {
            let caps = |i: usize| self.0[i].starts_with(char::is_uppercase);
            if kind != "name" || !caps(from) {
                return None;
            }
            let mut end = from;
            while right && end < hi && caps(end + 1) || !right && end > lo && caps(end - 1) {
                end = if right { end + 1 } else { end - 1 };
            }
            Some(end)
        }
    }

    fn words(s: &'static str) -> Words {
        Words(s.split(' ').collect())
    }

    fn set(src: &'static str) -> PatternSet {
        PatternSet::parse(src, &[("word", None), ("caps", None), ("digit", None)])
    }

    #[test]
    fn anchored_pattern_matches_both_sides_and_captures() {
        let p = set("inverted 10 : [word=yes] [word=-] @[word=said]:cue [caps]+:speaker");
        let v = words("\" yes - said John Smith .");
        let m = p.first(&v, 3, 0, 6).expect("match");
        assert_eq!(m.name, "inverted");
        assert_eq!(m.get("cue"), Some((3, 3)));
        assert_eq!(m.get("speaker"), Some((4, 5)));
        assert!(p.first(&v, 4, 0, 6).is_none(), "the anchor must match");
    }

    #[test]
    fn span_steps_take_a_phrase_and_captures_of_one_name_join() {
        let p =
            set("x 1 : <name>:speaker [word=-]? @[word=according]:cue [word=to]:cue <name>:source");
        let v = words("John Smith according to Jane Doe said");
        let m = p.first(&v, 2, 0, 6).expect("match");
        assert_eq!(m.get("speaker"), Some((0, 1)));
        assert_eq!(m.get("cue"), Some((2, 3)));
        assert_eq!(m.get("source"), Some((4, 5)));
        assert!(p.first(&words("john according to Jane"), 1, 0, 3).is_none());
    }

    #[test]
    fn bounds_stop_the_walk() {
        let p = set("x 1 : [word=a] @[word=b]");
        let v = words("a b");
        assert!(p.first(&v, 1, 0, 1).is_some());
        assert!(
            p.first(&v, 1, 1, 1).is_none(),
            "a lies before the lower bound"
        );
    }

    #[test]
    fn optional_and_bounded_repeats_backtrack() {
        let p = set("x 1 : [word=the] [!word=the]{0,3} @[word=said] [word=that]? [caps]");
        assert!(p
            .first(&words("the big red dog said Yes"), 4, 0, 5)
            .is_some());
        assert!(p
            .first(&words("the big red dog said that Yes"), 4, 0, 6)
            .is_some());
        assert!(
            p.first(&words("the a b c d said Yes"), 5, 0, 6).is_none(),
            "four words exceed {{0,3}}"
        );
    }

    #[test]
    fn negation_alternatives_and_absent_steps() {
        let p = set("x 1 : [!word=on, word=to/digit] @[word=say] ![word=that]");
        assert!(p.first(&words("to say"), 1, 0, 1).is_some());
        assert!(p.first(&words("5 say it"), 1, 0, 2).is_some());
        assert!(
            p.first(&words("to say that"), 1, 0, 2).is_none(),
            "absent step failed"
        );
        assert!(
            p.first(&words("to say that"), 1, 0, 1).is_some(),
            "bound hides `that`"
        );
        assert!(p.first(&words("on say"), 1, 0, 1).is_none());
    }

    #[test]
    fn priority_orders_patterns_and_ties_keep_written_order() {
        let p = set("low 1 : @[word=a]\nfirst 5 : @[word=a]\nsecond 5 : @[word=a]");
        assert_eq!(p.names(), ["first", "second", "low"]);
        assert_eq!(p.first(&words("a"), 0, 0, 0).map(|m| m.name), Some("first"));
    }

    #[test]
    #[should_panic(expected = "no anchor")]
    fn a_pattern_without_anchor_is_refused() {
        set("x 1 : [word=a]");
    }

    #[test]
    #[should_panic(expected = "case=upper: not one of")]
    fn a_value_outside_a_closed_set_is_refused() {
        PatternSet::parse(
            "x 1 : @[case=upper]",
            &[("case", Some(&["lower", "title"]))],
        );
    }

    #[test]
    #[should_panic(expected = "unknown key \"lemma\"")]
    fn a_key_the_view_does_not_answer_is_refused() {
        set("x 1 : @[lemma=say]");
    }

    #[test]
    fn a_long_sentence_costs_bounded_work_per_anchor() {
        let p = set("x 1 : [caps]* [word=-] @[word=said] [caps]+");
        let text: Vec<&'static str> = std::iter::repeat("A").take(100_000).collect();
        let v = Words(text);
        // No hyphen anywhere: every anchor fails after a bounded walk.
        assert!((0..v.0.len()).all(|i| p.first(&v, i, 0, v.0.len() - 1).is_none()));
    }
}
