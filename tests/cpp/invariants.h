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

#include <cstdint>
#include <string>
#include <string_view>
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
  return "";
}

}  // namespace presslens::test

#endif  // PRESSLENS_TESTS_INVARIANTS_H_
