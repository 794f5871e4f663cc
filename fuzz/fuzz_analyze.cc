// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Fuzz target: the full analysis of arbitrary bytes with the shipped model
// (Pipeline::Analyze: tokens, sentences, entities, quotes, stance cues), with
// and without user entity patterns. Invalid UTF-8 must be refused naming a
// byte offset; anything else must give a document that keeps every promise
// of document.h (tests/cpp/invariants.h), the same one every time.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../tests/cpp/invariants.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "fuzz_util.h"
#include "presslens/entities.h"
#include "presslens/pipeline.h"

namespace {

const presslens::EntityPatterns& Patterns() {
  static const presslens::EntityPatterns* const p = [] {
    std::vector<presslens::EntityPattern> rows = {
        {"Harbour City Council", "ORG", false, ""},
        {"greens", "PARTY", true, "Green Party"},
        {"Vasquez", "PERSON", false, "Elena Vasquez"},
        {"$", "SIGN", false, ""},
        {"“", "QUOTE", false, ""},
        {"New York", "GPE", true, ""},
        {"a a", "PAIR", true, ""},
    };
    auto built = presslens::EntityPatterns::Build(rows, presslens::fuzz::ShippedPipeline().tokenizer());
    if (!built.ok()) std::abort();
    return new presslens::EntityPatterns(std::move(*built));
  }();
  return *p;
}

std::string Dump(const presslens::Document& doc) {
  std::string out;
  for (const auto& t : doc.tokens) absl::StrAppend(&out, t.begin, ",", t.end, ",", t.flags, ";");
  for (const auto& s : doc.sentences) absl::StrAppend(&out, "S", s.token_begin, ",", s.token_end, ";");
  for (const auto& e : doc.entities) {
    absl::StrAppend(&out, "E", e.token_begin, ",", e.token_end, ",", e.label, ",", e.cluster, ",",
                    e.title.begin, ",", e.title.end, ";");
  }
  for (const auto& c : doc.clusters) {
    absl::StrAppend(&out, "C", c.label, ",", c.canonical, ",", absl::StrJoin(c.mentions, ","), ";");
  }
  for (const auto& q : doc.quotes) {
    absl::StrAppend(&out, "Q", static_cast<int>(q.kind), ",", q.content.begin, ",", q.content.end, ",",
                    q.speaker.span.begin, ",", q.speaker.span.end, ",", q.speaker.cluster, ",",
                    q.cue.begin, ",", q.cue.end, ",", q.cue_lemma, ",", q.paragraph, ",",
                    q.sources.size(), ";");
  }
  for (const auto& s : doc.scare_quotes) absl::StrAppend(&out, "P", s.content.begin, ",", s.content.end, ";");
  for (const auto& c : doc.cues) {
    absl::StrAppend(&out, "K", c.span.begin, ",", c.span.end, ",", c.category, ",", c.polarity, ",",
                    c.strength, ",", c.quote, ",", c.target, ";");
  }
  for (const auto& s : doc.sentence_stance) absl::StrAppend(&out, "T", s.subjectivity, ",", s.polarity, ";");
  return out;
}

void Check(const presslens::Document& doc) {
  const std::string why = presslens::test::CheckDocument(doc);
  FUZZ_CHECK(why.empty(), why);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Every stage runs: the shipped model has quote cues and lexicons.
  const presslens::Pipeline& nlp = presslens::fuzz::ShippedPipeline();
  FUZZ_CHECK(nlp.ner_model() != nullptr && nlp.quote_finder() != nullptr && nlp.cue_lexicon() != nullptr,
             "the shipped model lacks a stage");
  Patterns();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const presslens::Pipeline& nlp = presslens::fuzz::ShippedPipeline();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<presslens::Document> doc = nlp.Analyze(bytes);
  std::string text;
  if (!doc.ok()) {
    FUZZ_CHECK(doc.status().code() == absl::StatusCode::kInvalidArgument &&
                   doc.status().message().find("byte offset") != absl::string_view::npos,
               doc.status().ToString());
    text = presslens::fuzz::RepairUtf8(bytes);
    doc = nlp.Analyze(text);
    FUZZ_CHECK(doc.ok(), doc.status().ToString());
  } else {
    text.assign(bytes);
  }
  Check(*doc);
  const std::string first = Dump(*doc);

  // With patterns: the model's mentions a pattern overlaps give way to it.
  presslens::Document with;
  with.text = text;
  nlp.Run(&with, &Patterns());
  Check(with);

  // Nothing carries over from one document to the next (per-thread scratch).
  presslens::Document again;
  again.text = text;
  nlp.Run(&again);
  FUZZ_CHECK(Dump(again) == first, "a second analysis of the same text differs");
  return 0;
}
