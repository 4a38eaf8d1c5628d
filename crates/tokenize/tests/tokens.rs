//! One test per construction the tokenizer must get right, on sentences written for the tests.

use newsnlp_tokenize::Tokenizer;

fn toks(text: &str) -> Vec<&str> {
    Tokenizer::new()
        .segment(text)
        .tokens
        .iter()
        .map(|t| &text[t.range()])
        .collect()
}

#[test]
fn clitics_split_from_their_host() {
    assert_eq!(
        toks("Lavrov's aide didn't say they'll go, I'm sure we're fine and I'd've known."),
        [
            "Lavrov", "'s", "aide", "did", "n't", "say", "they", "'ll", "go", ",", "I", "'m",
            "sure", "we", "'re", "fine", "and", "I", "'d", "'ve", "known", "."
        ]
    );
    assert_eq!(
        toks("Russia’s envoy won’t, can't"),
        ["Russia", "’s", "envoy", "wo", "n’t", ",", "ca", "n't"]
    );
    assert_eq!(toks("The Joneses' car"), ["The", "Joneses", "'", "car"]);
}

#[test]
fn apostrophes_inside_names_and_elisions_stay() {
    assert_eq!(
        toks("O'Neill met the gov't in the '90s, rock 'em"),
        ["O'Neill", "met", "the", "gov't", "in", "the", "'90s", ",", "rock", "'em"]
    );
}

#[test]
fn a_doubled_mark_before_a_number_is_a_quotation_mark_not_an_elision() {
    assert_eq!(
        toks("is ''10 times bigger,'' he said of the ``90s''"),
        [
            "is", "'", "'", "10", "times", "bigger", ",", "'", "'", "he", "said", "of", "the",
            "``", "90s", "'", "'"
        ]
    );
}

#[test]
fn fused_words_split_like_ud() {
    assert_eq!(
        toks("We cannot say, gonna wait"),
        ["We", "can", "not", "say", ",", "gon", "na", "wait"]
    );
}

#[test]
fn every_quotation_mark_is_a_token() {
    assert_eq!(
        toks("\"No,\" “yes” ‘maybe’ «oui» „ja“ ‹non›"),
        [
            "\"", "No", ",", "\"", "“", "yes", "”", "‘", "maybe", "’", "«", "oui", "»", "„", "ja",
            "“", "‹", "non", "›"
        ]
    );
    assert_eq!(toks("'total war'"), ["'", "total", "war", "'"]);
}

#[test]
fn quotes_and_brackets_around_sentence_ends() {
    assert_eq!(toks("regime,\" he"), ["regime", ",", "\"", "he"]);
    assert_eq!(toks("talks.\"."), ["talks", ".", "\"", "."]);
    assert_eq!(toks("(OPCW) [sic]"), ["(", "OPCW", ")", "[", "sic", "]"]);
    assert_eq!(toks("friend(s)"), ["friend(s)"]);
    assert_eq!(toks("(s)he"), ["(s)he"]);
}

#[test]
fn each_bracket_around_no_word_is_a_token() {
    assert_eq!(toks("()()()"), ["(", ")", "(", ")", "(", ")"]);
    assert_eq!(toks("a()b"), ["a", "(", ")", "b"]);
    let parens = "()".repeat(100_000);
    let tokens = toks(&parens);
    assert_eq!(tokens.len(), parens.len());
    assert!(tokens.iter().all(|t| t.len() == 1));
}

#[test]
fn hyphens_split_between_words_but_not_after_bound_prefixes() {
    assert_eq!(toks("an all-girl team"), ["an", "all", "-", "girl", "team"]);
    assert_eq!(
        toks("re-elected non-profit e-mail"),
        ["re-elected", "non-profit", "e-mail"]
    );
    assert_eq!(toks("Jean-Marc"), ["Jean", "-", "Marc"]);
    assert_eq!(toks("seized -- an"), ["seized", "--", "an"]);
    assert_eq!(toks("wait--what"), ["wait", "--", "what"]);
}

#[test]
fn abbreviations_and_initials_keep_their_stop() {
    assert_eq!(
        toks("U.S. Gov. J. Smith Jr. met on Nov. 5 at 3 p.m. in Washington, D.C."),
        [
            "U.S.", "Gov.", "J.", "Smith", "Jr.", "met", "on", "Nov.", "5", "at", "3", "p.m.",
            "in", "Washington", ",", "D.C."
        ]
    );
    assert_eq!(toks("It ended."), ["It", "ended", "."]);
    assert_eq!(toks("No. 5 or no."), ["No.", "5", "or", "no", "."]);
}

#[test]
fn numbers_times_and_dates_stay_whole() {
    assert_eq!(
        toks("155,221 voters, 5.93 pct, at 22:30 on 1996-08-22, up 45%"),
        [
            "155,221", "voters", ",", "5.93", "pct", ",", "at", "22:30", "on", "1996-08-22", ",",
            "up", "45", "%"
        ]
    );
    assert_eq!(
        toks("$5.5 billion, -3.2"),
        ["$", "5.5", "billion", ",", "-3.2"]
    );
    assert_eq!(
        toks("from 6:00am, 3-5 years"),
        ["from", "6:00", "am", ",", "3", "-", "5", "years"]
    );
}

#[test]
fn urls_emails_handles_and_hashtags_stay_whole() {
    assert_eq!(
        toks("See https://tass.com/politics/913876, www.example.org. Mail desk@agency.ru or @TassAgency_en #Syria #2"),
        [
            "See", "https://tass.com/politics/913876", ",", "www.example.org", ".", "Mail",
            "desk@agency.ru", "or", "@TassAgency_en", "#Syria", "#", "2"
        ]
    );
}

#[test]
fn unicode_dashes_and_ellipses_split() {
    assert_eq!(
        toks("Moscow—Paris talks – so…"),
        ["Moscow", "—", "Paris", "talks", "–", "so", "…"]
    );
    assert_eq!(toks("wait... what"), ["wait", "...", "what"]);
    assert_eq!(toks("2015–2016"), ["2015", "–", "2016"]);
}

#[test]
fn non_breaking_and_odd_spaces_separate() {
    assert_eq!(
        toks("Mr.\u{A0}Smith\u{2009}said\u{200B}so"),
        ["Mr.", "Smith", "said", "so"]
    );
    assert_eq!(toks("a\tb\r\nc"), ["a", "b", "c"]);
}

#[test]
fn other_scripts() {
    assert_eq!(
        toks("Сергей Лавров сказал: «Нет»."),
        ["Сергей", "Лавров", "сказал", ":", "«", "Нет", "»", "."]
    );
    assert_eq!(
        toks("東京で会議、「成功」。"),
        ["東京で会議", "、", "「", "成功", "」", "。"]
    );
    assert_eq!(toks("Ayrault à Genève"), ["Ayrault", "à", "Genève"]);
}

#[test]
fn emoji_sequences_are_never_split() {
    let family = "👨\u{200D}👩\u{200D}👧";
    let text = format!("Great👍🏽 news {family}! 🇷🇺🇫🇷");
    assert_eq!(
        toks(&text),
        ["Great", "👍🏽", "news", family, "!", "🇷🇺", "🇫🇷"]
    );
}

#[test]
fn stops_inside_compounds_and_missing_spaces() {
    assert_eq!(
        toks("(D-N.Y.) the A.F.L.-C.I.O. said"),
        ["(", "D", "-", "N.Y.", ")", "the", "A.F.L.", "-", "C.I.O.", "said"]
    );
    assert_eq!(
        toks("Republicans said.Trump left .That"),
        ["Republicans", "said", ".", "Trump", "left", ".", "That"]
    );
    assert_eq!(toks("Gawker.com ASP.NET"), ["Gawker.com", "ASP.NET"]);
}

#[test]
fn degrees_are_dotted_initials_not_missing_spaces() {
    assert_eq!(
        toks("a Ph.D. in law, an M.Sc. and a B.A."),
        ["a", "Ph.D.", "in", "law", ",", "an", "M.Sc.", "and", "a", "B.A."]
    );
}
