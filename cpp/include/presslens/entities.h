// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// entities: the entity stage. Runs the NER model over each sentence, turns
// BIO tags into mentions, and trims them to the names a reader would mark:
// leading titles ("President" in "President Nicolas Maduro", "Secretary of
// State" in "Secretary of State Mike Pompeo") become an attribute, articles,
// punctuation and possessive clitics stay outside the span. Mentions never
// overlap each other, and a title never overlaps a mention.

#ifndef PRESSLENS_ENTITIES_H_
#define PRESSLENS_ENTITIES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "presslens/tokenize.h"
#include "presslens/document.h"
#include "presslens/gazetteer.h"
#include "presslens/ner.h"

namespace presslens {

// A user's entity pattern: a phrase (tokenized like the text) with its label,
// and optionally the canonical name its cluster should carry.
struct EntityPattern {
  std::string phrase;
  std::string label;
  bool case_insensitive = false;
  std::string canonical;
};

// A compiled, immutable set of patterns. Patterns take precedence over the
// model: a match replaces every model mention it overlaps.
class EntityPatterns {
 public:
  // InvalidArgument saying why `pattern` cannot match: an empty label, a
  // label or canonical name that is not UTF-8, or a phrase that is not UTF-8
  // or has no tokens.
  static absl::Status Check(const EntityPattern& pattern, const Tokenizer& tokenizer);
  // InvalidArgument names the first pattern Check() rejects.
  static absl::StatusOr<EntityPatterns> Build(std::vector<EntityPattern> patterns,
                                              const Tokenizer& tokenizer);

  struct Hit {
    uint32_t begin, end;  // token indexes
    uint32_t pattern;
  };
  // Matches in tokens [begin, end), not overlapping, in text order. Where
  // matches overlap the longest wins, then the leftmost; where an exact and a
  // case-insensitive pattern match the same tokens, the exact one.
  void Match(std::string_view text, absl::Span<const Token> tokens, uint32_t begin,
             uint32_t end, std::vector<Hit>* out) const;

  const EntityPattern& pattern(uint32_t i) const { return patterns_[i]; }
  size_t size() const { return patterns_.size(); }

 private:
  std::vector<EntityPattern> patterns_;
  Gazetteer exact_, folded_;
  absl::flat_hash_map<uint32_t, uint32_t> exact_pattern_, folded_pattern_;  // node -> pattern
};

class EntityRecognizer {
 public:
  // `model` and `gazetteer` must outlive the recognizer; `titles` are
  // normalised (FeatureExtractor::Normalize) title words: "president", "gen.".
  // `common_words` (may be empty) are words prose writes in lower case; in a
  // title-case headline the tagger reads them lower-cased. The feature
  // weights of `vocabulary` words (frequent token forms) are summed at load,
  // their cluster features included. `clusters` (may be null) must outlive
  // the recognizer.
  EntityRecognizer(const NerModel* model, const Gazetteer* gazetteer,
                   absl::flat_hash_set<std::string> titles,
                   absl::flat_hash_set<std::string> common_words = {},
                   const absl::flat_hash_set<std::string>& vocabulary = {},
                   const WordClusters* clusters = nullptr);
  ~EntityRecognizer();

  // Appends the mentions of `doc` (tokens and sentences filled in) to
  // doc->entities, in text order; `patterns` (may be null) override the model.
  void Recognize(Document* doc, const EntityPatterns* patterns = nullptr) const;

  // The step after tagging: appends the mentions of the BIO `tags` of
  // `sentence` to doc->entities (Recognize without the model, for tests).
  void AddMentions(Document* doc, const Segment& sentence, absl::Span<const uint8_t> tags) const;

  // The step between tagging and AddMentions: `tags` are the BIO tags of
  // every token of `doc`, `sentences` the spans tagged. A lone surname of a
  // person named in full elsewhere in the document, left untagged, becomes
  // PERSON (public for tests).
  void PropagateNames(const Document& doc, absl::Span<const Segment> sentences,
                      absl::Span<uint8_t> tags) const;

  const std::vector<std::string>& labels() const { return model_->labels(); }

 private:
  // Trims mention `e`; it may grow (currency sign, unit) only within tokens
  // [lo, hi), so it never takes a token of a neighbouring mention.
  void Trim(const Document& doc, uint32_t lo, uint32_t hi, Entity* e) const;
  // First token of the title right before token `name`, at or after `floor`
  // (`name` if there is none).
  uint32_t TitleBefore(const Document& doc, uint32_t floor, uint32_t name) const;
  bool IsTitle(std::string_view word) const;

  // Per-document cache of each word type's keys and summed role weights:
  // news text repeats most words, and their weights are most of the work.
  struct TypeCache;
  void AddType(TypeCache* cache, std::string_view word) const;
  void TagSentence(std::string_view text, absl::Span<const Token> tokens, const Segment& s,
                   TypeCache* cache, std::vector<uint8_t>* tags) const;

  const NerModel* model_;
  std::vector<float> start_roles_, end_roles_;  // sentinel words' role vectors
  // Weights of the cluster features: row cluster_offset_[role * kLevels +
  // level] + id, num_tags floats each; ids below cluster_width_[level].
  std::vector<float> cluster_roles_;
  size_t cluster_offset_[FeatureExtractor::kNumRoles * WordClusters::kLevels] = {};
  int cluster_width_[WordClusters::kLevels] = {};
  std::unique_ptr<TypeCache> shared_;           // frequent words, built at load
  FeatureExtractor extractor_;
  absl::flat_hash_set<std::string> titles_;
  absl::flat_hash_set<std::string> common_;
  int person_ = -1;  // label ids of PERSON, ORG, MONEY, PERCENT, if the model has them
  int org_ = -1;
  int money_ = -1;
  int percent_ = -1;
};

}  // namespace presslens

#endif  // PRESSLENS_ENTITIES_H_
