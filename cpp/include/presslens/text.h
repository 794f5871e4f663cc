// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// text: the UTF-8 buffer every stage reads, and the map from its byte offsets
// to code point offsets (Python `str` indexes).
//
// Inside the core every offset is a byte offset into valid UTF-8. Offsets are
// converted to code points once, at the boundary, so that a stage never has to
// think about two kinds of index.

#ifndef PRESSLENS_TEXT_H_
#define PRESSLENS_TEXT_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace presslens {

// A half-open byte range [begin, end) into a document's UTF-8 text.
struct ByteSpan {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  std::string_view In(std::string_view text) const {
    return text.substr(begin, end - begin);
  }
  friend bool operator==(const ByteSpan&, const ByteSpan&) = default;
};

// Debian's Abseil has its own string_view type; hash-set lookups and StrCat
// take it, the core's interfaces take std::string_view.
inline absl::string_view AsAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

// Offsets are 32-bit to halve the memory of token arrays, and scanning uses
// ICU's int32 indexes; a single document larger than 2 GiB is refused with
// InvalidArgument instead of overflowing.
inline constexpr size_t kMaxTextBytes = std::numeric_limits<int32_t>::max();

// OK if `text` is well-formed UTF-8 (no overlong forms, surrogates or code
// points above U+10FFFF), else InvalidArgument naming the first bad byte
// offset, e.g. "invalid UTF-8 at byte offset 17 (byte 0xff)".
absl::Status ValidateUtf8(std::string_view text);

// Maps byte offsets of a valid UTF-8 text to code point offsets.
//
// Keeps one checkpoint per 64-byte block (1/16 of the text's size in memory)
// and counts lead bytes from there, so a lookup costs at most 63 byte reads
// whatever the document size. ASCII texts need no table at all.
class OffsetMap {
 public:
  // `text` must outlive the map and be valid UTF-8.
  explicit OffsetMap(std::string_view text);

  // Code point index of byte offset `byte` (0 <= byte <= text.size()). A
  // byte inside a multi-byte sequence maps to the code point that holds it.
  uint64_t ToCodepoint(uint32_t byte) const;

  // Converts many offsets at once; `out` must have the same size as `bytes`.
  void ToCodepoints(absl::Span<const uint32_t> bytes,
                    absl::Span<int64_t> out) const;

  uint64_t num_codepoints() const { return num_codepoints_; }
  bool is_ascii() const { return checkpoints_.empty(); }

 private:
  static constexpr uint32_t kBlock = 64;
  std::string_view text_;
  std::vector<uint64_t> checkpoints_;  // code points before each block
  uint64_t num_codepoints_ = 0;
};

// Splits `text` into paragraphs. Any line break (LF, CRLF, CR, NEL, U+2028,
// U+2029) ends a paragraph: news copy uses single newlines and blank lines
// interchangeably. Each paragraph is trimmed of surrounding white space;
// lines holding only white space are not paragraphs.
std::vector<ByteSpan> SplitParagraphs(std::string_view text);

// True for code points the tokenizer treats as white space: Unicode
// White_Space, control characters, the zero-width separators (U+200B, U+2060,
// U+FEFF) and bidirectional controls, none of which carry text in news copy.
// Inline for ASCII, which is nearly all of news text: the tokenizer and
// SplitParagraphs ask about every code point.
bool IsSpaceLikeNonAscii(uint32_t cp);  // cp >= 0x80
inline bool IsSpaceLike(uint32_t cp) {
  if (cp < 0x80) return cp <= 0x20 || cp == 0x7F;
  return IsSpaceLikeNonAscii(cp);
}

// True for code points that break a line (see SplitParagraphs).
inline bool IsLineBreak(uint32_t cp) {
  return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C ||
         cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

// ASCII letters lower-cased and typographic apostrophes (’ ‘) folded to ',
// the form word lists are written in: "Officials’" -> "officials'".
std::string FoldCase(std::string_view s);

// FoldCase into `out`, which has room for s.size() bytes (folding never
// lengthens); returns the number of bytes written.
inline size_t FoldCaseTo(std::string_view s, char* out) {
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t j = 0;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = in[i];
    // U+2018 and U+2019 are E2 80 98 / E2 80 99 in UTF-8.
    if (c == 0xE2 && i + 2 < n && in[i + 1] == 0x80 && (in[i + 2] == 0x98 || in[i + 2] == 0x99)) {
      out[j++] = '\'';
      i += 2;
    } else {
      out[j++] = static_cast<char>(static_cast<unsigned char>(c - 'A') < 26 ? c + 32 : c);
    }
  }
  return j;
}

}  // namespace presslens

#endif  // PRESSLENS_TEXT_H_
