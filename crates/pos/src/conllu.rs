//! Reading CoNLL-U treebanks (GUM) into documents: the text rebuilt as `dev_pos.jsonl` rebuilds
//! it (sentences joined by a space, paragraphs by a blank line) and each gold word's byte span.

use thiserror::Error;

/// Why a CoNLL-U file could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConlluError {
    #[error("line {line}: {message}")]
    Malformed { line: usize, message: String },
}

/// One syntactic word with its gold annotation and its byte span in [`GoldDocument::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldWord {
    pub start: usize,
    pub end: usize,
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
}

/// A document of a treebank: its rebuilt text and gold words in text order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldDocument {
    pub id: String,
    pub text: String,
    pub words: Vec<GoldWord>,
}

/// Parses a CoNLL-U file. Documents start at `# newdoc`, paragraphs at `# newpar`; each
/// sentence needs its `# text`, in which the word forms are found in order (the words of a
/// multi-word token such as `don't` → `do` + `n't` spell out its surface form).
pub fn parse(conllu: &str) -> Result<Vec<GoldDocument>, ConlluError> {
    let mut docs: Vec<GoldDocument> = Vec::new();
    let mut sentence = Sentence::default();
    for (i, line) in conllu.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            sentence.finish(&mut docs, line_no)?;
        } else if let Some(comment) = line.strip_prefix('#') {
            sentence.comment(comment.trim(), &mut docs);
        } else {
            sentence.word_line(line, line_no)?;
        }
    }
    sentence.finish(&mut docs, conllu.lines().count() + 1)?;
    Ok(docs)
}

/// The sentence being read.
#[derive(Default)]
struct Sentence {
    text: Option<String>,
    new_paragraph: bool,
    /// `(form, gold)` of each word, `gold` without its span yet.
    words: Vec<(String, GoldWord)>,
}

impl Sentence {
    fn comment(&mut self, comment: &str, docs: &mut Vec<GoldDocument>) {
        if let Some(id) = comment.strip_prefix("newdoc id =") {
            docs.push(GoldDocument {
                id: id.trim().to_string(),
                ..GoldDocument::default()
            });
        } else if comment.starts_with("newpar") {
            self.new_paragraph = true;
        } else if let Some(text) = comment.strip_prefix("text =") {
            self.text = Some(text.trim().to_string());
        }
    }

    fn word_line(&mut self, line: &str, line_no: usize) -> Result<(), ConlluError> {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(malformed(line_no, "expected 10 tab-separated columns"));
        }
        // Multi-word token ranges (`1-2`) and empty nodes (`8.1`) carry no word of their own.
        if cols[0].contains(['-', '.']) {
            return Ok(());
        }
        let gold = GoldWord {
            start: 0,
            end: 0,
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
        };
        self.words.push((cols[1].to_string(), gold));
        Ok(())
    }

    fn finish(&mut self, docs: &mut [GoldDocument], line_no: usize) -> Result<(), ConlluError> {
        if self.words.is_empty() {
            return Ok(());
        }
        let text = self
            .text
            .take()
            .ok_or_else(|| malformed(line_no, "sentence without a `# text` comment"))?;
        let doc = docs
            .last_mut()
            .ok_or_else(|| malformed(line_no, "sentence before any `# newdoc`"))?;
        if !doc.text.is_empty() {
            doc.text
                .push_str(if self.new_paragraph { "\n\n" } else { " " });
        }
        let base = doc.text.len();
        doc.text.push_str(&text);
        let mut pos = 0;
        for (form, mut gold) in self.words.drain(..) {
            pos += text[pos..].len() - text[pos..].trim_start().len();
            if !text[pos..].starts_with(form.as_str()) {
                return Err(malformed(
                    line_no,
                    &format!("word {form:?} not found in the sentence text at byte {pos}"),
                ));
            }
            gold.start = base + pos;
            pos += form.len();
            gold.end = base + pos;
            doc.words.push(gold);
        }
        self.new_paragraph = false;
        Ok(())
    }
}

fn malformed(line: usize, message: &str) -> ConlluError {
    ConlluError::Malformed {
        line,
        message: message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNIPPET: &str = "# newdoc id = d1\n# newpar\n# text = I don't know.\n\
        1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
        2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
        2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
        3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
        4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
        5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n\
        # text = Fine.\n\
        1\tFine\tfine\tADJ\tJJ\t_\t0\troot\t_\tSpaceAfter=No\n\
        2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n\
        # newpar\n# text = Yes\n\
        1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n";

    #[test]
    fn text_is_rebuilt_and_words_located() {
        let docs = parse(SNIPPET).unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.text, "I don't know. Fine.\n\nYes");
        let words: Vec<&str> = d.words.iter().map(|w| &d.text[w.start..w.end]).collect();
        assert_eq!(words, ["I", "do", "n't", "know", ".", "Fine", ".", "Yes"]);
        assert_eq!(
            (d.words[2].lemma.as_str(), d.words[2].xpos.as_str()),
            ("not", "RB")
        );
    }

    #[test]
    fn a_word_missing_from_the_text_is_an_error() {
        let bad = SNIPPET.replace("1\tFine\tfine", "1\tGood\tgood");
        assert!(matches!(parse(&bad), Err(ConlluError::Malformed { .. })));
        assert!(parse("1\ta\ta\tX\tXX\t_\t0\troot\t_\t_\n").is_err());
    }
}
