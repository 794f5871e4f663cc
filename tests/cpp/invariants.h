// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// What every analysed document promises, whatever its text: shared by the
// adversarial-input tests and the fuzz targets (fuzz/), which abort when a
// promise is broken.
//
//   std::string why = presslens::test::CheckDocument(doc);  // "" if sound

#ifndef PRESSLENS_TESTS_INVARIANTS_H_
#define PRESSLENS_TESTS_INVARIANTS_H_

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "presslens/document.h"
#include "presslens/text.h"

namespace presslens::test {

inline bool IsCodepointBoundary(std::string_view text, uint32_t byte) {
  return byte >= text.size() || (static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80;
}

// True if text[b, e) holds only code points the tokenizer skips as space.
inline bool OnlySpace(std::string_view text, uint32_t b, uint32_t e) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(b);
  while (i < static_cast<int32_t>(e)) {
    UChar32 c;
    U8_NEXT_OR_FFFD(s, i, static_cast<int32_t>(e), c);
    if (!IsSpaceLike(static_cast<uint32_t>(c))) return false;
  }
  return true;
}

// The token that starts at byte `begin` (`ends`: ends at it), or -1.
inline int64_t TokenAt(const std::vector<Token>& toks, uint32_t byte, bool ends) {
  const auto it = std::lower_bound(toks.begin(), toks.end(), byte, [&](const Token& t, uint32_t b) {
    return (ends ? t.end : t.begin) < b;
  });
  if (it == toks.end() || (ends ? it->end : it->begin) != byte) return -1;
  return it - toks.begin();
}

// "" if `s` is empty (when `may_be_empty`) or starts and ends on tokens.
inline std::string CheckTokenSpan(const Document& doc, ByteSpan s, bool may_be_empty,
                                  const std::string& what) {
  if (s.empty() && may_be_empty) return "";
  if (!(s.begin < s.end && s.end <= doc.text.size())) {
    return absl::StrCat(what, " has range ", s.begin, "..", s.end);
  }
  if (TokenAt(doc.tokens, s.begin, false) < 0 || TokenAt(doc.tokens, s.end, true) < 0) {
    return absl::StrCat(what, " ", s.begin, "..", s.end, " does not start and end on tokens");
  }
  return "";
}

// The paragraph holding byte `b` (the last one starting at or before it).
inline uint32_t ParagraphOf(const Document& doc, uint32_t b) {
  const auto it = std::upper_bound(doc.paragraphs.begin(), doc.paragraphs.end(), b,
                                   [](uint32_t v, const Segment& p) { return v < p.span.begin; });
  return it == doc.paragraphs.begin() ? 0 : static_cast<uint32_t>(it - doc.paragraphs.begin() - 1);
}

// The promises of the quote stage (quotes.h): spans on tokens inside the
// text, quotes and scare quotes each in text order, and quotations (direct
// and partial quotes, scare quotes) apart from one another, each between its
// marks, never running past its paragraph unless the next one opens with a
// quote mark.
inline std::string CheckQuotes(const Document& doc) {
  const auto& toks = doc.tokens;
  const auto nclusters = static_cast<int32_t>(doc.clusters.size());
  std::vector<std::pair<ByteSpan, std::string>> quotations;
  auto check_quotation = [&](ByteSpan c, const std::string& what) -> std::string {
    const int64_t first = TokenAt(toks, c.begin, false);
    const int64_t last = TokenAt(toks, c.end, true);
    if (first < 1 || !toks[first - 1].has(kFlagQuote)) {
      return absl::StrCat(what, " does not follow a quote mark");
    }
    const uint32_t p0 = ParagraphOf(doc, toks[first - 1].begin);
    const uint32_t p1 = ParagraphOf(doc, c.end - 1);
    const bool at_paragraph_end = doc.paragraphs[p1].token_end == static_cast<uint32_t>(last) + 1;
    if (!at_paragraph_end && !toks[last + 1].has(kFlagQuote)) {
      return absl::StrCat(what, " ends neither at a quote mark nor at its paragraph's end");
    }
    for (uint32_t p = p0 + 1; p <= p1; ++p) {
      if (!toks[doc.paragraphs[p].token_begin].has(kFlagQuote)) {
        return absl::StrCat(what, " runs into paragraph ", p, ", which opens with no quote mark");
      }
    }
    quotations.push_back({c, what});
    return "";
  };
  auto check_source = [&](const QuoteSource& s, const std::string& what) -> std::string {
    if (std::string why = CheckTokenSpan(doc, s.span, true, what); !why.empty()) return why;
    if (s.cluster < -1 || s.cluster >= nclusters) return absl::StrCat(what, " has cluster ", s.cluster);
    if (static_cast<uint8_t>(s.type) > static_cast<uint8_t>(SpeakerType::kAnonymous)) {
      return absl::StrCat(what, " has type ", static_cast<int>(s.type));
    }
    return "";
  };
  for (size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    const std::string what = absl::StrCat("quote ", i);
    if (std::string why = CheckTokenSpan(doc, q.content, false, what + " content"); !why.empty()) return why;
    if (i > 0 && q.content.begin < doc.quotes[i - 1].content.begin) {
      return absl::StrCat(what, " is out of order");
    }
    if (q.paragraph >= doc.paragraphs.size()) return absl::StrCat(what, " has paragraph ", q.paragraph);
    if (static_cast<uint8_t>(q.kind) > static_cast<uint8_t>(QuoteKind::kIndirect) ||
        static_cast<uint8_t>(q.cue_category) > static_cast<uint8_t>(QuoteCueCategory::kEvidential)) {
      return absl::StrCat(what, " has kind ", static_cast<int>(q.kind), " and cue category ",
                          static_cast<int>(q.cue_category));
    }
    if (std::string why = CheckTokenSpan(doc, q.cue, true, what + " cue"); !why.empty()) return why;
    if (std::string why = check_source(q.speaker, what + " speaker"); !why.empty()) return why;
    if (q.speaker.span.empty() != q.sources.empty() ||
        (!q.sources.empty() && !(q.sources[0].span == q.speaker.span))) {
      return absl::StrCat(what, " has ", q.sources.size(), " sources, not led by its speaker");
    }
    for (size_t k = 0; k < q.sources.size(); ++k) {
      if (q.sources[k].span.empty()) return absl::StrCat(what, " source ", k, " is empty");
      if (std::string why = check_source(q.sources[k], absl::StrCat(what, " source ", k)); !why.empty()) {
        return why;
      }
    }
    if (q.kind == QuoteKind::kIndirect) {
      // Reported speech is read within one writer's sentence.
      if (ParagraphOf(doc, q.content.begin) != ParagraphOf(doc, q.content.end - 1)) {
        return absl::StrCat(what, " (indirect) crosses a paragraph boundary");
      }
    } else if (std::string why = check_quotation(q.content, what); !why.empty()) {
      return why;
    }
  }
  for (size_t i = 0; i < doc.scare_quotes.size(); ++i) {
    const ScareQuote& q = doc.scare_quotes[i];
    const std::string what = absl::StrCat("scare quote ", i);
    if (std::string why = CheckTokenSpan(doc, q.content, false, what); !why.empty()) return why;
    if (i > 0 && q.content.begin < doc.scare_quotes[i - 1].content.begin) {
      return absl::StrCat(what, " is out of order");
    }
    if (std::string why = check_quotation(q.content, what); !why.empty()) return why;
    // The paragraph is the one its opening mark is in.
    const int64_t first = TokenAt(toks, q.content.begin, false);
    if (q.paragraph != ParagraphOf(doc, toks[first - 1].begin)) {
      return absl::StrCat(what, " has paragraph ", q.paragraph);
    }
  }
  std::sort(quotations.begin(), quotations.end(),
            [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
  for (size_t i = 1; i < quotations.size(); ++i) {
    if (quotations[i].first.begin < quotations[i - 1].first.end) {
      return absl::StrCat(quotations[i].second, " overlaps ", quotations[i - 1].second);
    }
  }
  return "";
}

// The promises of the stance-cue stage (cues.h): cues on tokens in text
// order, with a category, polarity and strength in range; a quoted cue sits
// inside the direct or partial quote it names; one score per sentence.
inline std::string CheckCues(const Document& doc) {
  for (size_t i = 0; i < doc.cues.size(); ++i) {
    const StanceCue& c = doc.cues[i];
    const std::string what = absl::StrCat("cue ", i);
    if (std::string why = CheckTokenSpan(doc, c.span, false, what); !why.empty()) return why;
    if (i > 0 && c.span.begin < doc.cues[i - 1].span.begin) return absl::StrCat(what, " is out of order");
    if (c.category >= doc.cue_categories.size()) return absl::StrCat(what, " has category ", c.category);
    if (c.polarity < -1 || c.polarity > 1 || (c.negated && c.polarity == 0)) {
      return absl::StrCat(what, " has polarity ", c.polarity, c.negated ? " (negated)" : "");
    }
    if (!(c.strength > 0 && c.strength <= 1)) return absl::StrCat(what, " has strength ", c.strength);
    if (c.quote != -1) {
      if (c.quote < 0 || static_cast<size_t>(c.quote) >= doc.quotes.size()) {
        return absl::StrCat(what, " has quote ", c.quote);
      }
      const Quote& q = doc.quotes[c.quote];
      if (q.kind == QuoteKind::kIndirect || c.span.begin < q.content.begin || c.span.end > q.content.end) {
        return absl::StrCat(what, " is not inside the direct or partial quote ", c.quote);
      }
    }
    if (c.target < -1 || c.target >= static_cast<int32_t>(doc.clusters.size())) {
      return absl::StrCat(what, " has target ", c.target);
    }
  }
  // No cue lexicon: no scores at all.
  if (!doc.sentence_stance.empty() && doc.sentence_stance.size() != doc.sentences.size()) {
    return absl::StrCat(doc.sentence_stance.size(), " sentence scores for ", doc.sentences.size(),
                        " sentences");
  }
  for (size_t s = 0; s < doc.sentence_stance.size(); ++s) {
    const SentenceStance& st = doc.sentence_stance[s];
    if (!(st.subjectivity >= 0 && st.subjectivity <= 1 && st.polarity >= -1 && st.polarity <= 1)) {
      return absl::StrCat("sentence ", s, " has subjectivity ", st.subjectivity, " and polarity ",
                          st.polarity);
    }
  }
  return "";
}

// "" if `doc` keeps every promise of document.h, else the first broken one.
// `deep` also checks that tokens hold no white space and that the text
// between them holds nothing else (linear in the text size).
inline std::string CheckDocument(const Document& doc, bool deep = true) {
  const std::string_view text = doc.text;
  const auto n = static_cast<uint32_t>(text.size());
  const auto& toks = doc.tokens;
  const auto ntok = static_cast<uint32_t>(toks.size());
  // Tokens: non-empty, in order, on code point boundaries, inside the text.
  for (uint32_t i = 0; i < ntok; ++i) {
    const Token& t = toks[i];
    if (!(t.begin < t.end && t.end <= n)) return absl::StrCat("token ", i, " has range ", t.begin, "..", t.end);
    if (i > 0 && t.begin < toks[i - 1].end) return absl::StrCat("token ", i, " overlaps token ", i - 1);
    if (!IsCodepointBoundary(text, t.begin) || !IsCodepointBoundary(text, t.end)) {
      return absl::StrCat("token ", i, " splits a code point");
    }
    if (static_cast<uint8_t>(t.kind) > 3) return absl::StrCat("token ", i, " has kind ", int(t.kind));
  }
  // Paragraphs tile the tokens; each is trimmed to its first and last token.
  uint32_t expect_tok = 0;
  for (uint32_t p = 0; p < doc.paragraphs.size(); ++p) {
    const Segment& s = doc.paragraphs[p];
    if (s.token_begin != expect_tok || s.token_end <= s.token_begin || s.token_end > ntok) {
      return absl::StrCat("paragraph ", p, " has tokens ", s.token_begin, "..", s.token_end,
                          " (expected to start at ", expect_tok, " of ", ntok, ")");
    }
    if (s.span.begin != toks[s.token_begin].begin || s.span.end != toks[s.token_end - 1].end) {
      return absl::StrCat("paragraph ", p, " span ", s.span.begin, "..", s.span.end,
                          " is not its tokens' span");
    }
    if (p > 0 && s.span.begin < doc.paragraphs[p - 1].span.end) {
      return absl::StrCat("paragraph ", p, " overlaps the one before");
    }
    if (deep) {
      for (uint32_t t = s.token_begin + 1; t < s.token_end; ++t) {
        if (!OnlySpace(text, toks[t - 1].end, toks[t].begin)) {
          return absl::StrCat("text between tokens ", t - 1, " and ", t, " is not white space");
        }
      }
    }
    expect_tok = s.token_end;
  }
  if (expect_tok != ntok) return absl::StrCat("paragraphs cover ", expect_tok, " of ", ntok, " tokens");
  if (deep) {
    for (uint32_t i = 0; i < ntok; ++i) {
      const auto* s = reinterpret_cast<const uint8_t*>(text.data());
      int32_t j = static_cast<int32_t>(toks[i].begin);
      while (j < static_cast<int32_t>(toks[i].end)) {
        UChar32 c;
        U8_NEXT_OR_FFFD(s, j, static_cast<int32_t>(toks[i].end), c);
        if (IsSpaceLike(static_cast<uint32_t>(c))) {
          return absl::StrCat("token ", i, " holds white space U+", absl::Hex(c));
        }
      }
    }
    // Text outside every paragraph is white space.
    uint32_t pos = 0;
    for (const Segment& s : doc.paragraphs) {
      if (!OnlySpace(text, pos, s.span.begin)) return absl::StrCat("text before ", s.span.begin, " lost");
      pos = s.span.end;
    }
    if (!OnlySpace(text, pos, n)) return absl::StrCat("text after ", pos, " lost");
  }
  // Sentences tile each paragraph's tokens, in order.
  size_t si = 0;
  for (uint32_t p = 0; p < doc.paragraphs.size(); ++p) {
    const Segment& para = doc.paragraphs[p];
    uint32_t next = para.token_begin;
    while (next < para.token_end) {
      if (si >= doc.sentences.size()) return absl::StrCat("paragraph ", p, " lacks sentences");
      const Segment& s = doc.sentences[si];
      if (s.parent != p || s.token_begin != next || s.token_end <= s.token_begin ||
          s.token_end > para.token_end) {
        return absl::StrCat("sentence ", si, " (tokens ", s.token_begin, "..", s.token_end,
                            ", paragraph ", s.parent, ") does not continue paragraph ", p,
                            " at token ", next);
      }
      if (s.span.begin != toks[s.token_begin].begin || s.span.end != toks[s.token_end - 1].end) {
        return absl::StrCat("sentence ", si, " span is not its tokens' span");
      }
      next = s.token_end;
      ++si;
    }
  }
  if (si != doc.sentences.size()) return absl::StrCat(doc.sentences.size() - si, " sentences too many");
  // Entities: in order, not overlapping, inside one sentence, spans on tokens.
  std::vector<uint32_t> sentence_of(ntok);
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
    for (uint32_t t = doc.sentences[s].token_begin; t < doc.sentences[s].token_end; ++t) sentence_of[t] = s;
  }
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    if (!(e.token_begin < e.token_end && e.token_end <= ntok)) {
      return absl::StrCat("entity ", i, " has tokens ", e.token_begin, "..", e.token_end);
    }
    if (e.span.begin != toks[e.token_begin].begin || e.span.end != toks[e.token_end - 1].end) {
      return absl::StrCat("entity ", i, " span is not its tokens' span");
    }
    if (sentence_of[e.token_begin] != sentence_of[e.token_end - 1]) {
      return absl::StrCat("entity ", i, " (tokens ", e.token_begin, "..", e.token_end,
                          ") crosses a sentence boundary");
    }
    if (i > 0 && e.token_begin < doc.entities[i - 1].token_end) {
      return absl::StrCat("entity ", i, " overlaps or precedes entity ", i - 1);
    }
    if (e.label >= doc.entity_labels.size()) return absl::StrCat("entity ", i, " has label ", e.label);
    if (!e.title.empty()) {
      if (!(e.title.begin < e.title.end && e.title.end <= e.span.begin) ||
          !IsCodepointBoundary(text, e.title.begin) || !IsCodepointBoundary(text, e.title.end)) {
        return absl::StrCat("entity ", i, " has title ", e.title.begin, "..", e.title.end);
      }
      if (e.title.begin < doc.sentences[sentence_of[e.token_begin]].span.begin) {
        return absl::StrCat("entity ", i, " has a title before its sentence");
      }
    }
    if (e.cluster < 0 || static_cast<size_t>(e.cluster) >= doc.clusters.size()) {
      if (!doc.clusters.empty() || e.cluster != -1) {
        return absl::StrCat("entity ", i, " has cluster ", e.cluster);
      }
    }
  }
  // Clusters: every entity in exactly the cluster it names, first mentions in order.
  size_t mentions = 0;
  for (size_t c = 0; c < doc.clusters.size(); ++c) {
    const EntityCluster& cl = doc.clusters[c];
    if (cl.mentions.empty()) return absl::StrCat("cluster ", c, " has no mentions");
    if (c > 0 && cl.mentions.front() <= doc.clusters[c - 1].mentions.front()) {
      return absl::StrCat("cluster ", c, " is out of order");
    }
    for (size_t m = 0; m < cl.mentions.size(); ++m) {
      const uint32_t e = cl.mentions[m];
      if (e >= doc.entities.size() || doc.entities[e].cluster != static_cast<int32_t>(c) ||
          (m > 0 && e <= cl.mentions[m - 1])) {
        return absl::StrCat("cluster ", c, " mention ", m, " is entity ", e);
      }
      if (doc.entities[e].label != cl.label) return absl::StrCat("cluster ", c, " mixes labels");
    }
    if (!ValidateUtf8(cl.canonical).ok()) return absl::StrCat("cluster ", c, " canonical is not UTF-8");
    mentions += cl.mentions.size();
  }
  if (!doc.clusters.empty() && mentions != doc.entities.size()) {
    return absl::StrCat(doc.entities.size() - mentions, " entities in no cluster");
  }
  if (std::string why = CheckQuotes(doc); !why.empty()) return why;
  return CheckCues(doc);
}

}  // namespace presslens::test

#endif  // PRESSLENS_TESTS_INVARIANTS_H_
