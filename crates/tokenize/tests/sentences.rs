//! Sentences and paragraphs, on short articles written for the tests.

use newsnlp_tokenize::Tokenizer;

fn sentences(text: &str) -> Vec<&str> {
    Tokenizer::new()
        .segment(text)
        .sentences
        .iter()
        .map(|s| &text[s.span.range()])
        .collect()
}

fn paragraphs(text: &str) -> Vec<&str> {
    Tokenizer::new()
        .segment(text)
        .paragraphs
        .iter()
        .map(|p| &text[p.range()])
        .collect()
}

#[test]
fn closing_quotes_stay_with_their_sentence() {
    assert_eq!(
        sentences(
            "\"All means are good against the regime,\" he stressed. \"It is over.\" Then he left."
        ),
        [
            "\"All means are good against the regime,\" he stressed.",
            "\"It is over.\"",
            "Then he left."
        ]
    );
    assert_eq!(
        sentences("He said there is \"no rush to start the talks.\". Talks resumed."),
        [
            "He said there is \"no rush to start the talks.\".",
            "Talks resumed."
        ]
    );
    assert_eq!(
        sentences("Really?” she asked. “Yes!” (It was.) Done."),
        ["Really?” she asked.", "“Yes!”", "(It was.)", "Done."]
    );
}

#[test]
fn abbreviations_do_not_end_sentences() {
    assert_eq!(
        sentences("Gov. Jay Inslee met U.S. President Joe Biden on Nov. 5 with J. R. Smith Jr. in the city."),
        ["Gov. Jay Inslee met U.S. President Joe Biden on Nov. 5 with J. R. Smith Jr. in the city."]
    );
}

#[test]
fn abbreviations_end_sentences_before_a_clear_start() {
    assert_eq!(
        sentences("The team flew to the U.S. The coach stayed home."),
        ["The team flew to the U.S.", "The coach stayed home."]
    );
}

#[test]
fn lower_case_after_a_stop_continues_the_sentence() {
    assert_eq!(
        sentences("Prices rose 5.93 pct. in May, i.e. more than expected."),
        ["Prices rose 5.93 pct. in May, i.e. more than expected."]
    );
}

#[test]
fn blank_lines_and_indents_end_paragraphs_and_sentences() {
    let text = "Ministers meet\n\nThe talks open today in Geneva\n    Delegates arrived on Monday.";
    assert_eq!(
        paragraphs(text),
        [
            "Ministers meet",
            "The talks open today in Geneva",
            "Delegates arrived on Monday."
        ]
    );
    assert_eq!(
        sentences(text),
        [
            "Ministers meet",
            "The talks open today in Geneva",
            "Delegates arrived on Monday."
        ]
    );
}

#[test]
fn hard_wrapped_wire_copy_keeps_its_sentences_whole() {
    let text = "GRAIN TRADERS SEE LOWER EXPORTS\n\
                \x20   CHICAGO, March 3 - Grain traders said on Tuesday that exports\n\
                of wheat and corn would fall further this season, citing a\n\
                strong dollar and large harvests in South America. They said\n\
                prices could recover in the spring.\n\
                \x20   Officials declined to comment on the forecast.\n";
    assert_eq!(
        paragraphs(text),
        [
            "GRAIN TRADERS SEE LOWER EXPORTS",
            "CHICAGO, March 3 - Grain traders said on Tuesday that exports\nof wheat and corn would fall further this season, citing a\nstrong dollar and large harvests in South America. They said\nprices could recover in the spring.",
            "Officials declined to comment on the forecast.",
        ]
    );
    assert_eq!(
        sentences(text),
        [
            "GRAIN TRADERS SEE LOWER EXPORTS",
            "CHICAGO, March 3 -",
            "Grain traders said on Tuesday that exports\nof wheat and corn would fall further this season, citing a\nstrong dollar and large harvests in South America.",
            "They said\nprices could recover in the spring.",
            "Officials declined to comment on the forecast.",
        ]
    );
}

#[test]
fn long_lines_are_one_paragraph_each() {
    let body = "The minister said on Thursday that the proposal would divert attention from the task of starting talks between the government and the opposition groups.";
    let text = format!(
        "- Envoy says talks must resume in Geneva\n- Ministers meet to discuss aid convoys\n\
         PARIS, May 2. /AGENCY/. {body}\n\"We heard the idea,\" the minister said. {body}\n{body}"
    );
    let paras = paragraphs(&text);
    assert_eq!(paras.len(), 5);
    assert_eq!(paras[0], "- Envoy says talks must resume in Geneva");
    let sents = sentences(&text);
    assert_eq!(
        sents[..4],
        [
            "- Envoy says talks must resume in Geneva",
            "- Ministers meet to discuss aid convoys",
            "PARIS, May 2. /AGENCY/.",
            body
        ]
    );
    assert_eq!(sents[4], "\"We heard the idea,\" the minister said.");
}

#[test]
fn headline_without_punctuation_is_its_own_sentence() {
    let text =
        "Floods hit northern towns\nHeavy rain flooded three towns on Sunday, officials said.";
    assert_eq!(
        sentences(text),
        [
            "Floods hit northern towns",
            "Heavy rain flooded three towns on Sunday, officials said."
        ]
    );
}

#[test]
fn datelines_with_a_dash_are_their_own_sentence() {
    assert_eq!(
        sentences("WASHINGTON (AP) — The Senate voted on Friday."),
        ["WASHINGTON (AP) —", "The Senate voted on Friday."]
    );
    assert_eq!(
        sentences("Lyon, France - Fans gathered."),
        ["Lyon, France -", "Fans gathered."]
    );
    assert_eq!(
        sentences("Prices - and wages - rose."),
        ["Prices - and wages - rose."]
    );
}

#[test]
fn citations_and_captions() {
    assert_eq!(
        sentences("He was born in 1788. [3] He died young."),
        ["He was born in 1788. [3]", "He died young."]
    );
    assert_eq!(
        sentences("Delegates arrive at the hall Image: Jane Doe."),
        ["Delegates arrive at the hall", "Image: Jane Doe."]
    );
}

#[test]
fn crlf_and_tabs_are_layout_like_newlines_and_spaces() {
    let text = "First line.\r\n\r\nSecond\tparagraph here.\r\n";
    assert_eq!(paragraphs(text), ["First line.", "Second\tparagraph here."]);
}

#[test]
fn a_quotation_keeps_its_attribution() {
    assert_eq!(
        sentences("“How long must we wait?” Clinton said. “Not long.” ― Ana Ruiz\nNext line here."),
        [
            "“How long must we wait?” Clinton said.",
            "“Not long.” ― Ana Ruiz",
            "Next line here."
        ]
    );
}

#[test]
fn spaced_closing_quotes_are_found_by_parity() {
    assert_eq!(
        sentences("\" We will win . \" He left . \" Soon . \""),
        ["\" We will win . \"", "He left .", "\" Soon . \""]
    );
}

#[test]
fn numbers_and_list_labels_do_not_end_sentences() {
    assert_eq!(
        sentences("1. Jane Doe ( Kenya ) .596 pct"),
        ["1. Jane Doe ( Kenya ) .596 pct"]
    );
}

#[test]
fn all_capitals_headline_with_a_dash_is_not_a_dateline() {
    assert_eq!(
        sentences("SOCCER - ROVERS WIN AT HOME AGAIN TODAY"),
        ["SOCCER - ROVERS WIN AT HOME AGAIN TODAY"]
    );
}

#[test]
fn a_date_line_run_into_the_text_is_its_own_sentence() {
    assert_eq!(
        sentences("Friday, March 6, 2020 On Tuesday, the council voted."),
        ["Friday, March 6, 2020", "On Tuesday, the council voted."]
    );
}

#[test]
fn a_hyphen_inside_a_party_state_tag_is_not_a_dateline_dash() {
    assert_eq!(
        sentences("Senate Majority Leader John Carver, R-Ky., praised the vote. He left."),
        [
            "Senate Majority Leader John Carver, R-Ky., praised the vote.",
            "He left."
        ]
    );
}

#[test]
fn a_state_abbreviation_ends_a_sentence_before_a_clear_start() {
    assert_eq!(
        sentences("The plant is in Dayton, Ohio, and Peoria, Ill. It employs 900 people."),
        [
            "The plant is in Dayton, Ohio, and Peoria, Ill.",
            "It employs 900 people."
        ]
    );
    assert_eq!(
        sentences("Officials in Tulsa, Okla. Police Chief Ray Diaz said nothing."),
        ["Officials in Tulsa, Okla. Police Chief Ray Diaz said nothing."]
    );
}

#[test]
fn a_reporting_verb_after_a_full_stop_starts_the_next_sentence() {
    assert_eq!(
        sentences("“The port will reopen soon.” He added, however, that repairs would take weeks."),
        [
            "“The port will reopen soon.”",
            "He added, however, that repairs would take weeks."
        ]
    );
    assert_eq!(
        sentences("\"Who pays?\" she asked. \"Nobody.\" She said, \"Nobody at all.\""),
        ["\"Who pays?\" she asked.", "\"Nobody.\"", "She said, \"Nobody at all.\""]
    );
}

#[test]
fn an_opening_curly_quote_typed_as_the_closing_one_stays_with_its_sentence() {
    assert_eq!(
        sentences("The claim was rated “Mostly False.“ The senator disagreed. “They agree. “"),
        [
            "The claim was rated “Mostly False.“",
            "The senator disagreed.",
            "“They agree. “"
        ]
    );
    assert_eq!(
        sentences("The dispute was settled. “We are glad,” she said."),
        ["The dispute was settled.", "“We are glad,” she said."]
    );
}

#[test]
fn a_degree_ends_a_sentence_before_a_clear_start() {
    assert_eq!(
        sentences("She earned a Ph.D. She then taught at Yale."),
        ["She earned a Ph.D.", "She then taught at Yale."]
    );
}

#[test]
fn a_quote_glued_to_the_next_word_opens_whatever_the_count() {
    assert_eq!(
        sentences("The 5\" screen sold well. \"We like it,\" he said."),
        ["The 5\" screen sold well.", "\"We like it,\" he said."]
    );
    assert_eq!(
        sentences("He called it \"a disaster. \"We must act,\" she said."),
        ["He called it \"a disaster.", "\"We must act,\" she said."]
    );
}

#[test]
fn a_stop_after_a_bracketed_abbreviation_ends_the_sentence() {
    assert_eq!(
        sentences("The bill was led by Rep. Ann Lee (D-Calif.). Critics objected on Monday."),
        [
            "The bill was led by Rep. Ann Lee (D-Calif.).",
            "Critics objected on Monday."
        ]
    );
    assert_eq!(
        sentences("Rep. Ann Lee (D-Calif.) Monday said no."),
        ["Rep. Ann Lee (D-Calif.) Monday said no."]
    );
}

#[test]
fn capitalised_words_after_dotted_initials_in_wire_copy_continue_the_sentence() {
    // Hard-wrapped copy converted from capitals: every word after `U.S.` is capitalised.
    let wire = "TOKYO, April 9 - Trade officials said the U.S. And Japan will\n\
                meet next week, and U.S. Officials will attend. The yen rose\n\
                against the dollar after the talks were announced in the U.S.\n\
                The central bank did not intervene, dealers said on Thursday.\n";
    assert_eq!(
        sentences(wire),
        [
            "TOKYO, April 9 -",
            "Trade officials said the U.S. And Japan will\nmeet next week, and U.S. Officials will attend.",
            "The yen rose\nagainst the dollar after the talks were announced in the U.S.",
            "The central bank did not intervene, dealers said on Thursday."
        ]
    );
    // Elsewhere only title case puts `And` there; `Officials` starts a sentence.
    assert_eq!(
        sentences("Help From The U.S. And Iran\n\nTalks began in the U.S. Officials were upbeat."),
        ["Help From The U.S. And Iran", "Talks began in the U.S.", "Officials were upbeat."]
    );
}

#[test]
fn no_sentence_starts_with_a_comma() {
    assert_eq!(
        sentences("BANGOR, Me., May 2 - Acme Corp said profit rose. Sales fell."),
        ["BANGOR, Me., May 2 -", "Acme Corp said profit rose.", "Sales fell."]
    );
}

#[test]
fn a_reporting_verb_that_introduces_a_new_quotation_starts_a_sentence() {
    assert_eq!(
        sentences("She asked, “Was it wise?” He answered, “I have no idea.”"),
        [
            "She asked, “Was it wise?”",
            "He answered, “I have no idea.”"
        ]
    );
    assert_eq!(
        sentences("“Was it wise?” he asked, “or merely lucky?”"),
        ["“Was it wise?” he asked, “or merely lucky?”"]
    );
}

#[test]
fn a_preposition_run_into_a_caption_starts_a_sentence() {
    assert_eq!(
        sentences("Ann Chiang of DAB In the Kowloon West constituency, turnout rose."),
        [
            "Ann Chiang of DAB",
            "In the Kowloon West constituency, turnout rose."
        ]
    );
    // In a title the word after it is capitalised too.
    assert_eq!(
        sentences("They staged Alice In Wonderland at the school."),
        ["They staged Alice In Wonderland at the school."]
    );
}

#[test]
fn a_footnote_number_stays_with_its_sentence() {
    assert_eq!(
        sentences("Authors pay a publication fee. 8 Yet some journals appear to have engaged."),
        [
            "Authors pay a publication fee. 8",
            "Yet some journals appear to have engaged."
        ]
    );
    assert_eq!(
        sentences("Rain fell. 12 people were hurt."),
        ["Rain fell.", "12 people were hurt."]
    );
}

#[test]
fn a_dash_inside_brackets_is_no_dateline() {
    assert_eq!(
        sentences("Charles J. Fillmore (August 9, 1929 – February 13, 2014) was a linguist."),
        ["Charles J. Fillmore (August 9, 1929 – February 13, 2014) was a linguist."]
    );
}
