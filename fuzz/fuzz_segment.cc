// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Fuzz target: paragraphs, the tokenizer and the sentence splitter
// (Pipeline::Segment) with the shipped model's abbreviations, and the
// tokenizer alone over a range that crosses line breaks.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "../tests/cpp/invariants.h"
#include "fuzz_util.h"
#include "presslens/document.h"
#include "presslens/pipeline.h"
#include "presslens/tokenize.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  presslens::fuzz::ShippedPipeline();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const presslens::Pipeline& nlp = presslens::fuzz::ShippedPipeline();
  presslens::Document doc;
  doc.text = presslens::fuzz::RepairUtf8(
      std::string_view(reinterpret_cast<const char*>(data), size));
  nlp.Segment(&doc);
  const std::string why = presslens::test::CheckDocument(doc);
  FUZZ_CHECK(why.empty(), why);

  // The tokenizer on the whole text at once (line breaks are white space to
  // it): the same tokens as paragraph by paragraph.
  std::vector<presslens::Token> all;
  nlp.tokenizer().Tokenize(doc.text, presslens::ByteSpan{0, static_cast<uint32_t>(doc.text.size())},
                           &all);
  FUZZ_CHECK(all.size() == doc.tokens.size(),
             absl::StrCat(all.size(), " tokens in one go, ", doc.tokens.size(), " by paragraph"));
  for (size_t i = 0; i < all.size(); ++i) {
    FUZZ_CHECK(all[i].begin == doc.tokens[i].begin && all[i].end == doc.tokens[i].end &&
                   all[i].flags == doc.tokens[i].flags && all[i].kind == doc.tokens[i].kind,
               absl::StrCat("token ", i, " differs"));
  }
  return 0;
}
