// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/sentences.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <utility>

#include "absl/strings/ascii.h"

namespace presslens {
namespace {

uint32_t FirstCodepoint(std::string_view s) {
  if (s.empty()) return 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT_OR_FFFD(p, i, static_cast<int32_t>(s.size()), c);
  return static_cast<uint32_t>(c);
}

bool IsCloser(const Token& t) {
  return t.has(kFlagClose) && !t.has(kFlagOpen) && !t.has(kFlagSpaceBefore);
}

}  // namespace

SentenceSplitter::SentenceSplitter(SentenceOptions options)
    : options_(std::move(options)) {}

AbbrevKind SentenceSplitter::KindOf(std::string_view abbrev) const {
  auto it = options_.abbreviations.find(AsAbsl(abbrev));
  if (it != options_.abbreviations.end()) return it->second;
  if (abbrev.size() > 2) {  // "GEN." as in the tokenizer
    std::string cap = absl::AsciiStrToLower(AsAbsl(abbrev));
    cap[0] = absl::ascii_toupper(static_cast<unsigned char>(cap[0]));
    it = options_.abbreviations.find(cap);
    if (it != options_.abbreviations.end()) return it->second;
  }
  // Initials ("J.") precede names, so they end a sentence only before a
  // typical opener ("So did I. Then ..."), as months do; letter runs
  // ("U.S.", "a.m.") may also end one before a quote.
  if (abbrev.size() == 2) return AbbrevKind::kMonth;
  return AbbrevKind::kOther;
}

bool SentenceSplitter::EndsSentence(std::string_view text,
                                    absl::Span<const Token> tokens, uint32_t k,
                                    uint32_t next) const {
  const Token& t = tokens[k];
  const Token& n = tokens[next];
  // "3.5", "U.S.-led", "Yahoo!News": no space, no sentence end.
  if (!n.has(kFlagSpaceBefore)) return false;
  const std::string_view word = n.In(text);
  const uint32_t first = FirstCodepoint(word);
  const bool opens = n.has(kFlagOpen);  // “ ( [ and straight quotes after space
  const bool upper = u_isupper(static_cast<UChar32>(first)) ||
                     u_istitle(static_cast<UChar32>(first));
  const bool digit = u_isdigit(static_cast<UChar32>(first));
  // Hebrew, Arabic, CJK: letters without case start sentences too.
  const bool caseless = u_isalpha(static_cast<UChar32>(first)) && !upper &&
                        !u_islower(static_cast<UChar32>(first));
  if (t.has(kFlagAbbrev)) {
    const bool starter = options_.sentence_starters.contains(AsAbsl(word));
    switch (KindOf(t.In(text))) {
      case AbbrevKind::kTitle:
        return false;
      case AbbrevKind::kMonth:
        return starter;
      case AbbrevKind::kOther:
        return starter || (opens && n.has(kFlagQuote));
    }
  }
  const std::string_view mark = t.In(text);
  if (mark == "..." || mark == "\xE2\x80\xA6") {
    // An ellipsis inside a sentence is followed by lower case or a number.
    return upper || caseless || opens;
  }
  return upper || caseless || digit || opens || n.kind == TokenKind::kSymbol;
}

void SentenceSplitter::Split(std::string_view text,
                             absl::Span<const Token> tokens,
                             const Segment& paragraph, uint32_t paragraph_index,
                             std::vector<Segment>* out) const {
  uint32_t start = paragraph.token_begin;
  const uint32_t end = paragraph.token_end;
  auto emit = [&](uint32_t b, uint32_t e) {
    out->push_back(Segment{{tokens[b].begin, tokens[e - 1].end}, b, e, paragraph_index});
  };
  for (uint32_t k = start; k < end; ++k) {
    const Token& t = tokens[k];
    if (!t.has(kFlagTerminal) && !t.has(kFlagAbbrev)) continue;
    // Closing quotes and brackets glued to the mark stay in the sentence:
    // ... a reality.” | Along with ...
    uint32_t next = k + 1;
    while (next < end && IsCloser(tokens[next])) ++next;
    if (next >= end) break;
    if (EndsSentence(text, tokens, k, next)) {
      emit(start, next);
      start = next;
      k = next - 1;
    }
  }
  if (start < end) emit(start, end);
}

}  // namespace presslens
