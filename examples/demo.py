"""Analyse one article with the shipped model and print what presslens finds.

    python examples/demo.py examples/article.txt
"""

import sys
from pathlib import Path

import presslens


def main(path: str) -> None:
    text = Path(path).read_text(encoding="utf-8")
    nlp = presslens.load()
    doc = nlp(text)
    print(f"presslens {presslens.__version__}: {path}")
    print(f"{len(doc.paragraphs)} paragraphs, {len(doc.sentences)} sentences, {len(doc)} tokens\n")
    for n, sent in enumerate(doc.sentences, 1):
        print(f"{n:3d} [{sent.start}:{sent.end}] {sent.text}")
    kinds: dict = {}
    for tok in doc.tokens:
        kinds[tok.kind] = kinds.get(tok.kind, 0) + 1
    print("\ntokens by kind:", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print(f"\n{len(doc.entities)} entity mentions in {len(doc.clusters)} clusters:")
    for c in doc.clusters:
        titles = sorted({m.title.text for m in c.mentions if m.title})
        title = f" (title: {', '.join(titles)})" if titles else ""
        mentions = ", ".join(dict.fromkeys(m.text for m in c.mentions))
        print(f"  {c.label:9s} {c.canonical}{title}  <- {mentions}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python examples/demo.py ARTICLE.txt")
    main(sys.argv[1])
