// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// ner: the statistical entity tagger.
//
// A first-order structured perceptron (Collins 2002) over BIO tags: sparse
// hashed features per token (word forms, shapes, affixes, neighbours,
// gazetteer matches) give emission scores, a tag-transition matrix links
// neighbours, and Viterbi decoding finds the best tag sequence of a sentence.
// Tag 0 is O; label k has B = 2k+1 and I = 2k+2. I-k may only follow B-k or
// I-k, which decoding enforces.
//
// The same FeatureExtractor serves training (ner_train.h) and tagging, so
// both see the same features for the same words.
//
// Word clusters (WordClusters, the model directory's word_clusters.tsv) give
// each frequent word a cluster id at a few granularities, learned from
// unlabelled news text; they are features of the word and of its neighbours.

#ifndef PRESSLENS_NER_H_
#define PRESSLENS_NER_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "presslens/gazetteer.h"

namespace presslens {

inline constexpr int kMaxNerTags = 32;  // tag sets are bit masks in training

// Gazetteer categories used as features.
enum GazetteerCategory : int {
  kGazGpe = 0,
  kGazCountry = 1,
  kGazDemonym = 2,   // NORP words: Venezuelan, Muslims, Democrats
  kGazFirstName = 3,
  kGazTitle = 4,     // president, Gen.
  kGazOrg = 5,
  kGazMedia = 6,
  kGazRegion = 7,    // first-level subdivisions
  kGazNumCategories = 8,
};

// Word -> cluster ids at kLevels granularities (coarse to fine), keyed by
// the hash of the normalised word (FeatureExtractor::Normalize). Words the
// table does not have get no cluster features.
class WordClusters {
 public:
  static constexpr int kLevels = 3;
  static constexpr uint16_t kNone = 0xFFFF;
  using Ids = std::array<uint16_t, kLevels>;

  WordClusters() = default;

  // Reads "word<TAB>id<TAB>id<TAB>id" rows ('#' lines are comments); words
  // are normalised as they are read. InvalidArgument names a malformed row.
  static absl::StatusOr<WordClusters> Load(const std::string& path);

  // Adds (or replaces) the ids of `word` (normalised here).
  void Add(std::string_view word, const Ids& ids);

  // The ids of the word whose normalised form hashes to `norm_hash`, or null.
  const Ids* Find(uint64_t norm_hash) const {
    auto it = ids_.find(norm_hash);
    return it == ids_.end() ? nullptr : &it->second;
  }
  size_t size() const { return ids_.size(); }
  // One more than the largest id at `level` (0 for an empty table).
  int num_ids(int level) const { return num_ids_[level]; }

 private:
  absl::flat_hash_map<uint64_t, Ids> ids_;
  std::array<int, kLevels> num_ids_ = {};
};

// Turns the words of one sentence into feature hashes.
//
// Most features depend on one word in one role (the token itself, or its
// neighbour one or two places away), so a tagger can sum their weights once
// per word type and role and reuse the sum (see NerModel::RoleVector); the
// rest (word pairs, gazetteer matches, sentence position) depend on context.
class FeatureExtractor {
 public:
  // The hashed forms of one word that features are made of.
  struct WordKeys {
    uint64_t norm = 0, shape = 0, exact = 0, prefix2 = 0, suffix3 = 0, suffix4 = 0;
    int len = 0;
    // Word cluster ids (WordClusters::kNone: no cluster at that level).
    WordClusters::Ids cluster = {WordClusters::kNone, WordClusters::kNone, WordClusters::kNone};
  };
  enum Role { kSelf = 0, kPrev = 1, kNext = 2, kPrev2 = 3, kNext2 = 4, kNumRoles = 5 };

  // Keys without cluster ids; KeysOf adds those of the extractor's clusters.
  static WordKeys Keys(std::string_view word);
  WordKeys KeysOf(std::string_view word) const;
  // Stand-ins for the words before the start and after the end of a sentence.
  static WordKeys StartKeys();
  static WordKeys EndKeys();

  // Appends the features word `k` contributes in role `role`, its cluster
  // features (ClusterFeature of its first ClusterLevels(role) ids) last.
  static void RoleFeatures(const WordKeys& k, Role role, std::vector<uint64_t>* out);
  static int ClusterLevels(Role role);
  static uint64_t ClusterFeature(Role role, int level, uint16_t id);

  // Appends the features of token t that depend on more than one word.
  // `gaz_b`/`gaz_i` are gazetteer category bits where a match begins / continues.
  // The bias feature is among them unless `bias` is false (a tagger that
  // folds its weights into each word's own role vector).
  static void ContextFeatures(absl::Span<const WordKeys> keys, absl::Span<const uint32_t> gaz_b,
                              absl::Span<const uint32_t> gaz_i, int t, std::vector<uint64_t>* out,
                              bool bias = true);
  static uint64_t BiasFeature();

  // Gazetteer category bits per token (zeros without a gazetteer).
  void GazetteerBits(absl::Span<const WordKeys> keys, std::vector<uint32_t>* gaz_b,
                     std::vector<uint32_t>* gaz_i) const;

  // `gazetteer` and `clusters` may be null; they must outlive the extractor.
  explicit FeatureExtractor(const Gazetteer* gazetteer, const WordClusters* clusters = nullptr)
      : gazetteer_(gazetteer), clusters_(clusters) {}

  // Feature hashes of token t are feats[offsets[t] .. offsets[t+1]).
  void Extract(absl::Span<const std::string_view> words, std::vector<uint64_t>* feats,
               std::vector<uint32_t>* offsets) const;

  // Lower-cased form with typographic apostrophes and quotes folded to
  // ASCII and digits kept: the key most features use.
  static std::string Normalize(std::string_view word);
  // Word shape: X for upper, x for lower, d for digit, runs cut at two.
  static std::string Shape(std::string_view word);

 private:
  const Gazetteer* gazetteer_;
  const WordClusters* clusters_;
};

// Best tag sequence under `emissions` (n × k, row-major) and `transitions`
// ((k + 1) × k: row k is the start state). When `allowed` is not empty, token
// t may only take tags whose bit is set in allowed[t].
void Viterbi(absl::Span<const float> emissions, int n, int k,
             absl::Span<const float> transitions, absl::Span<const uint32_t> allowed,
             std::vector<uint8_t>* tags);

// Transitions prepared for decoding: the BIO constraint folded in (as -inf),
// column-major (trans[y * (k + 1) + p], row k the start state), and the
// largest transition into each tag. A model builds them once.
struct ViterbiTables {
  ViterbiTables(absl::Span<const float> transitions, int num_tags);
  int k;
  float trans[kMaxNerTags * (kMaxNerTags + 1)];
  float max_in[kMaxNerTags];
};

void Viterbi(absl::Span<const float> emissions, int n, const ViterbiTables& tables,
             absl::Span<const uint32_t> allowed, std::vector<uint8_t>* tags);

// True if tag `to` may follow tag `from` (from == k means sentence start).
inline bool BioTransitionAllowed(int from, int to) {
  if (to == 0 || to % 2 == 1) return true;  // O and B-x follow anything
  // B-j = 2j+1 and I-j = 2j+2 both give (from + 1) / 2 == j + 1; the start
  // state (from == num_tags) gives a value past every label.
  return from != 0 && (from + 1) / 2 == to / 2;
}

class NerModel {
 public:
  NerModel() = default;
  NerModel(std::vector<std::string> labels, absl::flat_hash_map<uint64_t, uint32_t> index,
           std::vector<float> weights, std::vector<float> transitions);

  // Reads a model file written by Save(). InvalidArgument if it is not a
  // presslens NER model or has another format version.
  static absl::StatusOr<NerModel> Load(const std::string& path);
  absl::Status Save(const std::string& path) const;

  // Tags one sentence from its features; tags[t] gets the tag of token t.
  void Tag(absl::Span<const uint64_t> feats, absl::Span<const uint32_t> offsets,
           std::vector<uint8_t>* tags, std::vector<float>* scratch) const;

  // Adds to `out` (num_tags floats) the weights of the features word `k`
  // contributes in `role`.
  void AddRoleVector(const FeatureExtractor::WordKeys& k, FeatureExtractor::Role role,
                     float* out) const;
  // Adds the weights of `feats` to `out` (num_tags floats).
  void AddFeatures(absl::Span<const uint64_t> feats, float* out) const;
  // rows[i] = the weight row (num_tags floats) of feats[i], or nullptr for a
  // feature the model does not have. The rows' memory is requested as they
  // are found: summing them afterwards waits on memory far less than
  // AddFeatures on one feature after another.
  void FindRows(absl::Span<const uint64_t> feats, const float** rows) const;

  // Best tags for `n` tokens of emissions (n × num_tags).
  void Decode(absl::Span<const float> emissions, int n, std::vector<uint8_t>* tags) const;

  // Fills emissions (n × num_tags) for the sentence.
  void Emissions(absl::Span<const uint64_t> feats, absl::Span<const uint32_t> offsets,
                 std::vector<float>* emissions) const;

  const std::vector<std::string>& labels() const { return labels_; }
  int num_tags() const { return 1 + 2 * static_cast<int>(labels_.size()); }
  size_t num_features() const { return index_.size(); }
  absl::Span<const float> transitions() const { return transitions_; }

  static constexpr uint32_t kFormatVersion = 1;

 private:
  std::vector<std::string> labels_;
  absl::flat_hash_map<uint64_t, uint32_t> index_;  // feature hash -> row
  std::vector<float> weights_;                     // rows × num_tags
  std::vector<float> transitions_;                 // (num_tags + 1) × num_tags
  std::shared_ptr<const ViterbiTables> tables_;   // shared by copies of the model
};

}  // namespace presslens

#endif  // PRESSLENS_NER_H_
