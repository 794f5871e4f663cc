// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// clusters: groups the entity mentions of a document that name the same
// thing, and gives each group a canonical name.
//
//   "Nicolas Maduro", "President Maduro", "Maduro"  -> Nicolas Maduro
//   "the New York Times", "NYT"                     -> New York Times
//   "UN", "United Nations"                          -> United Nations
//   "US", "U.S.", "United States"                   -> United States (alias table)
//
// Mentions only join a cluster of the same label, so "Washington" the city
// stays apart from a person named Washington.

#ifndef PRESSLENS_CLUSTERS_H_
#define PRESSLENS_CLUSTERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "presslens/document.h"

namespace presslens {

class EntityClusterer {
 public:
  EntityClusterer() = default;

  // Reads "alias<TAB>canonical" rows (e.g. "U.S." -> "United States").
  static absl::StatusOr<EntityClusterer> Load(const std::string& aliases_path);

  // Fills doc->clusters and each entity's `cluster`.
  // Quotes and stance cues name clusters by index (QuoteSource::cluster,
  // StanceCue::target): on a document that has them, run those stages again
  // after clustering it anew (Pipeline::Run clusters before both).
  void Cluster(Document* doc) const;

  // The name as clusters compare it: words joined by single spaces, with
  // typographic apostrophes folded.
  static std::string Key(std::string_view name);

 private:
  absl::flat_hash_map<std::string, std::string> aliases_;
};

}  // namespace presslens

#endif  // PRESSLENS_CLUSTERS_H_
