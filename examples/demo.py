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
    print(f"\n{len(doc.quotes)} quotes:")
    for q in doc.quotes:
        who = q.speaker_canonical or (q.speaker.text if q.speaker else "?")
        cue = f"{q.cue.text} ({q.cue_lemma}, {q.cue_category})" if q.cue else "-"
        chain = " <- ".join(s.text for s in q.sources[1:])
        text = q.text if len(q.text) <= 70 else q.text[:69] + "…"
        print(f"  {q.kind:8s} {who} [{q.speaker_type}] {cue}: “{text}”" + (f"  citing {chain}" if chain else ""))
    if doc.scare_quotes:
        print("scare quotes:", ", ".join(f"“{s.text}”" for s in doc.scare_quotes))
    shown = [c for c in doc.cues if c.family not in ("attribution", "negation")]
    print(f"\n{len(doc.cues)} stance cues; without neutral reporting verbs and negations, {len(shown)}:")
    for c in shown:
        sign = "+" if c.polarity > 0 else "-" if c.polarity < 0 else "0"
        voice = f"quoted: {c.speaker_canonical}" if c.voice == "quoted" else "author"
        target = f" -> {c.target}" if c.target else ""
        print(f"  {c.family:10s} {c.category:14s} {sign} {c.text!r} ({voice}){target}")
    summary = doc.stance_summary()
    counts = [c for c in summary.columns if c.startswith(("author_", "quoted_")) and c != "quoted_mention_share"]
    about = summary[summary[counts].sum(axis=1) > 0]
    print("\nper entity, the cues about it (author / quoted voice):")
    for _, row in about.iterrows():
        parts = [f"{col.replace('_', ' ')} {row[col]}" for col in counts if row[col]]
        print(f"  {row['canonical']}: " + ", ".join(parts))
    if about.empty:
        print("  (no cue has an entity as its target)")

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python examples/demo.py ARTICLE.txt")
    main(sys.argv[1])
