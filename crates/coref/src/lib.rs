//! Coreference within one news document, in one place for the stages that need it.
//!
//! Who a mention stands for is one job with two halves: the entities stage gives every name its
//! canonical form (`Lavrov` → `Sergey Lavrov`, `OPCW` → the organisation it spells), and the
//! quote stage finds who `he stressed` or `the minister said` is. Written twice, the two halves
//! kept separate name data and drifted; here they share one home, and every look-up goes
//! through an index, so linking stays linear in the number of mentions.
//!
//! - [`names`]: span clean-up (titles, `the`, possessives, hyphenated prefixes) and canonical
//!   names: short mentions to the longest name, acronyms to their expansions, built-in aliases,
//!   all-capitals spellings to the story's mixed case. Used by `newsnlp-entities`.
//! - [`pronouns`]: person mentions indexed by gender, so the latest person a `he` or `she`
//!   may name is one binary search. Used by `newsnlp-quotes` for speakers.
//!
//! ```
//! use newsnlp_coref::names;
//! use newsnlp_doc::{EntityLabel, Span};
//!
//! let text = "Sergey Lavrov spoke . Lavrov left .";
//! // One span per word, as the tokenizer would give them.
//! let tokens: Vec<Span> = text
//!     .split(' ')
//!     .scan(0, |at, w| {
//!         let span = Span::new(*at, *at + w.len());
//!         *at += w.len() + 1;
//!         Some(span)
//!     })
//!     .collect();
//! let mentions = [
//!     (Span::new(0, 13), EntityLabel::Per),
//!     (Span::new(22, 28), EntityLabel::Per),
//! ];
//! let entities = names::link(text, &tokens, &mentions);
//! assert_eq!(entities[1].canonical, "Sergey Lavrov");
//! ```

pub mod names;
pub mod pronouns;
