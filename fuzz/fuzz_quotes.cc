// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Fuzz target: the quote stage alone (QuoteFinder::Find with the shipped
// quote cues and speaker nouns) over segmented text, without entities, so
// that every execution goes to mark pairing and attribution.
//
// Checks the promises of quotes.h (tests/cpp/invariants.h: spans on tokens,
// in order, quotations apart and between their marks, never past their
// paragraph unless the next opens with a mark), that a second run gives the
// same quotes, and that marks are paired per paragraph: the input cut in two
// and joined by a blank line before a paragraph that opens with a word gives
// the quotations of each half on its own.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../tests/cpp/invariants.h"
#include "absl/strings/str_cat.h"
#include "fuzz_util.h"
#include "presslens/document.h"
#include "presslens/pipeline.h"
#include "presslens/quotes.h"

namespace {

const presslens::QuoteFinder& Finder() {
  const presslens::QuoteFinder* f = presslens::fuzz::ShippedPipeline().quote_finder();
  if (f == nullptr) {
    std::fprintf(stderr, "%s has no quote_cues.tsv\n", PRESSLENS_MODEL_DIR);
    std::abort();
  }
  return *f;
}

presslens::Document FindQuotes(std::string text) {
  presslens::Document doc;
  doc.text = std::move(text);
  presslens::fuzz::ShippedPipeline().Segment(&doc);
  Finder().Find(&doc);
  const std::string why = presslens::test::CheckDocument(doc, /*deep=*/false);
  FUZZ_CHECK(why.empty(), why);
  return doc;
}

std::string Dump(const presslens::Document& doc) {
  std::string out;
  for (const presslens::Quote& q : doc.quotes) {
    absl::StrAppend(&out, "Q", static_cast<int>(q.kind), ",", q.content.begin, ",", q.content.end, ",",
                    q.speaker.span.begin, ",", q.speaker.span.end, ",", q.cue.begin, ",", q.cue.end, ",",
                    q.cue_lemma, ",", q.paragraph, ",", q.sources.size(), ";");
  }
  for (const presslens::ScareQuote& s : doc.scare_quotes) {
    absl::StrAppend(&out, "S", s.content.begin, ",", s.content.end, ",", s.paragraph, ";");
  }
  return out;
}

// The quoted material of direct and partial quotes and scare quotes (one per
// pair of marks), shifted by `offset`, in text order.
std::vector<std::pair<uint32_t, uint32_t>> Quotations(const presslens::Document& doc,
                                                      uint32_t offset = 0) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const presslens::Quote& q : doc.quotes) {
    if (q.kind != presslens::QuoteKind::kIndirect) {
      out.push_back({q.content.begin + offset, q.content.end + offset});
    }
  }
  for (const presslens::ScareQuote& s : doc.scare_quotes) {
    out.push_back({s.content.begin + offset, s.content.end + offset});
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Finder();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text =
      presslens::fuzz::RepairUtf8(std::string_view(reinterpret_cast<const char*>(data), size));
  const presslens::Document doc = FindQuotes(text);

  // Nothing carries over from one run to the next.
  presslens::Document again;
  again.text = text;
  presslens::fuzz::ShippedPipeline().Segment(&again);
  Finder().Find(&again);
  FUZZ_CHECK(Dump(again) == Dump(doc), "a second run over the same text differs");

  // Per paragraph: an unclosed mark in the first half cannot reach past the
  // blank line into a paragraph that opens with a word, nor can the second
  // half reach back. The cut is at a code point boundary chosen by the input.
  if (text.empty()) return 0;
  size_t cut = static_cast<uint8_t>(text[0]) * text.size() / 256;
  while (cut < text.size() && !presslens::test::IsCodepointBoundary(text, static_cast<uint32_t>(cut))) {
    ++cut;
  }
  const std::string first = text.substr(0, cut);
  const std::string second = "x " + text.substr(cut);
  const std::string joined = first + "\n\n" + second;
  std::vector<std::pair<uint32_t, uint32_t>> expected = Quotations(FindQuotes(first));
  for (const auto& q : Quotations(FindQuotes(second), static_cast<uint32_t>(first.size() + 2))) {
    expected.push_back(q);
  }
  const std::vector<std::pair<uint32_t, uint32_t>> got = Quotations(FindQuotes(joined));
  if (got != expected) {
    std::string why = absl::StrCat("cut at byte ", cut, ": ", got.size(), " quotations joined, ",
                                   expected.size(), " apart:");
    for (const auto& [b, e] : got) absl::StrAppend(&why, " ", b, "..", e);
    absl::StrAppend(&why, " vs");
    for (const auto& [b, e] : expected) absl::StrAppend(&why, " ", b, "..", e);
    FUZZ_CHECK(false, why);
  }
  return 0;
}
