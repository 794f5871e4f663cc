// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/entities.h"

#include <utility>

namespace presslens {

EntityRecognizer::EntityRecognizer(const NerModel* model, const Gazetteer* gazetteer,
                                   absl::flat_hash_set<std::string> titles)
    : model_(model), extractor_(gazetteer), titles_(std::move(titles)) {
  for (size_t i = 0; i < model_->labels().size(); ++i) {
    if (model_->labels()[i] == "PERSON") person_ = static_cast<int>(i);
  }
}

void EntityRecognizer::Trim(const Document& doc, Entity* e) const {
  const std::string_view text = doc.text;
  auto word = [&](uint32_t t) { return doc.tokens[t].In(text); };
  // Leading articles: "the New York Times" -> "New York Times".
  while (e->token_end - e->token_begin > 1) {
    const std::string norm = FeatureExtractor::Normalize(word(e->token_begin));
    if (norm != "the") break;
    ++e->token_begin;
  }
  if (e->label == person_) {
    const uint32_t first = e->token_begin;
    while (e->token_end - e->token_begin > 1 &&
           titles_.contains(AsAbsl(FeatureExtractor::Normalize(word(e->token_begin))))) {
      ++e->token_begin;
    }
    if (e->token_begin > first) {
      e->title = ByteSpan{doc.tokens[first].begin, doc.tokens[e->token_begin - 1].end};
    }
  }
  // Possessive clitics and stray punctuation stay outside: "Russia’s" -> "Russia".
  while (e->token_end - e->token_begin > 1) {
    const Token& last = doc.tokens[e->token_end - 1];
    if (last.has(kFlagClitic) || last.kind == TokenKind::kPunct) {
      --e->token_end;
    } else {
      break;
    }
  }
  e->span = ByteSpan{doc.tokens[e->token_begin].begin, doc.tokens[e->token_end - 1].end};
}

void EntityRecognizer::Recognize(Document* doc) const {
  doc->entity_labels = model_->labels();
  const std::string_view text = doc->text;
  std::vector<std::string_view> words;
  std::vector<uint64_t> feats;
  std::vector<uint32_t> offsets;
  std::vector<uint8_t> tags;
  std::vector<float> scratch;
  for (const Segment& s : doc->sentences) {
    words.clear();
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) words.push_back(doc->tokens[t].In(text));
    extractor_.Extract(words, &feats, &offsets);
    model_->Tag(feats, offsets, &tags, &scratch);
    const uint32_t n = s.token_end - s.token_begin;
    for (uint32_t t = 0; t < n;) {
      const int tag = tags[t];
      if (tag == 0) {
        ++t;
        continue;
      }
      const int label = (tag - 1) / 2;
      uint32_t end = t + 1;
      while (end < n && tags[end] == 2 * label + 2) ++end;
      // The clitic rule above keeps "’s" out; a lone clitic or mark is no entity.
      Entity e;
      e.token_begin = s.token_begin + t;
      e.token_end = s.token_begin + end;
      e.label = static_cast<uint16_t>(label);
      Trim(*doc, &e);
      const Token& only = doc->tokens[e.token_begin];
      if (!(e.token_end - e.token_begin == 1 &&
            (only.has(kFlagClitic) || only.kind == TokenKind::kPunct))) {
        doc->entities.push_back(e);
      }
      t = end;
    }
  }
}

}  // namespace presslens
