//! Behaviour on short stories written for these tests; entities are placed by hand.

use crate::QuoteExtractor;
use newsnlp_doc::{Document, Entity, EntityLabel, QuoteKind, Span, Stage, StageError};
use newsnlp_tokenize::Tokenizer;

/// Tokenizes `text` and marks every occurrence of each `(surface, label, canonical)`.
pub(crate) fn doc(text: &str, ents: &[(&str, EntityLabel, &str)]) -> Document {
    let mut d = Document::new(text);
    Tokenizer::new().annotate(&mut d).expect("tokenize");
    let mut entities = Vec::new();
    for (surface, label, canonical) in ents {
        for (at, _) in text.match_indices(surface) {
            entities.push(Entity {
                span: Span::new(at, at + surface.len()),
                label: *label,
                canonical: canonical.to_string(),
            });
        }
    }
    entities.sort_by_key(|e| e.span);
    d.entities = Some(entities);
    d
}

/// (content, kind, cue, speaker mention, canonical) for each quote.
pub(crate) type Row = (
    String,
    QuoteKind,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn run(d: &mut Document) -> Vec<Row> {
    run_with(&QuoteExtractor::new(), d)
}

/// The rows of the quotes `stage` adds to `d`.
pub(crate) fn run_with(stage: &QuoteExtractor, d: &mut Document) -> Vec<Row> {
    stage.annotate(d).expect("quotes");
    d.quotes
        .as_ref()
        .expect("layer")
        .iter()
        .map(|q| {
            (
                d.slice(q.span).to_string(),
                q.kind,
                q.cue.map(|c| d.slice(c).to_string()),
                q.speaker.as_ref().map(|s| d.slice(s.span).to_string()),
                q.speaker.as_ref().and_then(|s| s.canonical.clone()),
            )
        })
        .collect()
}

fn find<'a>(rows: &'a [Row], content_start: &str) -> &'a Row {
    rows.iter()
        .find(|r| r.0.starts_with(content_start))
        .unwrap_or_else(|| panic!("no quote starting {content_start:?} in {rows:#?}"))
}

const PER: EntityLabel = EntityLabel::Per;

#[test]
fn direct_quote_in_every_mark_style() {
    for (open, close) in [
        ("\"", "\""),
        ("“", "”"),
        ("«", "»"),
        ("„", "“"),
        ("``", "''"),
    ] {
        let text =
            format!("Maria Olsen arrived late. {open}The harbour is closed,{close} Olsen said.");
        let mut d = doc(
            &text,
            &[
                ("Maria Olsen", PER, "Maria Olsen"),
                ("Olsen", PER, "Maria Olsen"),
            ],
        );
        let rows = run(&mut d);
        let q = find(&rows, "The harbour");
        assert_eq!(q.0, "The harbour is closed,", "marks {open} {close}");
        assert_eq!(q.1, QuoteKind::Direct);
        assert_eq!(q.2.as_deref(), Some("said"));
        assert_eq!(q.4.as_deref(), Some("Maria Olsen"));
    }
}

#[test]
fn apostrophes_are_not_quotes() {
    let text = "The mayor’s plan won’t pass, Tom Reyes said. It's the council's call.";
    let mut d = doc(text, &[("Tom Reyes", PER, "Tom Reyes")]);
    let rows = run(&mut d);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].1, QuoteKind::Indirect);
    assert_eq!(rows[0].0, "The mayor’s plan won’t pass");
}

#[test]
fn single_quotes_inside_double_quotes_stay_inside() {
    let text = "“They called it ‘a farce’ and left,” Reyes said.";
    let mut d = doc(text, &[("Reyes", PER, "Tom Reyes")]);
    let rows = run(&mut d);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "They called it ‘a farce’ and left,");
}

#[test]
fn a_stray_closing_mark_opens_nothing() {
    let text =
        "Rates will rise,\" the bank said. Ben Ross said the plan was sound and \"it will work.\"";
    let mut d = doc(text, &[("Ben Ross", PER, "Ben Ross")]);
    let rows = run(&mut d);
    let q = find(&rows, "the plan");
    assert_eq!(q.1, QuoteKind::Mixed);
    assert!(
        !rows.iter().any(|r| r.0.contains("the bank said")),
        "{rows:#?}"
    );
}

#[test]
fn quote_over_several_paragraphs_is_one_quote() {
    let text = "Ana Diaz spoke first.\n\n“We will rebuild the bridge.\n\n“And we will do it this year,” she said.";
    let mut d = doc(text, &[("Ana Diaz", PER, "Ana Diaz")]);
    let rows = run(&mut d);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert!(rows[0].0.starts_with("We will rebuild") && rows[0].0.ends_with("this year,"));
    assert_eq!(rows[0].4.as_deref(), Some("Ana Diaz"));
}

#[test]
fn unbalanced_mark_stays_in_its_paragraph() {
    let text = "Lee Chan said: “the vote is rigged.\n\nThe count went on all night.\n\nResults come Friday.";
    let mut d = doc(text, &[("Lee Chan", PER, "Lee Chan")]);
    let rows = run(&mut d);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].0, "the vote is rigged.");
    assert!(!rows.iter().any(|r| r.0.contains("count")));
}

#[test]
fn quote_split_by_its_cue_shares_the_speaker() {
    let text =
        "Karl Berg met the press. “We have read the plan,” the minister said. “But it fails.”";
    let mut d = doc(text, &[("Karl Berg", PER, "Karl Berg")]);
    let rows = run(&mut d);
    let first = find(&rows, "We have read");
    let second = find(&rows, "But it fails");
    assert_eq!(first.3.as_deref(), Some("the minister"));
    assert_eq!(first.4.as_deref(), Some("Karl Berg"));
    assert_eq!(second.4.as_deref(), Some("Karl Berg"));
    assert_eq!(second.1, QuoteKind::Direct);
}

#[test]
fn pieces_around_a_mid_sentence_cue() {
    let text = "“The budget is fine,” Ruth Park said on Monday, “but the timing is not.”";
    let mut d = doc(text, &[("Ruth Park", PER, "Ruth Park")]);
    let rows = run(&mut d);
    assert_eq!(find(&rows, "The budget").4.as_deref(), Some("Ruth Park"));
    assert_eq!(
        find(&rows, "but the timing").4.as_deref(),
        Some("Ruth Park")
    );
}

#[test]
fn mixed_quote_keeps_the_report_around_the_phrase() {
    let text = "Ivan Petrov called for a “complete overhaul” of the tax code, he said. \
                Petrov insisted that the reform was “long overdue” for farmers.";
    let mut d = doc(
        text,
        &[
            ("Ivan Petrov", PER, "Ivan Petrov"),
            ("Petrov", PER, "Ivan Petrov"),
        ],
    );
    let rows = run(&mut d);
    let q = find(&rows, "that the reform");
    assert_eq!(q.0, "that the reform was “long overdue” for farmers");
    assert_eq!(q.1, QuoteKind::Mixed);
    assert_eq!(q.2.as_deref(), Some("insisted"));
}

#[test]
fn indirect_quotes_after_cues() {
    let text = "Ella Stone said that the port would reopen. \
                Stone told reporters the ships were safe. \
                The union insists that wages must rise. \
                Stone warned the strike could spread.";
    let mut d = doc(
        text,
        &[
            ("Ella Stone", PER, "Ella Stone"),
            ("Stone", PER, "Ella Stone"),
        ],
    );
    let rows = run(&mut d);
    let a = find(&rows, "that the port");
    assert_eq!(
        (a.0.as_str(), a.1),
        ("that the port would reopen", QuoteKind::Indirect)
    );
    let b = find(&rows, "the ships");
    assert_eq!(b.2.as_deref(), Some("told"));
    assert_eq!(b.0, "the ships were safe");
    assert_eq!(find(&rows, "that wages").3.as_deref(), Some("The union"));
    assert_eq!(find(&rows, "the strike").2.as_deref(), Some("warned"));
}

#[test]
fn according_to_before_and_after() {
    let text =
        "According to Omar Haddad, the deal is dead. The talks failed, according to the ministry.";
    let mut d = doc(text, &[("Omar Haddad", PER, "Omar Haddad")]);
    let rows = run(&mut d);
    let a = find(&rows, "the deal");
    assert_eq!(a.2.as_deref(), Some("According to"));
    assert_eq!(a.4.as_deref(), Some("Omar Haddad"));
    let b = find(&rows, "The talks failed");
    assert_eq!(b.3.as_deref(), Some("the ministry"));
}

#[test]
fn cue_inflections_particles_and_passives() {
    let text = "Nina Roth pointed out that costs doubled. \
                Roth was quoted as saying the board had resigned. \
                Roth, who is testifying today, has repeatedly argued that rules matter.";
    let mut d = doc(
        text,
        &[("Nina Roth", PER, "Nina Roth"), ("Roth", PER, "Nina Roth")],
    );
    let rows = run(&mut d);
    assert_eq!(find(&rows, "that costs").2.as_deref(), Some("pointed out"));
    let p = find(&rows, "the board");
    assert_eq!(p.2.as_deref(), Some("saying"));
    assert_eq!(p.4.as_deref(), Some("Nina Roth"));
    assert_eq!(find(&rows, "that rules").4.as_deref(), Some("Nina Roth"));
}

#[test]
fn noun_cue_names_the_owner_not_the_subject() {
    let text = "Sam Reed rejected the statement of his rival Paul Kent on the need for a “total ban” on imports.";
    let mut d = doc(
        text,
        &[
            ("Sam Reed", PER, "Sam Reed"),
            ("Paul Kent", PER, "Paul Kent"),
        ],
    );
    let rows = run(&mut d);
    let q = find(&rows, "the need");
    assert_eq!(q.2.as_deref(), Some("the statement of"));
    assert_eq!(q.4.as_deref(), Some("Paul Kent"));
    assert_eq!(q.1, QuoteKind::Mixed);
}

#[test]
fn speaker_after_the_cue_and_pronouns() {
    let text = "Mary Holt opened the session. “No more delays,” said Holt. \
                “We start now,” she added.";
    let mut d = doc(
        text,
        &[("Mary Holt", PER, "Mary Holt"), ("Holt", PER, "Mary Holt")],
    );
    let rows = run(&mut d);
    let a = find(&rows, "No more");
    assert_eq!(a.3.as_deref(), Some("Holt"));
    let b = find(&rows, "We start");
    assert_eq!(b.3.as_deref(), Some("she"));
    assert_eq!(b.4.as_deref(), Some("Mary Holt"));
}

#[test]
fn pronoun_gender_skips_the_wrong_person() {
    let text = "Anna Weiss met John Carter on Monday. “It went well,” she said.";
    let mut d = doc(
        text,
        &[
            ("Anna Weiss", PER, "Anna Weiss"),
            ("John Carter", PER, "John Carter"),
        ],
    );
    let rows = run(&mut d);
    assert_eq!(find(&rows, "It went").4.as_deref(), Some("Anna Weiss"));
}

#[test]
fn role_nominal_resolves_to_the_subject_not_the_last_name_seen() {
    let text = "Boris Kov dismissed the plan of his Danish counterpart Lars Holm. \
                The country’s top diplomat stressed that talks must continue.";
    let mut d = doc(
        text,
        &[
            ("Boris Kov", PER, "Boris Kov"),
            ("Lars Holm", PER, "Lars Holm"),
        ],
    );
    let rows = run(&mut d);
    let q = find(&rows, "that talks");
    assert_eq!(q.3.as_deref(), Some("The country’s top diplomat"));
    assert_eq!(q.4.as_deref(), Some("Boris Kov"));
}

#[test]
fn unnamed_source_keeps_its_title_phrase() {
    let text = "A Greek official said the border would stay open.";
    let mut d = doc(text, &[]);
    let rows = run(&mut d);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].4.as_deref(), Some("A Greek official"));
}

#[test]
fn someones_spokesman_is_not_the_someone() {
    let text = "Omar Haddad left early. Haddad's spokesman said the talks would resume in May.";
    let mut d = doc(
        text,
        &[
            ("Omar Haddad", PER, "Omar Haddad"),
            ("Haddad", PER, "Omar Haddad"),
        ],
    );
    let rows = run(&mut d);
    let q = find(&rows, "the talks");
    assert_eq!(q.3.as_deref(), Some("Haddad's spokesman"));
    assert_eq!(q.4.as_deref(), Some("Haddad's spokesman"));
}

#[test]
fn cueless_paragraph_continues_the_speaker() {
    let text = "“The river is rising,” Paolo Conti said.\n\n“We need sandbags on every street.”";
    let mut d = doc(text, &[("Paolo Conti", PER, "Paolo Conti")]);
    let rows = run(&mut d);
    let q = find(&rows, "We need");
    assert_eq!(q.2, None);
    assert_eq!(q.4.as_deref(), Some("Paolo Conti"));
}

#[test]
fn scare_quotes_alone_are_not_statements() {
    let text = "The so-called “reform” passed on Tuesday.";
    let mut d = doc(text, &[]);
    assert!(run(&mut d).is_empty());
}

#[test]
fn parenthetical_cue_keeps_the_whole_sentence() {
    let text = "The reform, Tom Reyes said, will cut waiting times in half.";
    let mut d = doc(text, &[("Tom Reyes", PER, "Tom Reyes")]);
    let rows = run(&mut d);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert!(rows[0].0.starts_with("The reform") && rows[0].0.ends_with("in half"));
    assert_eq!(rows[0].4.as_deref(), Some("Tom Reyes"));
}

#[test]
fn content_stops_at_a_second_predicate() {
    let text = "Lena Fox wrote that the bridge was unsafe and urged drivers to avoid it.";
    let mut d = doc(text, &[("Lena Fox", PER, "Lena Fox")]);
    let rows = run(&mut d);
    assert_eq!(
        find(&rows, "that the bridge").0,
        "that the bridge was unsafe"
    );
}

#[test]
fn transcript_turns_and_signatures() {
    let text = "MORGAN: Where were you on Friday?\n\nKLEIN: At home, as I said.\n\n\
                “The city deserves better than this.” ― Rosa Vidal";
    let mut d = doc(text, &[("Rosa Vidal", PER, "Rosa Vidal")]);
    let rows = run(&mut d);
    assert_eq!(find(&rows, "Where were").3.as_deref(), Some("MORGAN"));
    assert_eq!(find(&rows, "At home").3.as_deref(), Some("KLEIN"));
    let s = find(&rows, "The city");
    assert_eq!(
        (s.1, s.4.as_deref()),
        (QuoteKind::Direct, Some("Rosa Vidal"))
    );
}

#[test]
fn colon_at_a_paragraph_end_introduces_the_next_paragraph() {
    let text = "Ann Lowe told the council:\n\n“We have waited long enough for this road.”";
    let mut d = doc(text, &[("Ann Lowe", PER, "Ann Lowe")]);
    let rows = run(&mut d);
    let q = find(&rows, "We have waited");
    assert_eq!((q.1, q.4.as_deref()), (QuoteKind::Direct, Some("Ann Lowe")));
}

#[test]
fn headline_name_and_colon() {
    let text =
        "Okafor: the port deal 'will not survive the winter'\n\nThe minister spoke on Monday.";
    let mut d = doc(text, &[("Okafor", PER, "Grace Okafor")]);
    let rows = run(&mut d);
    let q = find(&rows, "the port deal");
    assert_eq!(
        (q.1, q.4.as_deref()),
        (QuoteKind::Mixed, Some("Grace Okafor"))
    );
}

#[test]
fn quotation_closing_on_a_comma_ends_the_content() {
    let text = "Rita Marsh promised lower fares and “more trains,” but the budget says otherwise.";
    let mut d = doc(text, &[("Rita Marsh", PER, "Rita Marsh")]);
    let rows = run(&mut d);
    assert_eq!(
        find(&rows, "lower fares").0,
        "lower fares and “more trains,”"
    );
}

#[test]
fn missing_entities_is_a_typed_error() {
    let mut d = Document::new("He said so.");
    Tokenizer::new().annotate(&mut d).expect("tokenize");
    let err = QuoteExtractor::new().annotate(&mut d).unwrap_err();
    assert!(matches!(
        err,
        StageError::MissingLayer {
            layer: "entities",
            ..
        }
    ));
}

/// Words that trigger every rule, for the word-level property test.
const VOCAB: &[&str] = &[
    "said", "says", "saying", "told", "reporters", "according", "to", "the", "a", "statement",
    "of", "he", "she", "who", "Lavrov", "Anna", "minister", "that", "and", "but", "in", "on", ",",
    ".", ":", ";", "—", "-", "(", ")", "\"", "“", "”", "‘", "’", "'", "''", "``", "«", "»", "\n",
    "\n\n", "pointed", "out", "was", "quoted", "as", "Said", "MORGAN", "―", "his", "claim",
    "called", "for", "wants", "declined", "by", "thinks", "found", "Reuters", "also", "Friday",
];

proptest::proptest! {
    /// Sequences of cue words, marks and names: no panic, spans inside the text.
    #[test]
    fn never_panics_on_cue_soup(words in proptest::collection::vec(proptest::sample::select(VOCAB), 0..120)) {
        let text = words.join(" ");
        let names: Vec<(&str, EntityLabel, &str)> = vec![("Lavrov", PER, "Sergey Lavrov"), ("Anna", PER, "Anna"), ("Reuters", EntityLabel::Org, "Reuters")];
        let mut d = doc(&text, &names);
        QuoteExtractor::new().annotate(&mut d).expect("quotes");
        for q in d.quotes.as_ref().expect("layer") {
            proptest::prop_assert!(d.text.get(q.span.range()).is_some());
            if let Some(sp) = &q.speaker {
                proptest::prop_assert!(d.text.get(sp.span.range()).is_some());
            }
        }
    }

    /// Any text, any marks: no panic, and every span lies on character boundaries.
    #[test]
    fn never_panics(text in "[a-zA-Z ,.:\"“”‘’'«»\n—]{0,200}") {
        let mut d = doc(&text, &[]);
        QuoteExtractor::new().annotate(&mut d).expect("quotes");
        for q in d.quotes.as_ref().expect("layer") {
            proptest::prop_assert!(d.text.get(q.span.range()).is_some());
        }
    }
}

#[test]
fn find_and_add_with_a_plain_object_report_nothing() {
    let text = "Tom Reyes said the port would close unless the council found new money. \
                Reyes said the ferry line would add two boats next year. \
                An audit found the budget was short. \
                “We tried,” Reyes said, adding the plan would fail. \
                The mayor added that the vote was close.";
    let mut d = doc(
        text,
        &[("Tom Reyes", PER, "Tom Reyes"), ("Reyes", PER, "Tom Reyes")],
    );
    let rows = run(&mut d);
    assert!(
        rows.iter()
            .all(|r| !r.0.starts_with("new money") && !r.0.starts_with("two boats")),
        "{rows:#?}"
    );
    assert_eq!(
        find(&rows, "the budget was short").2.as_deref(),
        Some("found")
    );
    assert_eq!(
        find(&rows, "the plan would fail").2.as_deref(),
        Some("adding")
    );
    assert_eq!(find(&rows, "that the vote").2.as_deref(), Some("added"));
}

#[test]
fn party_state_tags_are_appositions_of_the_name() {
    let text = "The bill stalled again. House Whip Dana Whitlow, D-Ore., warned that the bill would fail. \
                Rep. Omar Lindqvist (R-N.H.) said the vote was rushed.\n\n\
                Senator Pia Grant, I-Vt., delivered a blunt message: “Pass it now.”";
    let ents = [
        ("Dana Whitlow", PER, "Dana Whitlow"),
        ("Omar Lindqvist", PER, "Omar Lindqvist"),
        ("Pia Grant", PER, "Pia Grant"),
        ("Ore.", EntityLabel::Loc, "Oregon"),
        ("N.H.", EntityLabel::Loc, "New Hampshire"),
        ("Vt.", EntityLabel::Loc, "Vermont"),
    ];
    let mut d = doc(text, &ents);
    let rows = run(&mut d);
    let q = find(&rows, "that the bill would fail");
    assert!(
        q.3.as_deref().is_some_and(|s| s.ends_with("Dana Whitlow")),
        "{rows:#?}"
    );
    assert_eq!(q.4.as_deref(), Some("Dana Whitlow"));
    assert!(find(&rows, "the vote was rushed")
        .3
        .as_deref()
        .is_some_and(|s| s.contains("Omar Lindqvist")));
    assert_eq!(find(&rows, "Pass it now.").4.as_deref(), Some("Pia Grant"));
}

#[test]
fn an_appositive_name_after_the_subject_is_the_speaker() {
    let text = "Talks resumed on Monday. Norway's envoy to Chile, Ingrid Solberg, said the deal was close. \
                Advisers to the mayor warned that the budget was short.";
    let ents = [
        ("Norway", EntityLabel::Loc, "Norway"),
        ("Chile", EntityLabel::Loc, "Chile"),
        ("Ingrid Solberg", PER, "Ingrid Solberg"),
    ];
    let mut d = doc(text, &ents);
    let rows = run(&mut d);
    let q = find(&rows, "the deal was close");
    assert_eq!(q.3.as_deref(), Some("Ingrid Solberg"), "{rows:#?}");
    assert_eq!(q.4.as_deref(), Some("Ingrid Solberg"));
    // The head before a short `to` phrase, not the noun inside it.
    assert_eq!(
        find(&rows, "that the budget").3.as_deref(),
        Some("Advisers to the mayor")
    );
}

#[test]
fn canonical_is_the_entity_inside_the_speaker_phrase() {
    let text = "Exports fell in March, the National Bureau of Fisheries (NBF) said on Monday. \
                Rep. Omar Lindqvist (R-N.H.) said the vote was rushed. \
                Ida Moen of the Bergen council warned that rents would rise. \
                Carl Voss Jr. said the plan was late.";
    let ents = [
        (
            "National Bureau of Fisheries",
            EntityLabel::Org,
            "National Bureau of Fisheries",
        ),
        ("NBF", EntityLabel::Org, "National Bureau of Fisheries"),
        ("Omar Lindqvist", PER, "Omar Lindqvist"),
        ("Ida Moen", PER, "Ida Moen"),
        ("Bergen", EntityLabel::Loc, "Bergen"),
        ("Carl Voss", PER, "Carl Voss"),
    ];
    let mut d = doc(text, &ents);
    let rows = run(&mut d);
    let q = find(&rows, "Exports fell");
    assert_eq!(
        q.3.as_deref(),
        Some("the National Bureau of Fisheries (NBF)"),
        "{rows:#?}"
    );
    assert_eq!(q.4.as_deref(), Some("National Bureau of Fisheries"));
    assert_eq!(
        find(&rows, "the vote was rushed").4.as_deref(),
        Some("Omar Lindqvist")
    );
    assert_eq!(
        find(&rows, "that rents would rise").4.as_deref(),
        Some("Ida Moen")
    );
    assert_eq!(
        find(&rows, "the plan was late").4.as_deref(),
        Some("Carl Voss")
    );
}

#[test]
fn a_name_inside_a_prepositional_phrase_is_not_the_antecedent() {
    let text = "Speaking at the Oscar Hall in Lyon, Governor Tim Ruiz said taxes would fall. “We are ready,” he said.";
    // `Oscar Hall` tagged as a person, as a statistical tagger may do.
    let ents = [
        ("Oscar Hall", PER, "Oscar Hall"),
        ("Tim Ruiz", PER, "Tim Ruiz"),
        ("Lyon", EntityLabel::Loc, "Lyon"),
    ];
    let mut d = doc(text, &ents);
    let rows = run(&mut d);
    assert_eq!(
        find(&rows, "taxes would fall").4.as_deref(),
        Some("Tim Ruiz"),
        "{rows:#?}"
    );
    assert_eq!(
        find(&rows, "We are ready").4.as_deref(),
        Some("Tim Ruiz"),
        "{rows:#?}"
    );
}

#[test]
fn a_relative_pronoun_is_the_mention_and_its_antecedent_the_name() {
    let text = "The bill was opposed by Senator Ana Berg, who warned that it would fail.\n\n“It is a mess.”";
    let mut d = doc(text, &[("Ana Berg", PER, "Ana Berg")]);
    let rows = run(&mut d);
    let q = find(&rows, "that it would fail");
    assert_eq!(q.3.as_deref(), Some("who"), "{rows:#?}");
    assert_eq!(q.4.as_deref(), Some("Ana Berg"));
    // The quotation that continues her statement names her, not `who`.
    let c = find(&rows, "It is a mess.");
    assert!(
        c.3.as_deref().is_some_and(|s| s.ends_with("Ana Berg")),
        "{rows:#?}"
    );
    assert_eq!(c.4.as_deref(), Some("Ana Berg"));
}

#[test]
fn an_infinitive_after_and_does_not_start_a_new_clause() {
    let text = "Dr. Lena Holt said that the clinic told its patients and the press to believe the wing was safe.";
    let mut d = doc(text, &[("Lena Holt", PER, "Lena Holt")]);
    let rows = run(&mut d);
    assert_eq!(
        find(&rows, "that the clinic").0,
        "that the clinic told its patients and the press to believe the wing was safe"
    );
}

#[test]
fn headline_source_before_a_colon_without_an_entity() {
    // No entities at all: a title-case headline defeats taggers.
    let text = "Harlow: Port Tax Will Hurt Fishing Towns.\n\nThe council met on Monday.\n\nQ: Will the tax pass?";
    let mut d = doc(text, &[]);
    let rows = run(&mut d);
    let q = find(&rows, "Port Tax Will");
    assert_eq!(q.3.as_deref(), Some("Harlow"), "{rows:#?}");
    assert_eq!(q.2.as_deref(), Some(":"));
    // Not a kicker, and not an interview's `Q:` further down.
    assert!(
        rows.iter().all(|r| !r.0.starts_with("Will the tax")),
        "{rows:#?}"
    );
    let mut d = doc(
        "Breaking: Port Tax Will Hurt Fishing Towns.\n\nThe council met.",
        &[],
    );
    assert!(run(&mut d).is_empty());
    let caption = "Photo: Divers search the harbour near Ostend. (Belga)\nBy Ann Peeters\n\nThe search went on.";
    let mut d = doc(caption, &[]);
    assert!(run(&mut d).is_empty(), "a caption label is not a speaker");
}

#[test]
fn a_question_word_is_never_a_speaker() {
    let text = "“We must look back,” Noor Amini said, explaining how understanding the past helps.\n\n“History is a map.”";
    let mut d = doc(text, &[("Noor Amini", PER, "Noor Amini")]);
    let rows = run(&mut d);
    assert!(
        rows.iter().all(|r| r.3.as_deref() != Some("how")),
        "{rows:#?}"
    );
    assert_eq!(
        find(&rows, "History is a map.").4.as_deref(),
        Some("Noor Amini"),
        "{rows:#?}"
    );
}

#[test]
fn a_naming_participle_reports_nothing() {
    let text =
        "Ana Ruiz joined a small group called Open Streets in May. The so-called harbour plan \
                stalled. Ruiz said the group would march again.";
    let mut d = doc(
        text,
        &[("Ana Ruiz", PER, "Ana Ruiz"), ("Ruiz", PER, "Ana Ruiz")],
    );
    let rows = run(&mut d);
    assert!(
        rows.iter().all(|r| r.2.as_deref() != Some("called")),
        "{rows:#?}"
    );
    assert_eq!(find(&rows, "the group would").3.as_deref(), Some("Ruiz"));
}

#[test]
fn wrote_with_a_plain_object_reports_nothing() {
    let text = "Maya Lind wrote a children's book about the harbour in 2019. Lind wrote that the \
                harbour had saved the town.";
    let mut d = doc(
        text,
        &[("Maya Lind", PER, "Maya Lind"), ("Lind", PER, "Maya Lind")],
    );
    let rows = run(&mut d);
    assert!(rows.iter().all(|r| !r.0.contains("children")), "{rows:#?}");
    assert_eq!(
        find(&rows, "that the harbour had").3.as_deref(),
        Some("Lind")
    );
}

#[test]
fn a_participle_after_a_number_modifies_the_noun() {
    let text = "Ana Ruiz won 120 pledged delegates, a lead that grew in May. Ruiz, 54, said the \
                lead would hold.";
    let mut d = doc(
        text,
        &[("Ana Ruiz", PER, "Ana Ruiz"), ("Ruiz", PER, "Ana Ruiz")],
    );
    let rows = run(&mut d);
    assert!(
        rows.iter().all(|r| r.2.as_deref() != Some("pledged")),
        "{rows:#?}"
    );
    assert_eq!(find(&rows, "the lead would").3.as_deref(), Some("Ruiz"));
}

#[test]
fn a_time_phrase_alone_is_not_a_statement() {
    let text = "Ruiz used a private account for years, the Harbour Gazette reported late Thursday. \
                Earlier in the day, Ana Ruiz reported to the board. Ruiz said the harbour would stay open.";
    let mut d = doc(
        text,
        &[("Ana Ruiz", PER, "Ana Ruiz"), ("Ruiz", PER, "Ana Ruiz")],
    );
    let rows = run(&mut d);
    assert!(
        rows.iter()
            .all(|r| r.0 != "late Thursday" && r.0 != "Earlier in the day"),
        "{rows:#?}"
    );
    assert_eq!(find(&rows, "the harbour would").3.as_deref(), Some("Ruiz"));
}

#[test]
fn an_opening_curly_mark_glued_to_the_word_before_closes() {
    let text = "“The harbour stays open,“ said Ana Ruiz, the mayor. The council agreed.";
    let mut d = doc(text, &[("Ana Ruiz", PER, "Ana Ruiz")]);
    let rows = run(&mut d);
    let r = find(&rows, "The harbour stays");
    assert_eq!(
        (r.1, r.3.as_deref()),
        (QuoteKind::Direct, Some("Ana Ruiz")),
        "{rows:#?}"
    );
    assert!(rows.iter().all(|r| !r.0.starts_with("said")), "{rows:#?}");
}

#[test]
fn a_second_quotation_after_an_abbreviation_shares_the_speaker() {
    let text =
        "The vote was close. \"We are not done,\" Ana Ruiz told reporters in Salem, Ore. \"The \
                count goes on.\" The board met later.";
    let mut d = doc(text, &[("Ana Ruiz", PER, "Ana Ruiz")]);
    let rows = run(&mut d);
    assert_eq!(
        find(&rows, "We are not done").3.as_deref(),
        Some("Ana Ruiz")
    );
    let r = find(&rows, "The count goes on");
    assert_eq!(
        (r.1, r.3.as_deref()),
        (QuoteKind::Direct, Some("Ana Ruiz")),
        "{rows:#?}"
    );
}

#[test]
fn an_opening_participle_or_adverb_is_not_the_statement() {
    let text = "Ana Ruiz toured the docks. Steering clear of the council, Ruiz wrote to the board \
                about a ferry line. Still wary of the board, Ruiz stated of the plan that it cost too much. Ruiz said the \
                ferry would run in May.";
    let mut d = doc(
        text,
        &[("Ana Ruiz", PER, "Ana Ruiz"), ("Ruiz", PER, "Ana Ruiz")],
    );
    let rows = run(&mut d);
    assert!(
        rows.iter()
            .all(|r| !r.0.starts_with("Steering") && !r.0.starts_with("Still")),
        "{rows:#?}"
    );
    assert_eq!(find(&rows, "the ferry would").3.as_deref(), Some("Ruiz"));
}

#[test]
fn an_opening_adverbial_may_hold_a_place_with_a_comma() {
    let text = "During a rally in Salem, Oregon, Ana Ruiz wrote to the board about a ferry line. \
                Ruiz said the ferry would run in May.";
    let mut d = doc(
        text,
        &[("Ana Ruiz", PER, "Ana Ruiz"), ("Ruiz", PER, "Ana Ruiz")],
    );
    let rows = run(&mut d);
    assert!(rows.iter().all(|r| !r.0.starts_with("During")), "{rows:#?}");
    assert_eq!(find(&rows, "the ferry would").3.as_deref(), Some("Ruiz"));
}

#[test]
fn a_string_of_opening_adverbials_is_not_the_statement_but_a_clause_after_one_is() {
    let text = "Friday morning, as the ferry sailed past, Ana Ruiz wrote to the board about the \
                fares. Still, in a sign of how tense things were, Ruiz declined to attack the \
                board on Sunday. Meanwhile, the port is losing money, Ruiz said on Monday.";
    let mut d = doc(
        text,
        &[("Ana Ruiz", PER, "Ana Ruiz"), ("Ruiz", PER, "Ana Ruiz")],
    );
    let rows = run(&mut d);
    assert!(
        rows.iter()
            .all(|r| !r.0.starts_with("Friday") && !r.0.starts_with("Still")),
        "{rows:#?}"
    );
    assert_eq!(
        find(&rows, "Meanwhile, the port").3.as_deref(),
        Some("Ruiz")
    );
}

#[test]
fn the_subject_after_an_opening_adverbial_speaks_not_a_name_inside_it() {
    let text = "In a Fox interview later that day, Ana Ruiz went even further: \u{201c}The fares \
                must fall by half.\u{201d}";
    let mut d = doc(
        text,
        &[
            ("Fox", EntityLabel::Org, "Fox"),
            ("Ana Ruiz", PER, "Ana Ruiz"),
        ],
    );
    let rows = run(&mut d);
    assert_eq!(find(&rows, "The fares").4.as_deref(), Some("Ana Ruiz"));
}

#[test]
fn a_person_after_a_nameless_opening_phrase_is_the_subject() {
    let text = "Back in 1999, Ana Ruiz praised the harbour, telling reporters: \u{201c}I wish I \
                could run it.\u{201d}\n\nA short time later, Ms. Ruiz wrote back: \u{201c}We all \
                have him on our radar.\u{201d}";
    let mut d = doc(
        text,
        &[("Ana Ruiz", PER, "Ana Ruiz"), ("Ruiz", PER, "Ana Ruiz")],
    );
    let rows = run(&mut d);
    assert_eq!(find(&rows, "I wish").4.as_deref(), Some("Ana Ruiz"));
    assert_eq!(find(&rows, "We all have").4.as_deref(), Some("Ana Ruiz"));
}

#[test]
fn any_verb_after_a_speaker_closing_a_quotation_is_its_cue() {
    let text =
        "\u{201c}The fares must fall,\u{201d} Ruiz fumed.\n\n\u{201c}Will they fall?\u{201d} an \
                angry Ben Ode retaliated.\n\nShe warned of a \u{201c}rigged economy.\u{201d} Ode \
                struggled to answer.";
    let mut d = doc(
        text,
        &[
            ("Ruiz", PER, "Ana Ruiz"),
            ("Ben Ode", PER, "Ben Ode"),
            ("Ode", PER, "Ben Ode"),
        ],
    );
    let rows = run(&mut d);
    let fares = find(&rows, "The fares");
    assert_eq!(
        (fares.2.as_deref(), fares.4.as_deref()),
        (Some("fumed"), Some("Ana Ruiz"))
    );
    let fall = find(&rows, "Will they");
    assert_eq!(
        (fall.2.as_deref(), fall.3.as_deref()),
        (Some("retaliated"), Some("an angry Ben Ode"))
    );
    assert!(
        rows.iter().all(|r| r.2.as_deref() != Some("struggled")),
        "{rows:#?}"
    );
}

#[test]
fn an_unknown_verb_before_a_named_speaker_is_an_inversion() {
    let text = "\u{201c}This is fantastic!\u{201d} beamed Ben Ode of Madison, Alabama.";
    let mut d = doc(
        text,
        &[
            ("Ben Ode", PER, "Ben Ode"),
            ("Madison", EntityLabel::Loc, "Madison"),
        ],
    );
    let rows = run(&mut d);
    let q = find(&rows, "This is");
    assert_eq!(
        (q.2.as_deref(), q.3.as_deref()),
        (Some("beamed"), Some("Ben Ode"))
    );
}

#[test]
fn a_judging_verb_reports_its_object_not_the_time_after_it() {
    let text = "Ana Ruiz criticized the harbour board directly in her speech on Tuesday. Ruiz \
                praised the council last week. Ruiz criticized the council in the last year of \
                its term.";
    let mut d = doc(
        text,
        &[("Ana Ruiz", PER, "Ana Ruiz"), ("Ruiz", PER, "Ana Ruiz")],
    );
    let rows = run(&mut d);
    let contents: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        contents,
        [
            "the harbour board",
            "the council",
            "the council in the last year of its term"
        ]
    );
}

#[test]
fn the_subject_before_a_participle_phrase_speaks() {
    let text = "Protesters marching through the streets chanted \u{201c}What curfew?\u{201d}\n\n\
                The lopsided spending by harbour funds shows that the fares will rise.";
    let mut d = doc(text, &[]);
    let rows = run(&mut d);
    assert_eq!(find(&rows, "What curfew").3.as_deref(), Some("Protesters"));
    assert_ne!(
        find(&rows, "that the fares").3.as_deref(),
        Some("The lopsided")
    );
}

#[test]
fn about_before_a_number_starts_the_statement() {
    let text =
        "The budget office said about half of the deficit came from tax cuts. Ana Ruiz said \
                about the plan that it was late.";
    let mut d = doc(text, &[("Ana Ruiz", PER, "Ana Ruiz")]);
    let rows = run(&mut d);
    assert_eq!(
        find(&rows, "about half").3.as_deref(),
        Some("The budget office")
    );
    assert!(
        rows.iter().all(|r| !r.0.starts_with("about the plan")),
        "{rows:#?}"
    );
}

#[test]
fn a_subject_before_an_aside_set_off_by_dashes_speaks() {
    let text =
        "Many speakers at the service \u{2014} including sailors, dockers and pilots \u{2014} \
                said the port had lost its heart.\n\nThe front-runner Ana Ruiz - a year-over-year \
                winner - said the fares would fall.";
    let mut d = doc(text, &[("Ana Ruiz", PER, "Ana Ruiz")]);
    let rows = run(&mut d);
    assert_eq!(
        find(&rows, "the port had").3.as_deref(),
        Some("Many speakers at the service")
    );
    assert_eq!(
        find(&rows, "the fares would").4.as_deref(),
        Some("Ana Ruiz")
    );
}

#[test]
fn a_document_issued_by_the_subject_does_not_speak() {
    let text = "Ana Ruiz released a statement saying the fares would fall.\n\nRuiz celebrated the \
                vote, calling it \u{201c}a win for every sailor.\u{201d}";
    let mut d = doc(
        text,
        &[("Ana Ruiz", PER, "Ana Ruiz"), ("Ruiz", PER, "Ana Ruiz")],
    );
    let rows = run(&mut d);
    let fares = find(&rows, "the fares");
    assert_eq!(
        (fares.3.as_deref(), fares.4.as_deref()),
        (Some("Ana Ruiz"), Some("Ana Ruiz"))
    );
    // The clause's subject is the name, not the name and the verb the phrase walk took in.
    assert_eq!(find(&rows, "it \u{201c}a win").3.as_deref(), Some("Ruiz"));
}

#[test]
fn the_subject_of_a_verb_before_a_colon_speaks() {
    let text =
        "Ana Ruiz said the fares would fall, to which Ben Ode interjected: \u{201c}It's just \
                not true.\u{201d}\n\nAsked which port was her favourite, she demurred: \
                \u{201c}Whichever one I'm in.\u{201d}";
    let mut d = doc(
        text,
        &[("Ana Ruiz", PER, "Ana Ruiz"), ("Ben Ode", PER, "Ben Ode")],
    );
    let rows = run(&mut d);
    assert_eq!(find(&rows, "It's just").4.as_deref(), Some("Ben Ode"));
    assert_eq!(find(&rows, "Whichever").3.as_deref(), Some("she"));
}

#[test]
fn a_hyphenated_noun_phrase_can_speak() {
    let text = "\u{201c}The fares must fall,\u{201d} the 43-year-old said.\n\n\u{201c}The port \
                is busy,\u{201d} said the co-founder of the ferry line.";
    let mut d = doc(text, &[]);
    let rows = run(&mut d);
    assert_eq!(
        find(&rows, "The fares").3.as_deref(),
        Some("the 43-year-old")
    );
    assert_eq!(
        find(&rows, "The port").3.as_deref(),
        Some("the co-founder of the ferry line")
    );
}

#[test]
fn a_person_named_right_before_a_colon_speaks_unless_spoken_of() {
    let text = "The timing of the vote does not surprise pollster Ben Ode: \u{201c}Late votes \
                always swing.\u{201d}\n\nAna Ruiz wrote of Ben Ode: \u{201c}He is a careful man.\u{201d}";
    let mut d = doc(
        text,
        &[("Ben Ode", PER, "Ben Ode"), ("Ana Ruiz", PER, "Ana Ruiz")],
    );
    let rows = run(&mut d);
    let late = find(&rows, "Late votes");
    assert_eq!(
        (late.3.as_deref(), late.4.as_deref()),
        (Some("Ben Ode"), Some("Ben Ode"))
    );
    assert_eq!(
        find(&rows, "He is a careful").4.as_deref(),
        Some("Ana Ruiz")
    );
}

#[test]
fn a_cue_word_after_a_degree_word_is_an_adjective() {
    let text =
        "The new rules are far more demanding paperwork from the harbour board this year. Ana \
                Ruiz said the board would cope. It was the most criticized plan of the decade.";
    let mut d = doc(text, &[("Ana Ruiz", PER, "Ana Ruiz")]);
    let rows = run(&mut d);
    assert!(
        rows.iter()
            .all(|r| !matches!(r.2.as_deref(), Some("demanding" | "criticized"))),
        "{rows:#?}"
    );
    assert_eq!(
        find(&rows, "the board would").3.as_deref(),
        Some("Ana Ruiz")
    );
}

#[test]
fn name_and_names_are_nouns() {
    let text =
        "Despite the Ruiz name, the harbour board lost the vote. Ana Ruiz said the vote was \
                fair.";
    let mut d = doc(text, &[("Ana Ruiz", PER, "Ana Ruiz")]);
    let rows = run(&mut d);
    assert!(
        rows.iter().all(|r| r.2.as_deref() != Some("name")),
        "{rows:#?}"
    );
    assert_eq!(find(&rows, "the vote was").3.as_deref(), Some("Ana Ruiz"));
}

#[test]
fn a_paragraph_ending_in_a_colon_introduces_the_next_quotation() {
    let text = "The council met on Monday.\n\nOn May 4, Ana Ruiz made the following comment:\n\n\
                “The harbour stays open for everyone, whatever the board decides this year.”\n\n\
                The board did not reply.";
    let mut d = doc(text, &[("Ana Ruiz", PER, "Ana Ruiz")]);
    let rows = run(&mut d);
    let r = find(&rows, "The harbour stays");
    assert_eq!(
        (r.1, r.4.as_deref()),
        (QuoteKind::Direct, Some("Ana Ruiz")),
        "{rows:#?}"
    );
}

#[test]
fn a_pronoun_far_from_its_antecedent_finds_the_latest_person_of_its_gender() {
    let filler = "The weather was mild. ".repeat(12);
    let text = format!(
        "Anna Weiss met John Carter on Monday. {filler}“It went well,” she said. \
         {filler}“It did not,” he said."
    );
    let mut d = doc(
        &text,
        &[
            ("Anna Weiss", PER, "Anna Weiss"),
            ("John Carter", PER, "John Carter"),
        ],
    );
    let rows = run(&mut d);
    assert_eq!(find(&rows, "It went").4.as_deref(), Some("Anna Weiss"));
    assert_eq!(find(&rows, "It did").4.as_deref(), Some("John Carter"));
}

/// Issue 9: `"X," he said.` repeated once took quadratic time (a list of quotes seen, searched
/// for each new one). Every repetition is still its own quote, spoken by the one person named.
#[test]
fn a_long_run_of_repeated_quotes_keeps_every_quote_and_speaker() {
    let text = format!("Sergey Lavrov arrived. {}", "\"X,\" he said. ".repeat(3000));
    let mut d = doc(&text, &[("Sergey Lavrov", PER, "Sergey Lavrov")]);
    let rows = run(&mut d);
    assert_eq!(rows.len(), 3000);
    for row in &rows {
        assert_eq!(row.0, "X,");
        assert_eq!(row.2.as_deref(), Some("said"));
        assert_eq!(row.4.as_deref(), Some("Sergey Lavrov"), "{row:?}");
    }
}

/// Issue 9: rules that looked for the next comma, parenthesis or time adjunct rescanned the
/// rest of the sentence for every cue, quadratic in a sentence that never ends. They now look
/// the comma up in an index and stop where a content must stop; in a 600-token sentence they
/// still find what they found before.
#[test]
fn clause_commas_subordinate_commas_and_asides_in_a_very_long_sentence() {
    let filler = "and the others waited ".repeat(150);
    let rows = run(&mut doc(
        &format!("The talks {filler}ended, I laughed and said the plan would fail."),
        &[],
    ));
    let q = find(&rows, "the plan would");
    assert_eq!((q.2.as_deref(), q.3.as_deref()), (Some("said"), Some("I")));

    let rows = run(&mut doc(
        &format!("If the plan rejected the offer, Carla Diaz {filler}would go."),
        &[("Carla Diaz", PER, "Carla Diaz")],
    ));
    let q = find(&rows, "the offer");
    assert_eq!(q.0, "the offer", "the subordinate clause ends at its comma");

    let rows = run(&mut doc(
        &format!("The plan {filler}would work, said Mr. Burman (a view echoed by everyone)."),
        &[("Burman", PER, "Burman")],
    ));
    let q = find(&rows, "others waited");
    assert_eq!(q.4.as_deref(), Some("Burman"));
    assert!(!q.0.contains("view"), "the aside adds nothing: {q:?}");
}

/// Issue 9: `Smith endorsed her ` repeated as one endless sentence: every cue still reports,
/// and no content runs past the longest a statement may be.
#[test]
fn judging_verbs_in_an_endless_sentence_keep_their_contents_bounded() {
    let text = "Smith endorsed her ".repeat(400);
    let rows = run(&mut doc(&text, &[("Smith", PER, "Smith")]));
    assert!(rows.len() > 300, "{}", rows.len());
    for row in &rows {
        assert_eq!(row.2.as_deref(), Some("endorsed"));
        // A content is its first token and at most 300 more.
        assert!(row.0.split_whitespace().count() <= 301, "{row:?}");
    }
}

#[test]
fn a_full_stop_inside_the_marks_ends_the_statement() {
    // `She also said, …` opens a new statement: the quotation before it is Clinton's phrase
    // after `called`, not what `said` reports.
    let text = "Clinton called the Republican frontrunner “ISIS’ best recruiter.” \
                She also said, without evidence, that it was bad. \
                “We found the emails.” Trump said.";
    let mut d = doc(
        text,
        &[
            ("Clinton", PER, "Hillary Clinton"),
            ("Trump", PER, "Donald Trump"),
        ],
    );
    let rows = run(&mut d);
    let recruiter: Vec<_> = rows.iter().filter(|r| r.0.contains("recruiter")).collect();
    assert_eq!(recruiter.len(), 1, "{rows:#?}");
    assert_eq!(recruiter[0].2.as_deref(), Some("called"));
    // A bare `Trump said.` after the full stop still reports the quotation before it.
    let found = find(&rows, "We found");
    assert_eq!(found.3.as_deref(), Some("Trump"));
}

#[test]
fn a_tail_cue_after_that_and_a_quotation_ends_the_content_there() {
    // The defect: `he said` repeats `Ayrault added`, so one statement comes out,
    // ending at the closing mark, not two overlapping ones.
    let text = "Jean-Marc Ayrault spoke in Paris. \
                Ayrault added that “the time is now,” he said. \
                Smith argued that the vote was “a sham,” Jones said.";
    let mut d = doc(
        text,
        &[
            ("Jean-Marc Ayrault", PER, "Jean-Marc Ayrault"),
            ("Ayrault", PER, "Jean-Marc Ayrault"),
            ("Smith", PER, "Ann Smith"),
            ("Jones", PER, "Bo Jones"),
        ],
    );
    let rows = run(&mut d);
    let time: Vec<_> = rows
        .iter()
        .filter(|r| r.0.contains("the time is now"))
        .collect();
    assert_eq!(time.len(), 1, "{rows:#?}");
    assert_eq!(time[0].0, "that “the time is now,”");
    assert_eq!(time[0].3.as_deref(), Some("Ayrault"));
    // A named speaker after the quotation is a second attribution (the reporter's), and the
    // first content still ends at the closing mark.
    let sham = find(&rows, "that the vote");
    assert_eq!(sham.0, "that the vote was “a sham,”");
    assert_eq!(sham.3.as_deref(), Some("Smith"));
    assert!(
        rows.iter()
            .any(|r| r.0.starts_with("Smith argued") && r.3.as_deref() == Some("Jones")),
        "{rows:#?}"
    );
}
