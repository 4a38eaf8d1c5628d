//! Dates as datelines write them: month names in several languages (and their wire-copy typos),
//! days with ordinals or misread digits, numeric dates, and year resolution against `published`.

use newsnlp_lexicon::{self as lexicon, Flags};

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Ymd {
    /// Reads the `YYYY-MM-DD` prefix of an ISO date or date-time (`2016-11-24T09:30:00Z`).
    pub fn parse_iso(s: &str) -> Option<Ymd> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10].is_ascii_digit())
        {
            return None;
        }
        let year = s.get(0..4)?.parse().ok()?;
        let month = s.get(5..7)?.parse().ok()?;
        let day = s.get(8..10)?.parse().ok()?;
        Ymd::new(year, month, day)
    }

    /// A valid date that ISO `YYYY-MM-DD` can write (year 1 to 9999), or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Ymd> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Ymd { year, month, day })
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01.
    fn days(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The year that puts `month`/`day` closest to `published` (a `Dec 31` dateline on a story
/// published Jan 1 belongs to the previous year).
pub fn resolve_year(month: u32, day: u32, published: Ymd) -> Option<Ymd> {
    (published.year - 1..=published.year + 1)
        .filter_map(|y| Ymd::new(y, month, day))
        .min_by_key(|d| (d.days() - published.days()).abs())
}

/// The month a word names exactly (any case; `Sept`, `NOV`, `Oktober`, `июля`).
/// Month names come from the lexicon, in English, German, French, Spanish, Italian,
/// Portuguese, Dutch and Russian.
pub fn month_exact(word: &str) -> Option<u32> {
    lexicon::flags_folded(word).month()
}

/// The month a word names, also reading one-letter wire typos of English month names of five
/// or more letters (`Narch`, `Mach`, `Marchg`, `Macrh`). Only called where a date must stand.
pub fn month_fuzzy(word: &str) -> Option<u32> {
    month_exact(word).or_else(|| {
        let w = word.to_lowercase();
        if w.chars().count() < 4 || !w.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        // `w` is ASCII here, so its length in bytes is its length in letters.
        let mut hits = long_english_months()
            .iter()
            .filter(|(m, _)| m.len().abs_diff(w.len()) <= 1 && one_edit(&w, m))
            .map(|&(_, month)| month);
        let first = hits.next()?;
        hits.next().is_none().then_some(first)
    })
}

/// The English month names of five or more letters, with their numbers: picked out of the
/// lexicon once, not on every call (a scan of the whole word table each time was most of the
/// dateline stage's time per document).
fn long_english_months() -> &'static [(&'static str, u32)] {
    static MONTHS: std::sync::OnceLock<Vec<(&'static str, u32)>> = std::sync::OnceLock::new();
    MONTHS.get_or_init(|| {
        lexicon::words(Flags::MONTH)
            .filter(|(m, f)| {
                f.contains(Flags::ENGLISH) && !f.contains(Flags::ABBREVIATION) && m.len() >= 5
            })
            .filter_map(|(m, f)| Some((m, f.month()?)))
            .collect()
    })
}

/// A weekday, in full or abbreviated, in any case (`Thursday`, `THURS`).
pub fn is_weekday(word: &str) -> bool {
    lexicon::flags_folded(word).contains(Flags::WEEKDAY)
}

/// True when `a` and `b` differ by one insertion, deletion, substitution or adjacent swap.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[p..], &b[p..]);
    match ra.len() as isize - rb.len() as isize {
        0 => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        1 => ra[1..] == *rb,
        -1 => *ra == rb[1..],
        _ => false,
    }
}

/// A day as written: digits with an optional ordinal suffix, with the letters `O`/`o` read as
/// 0 and `l`/`I` as 1 where they stand among digits (`2O`, `l`). Returns the digits read.
pub fn day_digits(s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    let core = ["st", "nd", "rd", "th", "."]
        .iter()
        .find_map(|suf| lower.strip_suffix(suf).filter(|c| !c.is_empty()))
        .unwrap_or(&lower);
    let digits: String = core
        .chars()
        .map(|c| match c {
            'o' => '0',
            'l' | 'i' => '1',
            c => c,
        })
        .collect();
    (!digits.is_empty() && digits.len() <= 3 && digits.chars().all(|c| c.is_ascii_digit()))
        .then_some(digits)
        // A lone `o`/`O` is a word, not a day.
        .filter(|_| {
            core.chars()
                .any(|c| c.is_ascii_digit() || c == 'l' || c == 'i')
        })
}

/// The day of the month that `digits` mean: itself when 1..=31; for a garbled three-digit day
/// (`187`, `215`), the two-digit reading left by dropping one digit that lies closest to
/// `published` (none without it).
pub fn day_value(digits: &str, month: u32, published: Option<Ymd>) -> Option<u32> {
    let n: u32 = digits.parse().ok()?;
    if (1..=31).contains(&n) {
        return Some(n);
    }
    let p = published?;
    if digits.len() != 3 {
        return None;
    }
    (0..3)
        .filter_map(|skip| {
            let d: String = digits
                .chars()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, c)| c)
                .collect();
            d.parse::<u32>().ok()
        })
        .filter(|d| (1..=31).contains(d))
        .filter_map(|d| resolve_year(month, d, p))
        .min_by_key(|d| (d.days() - p.days()).abs())
        .map(|d| d.day)
}

/// A numeric date in one piece: `2016-11-24`, `24.11.2016`, `24/11/2016`, `11/24/2016`
/// (slashes read month first unless the first number cannot be a month).
pub fn numeric_date(s: &str) -> Option<(Option<i32>, u32, u32)> {
    let sep = ['-', '.', '/'].into_iter().find(|&c| s.contains(c))?;
    let parts: Vec<&str> = s.split(sep).collect();
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (y, m, d) = match (sep, parts.as_slice(), nums.as_slice()) {
        ('-', [py, _, _], &[y, m, d]) if py.len() == 4 => (Some(y as i32), m, d),
        ('-', [_, _, py], &[d, m, y]) if py.len() == 4 => (Some(y as i32), m, d),
        ('.', [_, _, py], &[d, m, y]) if py.len() == 4 => (Some(y as i32), m, d),
        ('.', [_, _], &[d, m]) => (None, m, d),
        ('/', [_, _, py], &[a, b, y]) if py.len() == 4 => {
            if a > 12 {
                (Some(y as i32), b, a)
            } else {
                (Some(y as i32), a, b)
            }
        }
        _ => return None,
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(s: &str) -> Ymd {
        Ymd::parse_iso(s).unwrap()
    }

    #[test]
    fn closest_year() {
        assert_eq!(
            resolve_year(12, 31, ymd("2017-01-01")).unwrap().iso(),
            "2016-12-31"
        );
        assert_eq!(
            resolve_year(1, 2, ymd("2016-12-30")).unwrap().iso(),
            "2017-01-02"
        );
        assert_eq!(
            resolve_year(5, 18, ymd("1987-03-18")).unwrap().iso(),
            "1987-05-18"
        );
        assert_eq!(
            resolve_year(2, 29, ymd("2017-03-01")).unwrap().iso(),
            "2016-02-29"
        );
    }

    #[test]
    fn dates_stay_within_the_years_iso_writes() {
        assert_eq!(Ymd::parse_iso("0000-05-01"), None);
        assert_eq!(Ymd::new(10000, 1, 1), None);
        assert_eq!(Ymd::new(-1, 12, 31), None);
        assert_eq!(
            resolve_year(1, 1, ymd("9999-12-31")).unwrap().iso(),
            "9999-01-01"
        );
        assert_eq!(
            resolve_year(12, 31, ymd("0001-01-01")).unwrap().iso(),
            "0001-12-31"
        );
    }

    #[test]
    fn iso_parsing() {
        assert_eq!(
            Ymd::parse_iso("2016-11-24T09:30:00Z"),
            Ymd::new(2016, 11, 24)
        );
        assert_eq!(Ymd::parse_iso("2016-13-24"), None);
        assert_eq!(Ymd::parse_iso("24 Nov 2016"), None);
        assert_eq!(Ymd::parse_iso("2016-11-241"), None);
    }

    #[test]
    fn months_and_typos() {
        assert_eq!(month_exact("SEPT"), Some(9));
        assert_eq!(month_exact("Oktober"), Some(10));
        assert_eq!(month_exact("июля"), Some(7));
        for typo in ["Narch", "Mach", "Marchg", "Macrh", "Apirl", "Novmber"] {
            assert!(month_fuzzy(typo).is_some(), "{typo}");
        }
        assert_eq!(month_fuzzy("Narch"), Some(3));
        assert_eq!(month_fuzzy("Match"), Some(3));
        assert_eq!(month_fuzzy("Mayor"), None);
        assert_eq!(month_fuzzy("Jane"), None);
    }

    #[test]
    fn days_as_written() {
        assert_eq!(day_digits("2O").as_deref(), Some("20"));
        assert_eq!(day_digits("l").as_deref(), Some("1"));
        assert_eq!(day_digits("24th").as_deref(), Some("24"));
        assert_eq!(day_digits("O"), None);
        assert_eq!(day_digits("the"), None);
        let p = Some(ymd("1987-03-18"));
        assert_eq!(day_value("187", 3, p), Some(18));
        assert_eq!(day_value("215", 3, Some(ymd("1987-03-25"))), Some(25));
        assert_eq!(day_value("187", 3, None), None);
        assert_eq!(day_value("0", 3, p), None);
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(numeric_date("2016-11-24"), Some((Some(2016), 11, 24)));
        assert_eq!(numeric_date("24.11.2016"), Some((Some(2016), 11, 24)));
        assert_eq!(numeric_date("24-11-2016"), Some((Some(2016), 11, 24)));
        assert_eq!(numeric_date("11/24/2016"), Some((Some(2016), 11, 24)));
        assert_eq!(numeric_date("24/11/2016"), Some((Some(2016), 11, 24)));
        assert_eq!(numeric_date("0847"), None);
        assert_eq!(numeric_date("3.5"), Some((None, 5, 3)));
        assert_eq!(numeric_date("1.2.3"), None);
    }
}
