// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// tokenize: splits news text into tokens without losing a byte of it.
//
// Tokens never hold white space, and the text between two tokens is white
// space only. Splitting follows the conventions of the English NER corpora the
// models are trained on (OntoNotes-style): currency signs, percent signs and
// hyphens between words are tokens of their own (`$`,`110`; `US`,`-`,`led`),
// possessive and contraction clitics are split off (`Russia`,`’s`;
// `do`,`n't`), and abbreviations keep their period (`U.S.`, `Gen.`).

#ifndef PRESSLENS_TOKENIZE_H_
#define PRESSLENS_TOKENIZE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/types/span.h"
#include "presslens/text.h"

namespace presslens {

enum class TokenKind : uint8_t {
  kWord = 0,    // letters, possibly with digits, marks, internal periods
  kNumber = 1,  // digits: 1,000.5  10th  1990s  ’90s
  kPunct = 2,   // quotes, brackets, dashes, sentence punctuation
  kSymbol = 3,  // currency and math signs, %, emoji
};

// Bit flags on a token; several may be set.
enum TokenFlag : uint16_t {
  kFlagUrl = 1 << 0,
  kFlagEmail = 1 << 1,
  kFlagHandle = 1 << 2,      // @name
  kFlagHashtag = 1 << 3,     // #name
  kFlagQuote = 1 << 4,       // a quotation mark (or a ’ that may be one)
  kFlagOpen = 1 << 5,        // opens: “ ( [ « and straight quotes after space
  kFlagClose = 1 << 6,       // closes: ” ) ] » and straight quotes before space
  kFlagApostrophe = 1 << 7,  // ’ that may be a possessive (officials’)
  kFlagAbbrev = 1 << 8,      // ends in a period that belongs to it: U.S.
  kFlagTerminal = 1 << 9,    // . ! ? … that may end a sentence
  kFlagClitic = 1 << 10,     // ’s n't 're: split off a word
  kFlagSpaceBefore = 1 << 11,
  kFlagDash = 1 << 12,       // - – — between or beside words
  kFlagBracket = 1 << 13,
};

struct Token {
  uint32_t begin = 0;  // byte offsets into the document text
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  uint16_t flags = 0;

  bool has(uint16_t flag) const { return (flags & flag) != 0; }
  std::string_view In(std::string_view text) const {
    return text.substr(begin, end - begin);
  }
};

// FoldCase() of every token of a text, for stages that compare words (quotes,
// stance cues). The whole text is lower-cased in one pass and each token is a
// view into that copy; only a token holding a typographic apostrophe (’ ‘,
// which FoldCase makes ') is folded on its own.
class FoldedTokens {
 public:
  FoldedTokens() = default;
  FoldedTokens(std::string_view text, absl::Span<const Token> tokens);

  std::string_view operator[](size_t i) const { return {views_[i].data, views_[i].size}; }

 private:
  // A plain struct rather than std::string_view, so that the array is not
  // filled twice.
  struct View {
    const char* data;
    size_t size;
  };
  std::unique_ptr<char[]> text_;   // the text, ASCII letters lower-cased
  std::unique_ptr<char[]> apart_;  // FoldCase() of the tokens with ’ or ‘
  std::unique_ptr<View[]> views_;
};

struct TokenizerOptions {
  // Words whose final period is part of them: "Mr.", "Gen.", "Inc.", "Jan."
  // Matched as written, and in capitals ("GEN." for "Gen.").
  std::vector<std::string> abbreviations;
};

// Thread-safe after construction: Tokenize() only reads the tokenizer.
class Tokenizer {
 public:
  explicit Tokenizer(const TokenizerOptions& options);

  // Appends the tokens of `text[range]` to `out`. `text` must be valid UTF-8.
  void Tokenize(std::string_view text, ByteSpan range,
                std::vector<Token>* out) const;

  bool IsAbbreviation(std::string_view word_with_period) const;
  // Length of the longest abbreviation; no longer word is one.
  size_t max_abbreviation_bytes() const { return max_abbreviation_; }

 private:
  absl::flat_hash_set<std::string> abbreviations_;
  size_t max_abbreviation_ = 0;
};

}  // namespace presslens

#endif  // PRESSLENS_TOKENIZE_H_
