// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Tests for text.h: UTF-8 validation, byte -> code point offsets, paragraphs.

#include "presslens/text.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "presslens/tokenize.h"
#include "presslens/word_table.h"

namespace presslens {
namespace {

std::string Message(const absl::Status& s) { return std::string(s.message()); }

// Checks that `text` is refused and that the message names `offset`.
void ExpectInvalidAt(std::string_view text, size_t offset) {
  const absl::Status s = ValidateUtf8(text);
  ASSERT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
  const std::string want = "byte offset " + std::to_string(offset) + " ";
  EXPECT_NE(Message(s).find(want), std::string::npos)
      << "message '" << Message(s) << "' should contain '" << want << "'";
}

// ---------------------------------------------------------------- ValidateUtf8

TEST(ValidateUtf8Test, AcceptsValidText) {
  const std::vector<std::string> valid = {
      "",
      "plain ASCII, with punctuation: 1,000.5!",
      std::string("NUL\0inside", 10),      // U+0000 is well-formed UTF-8
      "grinning \xF0\x9F\x98\x80 face",    // U+1F600, 4 bytes
      "e\xCC\x81t\xC3\xA9",                // e + combining acute, precomposed é
      "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",  // Hebrew שלום
      "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85",  // Arabic سلام
      "a\xC2\xA0" "b",                     // NBSP
      "a\xE2\x80\x8B" "b",                 // ZWSP
      "\xEF\xBF\xBF\xF4\x8F\xBF\xBF",      // U+FFFF and U+10FFFF, the limits
  };
  for (const std::string& text : valid) {
    EXPECT_TRUE(ValidateUtf8(text).ok()) << "'" << text << "': " << ValidateUtf8(text);
  }
}

TEST(ValidateUtf8Test, RejectsTruncatedSequence) {
  ExpectInvalidAt("ab\xE2\x82", 2);      // € cut after two of three bytes
  ExpectInvalidAt("ab\xE2\x82 cd", 2);   // ... and followed by more text
  ExpectInvalidAt("\xF0\x9F\x98", 0);    // emoji missing its last byte
}

TEST(ValidateUtf8Test, RejectsLoneContinuationByte) {
  ExpectInvalidAt("\x80", 0);
  ExpectInvalidAt("abc\xBF" "def", 3);
  ExpectInvalidAt("\xC3\xA9\xA9", 2);    // é followed by a stray continuation
}

TEST(ValidateUtf8Test, RejectsOverlongForms) {
  ExpectInvalidAt("\xC0\xAF", 0);        // '/' in two bytes
  ExpectInvalidAt("x\xE0\x80\xAF", 1);   // '/' in three bytes
}

TEST(ValidateUtf8Test, RejectsEncodedSurrogate) {
  ExpectInvalidAt("\xED\xA0\x80", 0);    // U+D800
}

TEST(ValidateUtf8Test, RejectsCodePointAboveMax) {
  ExpectInvalidAt("\xF4\x90\x80\x80", 0);  // U+110000
}

TEST(ValidateUtf8Test, RejectsInvalidBytes) {
  ExpectInvalidAt("\xFF", 0);
  ExpectInvalidAt("ok \xFE", 3);
}

TEST(ValidateUtf8Test, MessageNamesTheByte) {
  const absl::Status s = ValidateUtf8("abc\xFF");
  EXPECT_NE(Message(s).find("0xff"), std::string::npos) << s;
}

// The validator skips ASCII eight bytes at a time: a bad byte must be found
// at every position relative to those 8-byte words, also after valid
// multi-byte code points have shifted the alignment.
TEST(ValidateUtf8Test, FindsBadByteAfterAsciiRunAtEveryOffset) {
  for (const std::string_view bad : {"\xFF", "\x80", "\xC0\xAF", "\xE2\x82",
                                     "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
    for (size_t pos = 0; pos <= 20; ++pos) {
      std::string text(pos, 'a');
      text.append(bad);
      text.append("tail of plain ASCII text");
      ExpectInvalidAt(text, pos);
    }
    for (size_t pos = 0; pos <= 20; ++pos) {
      std::string text = "\xC3\xA9";  // é: the run starts at an odd offset
      text.append(pos, 'a');
      text.append(bad);
      ExpectInvalidAt(text, 2 + pos);
    }
  }
}

TEST(ValidateUtf8Test, AcceptsLongAsciiRunsAroundMultibyte) {
  for (size_t pos = 0; pos <= 20; ++pos) {
    std::string text(pos, 'a');
    text.append("\xF0\x9F\x98\x80");
    text.append(pos, 'b');
    EXPECT_TRUE(ValidateUtf8(text).ok()) << pos;
  }
}

// Offsets are 32-bit and scanning uses int32 indexes, so a larger text must
// be refused up front. The bytes are mapped without access rights: reading
// any of them would crash the test instead of passing it.
TEST(ValidateUtf8Test, RefusesTextAboveMaxSizeWithoutReadingIt) {
  const size_t size = kMaxTextBytes + 1;
  void* p = mmap(nullptr, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) GTEST_SKIP() << "cannot reserve " << size << " bytes of address space";
  const absl::Status s = ValidateUtf8(std::string_view(static_cast<const char*>(p), size));
  munmap(p, size);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
}

// ------------------------------------------------------------------ OffsetMap

// Code point index holding byte `b`, counted the slow way.
uint64_t BruteCodepoint(std::string_view text, uint32_t b) {
  if (b >= text.size()) {
    uint64_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
  }
  uint64_t leads = 0;
  for (uint32_t i = 0; i <= b; ++i) leads += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return leads - 1;
}

// Random valid UTF-8 mixing 1- to 4-byte code points.
std::string RandomUtf8(std::mt19937* rng, size_t num_codepoints) {
  static const char* const kPieces[] = {
      "a", " ", "Z", ".",              // 1 byte
      "\xC3\xA9", "\xD7\xA9",          // é ש
      "\xE2\x80\x99", "\xE2\x82\xAC",  // ’ €
      "\xF0\x9F\x98\x80", "\xF0\x9F\x87\xBA",  // 😀, regional indicator U
  };
  std::uniform_int_distribution<int> pick(0, std::size(kPieces) - 1);
  std::string s;
  for (size_t i = 0; i < num_codepoints; ++i) s += kPieces[pick(*rng)];
  return s;
}

TEST(OffsetMapTest, AsciiTextMapsBytesToThemselves) {
  const std::string text = "The US and Venezuela.";
  OffsetMap map(text);
  EXPECT_TRUE(map.is_ascii());
  EXPECT_EQ(map.num_codepoints(), text.size());
  for (uint32_t b = 0; b <= text.size(); ++b) EXPECT_EQ(map.ToCodepoint(b), b);
}

TEST(OffsetMapTest, EmptyText) {
  OffsetMap map("");
  EXPECT_EQ(map.num_codepoints(), 0u);
  EXPECT_EQ(map.ToCodepoint(0), 0u);
}

TEST(OffsetMapTest, ByteInsideSequenceMapsToItsCodepoint) {
  const std::string text = "a\xE2\x80\x99s";  // a ’ s
  OffsetMap map(text);
  EXPECT_FALSE(map.is_ascii());
  EXPECT_EQ(map.num_codepoints(), 3u);
  EXPECT_EQ(map.ToCodepoint(0), 0u);
  EXPECT_EQ(map.ToCodepoint(1), 1u);
  EXPECT_EQ(map.ToCodepoint(2), 1u);
  EXPECT_EQ(map.ToCodepoint(3), 1u);
  EXPECT_EQ(map.ToCodepoint(4), 2u);
  EXPECT_EQ(map.ToCodepoint(5), 3u);
}

// Lengths straddle the 64-byte checkpoint blocks; every byte offset,
// including text.size(), is checked one by one.
TEST(OffsetMapTest, ToCodepointMatchesBruteForceOnRandomText) {
  std::mt19937 rng(20260401);
  for (size_t n : {1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 500}) {
    for (int trial = 0; trial < 5; ++trial) {
      const std::string text = RandomUtf8(&rng, n);
      ASSERT_TRUE(ValidateUtf8(text).ok());
      OffsetMap map(text);
      EXPECT_EQ(map.num_codepoints(), n);
      for (uint32_t b = 0; b <= text.size(); ++b) {
        ASSERT_EQ(map.ToCodepoint(b), BruteCodepoint(text, b))
            << "byte " << b << " of " << text.size();
      }
    }
  }
}

// The batch conversion takes a shortcut for sorted offsets; sorted, reversed,
// shuffled, repeated and far-apart lists must all give ToCodepoint's answers.
TEST(OffsetMapTest, ToCodepointsMatchesBruteForceInAnyOrder) {
  std::mt19937 rng(7);
  for (size_t n : {10, 40, 64, 65, 200, 1000}) {
    const std::string text = RandomUtf8(&rng, n);
    OffsetMap map(text);
    std::vector<uint32_t> all;
    for (uint32_t b = 0; b <= text.size(); ++b) all.push_back(b);

    std::vector<std::vector<uint32_t>> lists;
    lists.push_back(all);
    lists.emplace_back(all.rbegin(), all.rend());
    std::vector<uint32_t> shuffled = all;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    lists.push_back(shuffled);
    std::vector<uint32_t> sparse;  // sorted with gaps larger than a block
    for (uint32_t b = 0; b <= text.size(); b += 1 + rng() % 150) sparse.push_back(b);
    sparse.push_back(static_cast<uint32_t>(text.size()));
    lists.push_back(sparse);
    std::vector<uint32_t> repeated;  // token starts then ends: goes back
    for (int k = 0; k < 50; ++k) repeated.push_back(rng() % (text.size() + 1));
    std::sort(repeated.begin(), repeated.begin() + 25);
    std::sort(repeated.begin() + 25, repeated.end());
    lists.push_back(repeated);

    for (const std::vector<uint32_t>& bytes : lists) {
      std::vector<int64_t> out(bytes.size(), -1);
      map.ToCodepoints(bytes, absl::MakeSpan(out));
      for (size_t i = 0; i < bytes.size(); ++i) {
        ASSERT_EQ(out[i], static_cast<int64_t>(BruteCodepoint(text, bytes[i])))
            << "offset #" << i << " = byte " << bytes[i] << " of " << text.size();
      }
    }
  }
}

TEST(OffsetMapTest, ToCodepointsOnAsciiText) {
  const std::string text(200, 'x');
  OffsetMap map(text);
  const std::vector<uint32_t> bytes = {200, 0, 199, 64, 65};
  std::vector<int64_t> out(bytes.size());
  map.ToCodepoints(bytes, absl::MakeSpan(out));
  EXPECT_EQ(out, (std::vector<int64_t>{200, 0, 199, 64, 65}));
}

// ------------------------------------------------------------- SplitParagraphs

std::vector<std::string> Paragraphs(std::string_view text) {
  std::vector<std::string> out;
  for (const ByteSpan& p : SplitParagraphs(text)) out.emplace_back(p.In(text));
  return out;
}

using Strings = std::vector<std::string>;

TEST(SplitParagraphsTest, EveryLineBreakEndsAParagraph) {
  EXPECT_EQ(Paragraphs("one\ntwo"), (Strings{"one", "two"}));
  EXPECT_EQ(Paragraphs("one\r\ntwo\r\n"), (Strings{"one", "two"}));
  EXPECT_EQ(Paragraphs("one\rtwo"), (Strings{"one", "two"}));
  EXPECT_EQ(Paragraphs("one\xC2\x85two"), (Strings{"one", "two"}));      // NEL
  EXPECT_EQ(Paragraphs("one\xE2\x80\xA8two"), (Strings{"one", "two"}));  // U+2028
  EXPECT_EQ(Paragraphs("one\xE2\x80\xA9two"), (Strings{"one", "two"}));  // U+2029
}

TEST(SplitParagraphsTest, BlankAndWhitespaceOnlyLinesAreNotParagraphs) {
  EXPECT_EQ(Paragraphs("one\n\n\ntwo"), (Strings{"one", "two"}));
  EXPECT_EQ(Paragraphs("one\n \t \ntwo\r\n\r\n"), (Strings{"one", "two"}));
  EXPECT_TRUE(Paragraphs("").empty());
  EXPECT_TRUE(Paragraphs("\n\r\n  \n").empty());
}

TEST(SplitParagraphsTest, TrimsSurroundingWhitespace) {
  EXPECT_EQ(Paragraphs("  Headline here \t\n\tBody text.  "),
            (Strings{"Headline here", "Body text."}));
  // Inner white space stays; unicode spaces at the edges are trimmed.
  EXPECT_EQ(Paragraphs("\xE2\x80\x83" "a  b\xC2\xA0"), (Strings{"a  b"}));
}

TEST(SplitParagraphsTest, NbspOnlyLineIsNotAParagraph) {
  EXPECT_EQ(Paragraphs("one\n\xC2\xA0\xC2\xA0\ntwo"), (Strings{"one", "two"}));
  EXPECT_EQ(Paragraphs("one\n\xE2\x80\x8B\ntwo"), (Strings{"one", "two"}));  // ZWSP
}

TEST(SplitParagraphsTest, SpansAreByteOffsetsIntoText) {
  const std::string text = "\xE2\x80\x9CQ\xE2\x80\x9D\n\nb";
  const std::vector<ByteSpan> spans = SplitParagraphs(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0], (ByteSpan{0, 7}));
  EXPECT_EQ(spans[1], (ByteSpan{9, 10}));
}

// ---------------------------------------------------------------- IsSpaceLike

TEST(IsSpaceLikeTest, ClassifiesInvisibleSeparators) {
  for (uint32_t cp : {0x20u, 0x09u, 0x0Au, 0x00u, 0xA0u, 0x2003u, 0x3000u,
                      0x200Bu, 0xFEFFu, 0x200Eu, 0x2066u}) {
    EXPECT_TRUE(IsSpaceLike(cp)) << std::hex << cp;
  }
  // ZWJ and ZWNJ join emoji and letters, so they are not separators.
  for (uint32_t cp : {0x41u, 0x2019u, 0x200Cu, 0x200Du, 0x1F600u}) {
    EXPECT_FALSE(IsSpaceLike(cp)) << std::hex << cp;
  }
}

TEST(FoldCaseTest, LowerCasesAsciiAndFoldsTypographicApostrophes) {
  EXPECT_EQ(FoldCase("Officials’ SAID ‘no’"), "officials' said 'no'");
  // Other letters are left as written; a cut-off mark is not an apostrophe.
  EXPECT_EQ(FoldCase("naïve CAFÉ"), "naïve cafÉ");
  EXPECT_EQ(FoldCase("a\xE2\x80"), "a\xE2\x80");
}

TEST(FoldedTokensTest, EveryTokenIsFoldCaseOfItsText) {
  const Tokenizer tokenizer{TokenizerOptions{}};
  for (std::string_view text : {"", "Officials’ SAID the ‘Reform’ was O’Brien’s.",
                                "‘’ ’Tis ABC’s naïve CAFÉ", "x\xE2\x80\x98y END’"}) {
    std::vector<Token> tokens;
    tokenizer.Tokenize(text, ByteSpan{0, static_cast<uint32_t>(text.size())}, &tokens);
    const FoldedTokens folded(text, tokens);
    for (size_t i = 0; i < tokens.size(); ++i) {
      EXPECT_EQ(folded[i], FoldCase(tokens[i].In(text))) << text << " token " << i;
    }
    // Tokens out of text order (a caller's own list) are folded alike.
    std::vector<Token> reversed(tokens.rbegin(), tokens.rend());
    const FoldedTokens back(text, reversed);
    for (size_t i = 0; i < reversed.size(); ++i) {
      EXPECT_EQ(back[i], FoldCase(reversed[i].In(text))) << text << " token " << i;
    }
  }
}

TEST(WordTableTest, AWordHasTheBitsOfEveryListItIsIn) {
  const WordTable<uint8_t> t({{1, {"in", "the", "of"}}, {2, {"in", "out"}}, {4, {"nearby"}}});
  EXPECT_EQ(t.Of("in"), 3);
  EXPECT_EQ(t.Of("the"), 1);
  EXPECT_EQ(t.Of("out"), 2);
  EXPECT_EQ(t.Of("nearby"), 4);
  EXPECT_EQ(t.Of("In"), 0);  // callers fold case first
  EXPECT_EQ(t.Of(""), 0);
  EXPECT_EQ(t.Of("inside"), 0);
  EXPECT_EQ(t.Of("nearbyness"), 0);  // longer than any word: no lookup
}

}  // namespace
}  // namespace presslens
