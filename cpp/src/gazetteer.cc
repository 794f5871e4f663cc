// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/gazetteer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "presslens/hash.h"
#include "presslens/resources.h"
#include "presslens/tokenize.h"

namespace presslens {

uint64_t Gazetteer::Key(std::string_view token) { return HashBytes(token); }

uint32_t Gazetteer::Add(absl::Span<const uint64_t> tokens, int category) {
  if (tokens.empty() || category < 0 || category >= 32) return 0;
  uint32_t node = 0;
  for (uint64_t t : tokens) {
    auto [it, inserted] = edges_.try_emplace(EdgeKey{node, t}, 0);
    if (inserted) {
      it->second = static_cast<uint32_t>(categories_.size());
      categories_.push_back(0);
    }
    node = it->second;
  }
  if (categories_[node] == 0) ++num_phrases_;
  categories_[node] |= 1u << category;
  if (static_cast<int>(tokens.size()) > max_len_) max_len_ = static_cast<int>(tokens.size());
  return node;
}

void Gazetteer::FindAll(absl::Span<const uint64_t> tokens, std::vector<Match>* out) const {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  for (uint32_t b = 0; b < n; ++b) {
    uint32_t node = 0;
    for (uint32_t e = b; e < n && static_cast<int>(e - b) < max_len_; ++e) {
      auto it = edges_.find(EdgeKey{node, tokens[e]});
      if (it == edges_.end()) break;
      node = it->second;
      if (categories_[node] != 0) out->push_back(Match{b, e + 1, categories_[node], node});
    }
  }
}

uint32_t Gazetteer::Lookup(absl::Span<const uint64_t> tokens) const {
  uint32_t node = 0;
  for (uint64_t t : tokens) {
    auto it = edges_.find(EdgeKey{node, t});
    if (it == edges_.end()) return 0;
    node = it->second;
  }
  return tokens.empty() ? 0 : categories_[node];
}

const std::vector<std::string>& GazetteerCategoryNames() {
  // Order matches GazetteerCategory in ner.h.
  static const auto* names = new std::vector<std::string>{
      "gpe", "country", "demonym", "first_name", "title", "org", "media", "region"};
  return *names;
}

absl::StatusOr<Gazetteer> LoadGazetteer(const std::string& path, const Tokenizer& tokenizer) {
  std::vector<int> lines;
  auto rows = ReadTable(path, 2, &lines);
  if (!rows.ok()) return rows.status();
  const auto& names = GazetteerCategoryNames();
  Gazetteer gaz;
  std::vector<Token> tokens;
  std::vector<uint64_t> keys;
  for (size_t r = 0; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    auto it = std::find(names.begin(), names.end(), row[1]);
    if (it == names.end()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", lines[r], ": unknown category '",
                                                     row[1], "'"));
    }
    tokens.clear();
    tokenizer.Tokenize(row[0], ByteSpan{0, static_cast<uint32_t>(row[0].size())}, &tokens);
    keys.clear();
    for (const Token& t : tokens) keys.push_back(Gazetteer::Key(t.In(row[0])));
    gaz.Add(keys, static_cast<int>(it - names.begin()));
  }
  return gaz;
}

}  // namespace presslens
