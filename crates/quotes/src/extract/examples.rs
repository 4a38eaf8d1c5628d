//! The attribution rules by name, each with its examples as a table: what the rule gives for
//! a short story (content, cue, speaker mention), checked through `--explain`'s `rule` field.

use crate::QuoteExtractor;
use newsnlp_doc::{Document, Entity, EntityLabel, Span, Stage};
use newsnlp_tokenize::Tokenizer;

/// (story, person entities, rule, content, cue, speaker mention) for one quote of the story,
/// found by its content.
type Example = (
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

#[rustfmt::skip]
const EXAMPLES: &[Example] = &[
    // Direct quotations around a verb cue.
    ("\"We are ready,\" said Lavrov.", &["Lavrov"], "inverted_said", "We are ready,", Some("said"), Some("Lavrov")),
    ("\"We are ready,\" said Sen. Ann Lee who chairs the panel.", &["Ann Lee"], "inverted_said", "We are ready,", Some("said"), Some("Sen. Ann Lee")),
    ("The deal is dead, said a diplomat who asked not to be named.", &[], "inverted_said", "The deal is dead", Some("said"), Some("a diplomat")),
    ("\"We are ready,\" Lavrov said.", &["Lavrov"], "said_after", "We are ready,", Some("said"), Some("Lavrov")),
    ("\"We will win,\" Jo Weaver, Sanders' campaign manager, said.", &["Jo Weaver", "Sanders"], "said_after", "We will win,", Some("said"), Some("Jo Weaver")),
    ("The plan will fail, Lavrov said.", &["Lavrov"], "said_after", "The plan will fail", Some("said"), Some("Lavrov")),
    ("\"We are ready,\" he said, \"and we will act.\"", &[], "said_continued", "and we will act.", Some("said"), Some("he")),
    ("The deal, Lavrov said, is dead for now.", &["Lavrov"], "parenthetical_cue", "The deal, Lavrov said, is dead for now", Some("said"), Some("Lavrov")),
    ("Lavrov said that the deal was dead.", &["Lavrov"], "said_that", "that the deal was dead", Some("said"), Some("Lavrov")),
    ("Officials who spoke with The Post said the deal was dead.", &[], "said_that", "the deal was dead", Some("said"), Some("Officials")),
    ("Lavrov told reporters the deal was dead.", &["Lavrov"], "said_that", "the deal was dead", Some("told"), Some("Lavrov")),
    ("Lavrov said: \"The deal is dead.\"", &["Lavrov"], "said_that", "The deal is dead.", Some("said"), Some("Lavrov")),
    ("The Times reports:\n\"The deal is dead.\"", &[], "cue_colon_quotation", "The deal is dead.", Some("reports"), Some("The Times")),
    ("Dianne Bystrom agreed. \"Mainstream Republicans are worried.\"", &["Dianne Bystrom"], "cue_then_quotation", "Mainstream Republicans are worried.", Some("agreed"), Some("Dianne Bystrom")),
    ("Jo Weaver said in a statement. \"We will win.\"", &["Jo Weaver"], "cue_then_quotation", "We will win.", Some("said"), Some("Jo Weaver")),
    ("Cruz said in Iowa. \"We want unity,\" he said.", &["Cruz"], "said_after", "We want unity,", Some("said"), Some("he")),
    // `according to`, reporting nouns.
    ("According to Lavrov, the deal is dead.", &["Lavrov"], "according_to_opening", "the deal is dead", Some("According to"), Some("Lavrov")),
    ("The deal is dead, according to Lavrov.", &["Lavrov"], "according_to_after", "The deal is dead", Some("according to"), Some("Lavrov")),
    ("But according to Lavrov, the deal is dead.", &["Lavrov"], "according_to_opening", "the deal is dead", Some("according to"), Some("Lavrov")),
    ("The plan to end the war, according to Lavrov, is dead for now.", &["Lavrov"], "according_to_after", "The plan to end the war, according to Lavrov, is dead for now", Some("according to"), Some("Lavrov")),
    ("He read the remarks by Lavrov that the deal was dead.", &["Lavrov"], "statement_of", "that the deal was dead", Some("the remarks by"), Some("Lavrov")),
    ("His warning that the deal was dead went unheard.", &[], "claim_that", "that the deal was dead went unheard", Some("warning"), Some("His")),
    ("He cited the statement of Lavrov on the deal being dead.", &["Lavrov"], "statement_of", "the deal being dead", Some("the statement of"), Some("Lavrov")),
    ("Trump's claim that the vote was rigged spread fast.", &["Trump"], "claim_that", "that the vote was rigged spread fast", Some("claim"), Some("Trump")),
    // Quotations without a verb cue.
    ("Trump's reply: \"It is a disgrace.\"", &["Trump"], "introduced_quotation", "It is a disgrace.", Some(":"), Some("Trump")),
    ("Voters heard it from pollster Daron Shaw: \"It is close.\"", &["Daron Shaw"], "colon_intro", "It is close.", Some(":"), Some("Daron Shaw")),
    ("To which O'Malley interjected: \"That is wrong.\"", &["O'Malley"], "verb_colon", "That is wrong.", Some(":"), Some("O'Malley")),
    ("\"It is over,\" Toomey fumed.", &["Toomey"], "tail_verb", "It is over,", Some("fumed"), Some("Toomey")),
    ("\"History will judge us\" ― Jean-Marc Ayrault", &["Jean-Marc Ayrault"], "signature", "History will judge us", Some("―"), Some("Jean-Marc Ayrault")),
    ("\"We are ready,\" Lavrov said.\n\"We will act.\"", &["Lavrov"], "continuation", "We will act.", None, Some("Lavrov")),
    ("Sanders: Clinton needs to explain her vote", &["Sanders"], "headline_colon", "Clinton needs to explain her vote", Some(":"), Some("Sanders")),
    ("WALLACE: Do you accept the result?\nTRUMP: I will look at it then.", &[], "transcript_turn", "I will look at it then", Some(":"), Some("TRUMP")),
];

/// `text` tokenized, with each occurrence of each of `persons` marked as a PER entity.
pub(super) fn story(text: &str, persons: &[&str]) -> Document {
    let mut d = Document::new(text);
    Tokenizer::new().annotate(&mut d).expect("tokenize");
    let mut ents: Vec<Entity> = persons
        .iter()
        .flat_map(|p| text.match_indices(p).map(move |(at, _)| (at, *p)))
        .map(|(at, p)| Entity {
            span: Span::new(at, at + p.len()),
            label: EntityLabel::Per,
            canonical: p.to_string(),
        })
        .collect();
    ents.sort_by_key(|e| e.span);
    d.entities = Some(ents);
    d
}

#[test]
fn each_rule_gives_its_examples() {
    let stage = QuoteExtractor::new().explaining(true);
    let mut wrong = Vec::new();
    for &(text, persons, rule, content, cue, speaker) in EXAMPLES {
        let mut d = story(text, persons);
        stage.annotate(&mut d).expect("quotes");
        let got: Vec<_> = d
            .quotes
            .as_ref()
            .expect("layer")
            .iter()
            .map(|q| {
                let mention = q.speaker.as_ref().map(|s| d.slice(s.span));
                (
                    q.rule.as_deref(),
                    d.slice(q.span),
                    q.cue.map(|c| d.slice(c)),
                    mention,
                )
            })
            .collect();
        if !got.contains(&(Some(rule), content, cue, speaker)) {
            wrong.push(format!(
                "{text:?}: want {rule} {content:?} {cue:?} {speaker:?}, got {got:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for name in super::cues::attributions().names() {
        assert!(
            EXAMPLES.iter().any(|e| e.2 == name),
            "pattern {name} has no example"
        );
    }
}

#[test]
fn without_explain_no_rule_and_no_explain_field() {
    let mut d = story("The warning was clear, Lavrov said.", &["Lavrov"]);
    QuoteExtractor::new().annotate(&mut d).unwrap();
    assert!(d.quotes.as_ref().unwrap().iter().all(|q| q.rule.is_none()));
    assert!(d.fields.iter().all(|(k, _)| k != "explain"));
}

#[test]
fn explain_lists_each_rejected_cue_with_its_rule() {
    let mut d = story(
        "The stated goal, Lavrov said, is a firm called Acme.",
        &["Lavrov"],
    );
    QuoteExtractor::new()
        .explaining(true)
        .annotate(&mut d)
        .unwrap();
    let explain = d
        .fields
        .iter()
        .find(|(k, _)| k == "explain")
        .expect("explain field");
    assert_eq!(
        explain.1.get(),
        r#"[{"token":1,"sentence":0,"text":"stated","rejected":"determiner_noun"},{"token":10,"sentence":0,"text":"called","rejected":"naming_participle"}]"#
    );
}

/// (sentence, the verb, the rule `--explain` gives for it): cues refused for what stands on
/// their right (extract/verbs.rs, `right_refusal`).
#[rustfmt::skip]
const REFUSED: &[(&str, &str, &str)] = &[
    ("Lavrov found a permanent source.", "found", "plain_object"),
    ("He wrote a children's book last year.", "wrote", "plain_object"),
    ("She thinks about the race every day.", "thinks", "think_without_clause"),
    ("She warned of the risk.", "warned", "preposition_after"),
    ("Unless the assembly found a permanent source, the line will close.", "found", "no_subject"),
    ("Lavrov pointed to the map.", "pointed", "missing_particle"),
    ("Lavrov agreed.", "agreed", "nothing_said"),
    ("He criticized the statement of Lavrov on Syria.", "criticized", "judges_reported_words"),
];

#[test]
fn explain_names_the_refusal_of_what_follows_a_cue() {
    let stage = QuoteExtractor::new().explaining(true);
    let mut wrong = Vec::new();
    for &(text, verb, rule) in REFUSED {
        let mut d = story(text, &["Lavrov"]);
        stage.annotate(&mut d).unwrap();
        let explain = d
            .fields
            .iter()
            .find(|(k, _)| k == "explain")
            .unwrap()
            .1
            .get();
        let want = format!(r#""text":"{verb}","rejected":"{rule}""#);
        if !explain.contains(&want) {
            wrong.push(format!("{text:?}: want {rule} for {verb}, got {explain}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The speaker of the one quote of `d`, as written.
fn speaker_of(d: &mut Document) -> Option<String> {
    QuoteExtractor::new().annotate(d).expect("quotes");
    let quotes = d.quotes.as_ref().expect("layer");
    let q = quotes.first()?;
    q.speaker.as_ref().map(|s| d.slice(s.span).to_string())
}

/// `story` with a `pos` layer of the given Penn tags (space-separated), one per token.
fn story_with_tags(text: &str, persons: &[&str], tags: &str) -> Document {
    let mut d = story(text, persons);
    let mut pos = newsnlp_doc::PosLayer::new();
    for (tag, t) in tags.split(' ').zip(d.tokens.as_ref().expect("tokens")) {
        pos.push("X", tag, &text[t.range()]);
    }
    assert_eq!(pos.len(), d.tokens.as_ref().expect("tokens").len());
    d.pos = Some(pos);
    d
}

#[test]
fn a_finite_verb_of_the_pos_layer_ends_the_subject() {
    let text = "Romney went further, calling the plan a disaster.";
    let mut d = story(text, &["Romney"]);
    assert_eq!(speaker_of(&mut d).as_deref(), Some("Romney went"));
    let tags = "NNP VBD RB , VBG DT NN DT NN .";
    let mut d = story_with_tags(text, &["Romney"], tags);
    assert_eq!(speaker_of(&mut d).as_deref(), Some("Romney"));
}

#[test]
fn a_verb_of_the_pos_layer_with_a_particle_closes_a_quotation() {
    let text = "\"Let me talk,\" Trump shot back.";
    let tags = "`` VB PRP VB , '' NNP VBD RP .";
    let mut d = story_with_tags(text, &["Trump"], tags);
    assert_eq!(speaker_of(&mut d).as_deref(), Some("Trump"));
    let cue = d.quotes.as_ref().expect("layer")[0].cue.expect("cue");
    assert_eq!(d.slice(cue), "shot");
}

#[test]
fn a_verb_of_the_pos_layer_before_a_comma_introduces_a_quotation() {
    let text = "After the debate, Hillary shot back, \"I chose my profession.\"";
    let tags = "IN DT NN , NNP VBD RB , `` PRP VBD PRP$ NN . ''";
    let mut d = story_with_tags(text, &["Hillary"], tags);
    assert_eq!(speaker_of(&mut d).as_deref(), Some("Hillary"));
    let q = &d.quotes.as_ref().expect("layer")[0];
    assert_eq!(d.slice(q.cue.expect("cue")), "shot");
    let mut d = story(text, &["Hillary"]);
    QuoteExtractor::new().annotate(&mut d).expect("quotes");
    assert_eq!(
        d.quotes.as_ref().expect("layer")[0].cue.map(|c| d.slice(c)),
        Some(",")
    );
}

#[test]
fn a_participle_after_an_object_reports_the_clause_subject() {
    let text = "His campaign sent a text to supporters saying that it had won.";
    let tags = "PRP$ NN VBD DT NN IN NNS VBG IN PRP VBD VBN .";
    let mut d = story(text, &[]);
    assert_eq!(speaker_of(&mut d).as_deref(), Some("supporters"));
    let mut d = story_with_tags(text, &[], tags);
    assert_eq!(speaker_of(&mut d).as_deref(), Some("His campaign"));
    // The object of a finite verb too.
    let text = "Sanders supporters launched petitions calling for a new vote.";
    let tags = "NNP NNS VBD NNS VBG IN DT JJ NN .";
    let mut d = story(text, &["Sanders"]);
    assert_eq!(speaker_of(&mut d).as_deref(), Some("launched petitions"));
    let mut d = story_with_tags(text, &["Sanders"], tags);
    assert_eq!(speaker_of(&mut d).as_deref(), Some("Sanders supporters"));
}

/// (story, persons, Penn tags, speaker without the pos layer, speaker with it)
type TaggedCase<'a> = (
    &'a str,
    &'a [&'a str],
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
);

#[test]
fn adverbs_and_governing_verbs_of_the_pos_layer_are_no_subject() {
    let cases: &[TaggedCase] = &[
        (
            "Clinton has nevertheless called the vote a mistake.",
            &["Clinton"],
            "NNP VBZ RB VBN DT NN DT NN .",
            Some("nevertheless"),
            Some("Clinton"),
        ),
        (
            "Senator Ron Johnson kept asking her why it happened.",
            &["Ron Johnson"],
            "NNP NNP NNP VBD VBG PRP WRB PRP VBD .",
            Some("Senator Ron Johnson kept"),
            Some("Senator Ron Johnson"),
        ),
        // A plural the tagger misreads as a verb before the real one stays in the phrase.
        (
            "Clinton aides said the plan was ready.",
            &["Clinton"],
            "NNP VBZ VBD DT NN VBD JJ .",
            Some("Clinton aides"),
            Some("Clinton aides"),
        ),
    ];
    for &(text, persons, tags, without, with) in cases {
        let mut d = story(text, persons);
        assert_eq!(speaker_of(&mut d).as_deref(), without, "{text}");
        let mut d = story_with_tags(text, persons, tags);
        assert_eq!(speaker_of(&mut d).as_deref(), with, "{text}");
    }
}
