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

// A mention of a named entity or a numeric expression.
struct Entity {
  ByteSpan span;
  uint32_t token_begin = 0;
  uint32_t token_end = 0;
  uint16_t label = 0;  // index into Document::entity_labels
  ByteSpan title;      // a leading title trimmed off a PERSON ("President"); empty if none
  int32_t cluster = -1;
  int32_t pattern = -1;  // the user pattern that produced it, if any
};

// Mentions of one entity, with the name a reader would file them under.
struct EntityCluster {
  uint16_t label = 0;
  std::string canonical;
  std::vector<uint32_t> mentions;  // indexes into Document::entities
};

class EntityPatterns;

struct Document {
  std::string text;  // valid UTF-8; every offset below is a byte offset into it
  std::vector<Segment> paragraphs;
  std::vector<Segment> sentences;
  std::vector<Token> tokens;
  std::vector<Entity> entities;
  std::vector<std::string> entity_labels;  // names of Entity::label values
  std::vector<EntityCluster> clusters;
  // Patterns used for this document (canonical names of pattern entities).
  const EntityPatterns* patterns = nullptr;
};

}  // namespace presslens

#endif  // PRESSLENS_DOCUMENT_H_
