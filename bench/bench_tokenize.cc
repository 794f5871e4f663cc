// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Throughput of presslens tokenization + paragraph and sentence splitting,
// and of the whole pipeline (with entities), against ICU's raw word
// BreakIterator over the same UTF-8 text. Prints one
// JSON object; bench/run.py turns it into bench/RESULTS.md.
//
//   bench_tokenize MODEL_DIR CORPUS [MIN_SECONDS [full-only]]
//
// With "full-only" just the full pipeline runs (for instruction counts).
//
// CORPUS holds UTF-8 articles separated by NUL bytes.

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "presslens/pipeline.h"
#include "presslens/resources.h"

namespace {

using Clock = std::chrono::steady_clock;

template <typename F>
double SecondsPerPass(double min_seconds, F&& pass, int* passes) {
  *passes = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  do {
    pass();
    ++*passes;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < min_seconds);
  return elapsed / *passes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s MODEL_DIR CORPUS [MIN_SECONDS]\n", argv[0]);
    return 2;
  }
  const double min_seconds = argc > 3 ? std::atof(argv[3]) : 2.0;
  const bool full_only = argc > 4 && std::string(argv[4]) == "full-only";
  auto nlp = presslens::Pipeline::Load(argv[1]);
  if (!nlp.ok()) {
    std::fprintf(stderr, "%s\n", std::string(nlp.status().message()).c_str());
    return 1;
  }
  auto corpus = presslens::ReadFile(argv[2]);
  if (!corpus.ok()) {
    std::fprintf(stderr, "%s\n", std::string(corpus.status().message()).c_str());
    return 1;
  }
  std::vector<std::string> docs;
  size_t bytes = 0;
  for (size_t pos = 0; pos < corpus->size();) {
    size_t end = corpus->find('\0', pos);
    if (end == std::string::npos) end = corpus->size();
    if (end > pos) {
      docs.emplace_back(corpus->substr(pos, end - pos));
      bytes += end - pos;
    }
    pos = end + 1;
  }

  size_t tokens = 0, sentences = 0, entities = 0;
  int pl_passes = 0;
  const double pl = full_only ? 0.0 : SecondsPerPass(min_seconds, [&] {
    tokens = sentences = 0;
    for (const std::string& d : docs) {
      presslens::Document doc;
      doc.text = d;
      (*nlp)->Segment(&doc);
      tokens += doc.tokens.size();
      sentences += doc.sentences.size();
    }
  }, &pl_passes);
  int full_passes = 0;
  const double full = SecondsPerPass(min_seconds, [&] {
    entities = 0;
    for (const std::string& d : docs) {
      auto doc = (*nlp)->Analyze(d);
      entities += doc->entities.size();
    }
  }, &full_passes);

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status));
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "ICU: %s\n", u_errorName(status));
    return 1;
  }
  size_t boundaries = 0;
  int icu_passes = 0;
  const double icu = full_only ? 0.0 : SecondsPerPass(min_seconds, [&] {
    boundaries = 0;
    for (const std::string& d : docs) {
      UErrorCode st = U_ZERO_ERROR;
      UText* ut = utext_openUTF8(nullptr, d.data(), static_cast<int64_t>(d.size()), &st);
      words->setText(ut, st);
      for (int32_t b = words->first(); b != icu::BreakIterator::DONE; b = words->next()) {
        ++boundaries;
      }
      utext_close(ut);
    }
  }, &icu_passes);

  std::printf(
      "{\"documents\": %zu, \"bytes\": %zu, \"presslens_tokens\": %zu, "
      "\"presslens_sentences\": %zu, \"presslens_seconds\": %.6f, \"presslens_passes\": %d, "
      "\"full_entities\": %zu, \"full_seconds\": %.6f, "
      "\"icu_word_boundaries\": %zu, \"icu_seconds\": %.6f, \"icu_passes\": %d}\n",
      docs.size(), bytes, tokens, sentences, pl, pl_passes, entities, full, boundaries, icu,
      icu_passes);
  return 0;
}
