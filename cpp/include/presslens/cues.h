// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// cues: the stance-cue stage. Finds hedges, boosters, loaded and evaluative
// words and the like, says whose voice each is in (the writer's, or a quoted
// speaker's) and which entity it is about, and scores each sentence's
// subjectivity and polarity.
//
// Lexicon phrases are sequences of lemmas; a token is looked up by its
// lower-cased form in the lemma table, so "crippled", "crippling" and
// "cripples" all reach "cripple". All phrases sit in one trie keyed by lemma
// hashes: matching costs one hash lookup per token step, whatever the size
// of the lexicon.

#ifndef PRESSLENS_CUES_H_
#define PRESSLENS_CUES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "presslens/document.h"
#include "presslens/tokenize.h"

namespace presslens {

class CueLexicon {
 public:
  CueLexicon() = default;

  // Reads every `<category>.tsv` of `dir` (rows: phrase, category, polarity
  // - 0 +, strength in (0, 1], source, and an optional use gate) and
  // `lemmas.tsv` (form, lemma). InvalidArgument names the file and line of a
  // malformed row.
  //
  // The use gate restricts an entry of a polysemous word to the use in which
  // it is evaluative: `noun` (counts only after a determiner, possessive,
  // quantifier, preposition, a national or other name, or a sentiment cue:
  // "his lies", "a political stunt"), `verb` (not after such a word: "they
  // trumpeted", not "a trumpet") and `not_locative` (not when a word of
  // place follows: "lied to Congress", not "lies in ruins"). Several are
  // joined by commas (`verb,not_locative`); `noun` and `verb` exclude each
  // other.
  static absl::StatusOr<CueLexicon> Load(const std::string& dir);

  // Adds a phrase written as text ("crushing sanctions"); it is tokenized and
  // lemmatized like analysed text. `polarity` is -1, 0 or 1; `use` is a use
  // gate as in the files ("" for none). A phrase already present with the
  // same category gets the new polarity, strength and gate.
  absl::Status Add(std::string_view phrase, std::string_view category, int polarity,
                   float strength, const Tokenizer& tokenizer, std::string_view use = "");

  // Removes every entry of `category` (to replace a list with one's own).
  void ClearCategory(std::string_view category);

  // Fills doc->cues, doc->cue_categories and doc->sentence_stance. Needs
  // tokens, sentences, entities, clusters and quotes.
  void Find(Document* doc) const;

  size_t num_phrases() const { return num_phrases_; }
  const std::vector<std::string>& categories() const { return categories_; }

 private:
  // Use gates of an entry (bits).
  enum Use : uint8_t { kAnyUse = 0, kNounUse = 1, kVerbUse = 2, kNotLocative = 4 };
  struct Entry {
    uint16_t category;
    int8_t polarity;
    uint8_t use = kAnyUse;  // Use bits
    float strength;
  };
  // Parses a use gate ("", "noun", "verb,not_locative"); false for an
  // unknown word or for noun with verb.
  static bool ParseUse(std::string_view s, uint8_t* use);
  uint16_t CategoryId(std::string_view name);
  uint32_t Insert(const std::vector<std::string>& lemmas);
  std::string LemmaOf(std::string_view token) const;
  void AddEntry(uint32_t node, Entry e);

  absl::flat_hash_map<std::string, std::string> lemmas_;
  // The same table with each lemma's hash (the trie's key) for Find.
  absl::flat_hash_map<std::string, uint64_t> lemma_keys_;
  // A set of 64-bit hashes that may answer "maybe" for a hash not in it
  // (one bit per value of the top 16 bits, 8 KB) but never "no" for one in
  // it: Find asks it first and skips a hash-table lookup that cannot succeed.
  class HashFilter {
   public:
    void Add(uint64_t h) { bits_[Slot(h) >> 6] |= uint64_t{1} << (Slot(h) & 63); }
    bool MayHave(uint64_t h) const { return (bits_[Slot(h) >> 6] >> (Slot(h) & 63)) & 1; }

   private:
    static uint32_t Slot(uint64_t h) { return static_cast<uint32_t>(h >> 48); }
    std::vector<uint64_t> bits_ = std::vector<uint64_t>(size_t{1} << 10);
  };
  HashFilter forms_;   // HashBytes of every lemma-table form
  HashFilter starts_;  // the key of every edge from the root
  HashFilter inner_;   // the key of every other edge
  absl::flat_hash_map<std::pair<uint32_t, uint64_t>, uint32_t> edges_;
  std::vector<std::vector<Entry>> entries_{{}};  // per trie node; node 0 is the root
  // Per trie node: whether an entry there has a use gate (Find works out the
  // context of a match only then). May be shorter than entries_.
  std::vector<uint8_t> gated_;
  std::vector<std::string> categories_;
  size_t num_phrases_ = 0;
  int max_len_ = 0;
};

}  // namespace presslens

#endif  // PRESSLENS_CUES_H_
