// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// entities: the entity stage. Runs the NER model over each sentence, turns
// BIO tags into mentions, and trims them to the names a reader would mark:
// leading titles ("President" in "President Nicolas Maduro") become an
// attribute, articles and possessive clitics stay outside the span.

#ifndef PRESSLENS_ENTITIES_H_
#define PRESSLENS_ENTITIES_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "presslens/document.h"
#include "presslens/gazetteer.h"
#include "presslens/ner.h"

namespace presslens {

class EntityRecognizer {
 public:
  // `model` and `gazetteer` must outlive the recognizer; `titles` are
  // normalised (FeatureExtractor::Normalize) title words: "president", "gen.".
  EntityRecognizer(const NerModel* model, const Gazetteer* gazetteer,
                   absl::flat_hash_set<std::string> titles);

  // Appends the mentions of `doc` (tokens and sentences filled in) to
  // doc->entities, in text order. Label ids index labels().
  void Recognize(Document* doc) const;

  const std::vector<std::string>& labels() const { return model_->labels(); }

 private:
  void Trim(const Document& doc, Entity* e) const;

  const NerModel* model_;
  FeatureExtractor extractor_;
  absl::flat_hash_set<std::string> titles_;
  int person_ = -1;  // label id of PERSON, if the model has it
};

}  // namespace presslens

#endif  // PRESSLENS_ENTITIES_H_
