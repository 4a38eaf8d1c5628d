//! A compact learned sequence tagger for newsnlp stages.
//!
//! - [`FeatureHash`] / [`Features`]: features are hashed straight into a fixed-size table, so
//!   extraction allocates nothing per token and the model size is fixed in advance;
//! - [`Perceptron`]: averaged structured perceptron training;
//! - [`Model`]: quantised weights, first-order transitions, constrained Viterbi decoding, and a
//!   compact file format that stores only non-zero weights;
//! - [`Bilou`]: span ⇄ tag encoding and the transitions a BILOU sequence may take.
//!
//! What the features are is up to the stage (entities, quotes); this crate only learns and
//! decodes.
//!
//! ```
//! use newsnlp_tagger::{Bilou, FeatureHash, Features, Perceptron, Model, Scratch};
//!
//! // Learn that a capitalised word after "Mr" is a one-token PER span.
//! let scheme = Bilou::new(["PER"]);
//! let mut p = Perceptron::new(12, scheme.tag_names(), scheme.constraints());
//! let sentences = [vec!["Mr", "Smith", "left"], vec!["Mr", "Jones", "stayed"], vec!["the", "dog", "left"]];
//! let extract = |words: &[&str], f: &mut Features| {
//!     f.clear();
//!     for (i, w) in words.iter().enumerate() {
//!         f.next_token();
//!         f.add(FeatureHash::new(0).bytes(w.as_bytes()));
//!         let prev = if i > 0 { words[i - 1] } else { "<s>" };
//!         f.add(FeatureHash::new(1).bytes(prev.as_bytes()));
//!     }
//! };
//! let mut feats = Features::new(p.bits());
//! let mut pred = Vec::new();
//! for _ in 0..5 {
//!     for s in &sentences {
//!         extract(s, &mut feats);
//!         let gold = if s[0] == "Mr" { scheme.encode(3, &[(1..2, 0)]) } else { vec![0; 3] };
//!         p.learn(&feats, &gold, &mut pred);
//!     }
//! }
//! let model = Model::from_bytes(&p.averaged("demo", 0).to_bytes()).unwrap();
//! extract(&["Mr", "Brown", "spoke"], &mut feats);
//! model.decode(&feats, &mut Scratch::default(), &mut pred);
//! assert_eq!(scheme.decode(&pred), vec![(1..2, 0)]);
//! ```

pub mod bilou;
pub mod clusters;
pub mod early_stop;
pub mod features;
pub mod hash;
pub mod model;
pub mod packed;
pub mod perceptron;
mod viterbi;

pub use bilou::{Bilou, Constraints, Position};
pub use clusters::Clusters;
pub use early_stop::EarlyStop;
pub use features::Features;
pub use hash::{FeatureHash, HashedMap, HashedSet};
pub use model::{read_model_file, Model, ModelError};
pub use packed::{NarrowSums, PackedDecoder, PackedWeights};
pub use perceptron::Perceptron;
pub use viterbi::Scratch;
