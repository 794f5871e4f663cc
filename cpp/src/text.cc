// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "absl/strings/str_format.h"

namespace presslens {

absl::Status ValidateUtf8(std::string_view text) {
  if (text.size() > kMaxTextBytes) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "text is %d bytes; presslens analyses documents of at most %d bytes: "
        "split it into smaller documents",
        text.size(), kMaxTextBytes));
  }
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    // ASCII runs dominate news text; skip them eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      __builtin_memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    // U8_NEXT_OR_FFFD would hide errors; U8_NEXT yields a negative value for
    // ill-formed sequences, including surrogates and overlong forms.
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "invalid UTF-8 at byte offset %d (byte 0x%02x): decode the input "
          "with the right encoding, or with errors='replace'",
          start, s[start]));
    }
  }
  return absl::OkStatus();
}

OffsetMap::OffsetMap(std::string_view text) : text_(text) {
  bool ascii = true;
  for (unsigned char ch : text) {
    if (ch >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    num_codepoints_ = text.size();
    return;
  }
  checkpoints_.reserve(text.size() / kBlock + 1);
  uint64_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i % kBlock == 0) checkpoints_.push_back(count);
    // Every byte but a continuation byte (10xxxxxx) starts a code point.
    count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  }
  num_codepoints_ = count;
}

uint64_t OffsetMap::ToCodepoint(uint32_t byte) const {
  if (checkpoints_.empty()) return byte;
  if (byte >= text_.size()) return num_codepoints_;
  const uint32_t block = byte / kBlock;
  uint64_t count = checkpoints_[block];
  for (uint32_t i = block * kBlock; i < byte; ++i) {
    count += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
  }
  // A byte inside a sequence belongs to the code point whose lead byte was
  // counted already.
  if ((static_cast<unsigned char>(text_[byte]) & 0xC0) == 0x80 && count > 0) {
    --count;
  }
  return count;
}

void OffsetMap::ToCodepoints(absl::Span<const uint32_t> bytes,
                             absl::Span<int64_t> out) const {
  if (checkpoints_.empty()) {
    for (size_t i = 0; i < bytes.size(); ++i) out[i] = bytes[i];
    return;
  }
  // Offsets usually come sorted (token starts, then ends): continue counting
  // from the previous one instead of from its block's checkpoint.
  uint32_t pos = 0;
  uint64_t count = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const uint32_t b = bytes[i];
    if (b < pos || b - pos > kBlock || b >= text_.size()) {
      out[i] = static_cast<int64_t>(ToCodepoint(b));
      if (b < text_.size()) {
        pos = b;
        count = ToCodepoint(b);
        if ((static_cast<unsigned char>(text_[b]) & 0xC0) == 0x80) {
          pos = 0;  // inside a sequence: fall back next time
          count = 0;
        }
      }
      continue;
    }
    for (; pos < b; ++pos) {
      count += (static_cast<unsigned char>(text_[pos]) & 0xC0) != 0x80;
    }
    const bool inside = (static_cast<unsigned char>(text_[b]) & 0xC0) == 0x80;
    out[i] = static_cast<int64_t>(count - (inside && count > 0 ? 1 : 0));
  }
}

bool IsSpaceLikeNonAscii(uint32_t cp) {
  // Zero-width spaces and bidirectional controls are invisible formatting:
  // they separate or decorate words but are never part of one. ZWJ and ZWNJ
  // are not here because they join emoji and Indic letters.
  if (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0x061C ||
      cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
      (cp >= 0x2066 && cp <= 0x2069)) {
    return true;
  }
  if (u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_WHITE_SPACE)) {
    return true;
  }
  return u_charType(static_cast<UChar32>(cp)) == U_CONTROL_CHAR;
}

std::vector<ByteSpan> SplitParagraphs(std::string_view text) {
  std::vector<ByteSpan> out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  int32_t first = -1;  // first non-space byte of the current paragraph
  int32_t last = -1;   // end of its last non-space code point
  while (i < n) {
    // A run of printable ASCII (most of the text) is neither space nor a
    // line break: it only moves `last`.
    if (s[i] > 0x20 && s[i] < 0x7F) {
      if (first < 0) first = i;
      do {
        ++i;
      } while (i < n && s[i] > 0x20 && s[i] < 0x7F);
      last = i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT_OR_FFFD(s, i, n, c);
    if (IsLineBreak(static_cast<uint32_t>(c))) {
      if (first >= 0) {
        out.push_back({static_cast<uint32_t>(first), static_cast<uint32_t>(last)});
      }
      first = last = -1;
    } else if (!IsSpaceLike(static_cast<uint32_t>(c))) {
      if (first < 0) first = start;
      last = i;
    }
  }
  if (first >= 0) {
    out.push_back({static_cast<uint32_t>(first), static_cast<uint32_t>(last)});
  }
  return out;
}

std::string FoldCase(std::string_view s) {
  // Filled in place rather than by push_back: this runs for nearly every
  // token in the quote and stance-cue stages.
  std::string out(s.size(), '\0');
  out.resize(FoldCaseTo(s, out.data()));
  return out;
}

}  // namespace presslens
