//! News agencies: the names datelines and bylines write them under, and how each is spelled as
//! one token of running text.

/// One news agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Agency {
    /// The usual short name, which a dateline records (`AP`, `RIA Novosti`).
    pub name: &'static str,
    /// Every way datelines write it, lowercase, single-spaced, without a leading `the`
    /// (`associated press`, `itar-tass`, `тасс`).
    pub aliases: &'static [&'static str],
    /// Its case-exact one-token spellings in running text (`TASS`, `Tass`, `dpa`), for the entity
    /// tagger's agency feature: only agencies common enough in news copy to be worth one.
    pub spellings: &'static [&'static str],
    /// Written bare, without brackets or slashes, after a dateline's place or date (`Tehran, IRNA
    /// –`, `WASHINGTON, March 12, Reuter -`): only well-known names may stand so.
    pub bare: bool,
}

/// Every agency, most common first (a lookup takes the first match). From the dateline stage's
/// table, with the entity tagger's `BBC` and `Notimex` added.
#[rustfmt::skip]
pub const AGENCIES: &[Agency] = &[
    Agency {
        name: "Reuters",
        aliases: &["reuters", "reuter", "thomson reuters", "reuters breakingviews", "reuters health"],
        spellings: &["Reuters"],
        bare: true,
    },
    Agency {
        name: "AP",
        aliases: &["ap", "associated press"],
        spellings: &["AP"],
        bare: true,
    },
    Agency {
        name: "AFP",
        aliases: &["afp", "agence france-presse", "agence france presse"],
        spellings: &["AFP"],
        bare: true,
    },
    Agency {
        name: "UPI",
        aliases: &["upi", "united press international"],
        spellings: &["UPI"],
        bare: true,
    },
    Agency {
        name: "TASS",
        aliases: &["tass", "itar-tass", "itar tass", "тасс", "итар-тасс"],
        spellings: &["ITAR-TASS", "Itar-Tass", "TASS", "Tass"],
        bare: true,
    },
    Agency {
        name: "RIA Novosti",
        aliases: &["ria novosti", "ria-novosti", "ria", "rian", "риа новости"],
        spellings: &["Novosti", "RIA"],
        bare: true,
    },
    Agency {
        name: "Interfax",
        aliases: &["interfax", "interfax.ru", "interfax-ukraine", "interfax-kazakhstan", "интерфакс"],
        spellings: &["Interfax"],
        bare: true,
    },
    Agency {
        name: "Sputnik",
        aliases: &["sputnik"],
        spellings: &["Sputnik"],
        bare: true,
    },
    Agency {
        name: "Xinhua",
        aliases: &["xinhua", "xinhua news agency", "xinhuanet", "xinhua net"],
        spellings: &["Xinhua"],
        bare: true,
    },
    Agency {
        name: "Kyodo",
        aliases: &["kyodo", "kyodo news"],
        spellings: &["Kyodo"],
        bare: true,
    },
    Agency {
        name: "Yonhap",
        aliases: &["yonhap", "yonhap news agency"],
        spellings: &["Yonhap"],
        bare: true,
    },
    Agency {
        name: "PTI",
        aliases: &["pti", "press trust of india"],
        spellings: &["PTI"],
        bare: true,
    },
    Agency {
        name: "IANS",
        aliases: &["ians", "indo-asian news service"],
        spellings: &[],
        bare: true,
    },
    Agency {
        name: "ANI",
        aliases: &["ani", "asian news international"],
        spellings: &[],
        bare: true,
    },
    Agency {
        name: "Anadolu",
        aliases: &["anadolu", "anadolu agency", "aa"],
        spellings: &["Anadolu"],
        bare: false,
    },
    Agency {
        name: "Bernama",
        aliases: &["bernama"],
        spellings: &["Bernama"],
        bare: true,
    },
    Agency {
        name: "WAM",
        aliases: &["wam", "emirates news agency"],
        spellings: &[],
        bare: true,
    },
    Agency {
        name: "SPA",
        aliases: &["spa", "saudi press agency"],
        spellings: &[],
        bare: true,
    },
    Agency {
        name: "IRNA",
        aliases: &["irna", "islamic republic news agency"],
        spellings: &["IRNA"],
        bare: true,
    },
    Agency {
        name: "Antara",
        aliases: &["antara", "antara news"],
        spellings: &["Antara"],
        bare: true,
    },
    Agency {
        name: "PNA",
        aliases: &["pna", "philippine news agency"],
        spellings: &[],
        bare: true,
    },
    Agency {
        name: "DPA",
        aliases: &["dpa", "deutsche presse-agentur"],
        spellings: &["DPA", "dpa"],
        bare: true,
    },
    Agency {
        name: "ANSA",
        aliases: &["ansa"],
        spellings: &["ANSA"],
        bare: true,
    },
    Agency {
        name: "EFE",
        aliases: &["efe", "agencia efe"],
        spellings: &["EFE"],
        bare: true,
    },
    Agency {
        name: "Canadian Press",
        aliases: &["cp", "canadian press"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "PA",
        aliases: &["pa", "pa media", "press association"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "Bloomberg",
        aliases: &["bloomberg", "bloomberg news", "bloomberg opinion"],
        spellings: &["Bloomberg"],
        bare: false,
    },
    Agency {
        name: "CNN",
        aliases: &["cnn", "cnn business", "cnn international"],
        spellings: &["CNN"],
        bare: false,
    },
    Agency {
        name: "BBC",
        aliases: &["bbc", "bbc news"],
        spellings: &["BBC"],
        bare: false,
    },
    Agency {
        name: "APP",
        aliases: &["app", "associated press of pakistan"],
        spellings: &[],
        bare: true,
    },
    Agency {
        name: "Iran Press",
        aliases: &["iran press", "ip"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "Report",
        aliases: &["report.az", "report"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "KUNA",
        aliases: &["kuna", "kuwait news agency"],
        spellings: &[],
        bare: true,
    },
    Agency {
        name: "QNA",
        aliases: &["qna", "qatar news agency"],
        spellings: &[],
        bare: true,
    },
    Agency {
        name: "SANA",
        aliases: &["sana"],
        spellings: &[],
        bare: true,
    },
    Agency {
        name: "MENA",
        aliases: &["mena"],
        spellings: &["MENA"],
        bare: true,
    },
    Agency {
        name: "Jiji",
        aliases: &["jiji", "jiji press"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "KCNA",
        aliases: &["kcna"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "Lusa",
        aliases: &["lusa"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "Prensa Latina",
        aliases: &["prensa latina", "pl"],
        spellings: &["Prensa"],
        bare: false,
    },
    Agency {
        name: "Notimex",
        aliases: &["notimex"],
        spellings: &["Notimex"],
        bare: false,
    },
    Agency {
        name: "Ukrinform",
        aliases: &["ukrinform"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "BSS",
        aliases: &["bss"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "UNB",
        aliases: &["unb"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "NNA",
        aliases: &["nna"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "Petra",
        aliases: &["petra"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "Trend",
        aliases: &["trend"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "APA",
        aliases: &["apa", "apa.az"],
        spellings: &[],
        bare: true,
    },
    Agency {
        name: "Kazinform",
        aliases: &["kazinform"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "BelTA",
        aliases: &["belta"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "UNIAN",
        aliases: &["unian"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "AzerTac",
        aliases: &["azertac"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "Belga",
        aliases: &["belga"],
        spellings: &["Belga"],
        bare: false,
    },
    Agency {
        name: "ANP",
        aliases: &["anp"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "PAP",
        aliases: &["pap"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "CTK",
        aliases: &["ctk", "čtk"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "MTI",
        aliases: &["mti"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "BTA",
        aliases: &["bta"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "Tanjug",
        aliases: &["tanjug"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "NAN",
        aliases: &["nan", "news agency of nigeria"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "KNA",
        aliases: &["kna"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "VNA",
        aliases: &["vna", "vietnam news agency"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "CNA",
        aliases: &["cna", "central news agency"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "PR Newswire",
        aliases: &["prnewswire", "pr newswire", "prnewswire-firstcall", "prweb"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "Business Wire",
        aliases: &["business wire", "businesswire"],
        spellings: &[],
        bare: false,
    },
    Agency {
        name: "GlobeNewswire",
        aliases: &["globe newswire", "globenewswire"],
        spellings: &[],
        bare: false,
    },
];
