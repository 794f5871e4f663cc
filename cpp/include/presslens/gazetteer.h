// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// gazetteer: a dictionary of token sequences ("New York Times", "Buenos
// Aires") with category bits, matched against a sentence in one pass.
//
// Phrases are stored as a trie keyed by token hashes, so matching costs one
// hash lookup per token step whatever the dictionary size.

#ifndef PRESSLENS_GAZETTEER_H_
#define PRESSLENS_GAZETTEER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace presslens {

class Gazetteer {
 public:
  struct Match {
    uint32_t begin = 0;  // token indexes, half-open
    uint32_t end = 0;
    uint32_t categories = 0;  // bit set of category ids
    uint32_t node = 0;        // the phrase's terminal node, as Add() returned it
  };

  // Adds a phrase given as token hashes (see Key()) with category `id` < 32.
  // Returns the phrase's terminal node, which identifies it.
  uint32_t Add(absl::Span<const uint64_t> tokens, int category);

  // Appends every match that starts at any token of `tokens` (hashes), at
  // most `max_len` tokens long. Matches may overlap.
  void FindAll(absl::Span<const uint64_t> tokens, std::vector<Match>* out) const;

  // Category bits of the exact phrase, 0 if it is not in the dictionary.
  uint32_t Lookup(absl::Span<const uint64_t> tokens) const;

  // Hash of one token's text as the dictionary stores it.
  static uint64_t Key(std::string_view token);

  size_t num_phrases() const { return num_phrases_; }
  int max_len() const { return max_len_; }

 private:
  struct EdgeKey {
    uint32_t node;
    uint64_t token;
    friend bool operator==(const EdgeKey&, const EdgeKey&) = default;
    template <typename H>
    friend H AbslHashValue(H h, const EdgeKey& k) {
      return H::combine(std::move(h), k.node, k.token);
    }
  };
  absl::flat_hash_map<EdgeKey, uint32_t> edges_;
  std::vector<uint32_t> categories_{0};  // per node; node 0 is the root
  size_t num_phrases_ = 0;
  int max_len_ = 0;
};

class Tokenizer;

// Category names used in gazetteer files, indexed by category id.
const std::vector<std::string>& GazetteerCategoryNames();

// Reads a gazetteer file: "phrase<TAB>category" rows, category one of
// GazetteerCategoryNames(). Phrases are split with `tokenizer` so that they
// match the tokens of analysed text. InvalidArgument names the line of an
// unknown category.
absl::StatusOr<Gazetteer> LoadGazetteer(const std::string& path, const Tokenizer& tokenizer);

}  // namespace presslens

#endif  // PRESSLENS_GAZETTEER_H_
