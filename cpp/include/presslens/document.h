// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// document: what the pipeline stages read and extend, in order
// (text -> paragraphs and tokens -> sentences -> later stages).

#ifndef PRESSLENS_DOCUMENT_H_
#define PRESSLENS_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "presslens/text.h"
#include "presslens/tokenize.h"

namespace presslens {

// A run of text with the half-open range of tokens inside it.
struct Segment {
  ByteSpan span;
  uint32_t token_begin = 0;
  uint32_t token_end = 0;
  uint32_t parent = 0;  // for a sentence: index of its paragraph
};

struct Document {
  std::string text;  // valid UTF-8; every offset below is a byte offset into it
  std::vector<Segment> paragraphs;
  std::vector<Segment> sentences;
  std::vector<Token> tokens;
};

}  // namespace presslens

#endif  // PRESSLENS_DOCUMENT_H_
