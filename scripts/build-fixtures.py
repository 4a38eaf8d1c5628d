#!/usr/bin/env python3
"""Builds fixtures/news.jsonl (the pipeline's fixture input) from fixtures/articles/*.txt.

Each article becomes {"id": <file stem>, "published": <from published.tsv>, "text": <file>}.
The articles are the reviewed source; news.jsonl is generated so that `make run` and `make pipe`
read the same NDJSON. Run `make fixtures` after editing an article.
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent / "fixtures"
published = {}
for line in (root / "articles" / "published.tsv").read_text(encoding="utf-8").splitlines():
    if line and not line.startswith("#"):
        stem, date = line.split("\t")
        published[stem] = date

lines = []
for path in sorted((root / "articles").glob("*.txt")):
    if path.stem not in published:
        sys.exit(f"{path}: no published date in published.tsv")
    text = path.read_text(encoding="utf-8").rstrip("\n")
    lines.append(json.dumps({"id": path.stem, "published": published[path.stem], "text": text},
                            ensure_ascii=False))
(root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"wrote {len(lines)} documents to {root / 'news.jsonl'}")
