//! News agencies as datelines name them, mapped to their usual short names.

/// (short name, the ways datelines write it). Matching ignores case, a leading "the", and
/// runs of spaces.
const AGENCIES: &[(&str, &[&str])] = &[
    (
        "Reuters",
        &[
            "reuters", "reuter", "thomson reuters", "reuters breakingviews", "reuters health",
        ],
    ),
    ("AP", &["ap", "associated press"]),
    (
        "AFP",
        &["afp", "agence france-presse", "agence france presse"],
    ),
    ("UPI", &["upi", "united press international"]),
    (
        "TASS",
        &["tass", "itar-tass", "itar tass", "тасс", "итар-тасс"],
    ),
    (
        "RIA Novosti",
        &["ria novosti", "ria-novosti", "ria", "rian", "риа новости"],
    ),
    (
        "Interfax",
        &[
            "interfax", "interfax.ru", "interfax-ukraine", "interfax-kazakhstan", "интерфакс",
        ],
    ),
    ("Sputnik", &["sputnik"]),
    (
        "Xinhua",
        &["xinhua", "xinhua news agency", "xinhuanet", "xinhua net"],
    ),
    ("Kyodo", &["kyodo", "kyodo news"]),
    ("Yonhap", &["yonhap", "yonhap news agency"]),
    ("PTI", &["pti", "press trust of india"]),
    ("IANS", &["ians", "indo-asian news service"]),
    ("ANI", &["ani", "asian news international"]),
    ("Anadolu", &["anadolu", "anadolu agency", "aa"]),
    ("Bernama", &["bernama"]),
    ("WAM", &["wam", "emirates news agency"]),
    ("SPA", &["spa", "saudi press agency"]),
    ("IRNA", &["irna", "islamic republic news agency"]),
    ("Antara", &["antara", "antara news"]),
    ("PNA", &["pna", "philippine news agency"]),
    ("DPA", &["dpa", "deutsche presse-agentur"]),
    ("ANSA", &["ansa"]),
    ("EFE", &["efe", "agencia efe"]),
    ("Canadian Press", &["cp", "canadian press"]),
    ("PA", &["pa", "pa media", "press association"]),
    (
        "Bloomberg",
        &["bloomberg", "bloomberg news", "bloomberg opinion"],
    ),
    ("CNN", &["cnn", "cnn business", "cnn international"]),
    ("APP", &["app", "associated press of pakistan"]),
    ("Iran Press", &["iran press", "ip"]),
    ("Report", &["report.az", "report"]),
    ("KUNA", &["kuna", "kuwait news agency"]),
    ("QNA", &["qna", "qatar news agency"]),
    ("SANA", &["sana"]),
    ("MENA", &["mena"]),
    ("Jiji", &["jiji", "jiji press"]),
    ("KCNA", &["kcna"]),
    ("Lusa", &["lusa"]),
    ("Prensa Latina", &["prensa latina", "pl"]),
    ("Ukrinform", &["ukrinform"]),
    ("BSS", &["bss"]),
    ("UNB", &["unb"]),
    ("NNA", &["nna"]),
    ("Petra", &["petra"]),
    ("Trend", &["trend"]),
    ("APA", &["apa", "apa.az"]),
    ("Kazinform", &["kazinform"]),
    ("BelTA", &["belta"]),
    ("UNIAN", &["unian"]),
    ("AzerTac", &["azertac"]),
    ("Belga", &["belga"]),
    ("ANP", &["anp"]),
    ("PAP", &["pap"]),
    ("CTK", &["ctk", "čtk"]),
    ("MTI", &["mti"]),
    ("BTA", &["bta"]),
    ("Tanjug", &["tanjug"]),
    ("NAN", &["nan", "news agency of nigeria"]),
    ("KNA", &["kna"]),
    ("VNA", &["vna", "vietnam news agency"]),
    ("CNA", &["cna", "central news agency"]),
    (
        "PR Newswire",
        &["prnewswire", "pr newswire", "prnewswire-firstcall", "prweb"],
    ),
    ("Business Wire", &["business wire", "businesswire"]),
    ("GlobeNewswire", &["globe newswire", "globenewswire"]),
];

/// Short names of agencies often written without parentheses after a comma or space
/// (`Tehran, IRNA –`, `WASHINGTON, March 12, Reuter -`); a bare word must match one of these.
const BARE: &[&str] = &[
    "Reuters", "AP", "AFP", "UPI", "TASS", "RIA Novosti", "Interfax", "Xinhua", "Kyodo", "Yonhap",
    "PTI", "IANS", "ANI", "Bernama", "WAM", "SPA", "IRNA", "Antara", "PNA", "DPA", "ANSA", "EFE",
    "Sputnik", "KUNA", "QNA", "SANA", "MENA", "APP", "APA",
];

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
    let k = key(written);
    AGENCIES
        .iter()
        .find(|(_, names)| names.contains(&k.as_str()))
        .map(|(short, _)| *short)
}

/// Like [`lookup`], for an agency written bare: only well-known names, and all-caps short names
/// must be written in capitals (`AP`, not `ap`), while names like `Reuter` may be any case.
pub fn lookup_bare(written: &str) -> Option<&'static str> {
    let short = lookup(written)?;
    let acronym = short.len() <= 5 && short.chars().all(|c| c.is_ascii_uppercase());
    (BARE.contains(&short) && (!acronym || written.chars().all(|c| !c.is_lowercase())))
        .then_some(short)
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
