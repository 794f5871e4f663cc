"""The seed article (shared/data/seed): paragraphs against the hand
annotation, offsets, and sentences as a careful reader splits them."""

from __future__ import annotations

import pytest

# The article split into sentences by reading it, one list per paragraph.
# Headlines, bylines and section labels ("Sputnik", "World", "Discuss") are
# sentences of their own; quoted speech is split where the speaker's own
# sentence ends, with the attribution kept on the sentence it closes.
EXPECTED_SENTENCES = [
    ["Senior US Officials Visit Venezuela to Try to Split Russia Off From Latin American Allies: Report"],
    ["Washington and Caracas have had no formal diplomatic relations since January 2019 –when the US "
     "attempted to overthrow the democratically elected government of President Nicolas Maduro and "
     "slapped crushing sanctions on the Latin American nation."],
    ["Sputnik"],
    ["Senior US State Department and White House officials have traveled to Caracas to meet with "
     "Venezuelan officials as part of a campaign to try to split Russia off from its allies in Latin "
     "America, the New York Times has reported, citing persons said to be familiar with the matter."],
    ["Current and former officials told the newspaper that Washington considers Russia’s partners in "
     "Latin America a potential “security threat,” with Caracas lobbied to move away from Moscow’s orbit "
     "in exchange for the resumption of purchases of Venezuelan crude oil, which has faced a years-long "
     "US-led blockade."],
    ["NYT’s sources did not clarify how long the US delegation would stay in the Venezuelan capital, or "
     "who they would meet during their trip.",
     "However, former US officials and conservative media personalities called on Washington to "
     "reinvigorate its ties with Caracas in an attempt to recoup the loss of Russian oil in the US energy "
     "balance."],
    ["World oil prices have jumped dramatically over the past week amid the financial blowback caused by "
     "Western sanctions against Russia over its military operation in Ukraine, topping $110 per barrel of "
     "WTI crude, and $115 a barrel for Brent crude."],
    ["Venezuela has the largest known reserves of oil in the world, but has been forced to seek "
     "assistance from its Iranian, Russian and Chinese allies amid a US-led campaign of crippling "
     "sanctions on the nation’s ability to export its black gold."],
    ["The US introduced crushing sanctions against Caracas in January 2019 after opposition leader Juan "
     "Guaido proclaimed himself the country’s “interim president.”",
     "Along with efforts to cripple Venezuela’s energy exports, the US and its allies have seized tens of "
     "billions of dollars in assets belonging to the Venezuelan state, oil giant PDVSA and its US "
     "subsidiary CITGO.",
     "Part of these assets were transferred to Guaido and his allies and have subsequently disappeared, "
     "sparking allegations from the Maduro government that this money has been embezzled."],
    ["World"],
    ["‘Not Justified’: UN Special Rapporteur Calls on Nations to Lift ‘Devastating’ Venezuela Sanctions"],
    ["In addition to economic pressure, Venezuela’s authorities have faced direct security threats from "
     "the US.",
     "In May 2020, a group of Colombia-based mercenaries attempted to land in Venezuela by sea, kidnap "
     "President Maduro, and take him to the US to face prosecution on charges that he was a secret drug "
     "baron.",
     "The plot collapsed and eight mercenaries were killed, with over a dozen more captured, among them "
     "two US nationals.",
     "The brazen plot was masterminded by a Florida-based private security company."],
    ["World"],
    ["Mastermind of Botched Venezuela Raid Praises Assange, Snowden, Says FBI Tried to Kill Him"],
    ["Venezuela has rejected the US and European position on the Russian military operation in Ukraine, "
     "blaming Washington and NATO for the crisis.",
     "“We are not seduced by lies repeated a thousand times.",
     "We know that [Vladimir] Putin is defending the Russian people’s right to peace and dignity,” Maduro "
     "said in an address last week.",
     "“We have been attentive to the events in Russia and Ukraine.",
     "We observe how NATO intends to end Russia and a multipolar world, which is already a reality,” he "
     "added."],
    ["Last week, Venezuelan ambassador to the United Nations Samuel Moncada called for a “peaceful "
     "settlement of any dispute which might exist in the Eastern European region,” and pointed to "
     "Caracas’ support in 2015 of UN Resolution 2202 on the implementation of the Minsk Agreements on "
     "Donbass peace."],
    ["“Sadly, these agreements were wasted after seven years of violations within Ukraine which widened "
     "the national divide and increased the suffering of the civilian population.",
     "The violent domestic crisis was heightened by another factor – the growing outside pressure of the "
     "NATO military bloc toward Ukraine itself, with the destructive effect on security assurances for "
     "all, in particular the Russian Federation, and which are the basis for security architecture in "
     "Europe,” Moncada said."],
    ["Discuss"],
]


@pytest.fixture(scope="module")
def seed_doc(nlp, seed_text):
    return nlp(seed_text)


def test_expected_sentences_are_article_text(seed_text, seed_gold):
    # Guards the hand transcription above: each expected paragraph, joined
    # with single spaces, is the annotated paragraph verbatim.
    assert len(EXPECTED_SENTENCES) == len(seed_gold["paragraphs"]) == 18
    for sents, (start, end) in zip(EXPECTED_SENTENCES, seed_gold["paragraphs"]):
        assert " ".join(sents) == seed_text[start:end]


def test_paragraphs_match_gold(seed_doc, seed_gold):
    got = [[p.start, p.end] for p in seed_doc.paragraphs]
    assert got == seed_gold["paragraphs"]
    assert len(got) == 18


def test_invariants_hold(seed_doc, seed_text, check_doc):
    check_doc(seed_doc, seed_text)


def test_every_token_round_trips(seed_doc, seed_text):
    assert len(seed_doc) > 700
    for tok in seed_doc:
        assert seed_text[tok.start:tok.end] == tok.text


def test_sentences_as_a_reader_splits_them(seed_doc):
    assert [s.text for s in seed_doc.sentences] == [s for para in EXPECTED_SENTENCES for s in para]


def test_sentences_are_grouped_by_paragraph(seed_doc):
    per_para = [0] * len(seed_doc.paragraphs)
    for _, _, para in seed_doc.sentence_token_ranges():
        per_para[para] += 1
    assert per_para == [len(p) for p in EXPECTED_SENTENCES]


def test_annotated_spans_fall_on_token_boundaries(seed_doc, seed_gold):
    # Later stages label whole tokens, so every hand-annotated span (entity,
    # quote part, scare quote, stance cue) must start and end on a token edge.
    starts = {t.start for t in seed_doc}
    ends = {t.end for t in seed_doc}

    def spans(node):
        if isinstance(node, dict):
            if "start" in node and "end" in node:
                yield node
            for value in node.values():
                yield from spans(value)
        elif isinstance(node, list):
            for value in node:
                yield from spans(value)

    annotated = [s for key in ("entities", "quotes", "scare_quotes", "stance_cues")
                 for s in spans(seed_gold[key])]
    assert len(annotated) > 100
    misaligned = [(s.get("text"), s["start"], s["end"]) for s in annotated
                  if s["start"] not in starts or s["end"] not in ends]
    assert misaligned == []


def test_article_tokens_from_the_brief(seed_doc):
    toks = [t.text for t in seed_doc]

    def has_run(run):
        n = len(run)
        return any(toks[i:i + n] == run for i in range(len(toks) - n + 1))

    assert has_run(["2019", "–", "when"])
    assert has_run(["Russia", "’s", "partners"])
    assert has_run(["years", "-", "long", "US", "-", "led", "blockade"])
    assert has_run(["$", "110", "per"])
    assert has_run(["Colombia", "-", "based"])
    assert has_run(["[", "Vladimir", "]", "Putin"])
    assert has_run(["Caracas", "’", "support"])
    assert has_run(["“", "interim", "president", ".", "”"])
