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

enum class QuoteKind : uint8_t { kDirect, kPartial, kIndirect };
enum class SpeakerType : uint8_t { kUnknown, kPerson, kOrganization, kMedia, kAnonymous };
enum class QuoteCueCategory : uint8_t {
  kNone, kNeutral, kAssertive, kConcessive, kDirective, kEmotive, kInformative,
  kArgumentative, kQuestioning, kDenial, kWarning, kCritical, kCommissive, kBelief,
  kEvidential,
};

// Who a quote comes from: the speaker, or one link of a sourcing chain
// ("the New York Times reported, citing officials").
struct QuoteSource {
  ByteSpan span;  // the words in the text ("he", "Current and former officials")
  SpeakerType type = SpeakerType::kUnknown;
  int32_t cluster = -1;  // entity cluster it resolves to, if any
};

// Something someone said, as the text reports it.
struct Quote {
  QuoteKind kind = QuoteKind::kDirect;
  ByteSpan content;  // without the quote marks
  QuoteSource speaker;  // span empty if the text names no speaker
  ByteSpan cue;         // "said", "has reported", "according to"; may be empty
  std::string cue_lemma;
  QuoteCueCategory cue_category = QuoteCueCategory::kNone;
  std::vector<QuoteSource> sources;  // the chain, speaker first; empty if no speaker
  uint32_t paragraph = 0;
};

// Quoted words that are nobody's speech: scare quotes, titles, so-called terms.
struct ScareQuote {
  ByteSpan content;  // without the quote marks
  uint32_t paragraph = 0;
};

// A word or phrase that shows stance: a hedge, a loaded word, a scare quote.
struct StanceCue {
  ByteSpan span;
  uint16_t category = 0;  // index into Document::cue_categories
  int8_t polarity = 0;    // -1, 0, 1, after negation in scope
  float strength = 0;     // in (0, 1]
  bool negated = false;   // a negation in scope flipped or muted it
  int32_t quote = -1;     // the direct or partial quote it sits in (quoted voice), else -1
  int32_t target = -1;    // the entity cluster it is about, else -1
};

struct SentenceStance {
  float subjectivity = 0;  // [0, 1]
  float polarity = 0;      // [-1, 1]
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
  std::vector<Quote> quotes;  // in text order of content
  std::vector<ScareQuote> scare_quotes;
  std::vector<StanceCue> cues;  // in text order
  std::vector<std::string> cue_categories;  // names of StanceCue::category values
  std::vector<SentenceStance> sentence_stance;  // one per sentence
  // Patterns used for this document (canonical names of pattern entities).
  const EntityPatterns* patterns = nullptr;
};

}  // namespace presslens

#endif  // PRESSLENS_DOCUMENT_H_
