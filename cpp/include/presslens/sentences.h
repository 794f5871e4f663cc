// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// sentences: splits the tokens of each paragraph into sentences.
//
// The splitter works on tokens rather than on ICU's sentence BreakIterator.
// UAX #29 breaks after "Gen." or "U.S." whenever a capital follows, which in
// news copy is most of the time ("U.S. Senate", "Gen. Smith"), and ICU's
// suppression lists know few news abbreviations; the tokenizer already knows
// which periods belong to abbreviations, so one pass over tokens decides
// with less work and fewer exceptions to undo.

#ifndef PRESSLENS_SENTENCES_H_
#define PRESSLENS_SENTENCES_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/types/span.h"
#include "presslens/document.h"

namespace presslens {

// How an abbreviation behaves at a possible sentence end.
enum class AbbrevKind : uint8_t {
  kTitle,  // Mr. Gen. Sen.: always followed by a name, never ends a sentence
  kMonth,  // Jan. Sept.: followed by a day, ends a sentence only before a
           // word that typically starts one
  kOther,  // Inc. U.S. etc.: ends a sentence before such a word or a quote
};

struct SentenceOptions {
  absl::flat_hash_map<std::string, AbbrevKind> abbreviations;
  // Capitalised words that usually start a sentence ("The", "He", "But"):
  // after an abbreviation, only these mark a new sentence.
  absl::flat_hash_set<std::string> sentence_starters;
};

// Thread-safe after construction.
class SentenceSplitter {
 public:
  explicit SentenceSplitter(SentenceOptions options);

  // Appends the sentences of `paragraph` (whose token range must be filled
  // in) to `out`, with `parent` set to `paragraph_index`.
  void Split(std::string_view text, absl::Span<const Token> tokens,
             const Segment& paragraph, uint32_t paragraph_index,
             std::vector<Segment>* out) const;

 private:
  bool EndsSentence(std::string_view text, absl::Span<const Token> tokens,
                    uint32_t k, uint32_t next) const;
  AbbrevKind KindOf(std::string_view abbrev) const;

  SentenceOptions options_;
};

}  // namespace presslens

#endif  // PRESSLENS_SENTENCES_H_
