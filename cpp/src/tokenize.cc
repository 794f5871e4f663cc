// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/tokenize.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace presslens {
namespace {

constexpr uint32_t kRightSingleQuote = 0x2019;  // ’ also the typographic apostrophe
constexpr uint32_t kLeftSingleQuote = 0x2018;   // ‘
constexpr uint32_t kModifierApostrophe = 0x02BC;

bool IsApostrophe(uint32_t cp) {
  return cp == '\'' || cp == kRightSingleQuote || cp == kModifierApostrophe;
}

bool IsQuoteMark(uint32_t cp) {
  switch (cp) {
    case '"': case '\'': case 0x2018: case 0x2019: case 0x201A: case 0x201B:
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
    case 0x00BB: case 0x2039: case 0x203A: case 0x300C: case 0x300D:
    case 0x300E: case 0x300F:
      return true;
    default:
      return false;
  }
}

bool IsOpeningQuote(uint32_t cp) {
  return cp == 0x201C || cp == 0x2018 || cp == 0x201E || cp == 0x201A ||
         cp == 0x201B || cp == 0x201F || cp == 0x00AB || cp == 0x2039 ||
         cp == 0x300C || cp == 0x300E;
}

bool IsDash(uint32_t cp) {
  return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 ||
         cp == 0xFE58 || cp == 0xFE63 || cp == 0xFF0D;
}

bool IsOpenBracket(uint32_t cp) {
  return cp == '(' || cp == '[' || cp == '{' ||
         u_charType(static_cast<UChar32>(cp)) == U_START_PUNCTUATION;
}

bool IsCloseBracket(uint32_t cp) {
  return cp == ')' || cp == ']' || cp == '}' ||
         u_charType(static_cast<UChar32>(cp)) == U_END_PUNCTUATION;
}

bool IsLetter(uint32_t cp) {
  if (cp < 0x80) return absl::ascii_isalpha(static_cast<unsigned char>(cp));
  return (U_GET_GC_MASK(static_cast<UChar32>(cp)) &
          (U_GC_L_MASK | U_GC_NL_MASK)) != 0;
}

bool IsMark(uint32_t cp) {
  if (cp < 0x80) return false;
  return (U_GET_GC_MASK(static_cast<UChar32>(cp)) & U_GC_M_MASK) != 0;
}

bool IsDigit(uint32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return u_charType(static_cast<UChar32>(cp)) == U_DECIMAL_DIGIT_NUMBER;
}

bool IsUpper(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return u_isupper(static_cast<UChar32>(cp)) || u_istitle(static_cast<UChar32>(cp));
}

bool IsWordJoiner(uint32_t cp) {
  // ZWNJ, ZWJ and the soft hyphen sit inside words.
  return cp == 0x200C || cp == 0x200D || cp == 0x00AD;
}

// Emoji sequences: modifiers, variation selectors and tags continue a symbol.
bool ContinuesSymbol(uint32_t cp) {
  return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
         (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0x20E3 || IsMark(cp);
}

// Marks that may end a sentence, in the scripts news copy quotes most.
bool IsTerminal(uint32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002 ||
         cp == 0xFF01 || cp == 0xFF1F || cp == 0x061F || cp == 0x0964 || cp == 0x06D4;
}

bool IsRegionalIndicator(uint32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }

// Punctuation that Unicode files under Po but that news readers (and the NER
// corpora) treat as symbols.
bool IsSymbolPunct(uint32_t cp) {
  return cp == '%' || cp == '#' || cp == '@' || cp == '&' || cp == '*' ||
         cp == 0x2030 || cp == 0x00A7 || cp == 0x00B6 || cp == 0x2020 ||
         cp == 0x2021 || cp == '/' || cp == '\\';
}

// Trailing characters that belong to the sentence, not to a URL or address.
bool IsTrailingPunct(unsigned char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == ')' || c == ']' || c == '}' || c == '"' || c == '\'';
}
bool IsTrailingPunctByte(unsigned char c) { return IsTrailingPunct(c); }

// Cursor over a UTF-8 buffer that is known to be valid.
class Cursor {
 public:
  Cursor(std::string_view text) : s_(reinterpret_cast<const uint8_t*>(text.data())) {}

  // Decodes the code point at `i` (< n) and returns it; `*next` gets the
  // offset after it.
  uint32_t At(int32_t i, int32_t n, int32_t* next) const {
    if (s_[i] < 0x80) {
      *next = i + 1;
      return s_[i];
    }
    UChar32 c;
    int32_t j = i;
    U8_NEXT_OR_FFFD(s_, j, n, c);
    *next = j;
    return static_cast<uint32_t>(c);
  }
  uint32_t At(int32_t i, int32_t n) const {
    int32_t unused;
    return i < n ? At(i, n, &unused) : 0;
  }
  // Code point that ends just before `i` (> lo).
  uint32_t Before(int32_t i, int32_t lo) const {
    if (i <= lo) return 0;
    int32_t j = i;
    UChar32 c;
    U8_PREV_OR_FFFD(s_, lo, j, c);
    return static_cast<uint32_t>(c);
  }

 private:
  const uint8_t* s_;
};

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         absl::EqualsIgnoreCase(AsAbsl(s.substr(0, prefix.size())), AsAbsl(prefix));
}

bool IsWordByte(unsigned char c) {
  return absl::ascii_isalnum(c) || c == '_';
}

// Characters a URL may hold before the text around it resumes. Non-ASCII
// letters (IRIs) are let in by the caller; dashes and curly quotes end it.
bool IsUrlByte(unsigned char c) {
  return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '`';
}

// The recognisers below work on the chunk with its surrounding punctuation
// stripped. They accept what a reader would call a URL, address, handle or
// tag, not everything an RFC allows.
bool LooksLikeUrl(std::string_view w) {
  // Every chunk is asked: the prefixes' lengths are compile-time constants,
  // and a chunk not starting with h, f or w is no URL.
  static constexpr std::string_view kPrefixes[] = {"http://", "https://", "ftp://", "www."};
  if (w.empty()) return false;
  const char c = absl::ascii_tolower(static_cast<unsigned char>(w[0]));
  if (c != 'h' && c != 'f' && c != 'w') return false;
  for (std::string_view p : kPrefixes) {
    if (StartsWithNoCase(w, p) && w.size() > p.size() + 2) return true;
  }
  return false;
}

// Length of the URL at the start of `w`: ASCII URL characters and
// non-ASCII letters (internationalised addresses), then trailing sentence
// punctuation given back.
size_t UrlLength(std::string_view w) {
  const auto* s = reinterpret_cast<const uint8_t*>(w.data());
  const int32_t n = static_cast<int32_t>(w.size());
  int32_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      if (!IsUrlByte(s[i])) break;
      ++i;
      continue;
    }
    int32_t j = i;
    UChar32 c;
    U8_NEXT_OR_FFFD(s, j, n, c);
    if (!u_isalnum(c)) break;
    i = j;
  }
  // Give back sentence punctuation, but keep a ")" that closes a "(" inside
  // the address (wiki/Foo_(bar)). `depth` is that of s[0, i), kept up to
  // date as bytes are given back (recounting it per ")" was quadratic).
  int64_t depth = 0;
  for (int32_t j = 0; j < i; ++j) depth += s[j] == '(' ? 1 : s[j] == ')' ? -1 : 0;
  while (i > 0 && IsTrailingPunctByte(s[i - 1])) {
    if (s[i - 1] == ')') {
      if (depth >= 0) break;
      ++depth;  // giving the ")" back
    }
    --i;
  }
  return static_cast<size_t>(i);
}

// Length of "@name" / "#name" at the start of `w` (ASCII word characters),
// 0 if there is none or the name has no letter.
size_t TagLength(std::string_view w, char sigil) {
  if (w.size() < 2 || w[0] != sigil) return 0;
  size_t i = 1;
  bool letter = false;
  while (i < w.size() && IsWordByte(static_cast<unsigned char>(w[i]))) {
    letter |= !absl::ascii_isdigit(static_cast<unsigned char>(w[i]));
    ++i;
  }
  return letter ? i : 0;
}

// Length of the e-mail address at the start of `w`, 0 if there is none.
size_t EmailLength(std::string_view w) {
  size_t i = 0;
  while (i < w.size()) {
    const unsigned char c = w[i];
    if (!IsWordByte(c) && c != '.' && c != '+' && c != '-') break;
    ++i;
  }
  if (i == 0 || i >= w.size() || w[i] != '@') return 0;
  size_t j = i + 1;
  while (j < w.size()) {
    const unsigned char c = w[j];
    if (!IsWordByte(c) && c != '.' && c != '-') break;
    ++j;
  }
  while (j > i + 1 && (w[j - 1] == '.' || w[j - 1] == '-')) --j;
  const std::string_view domain = w.substr(i + 1, j - i - 1);
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return 0;
  if (!absl::ascii_isalpha(static_cast<unsigned char>(domain.back()))) return 0;
  return j;
}



class ChunkScanner {
 public:
  ChunkScanner(const Tokenizer& tokenizer, std::string_view text,
               std::vector<Token>* out)
      : tok_(tokenizer), text_(text), cur_(text), out_(out) {}

  void Chunk(int32_t b, int32_t e) {
    chunk_begin_ = b;
    // Strip opening quotes/brackets and closing punctuation to see whether
    // the core of the chunk is a URL, address, handle or hashtag.
    int32_t cb = b;
    while (cb < e) {
      int32_t next;
      const uint32_t cp = cur_.At(cb, e, &next);
      if (!(IsQuoteMark(cp) || IsOpenBracket(cp) || cp == '<')) break;
      cb = next;
    }
    int32_t ce = e;
    while (ce > cb) {
      const unsigned char c = static_cast<unsigned char>(text_[ce - 1]);
      if (IsTrailingPunct(c)) {
        --ce;
        continue;
      }
      // Curly closing quotes (3 bytes: E2 80 9D / E2 80 99).
      if (ce - cb >= 3 && c >= 0x80) {
        const uint32_t cp = cur_.Before(ce, cb);
        if (cp == 0x201D || cp == kRightSingleQuote || cp == 0x00BB || cp == 0x2026) {
          ce -= cp < 0x800 ? 2 : 3;
          continue;
        }
      }
      break;
    }
    if (ce > cb) {
      const std::string_view core = text_.substr(cb, e - cb);
      uint16_t flag = 0;
      size_t len = 0;
      TokenKind kind = TokenKind::kWord;
      if (LooksLikeUrl(text_.substr(cb, ce - cb))) {
        len = UrlLength(core);
        flag = kFlagUrl;
        kind = TokenKind::kSymbol;
      } else if ((len = EmailLength(core)) > 0) {
        flag = kFlagEmail;
        kind = TokenKind::kSymbol;
      } else if ((len = TagLength(core, '@')) > 0) {
        flag = kFlagHandle;
      } else if ((len = TagLength(core, '#')) > 0) {
        flag = kFlagHashtag;
      }
      if (flag != 0 && len > 0) {
        const int32_t end = cb + static_cast<int32_t>(len);
        Scan(b, cb);
        Emit(cb, end, kind, flag);
        Scan(end, e);
        return;
      }
    }
    Scan(b, e);
  }

 private:
  void Emit(int32_t b, int32_t e, TokenKind kind, uint16_t flags) {
    if (b == chunk_begin_) flags |= kFlagSpaceBefore;
    out_->push_back(Token{static_cast<uint32_t>(b), static_cast<uint32_t>(e), kind, flags});
  }

  void Scan(int32_t i, int32_t e) {
    while (i < e) {
      int32_t next;
      const uint32_t cp = cur_.At(i, e, &next);
      if (IsLetter(cp)) {
        i = ScanWord(i, e);
      } else if (IsDigit(cp)) {
        const uint32_t after = cur_.At(next, e);
        // 1️⃣: a keycap emoji is a digit with a variation selector and U+20E3.
        i = (after == 0xFE0F || after == 0x20E3) ? ScanSymbol(i, next, e, cp) : ScanNumber(i, e, i);
      } else if (IsQuoteMark(cp)) {
        i = ScanQuote(i, next, e, cp);
      } else if (IsDash(cp)) {
        int32_t j = next;
        // "--" and "---" stand for dashes in plain-text copy.
        while (cp == '-' && j < e && text_[j] == '-') ++j;
        Emit(i, j, TokenKind::kPunct, kFlagDash);
        i = j;
      } else if (IsTerminal(cp)) {
        int32_t j = next;
        // "...", "?!" and "!!!" are one mark each.
        while (j < e) {
          int32_t k;
          const uint32_t c2 = cur_.At(j, e, &k);
          if (!IsTerminal(c2)) break;
          if ((cp == '.') != (c2 == '.') && cp != 0x2026) break;
          j = k;
        }
        Emit(i, j, TokenKind::kPunct, kFlagTerminal);
        i = j;
      } else if (IsOpenBracket(cp)) {
        Emit(i, next, TokenKind::kPunct, kFlagBracket | kFlagOpen);
        i = next;
      } else if (IsCloseBracket(cp)) {
        Emit(i, next, TokenKind::kPunct, kFlagBracket | kFlagClose);
        i = next;
      } else if (IsSymbolPunct(cp)) {
        Emit(i, next, TokenKind::kSymbol, 0);
        i = next;
      } else {
        const uint32_t mask = U_GET_GC_MASK(static_cast<UChar32>(cp));
        if (mask & U_GC_P_MASK) {
          Emit(i, next, TokenKind::kPunct, 0);
          i = next;
        } else if (mask & U_GC_NO_MASK) {  // ² ½
          Emit(i, next, TokenKind::kNumber, 0);
          i = next;
        } else {
          i = ScanSymbol(i, next, e, cp);
        }
      }
    }
  }

  int32_t ScanSymbol(int32_t i, int32_t next, int32_t e, uint32_t cp) {
    int32_t j = next;
    if (IsRegionalIndicator(cp) && j < e) {
      int32_t k;
      if (IsRegionalIndicator(cur_.At(j, e, &k))) j = k;  // a flag is a pair
    }
    while (j < e) {
      int32_t k;
      const uint32_t c2 = cur_.At(j, e, &k);
      if (ContinuesSymbol(c2)) {
        j = k;
      } else if (c2 == 0x200D && k < e) {  // ZWJ joins the next emoji
        int32_t m;
        cur_.At(k, e, &m);
        j = m;
      } else {
        break;
      }
    }
    Emit(i, j, TokenKind::kSymbol, 0);
    return j;
  }

  int32_t ScanQuote(int32_t i, int32_t next, int32_t e, uint32_t cp) {
    // ’90s and '90s: an apostrophe standing for a century.
    if (IsApostrophe(cp) || cp == kLeftSingleQuote) {
      if (next + 1 < e && IsDigit(text_[next]) && IsDigit(text_[next + 1]) &&
          (next + 2 >= e || !IsDigit(text_[next + 2]))) {
        return ScanNumber(i, e, next);
      }
    }
    const uint32_t prev = cur_.Before(i, chunk_begin_);
    const uint32_t after = cur_.At(next, e);
    // U.S.’s, @nytimes’s: a clitic after a token that is not a plain word.
    if (IsApostrophe(cp) && i > chunk_begin_ && (IsLetter(prev) || IsDigit(prev) || prev == '.') &&
        IsLetter(after)) {
      const int32_t clitic_end = CliticEnd(next, e);
      if (clitic_end > 0) {
        Emit(i, clitic_end, TokenKind::kWord, kFlagClitic);
        return clitic_end;
      }
    }
    uint16_t flags = kFlagQuote;
    if (IsOpeningQuote(cp)) {
      flags |= kFlagOpen;
    } else if (cp == '"' || cp == '\'') {
      // Straight quotes say nothing about direction; their place does.
      const bool glued_before = i > chunk_begin_ && !IsOpenBracket(prev) && !IsQuoteMark(prev);
      const bool glued_after = next < e && (IsLetter(after) || IsDigit(after) || IsQuoteMark(after) ||
                                            after == 0x2026);
      if (!glued_before) flags |= kFlagOpen;
      else if (!glued_after) flags |= kFlagClose;
    } else {
      flags |= kFlagClose;
    }
    // officials’ and Jones' may be possessives rather than closing quotes;
    // the quote stage decides with the whole paragraph in view.
    if (IsApostrophe(cp) && i > chunk_begin_ && IsLetter(prev)) {
      flags |= kFlagApostrophe;
    }
    Emit(i, next, TokenKind::kPunct, flags);
    return next;
  }

  // Letters, marks and digits, with internal apostrophes (O’Brien), periods
  // between single letters (U.S.), and ampersands between capitals (AT&T).
  int32_t ScanWord(int32_t i, int32_t e) {
    const int32_t start = i;
    int32_t letters = 0;       // code points in the current period-free part
    bool single_letters = true;  // every part so far is one letter: U.S
    int32_t parts = 1;
    uint32_t prev = 0;
    while (i < e) {
      int32_t next;
      const uint32_t cp = cur_.At(i, e, &next);
      if (IsLetter(cp) || IsDigit(cp)) {
        ++letters;
        prev = cp;
        i = next;
        continue;
      }
      if (IsMark(cp) || IsWordJoiner(cp)) {
        i = next;
        continue;
      }
      if (IsApostrophe(cp) && next < e) {
        int32_t k;
        const uint32_t after = cur_.At(next, e, &k);
        if (IsLetter(after)) {
          const int32_t clitic_end = CliticEnd(next, e);
          if (clitic_end > 0) {
            // n't takes the n with it: do|n't, could|n't. The n must be the
            // byte right before the apostrophe: after "n\u20E3" (a mark
            // that `prev` skips) i - 1 is inside a code point.
            int32_t word_end = i;
            const char before = text_[i - 1];
            if ((before == 'n' || before == 'N') && (after == 't' || after == 'T') &&
                clitic_end == k && i - 1 > start) {
              word_end = i - 1;
            }
            Emit(start, word_end, TokenKind::kWord, 0);
            Emit(word_end, clitic_end, TokenKind::kWord, kFlagClitic);
            return clitic_end;
          }
          i = next;  // O’Brien, rock’n’roll
          continue;
        }
        break;
      }
      if (cp == '.' && next < e && IsLetter(cur_.At(next, e))) {
        // Abbreviations of several parts listed in the model: Ph.D., L.P.
        // Once a period lies further out than the longest abbreviation, the
        // run is none of them: stopping there keeps "a.b.c.d..." linear
        // (the look-ahead from every period used to read to the end).
        const int32_t max_end = start + static_cast<int32_t>(tok_.max_abbreviation_bytes());
        int32_t j = next, last = -1;
        while (j < e) {
          int32_t k;
          const uint32_t c2 = cur_.At(j, e, &k);
          if (c2 == '.') {
            if (k > max_end) {
              last = -1;
              break;
            }
            last = k;
          } else if (!IsLetter(c2)) {
            break;
          }
          j = k;
        }
        if (last > 0 && tok_.IsAbbreviation(text_.substr(start, last - start))) {
          Emit(start, last, TokenKind::kWord, kFlagAbbrev);
          return last;
        }
      }
      if (cp == '.' && single_letters && letters == 1 && next < e) {
        int32_t k;
        const uint32_t after = cur_.At(next, e, &k);
        if (IsLetter(after)) {
          int32_t m;
          const uint32_t after2 = cur_.At(k, e, &m);
          if (k >= e || after2 == '.') {  // U.S  e.g  a.m
            letters = 0;
            ++parts;
            i = next;
            continue;
          }
        }
        break;
      }
      if (cp == '&' && IsUpper(prev) && next < e && IsUpper(cur_.At(next, e))) {
        i = next;  // AT&T, S&P, R&D
        continue;
      }
      break;
    }
    if (letters != 1) single_letters = false;
    uint16_t flags = 0;
    // Keep the final period of abbreviations and initials.
    if (i < e && text_[i] == '.' && (i + 1 >= e || text_[i + 1] != '.')) {
      const std::string_view with_period = text_.substr(start, i + 1 - start);
      const bool initial = parts == 1 && letters == 1 && IsUpper(prev);
      if ((parts > 1 && single_letters) || initial || tok_.IsAbbreviation(with_period)) {
        ++i;
        flags |= kFlagAbbrev;
      }
    }
    Emit(start, i, TokenKind::kWord, flags);
    return i;
  }

  // If the letters from `i` up to the end of the word are a clitic (s, re,
  // ve, ll, d, m, t after n), returns where it ends; else 0.
  int32_t CliticEnd(int32_t i, int32_t e) const {
    int32_t j = i;
    while (j < e && IsLetter(cur_.At(j, e))) {
      int32_t next;
      cur_.At(j, e, &next);
      j = next;
    }
    if (j < e) {
      const uint32_t after = cur_.At(j, e);
      if (IsDigit(after) || IsApostrophe(after) || IsMark(after)) return 0;
    }
    std::string lower = absl::AsciiStrToLower(AsAbsl(text_.substr(i, j - i)));
    if (lower == "s" || lower == "re" || lower == "ve" || lower == "ll" ||
        lower == "d" || lower == "m" || lower == "t") {
      return j;
    }
    return 0;
  }

  // Digits with internal separators (1,000.5  10:30  3/14), ordinals (10th)
  // and decades (1990s). `digits` is where the digits start (after a ’).
  int32_t ScanNumber(int32_t start, int32_t e, int32_t digits) {
    int32_t i = digits;
    while (i < e) {
      int32_t next;
      const uint32_t cp = cur_.At(i, e, &next);
      if (IsDigit(cp)) {
        i = next;
        continue;
      }
      if ((cp == ',' || cp == '.' || cp == ':' || cp == '/') && next < e && IsDigit(cur_.At(next, e))) {
        i = next;
        continue;
      }
      break;
    }
    // Letters glued to the number.
    int32_t j = i;
    bool upper = false;
    bool digit_after = false;
    while (j < e) {
      int32_t next;
      const uint32_t cp = cur_.At(j, e, &next);
      if (IsLetter(cp)) {
        upper |= IsUpper(cp);
      } else if (IsDigit(cp)) {
        digit_after = true;
      } else {
        break;
      }
      j = next;
    }
    TokenKind kind = TokenKind::kNumber;
    if (j > i) {
      const std::string lower = absl::AsciiStrToLower(AsAbsl(text_.substr(i, j - i)));
      if (lower == "s" || lower == "st" || lower == "nd" || lower == "rd" ||
          lower == "th") {
        i = j;  // 1990s, 21st
      } else if (upper || digit_after) {
        i = j;  // 5G, 3D, 4x4: one word
        kind = TokenKind::kWord;
      }
      // else 2.5bn, 10km: the unit is a word of its own.
    }
    Emit(start, i, kind, 0);
    return i;
  }

  const Tokenizer& tok_;
  std::string_view text_;
  Cursor cur_;
  std::vector<Token>* out_;
  int32_t chunk_begin_ = 0;
};

}  // namespace

Tokenizer::Tokenizer(const TokenizerOptions& options) {
  for (const std::string& a : options.abbreviations) {
    abbreviations_.insert(a);
    max_abbreviation_ = std::max(max_abbreviation_, a.size());
  }
}

bool Tokenizer::IsAbbreviation(std::string_view w) const {
  if (w.size() > max_abbreviation_) return false;
  if (abbreviations_.contains(AsAbsl(w))) return true;
  // "GEN." in a shouted headline. Lower-case forms are not folded: "no." and
  // "fig." end sentences far more often than they abbreviate.
  if (w.size() > 2 && absl::ascii_isupper(static_cast<unsigned char>(w[1]))) {
    std::string cap = absl::AsciiStrToLower(AsAbsl(w));
    cap[0] = absl::ascii_toupper(static_cast<unsigned char>(cap[0]));
    return abbreviations_.contains(cap);
  }
  return false;
}

void Tokenizer::Tokenize(std::string_view text, ByteSpan range,
                         std::vector<Token>* out) const {
  ChunkScanner scanner(*this, text, out);
  Cursor cur(text);
  const int32_t e = static_cast<int32_t>(range.end);
  int32_t i = static_cast<int32_t>(range.begin);
  while (i < e) {
    // Skip white space; ASCII first because it is almost all of it.
    int32_t next;
    uint32_t cp = cur.At(i, e, &next);
    if (IsSpaceLike(cp)) {
      i = next;
      continue;
    }
    const int32_t b = i;
    while (i < e) {
      // Printable ASCII (most of a chunk) is never space: a byte test.
      const auto byte = static_cast<unsigned char>(text[i]);
      if (byte > 0x20 && byte < 0x7F) {
        ++i;
        continue;
      }
      cp = cur.At(i, e, &next);
      if (IsSpaceLike(cp)) break;
      i = next;
    }
    scanner.Chunk(b, i);
  }
}

FoldedTokens::FoldedTokens(std::string_view text, absl::Span<const Token> tokens) {
  const size_t n = text.size();
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  text_.reset(new char[n + 1]);
  char* out = text_.get();
  for (size_t i = 0; i < n; ++i) {
    out[i] = static_cast<char>(static_cast<unsigned char>(in[i] - 'A') < 26 ? in[i] + 32 : in[i]);
  }
  // Where each ’ or ‘ starts (E2 80 99, E2 80 98).
  std::vector<uint32_t> marks;
  for (size_t at = text.find("\xE2\x80"); at != std::string_view::npos;
       at = text.find("\xE2\x80", at + 1)) {
    if (at + 2 < n && (in[at + 2] == 0x98 || in[at + 2] == 0x99)) {
      marks.push_back(static_cast<uint32_t>(at));
    }
  }
  views_.reset(new View[tokens.size()]);
  // Locals, so that the stores below do not make the loop reload them.
  const Token* tk = tokens.data();
  const size_t num_tokens = tokens.size();
  View* views = views_.get();
  bool ordered = true;  // in text order, none overlapping
  uint32_t prev_end = 0;
  for (size_t i = 0; i < num_tokens; ++i) {
    const uint32_t b = tk[i].begin, e = tk[i].end;
    ordered &= b >= prev_end;
    prev_end = e;
    views[i] = {out + b, e - b};
  }
  // The tokens a whole mark is inside: found from the few marks, not by
  // testing every token (unless the tokens are out of order).
  std::vector<uint32_t> apart;
  if (ordered) {
    for (uint32_t m : marks) {
      const Token* t = std::upper_bound(tk, tk + num_tokens, m,
                                        [](uint32_t v, const Token& x) { return v < x.begin; });
      if (t == tk) continue;
      --t;
      const auto i = static_cast<uint32_t>(t - tk);
      if (m + 3 <= t->end && (apart.empty() || apart.back() != i)) apart.push_back(i);
    }
  } else {
    for (size_t i = 0; i < num_tokens; ++i) {
      const auto m = std::lower_bound(marks.begin(), marks.end(), tk[i].begin);
      if (m != marks.end() && *m + 3 <= tk[i].end) apart.push_back(static_cast<uint32_t>(i));
    }
  }
  if (apart.empty()) return;
  size_t bytes = 0;
  for (uint32_t i : apart) bytes += tk[i].end - tk[i].begin;
  apart_.reset(new char[bytes]);
  size_t at = 0;
  for (uint32_t i : apart) {
    const size_t len = FoldCaseTo(tk[i].In(text), apart_.get() + at);
    views[i] = {apart_.get() + at, len};
    at += len;
  }
}

}  // namespace presslens
