//! CoNLL-2003 columns: one token a line with its IOB2 entity tag (`Anna B-PER`), a blank line
//! between sentences, `-DOCSTART- O` and a blank line before each document.

use crate::ExchangeError;
use newsnlp_doc::{Document, Span};
use std::io::Write;

/// Writes one document (it needs its `tokens` and `entities` layers; `sentences` split it when
/// present). A token holding whitespace (which the columns cannot) has it written as `_`.
pub fn write_document(doc: &Document, out: &mut impl Write) -> Result<(), ExchangeError> {
    let missing = |layer, stage| ExchangeError::MissingLayer {
        id: doc.id_string(),
        layer,
        stage,
    };
    let tokens = doc
        .tokens
        .as_ref()
        .ok_or_else(|| missing("tokens", "tokenize"))?;
    let entities = doc
        .entities
        .as_ref()
        .ok_or_else(|| missing("entities", "entities"))?;
    let tags = tags(tokens, entities.iter().map(|e| (e.span, e.label.as_str())));
    let ends: Vec<usize> = match &doc.sentences {
        Some(sentences) => sentences.iter().map(|s| s.tokens.end).collect(),
        None => vec![tokens.len()],
    };
    let mut text = String::from("-DOCSTART- O\n\n");
    let mut ends = ends.into_iter().peekable();
    for (i, (token, tag)) in tokens.iter().zip(&tags).enumerate() {
        while ends.next_if(|&end| end <= i).is_some() {}
        let word: String = doc
            .slice(*token)
            .chars()
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .collect();
        text.push_str(&word);
        text.push(' ');
        text.push_str(tag);
        text.push('\n');
        if ends.peek() == Some(&(i + 1)) {
            text.push('\n');
        }
    }
    if !text.ends_with("\n\n") {
        text.push('\n');
    }
    Ok(out.write_all(text.as_bytes())?)
}

/// The IOB2 tag of every token: `B-`/`I-` for tokens overlapping an entity (ascending and
/// disjoint, as the contract has them), `O` for the rest. Linear in tokens plus entities.
fn tags<'a>(tokens: &[Span], entities: impl Iterator<Item = (Span, &'a str)>) -> Vec<String> {
    let mut tags = vec!["O".to_string(); tokens.len()];
    let mut first = 0;
    for (span, label) in entities {
        first += tokens[first..].partition_point(|t| t.end <= span.start);
        let mut prefix = "B";
        for (tag, _) in tags[first..]
            .iter_mut()
            .zip(&tokens[first..])
            .take_while(|(_, t)| t.start < span.end)
        {
            *tag = format!("{prefix}-{label}");
            prefix = "I";
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsnlp_doc::ndjson::{parse_line, Parsed};

    #[test]
    fn entities_become_iob2_tags_and_sentences_blank_lines() {
        let line = br#"{"id":"d","text":"Anna Berg met Acme. Then left.","tokens":[{"start":0,"end":4},{"start":5,"end":9},{"start":10,"end":13},{"start":14,"end":18},{"start":18,"end":19},{"start":20,"end":24},{"start":25,"end":29},{"start":29,"end":30}],"sentences":[{"start":0,"end":19,"tokens":[0,5]},{"start":20,"end":30,"tokens":[5,8]}],"entities":[{"start":0,"end":9,"label":"PER","canonical":"Anna Berg"},{"start":14,"end":18,"label":"ORG","canonical":"Acme"}]}"#;
        let Ok(Parsed::Document(doc)) = parse_line(line) else {
            panic!()
        };
        let mut out = Vec::new();
        write_document(&doc, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "-DOCSTART- O\n\nAnna B-PER\nBerg I-PER\nmet O\nAcme B-ORG\n. O\n\nThen O\nleft O\n. O\n\n"
        );
    }

    #[test]
    fn a_document_without_tokens_is_refused_by_name() {
        let Ok(Parsed::Document(doc)) = parse_line(br#"{"id":"x1","text":"a"}"#) else {
            panic!()
        };
        let err = write_document(&doc, &mut Vec::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "document x1: no tokens layer (run newsnlp-tokenize first)"
        );
    }
}
