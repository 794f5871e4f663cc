// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// quotes: the quote stage. Finds who is quoted saying what: direct quotes
// (quoted sentences), partial quotes (a quoted fragment in the writer's
// sentence), indirect quotes (reported speech), their speakers, cue verbs and
// sourcing chains; quoted material that is nobody's speech (scare quotes,
// titles) is kept apart.
//
// Rules over tokens, entities and clusters; no statistical model. Quote
// marks are paired per paragraph with a stack, so an unbalanced mark costs at
// most the rest of its paragraph, never the rest of the document.

#ifndef PRESSLENS_QUOTES_H_
#define PRESSLENS_QUOTES_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "presslens/document.h"

namespace presslens {

class QuoteFinder {
 public:
  QuoteFinder() = default;

  // Reads `quote_cues.tsv` and `speaker_nouns.tsv` from the model directory
  // (`dir` ends with '/'). `media_names` are outlet names (gazetteer category
  // "media") as EntityClusterer::Key() writes them. InvalidArgument names the
  // file and line of a malformed row.
  static absl::StatusOr<QuoteFinder> Load(const std::string& dir,
                                          absl::flat_hash_set<std::string> media_names);

  // Fills doc->quotes and doc->scare_quotes. Needs tokens, sentences,
  // entities and clusters.
  void Find(Document* doc) const;

  // The cue phrases (lower case, tokens joined by spaces) and their lemmas.
  size_t num_cue_forms() const { return cues_.size(); }

 private:
  friend class QuoteRun;
  struct CueEntry {
    std::vector<std::string> words;  // lower-case token texts
    std::string lemma;
    QuoteCueCategory category;
    enum Frame : uint8_t { kVerb, kTell, kName, kPrep, kNoun, kInf, kObj, kSpeech, kEvid } frame;
  };
  std::vector<CueEntry> cues_;
  // First word of a cue -> indexes into cues_, longest first.
  absl::flat_hash_map<std::string, std::vector<uint32_t>> cue_index_;
  // CueFirstBit() of every cue_index_ key: a cheap first test run on most
  // tokens, which a token passes only if its first word may be a key.
  std::array<uint64_t, 256> cue_first_bits_{};
  absl::flat_hash_map<std::string, SpeakerType> nouns_;  // lower case
  absl::flat_hash_set<std::string> spokesperson_, roles_;
  absl::flat_hash_set<std::string> media_words_;  // as written: "Times"
  absl::flat_hash_set<std::string> media_names_;  // cluster keys
};

// The name of a cue category or speaker type as the Python layer shows it.
std::string_view CueCategoryName(QuoteCueCategory c);
std::string_view SpeakerTypeName(SpeakerType t);
std::string_view QuoteKindName(QuoteKind k);

}  // namespace presslens

#endif  // PRESSLENS_QUOTES_H_
