//! News agencies as datelines name them, mapped to their usual short names. The agencies and
//! their aliases are the lexicon's ([`newsnlp_lexicon::AGENCIES`]); matching ignores case, a
//! leading "the", and runs of spaces.

use newsnlp_lexicon as lexicon;

/// The lexicon's agency alias for `s`: lowercase, single-spaced, without a leading "the".
fn key(s: &str) -> String {
    let lower = s.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// The short name of the agency `written` names (`Associated Press` -> `AP`).
pub fn lookup(written: &str) -> Option<&'static str> {
    lexicon::agency(&key(written)).map(|a| a.name)
}

/// Like [`lookup`], for an agency written bare: only well-known names, and all-caps short names
/// must be written in capitals (`AP`, not `ap`), while names like `Reuter` may be any case.
pub fn lookup_bare(written: &str) -> Option<&'static str> {
    let agency = lexicon::agency(&key(written))?;
    let short = agency.name;
    let acronym = short.len() <= 5 && short.chars().all(|c| c.is_ascii_uppercase());
    (agency.bare && (!acronym || written.chars().all(|c| !c.is_lowercase()))).then_some(short)
}

/// An unknown agency in parentheses: an all-caps acronym of two to six letters (`(KUNA)`).
pub fn looks_like_acronym(written: &str) -> bool {
    (2..=6).contains(&written.chars().count())
        && written
            .chars()
            .all(|c| c.is_uppercase() && c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases() {
        assert_eq!(lookup("Reuter"), Some("Reuters"));
        assert_eq!(lookup("The Associated Press"), Some("AP"));
        assert_eq!(lookup("ITAR-TASS"), Some("TASS"));
        assert_eq!(lookup("dpa"), Some("DPA"));
        assert_eq!(lookup("РИА Новости"), Some("RIA Novosti"));
        assert_eq!(lookup("Moscow"), None);
    }

    #[test]
    fn bare_names_are_strict() {
        assert_eq!(lookup_bare("IRNA"), Some("IRNA"));
        assert_eq!(lookup_bare("Reuter"), Some("Reuters"));
        assert_eq!(lookup_bare("ap"), None);
        assert_eq!(lookup_bare("CNN"), None);
        assert!(
            looks_like_acronym("KUNA") && !looks_like_acronym("Kuna") && !looks_like_acronym("A")
        );
    }
}
