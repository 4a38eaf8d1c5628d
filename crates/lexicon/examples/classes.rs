//! Prints the word classes of each word given (or of a few samples), as a stage sees them:
//! `cargo run -p newsnlp-lexicon --example classes -- Angela Sept. TASS minister`

use newsnlp_lexicon::{self as lexicon, Flags};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let samples = [
        "Angela", "Sept", "Thursday", "Mr.", "spokeswoman", "Reuters", "table",
    ];
    let words: Vec<&str> = if args.is_empty() {
        samples.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    for word in words {
        let flags = lexicon::flags_folded(word);
        let gender = flags
            .gender()
            .map(|g| format!(" gender {g:?}"))
            .unwrap_or_default();
        let month = flags
            .month()
            .map(|m| format!(" month {m}"))
            .unwrap_or_default();
        let agency = lexicon::agency(&word.to_lowercase()).map(|a| format!(" agency {}", a.name));
        println!(
            "{word}: {flags:?}{gender}{month}{}",
            agency.unwrap_or_default()
        );
    }
    let unisex =
        lexicon::words(Flags::GIVEN_NAME).filter(|(_, f)| f.contains(Flags::MALE | Flags::FEMALE));
    let names: Vec<&str> = unisex.map(|(w, _)| w).collect();
    println!("unisex given names: {}", names.join(", "));
}
