// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// word_table: closed word lists (auxiliaries, determiners, prepositions, ...)
// kept as bits of one table, so that every list a word is in is answered by
// one lookup. The quote and stance-cue stages ask these of most tokens near
// a cue.

#ifndef PRESSLENS_WORD_TABLE_H_
#define PRESSLENS_WORD_TABLE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace presslens {

// A word's length and three of its bytes (first, middle, last), mixed so
// that the top bits spread: a cheap hash for small closed word lists, whose
// words those few bytes tell apart well enough.
inline uint64_t ShortWordMix(std::string_view w) {
  uint64_t key = w.size();
  if (!w.empty()) {
    key |= uint64_t{static_cast<unsigned char>(w[0])} << 8 |
           uint64_t{static_cast<unsigned char>(w[w.size() / 2])} << 16 |
           uint64_t{static_cast<unsigned char>(w.back())} << 24;
  }
  return key * 0x9E3779B97F4A7C15ULL;
}

// Words written as string literals (the table keeps views of them), each
// with the bits of the lists it is in.
template <typename Bits>
class WordTable {
 public:
  WordTable(std::initializer_list<std::pair<Bits, std::initializer_list<std::string_view>>> lists) {
    for (const auto& [bits, words] : lists) {
      for (std::string_view w : words) {
        max_size_ = std::max(max_size_, w.size());
        words_[absl::string_view(w.data(), w.size())] |= bits;
      }
    }
  }

  // The bits of the lists `w` (already folded to lower case) is in.
  Bits Of(std::string_view w) const {
    if (w.size() > max_size_) return 0;  // most tokens: no hash
    auto it = words_.find(absl::string_view(w.data(), w.size()));
    return it == words_.end() ? 0 : it->second;
  }

 private:
  // ShortWordMix is enough for a few hundred words and cheaper than hashing
  // every byte; the top half is folded into the low bits, which the table
  // reads first.
  struct Hash {
    size_t operator()(absl::string_view w) const {
      const uint64_t m = ShortWordMix(std::string_view(w.data(), w.size()));
      return static_cast<size_t>(m ^ (m >> 32));
    }
  };
  absl::flat_hash_map<absl::string_view, Bits, Hash> words_;
  size_t max_size_ = 0;
};

}  // namespace presslens

#endif  // PRESSLENS_WORD_TABLE_H_
