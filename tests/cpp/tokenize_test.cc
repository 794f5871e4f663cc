// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Tests for tokenize.h: token strings, kinds and flags on news copy, and the
// invariants every tokenization keeps (no lost bytes, no white space inside).

#include "presslens/tokenize.h"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "test_util.h"
#include "presslens/pipeline.h"
#include "presslens/resources.h"
#include "presslens/text.h"

namespace presslens {

// Lets failure messages show "kWord" instead of raw bytes.
void PrintTo(TokenKind kind, std::ostream* os) {
  static const char* const kNames[] = {"kWord", "kNumber", "kPunct", "kSymbol"};
  *os << kNames[static_cast<int>(kind)];
}

namespace {

using Strings = std::vector<std::string>;
using Kinds = std::vector<TokenKind>;
constexpr TokenKind kWord = TokenKind::kWord;
constexpr TokenKind kNumber = TokenKind::kNumber;
constexpr TokenKind kPunct = TokenKind::kPunct;
constexpr TokenKind kSymbol = TokenKind::kSymbol;

// The tokenizer of the shipped English model, with its abbreviation list.
const Tokenizer& News() { return test::ShippedPipeline().tokenizer(); }

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  News().Tokenize(text, ByteSpan{0, static_cast<uint32_t>(text.size())}, &out);
  return out;
}

Strings Texts(std::string_view text) {
  Strings out;
  for (const Token& t : Tokenize(text)) out.emplace_back(t.In(text));
  return out;
}

Kinds KindsOf(std::string_view text) {
  Kinds out;
  for (const Token& t : Tokenize(text)) out.push_back(t.kind);
  return out;
}

// The first token of `text` spelled `spelled`; fails the test if none is.
Token Find(std::string_view text, std::string_view spelled) {
  for (const Token& t : Tokenize(text)) {
    if (t.In(text) == spelled) return t;
  }
  ADD_FAILURE() << "no token '" << spelled << "' in '" << text << "'";
  return Token{};
}

// ------------------------------------------------------ quotes and apostrophes

TEST(TokenizeTest, PossessiveCliticIsSplitOff) {
  const std::string text = "Russia\xE2\x80\x99s partners";  // Russia’s
  EXPECT_EQ(Texts(text), (Strings{"Russia", "\xE2\x80\x99s", "partners"}));
  const Token s = Find(text, "\xE2\x80\x99s");
  EXPECT_TRUE(s.has(kFlagClitic));
  EXPECT_EQ(s.kind, kWord);
  EXPECT_FALSE(Find(text, "Russia").has(kFlagClitic));
  EXPECT_EQ(Texts("Moscow's orbit"), (Strings{"Moscow", "'s", "orbit"}));
}

TEST(TokenizeTest, DecadeWithApostropheIsOneNumber) {
  const std::string text = "the \xE2\x80\x99" "90s";  // the ’90s
  EXPECT_EQ(Texts(text), (Strings{"the", "\xE2\x80\x99" "90s"}));
  EXPECT_EQ(KindsOf(text), (Kinds{kWord, kNumber}));
  EXPECT_EQ(Texts("the '90s."), (Strings{"the", "'90s", "."}));
}

TEST(TokenizeTest, NegationCliticTakesTheN) {
  EXPECT_EQ(Texts("don't"), (Strings{"do", "n't"}));
  EXPECT_EQ(Texts("couldn\xE2\x80\x99t"), (Strings{"could", "n\xE2\x80\x99t"}));
  EXPECT_TRUE(Find("don't", "n't").has(kFlagClitic));
  EXPECT_EQ(Texts("they're"), (Strings{"they", "'re"}));
}

TEST(TokenizeTest, ApostropheInsideNameStaysInWord) {
  EXPECT_EQ(Texts("O\xE2\x80\x99" "Brien said"), (Strings{"O\xE2\x80\x99" "Brien", "said"}));
  EXPECT_EQ(Texts("rock'n'roll"), (Strings{"rock'n'roll"}));
}

TEST(TokenizeTest, TrailingApostropheIsFlaggedAsPossiblePossessive) {
  const std::string text = "officials\xE2\x80\x99 claims";  // officials’
  EXPECT_EQ(Texts(text), (Strings{"officials", "\xE2\x80\x99", "claims"}));
  const Token q = Find(text, "\xE2\x80\x99");
  EXPECT_EQ(q.kind, kPunct);
  EXPECT_TRUE(q.has(kFlagApostrophe));
  EXPECT_TRUE(q.has(kFlagQuote));
}

TEST(TokenizeTest, CurlyDoubleQuotesOpenAndClose) {
  const std::string text = "a \xE2\x80\x9Csecurity threat,\xE2\x80\x9D with";
  EXPECT_EQ(Texts(text), (Strings{"a", "\xE2\x80\x9C", "security", "threat", ",",
                                   "\xE2\x80\x9D", "with"}));
  const Token open = Find(text, "\xE2\x80\x9C");
  EXPECT_TRUE(open.has(kFlagQuote) && open.has(kFlagOpen)) << open.flags;
  EXPECT_FALSE(open.has(kFlagClose));
  const Token close = Find(text, "\xE2\x80\x9D");
  EXPECT_TRUE(close.has(kFlagQuote) && close.has(kFlagClose)) << close.flags;
  EXPECT_FALSE(close.has(kFlagOpen));
}

// Straight quotes have no direction of their own; their place gives one.
TEST(TokenizeTest, StraightQuoteDirectionFollowsPosition) {
  const std::string text = "he called it \"fake,\" twice";
  const std::vector<Token> tokens = Tokenize(text);
  EXPECT_EQ(Texts(text), (Strings{"he", "called", "it", "\"", "fake", ",", "\"", "twice"}));
  ASSERT_EQ(tokens.size(), 8u);
  EXPECT_TRUE(tokens[3].has(kFlagQuote) && tokens[3].has(kFlagOpen));
  EXPECT_FALSE(tokens[3].has(kFlagClose));
  EXPECT_TRUE(tokens[6].has(kFlagQuote) && tokens[6].has(kFlagClose));
  EXPECT_FALSE(tokens[6].has(kFlagOpen));
}

TEST(TokenizeTest, LeftSingleQuoteOpens) {
  const std::string text = "\xE2\x80\x98Not Justified\xE2\x80\x99:";  // ‘Not Justified’:
  EXPECT_EQ(Texts(text), (Strings{"\xE2\x80\x98", "Not", "Justified", "\xE2\x80\x99", ":"}));
  EXPECT_TRUE(Find(text, "\xE2\x80\x98").has(kFlagOpen));
  EXPECT_TRUE(Find(text, "\xE2\x80\x99").has(kFlagClose));
}

// ------------------------------------------------------------------- dashes

TEST(TokenizeTest, DashGluedToWordIsOwnToken) {
  const std::string text = "January 2019 \xE2\x80\x93when the US";  // –when
  EXPECT_EQ(Texts(text), (Strings{"January", "2019", "\xE2\x80\x93", "when", "the", "US"}));
  const Token dash = Find(text, "\xE2\x80\x93");
  EXPECT_EQ(dash.kind, kPunct);
  EXPECT_TRUE(dash.has(kFlagDash));
  EXPECT_EQ(Texts("threat\xE2\x80\x94" "and"), (Strings{"threat", "\xE2\x80\x94", "and"}));
  EXPECT_EQ(Texts("yes--no"), (Strings{"yes", "--", "no"}));
}

TEST(TokenizeTest, HyphenatedWordsSplitAtHyphen) {
  EXPECT_EQ(Texts("a US-led blockade"), (Strings{"a", "US", "-", "led", "blockade"}));
  EXPECT_EQ(Texts("Colombia-based mercenaries"),
            (Strings{"Colombia", "-", "based", "mercenaries"}));
  EXPECT_TRUE(Find("US-led", "-").has(kFlagDash));
}

// ------------------------------------------------------------ abbreviations

// The period of a known abbreviation is part of the word; a sentence-final
// period is not.
TEST(TokenizeTest, AbbreviationsKeepTheirPeriod) {
  const std::string text =
      "Mr. Smith and Gen. Jones met in the U.S. on Jan. 5 at Apple Inc. today.";
  EXPECT_EQ(Texts(text), (Strings{"Mr.", "Smith", "and", "Gen.", "Jones", "met", "in",
                                   "the", "U.S.", "on", "Jan.", "5", "at", "Apple",
                                   "Inc.", "today", "."}));
  for (std::string_view a : {"Mr.", "Gen.", "U.S.", "Jan.", "Inc."}) {
    const Token t = Find(text, a);
    EXPECT_TRUE(t.has(kFlagAbbrev)) << a;
    EXPECT_EQ(t.kind, kWord) << a;
  }
  const Token stop = Find(text, ".");
  EXPECT_EQ(stop.kind, kPunct);
  EXPECT_TRUE(stop.has(kFlagTerminal));
  EXPECT_FALSE(Find(text, "today").has(kFlagAbbrev));
}

TEST(TokenizeTest, SentenceFinalPeriodIsSplit) {
  EXPECT_EQ(Texts("He left the city."), (Strings{"He", "left", "the", "city", "."}));
  EXPECT_EQ(Texts("the US."), (Strings{"the", "US", "."}));
}

TEST(TokenizeTest, InitialsKeepTheirPeriod) {
  const std::string text = "J. K. Rowling";
  EXPECT_EQ(Texts(text), (Strings{"J.", "K.", "Rowling"}));
  EXPECT_TRUE(Find(text, "J.").has(kFlagAbbrev));
}

TEST(TokenizeTest, LetterRunsAreOneAbbreviation) {
  EXPECT_EQ(Texts("at 9 a.m., e.g. here"), (Strings{"at", "9", "a.m.", ",", "e.g.", "here"}));
  EXPECT_EQ(Texts("U.S.-led"), (Strings{"U.S.", "-", "led"}));
}

TEST(TokenizeTest, ShoutedAbbreviationIsRecognised) {
  EXPECT_EQ(Texts("GEN. SMITH"), (Strings{"GEN.", "SMITH"}));
  EXPECT_TRUE(Find("GEN. SMITH", "GEN.").has(kFlagAbbrev));
}

// ------------------------------------------------------------ numbers, money

TEST(TokenizeTest, CurrencySignIsOwnSymbol) {
  EXPECT_EQ(Texts("topping $110 per barrel"), (Strings{"topping", "$", "110", "per", "barrel"}));
  EXPECT_EQ(KindsOf("$110"), (Kinds{kSymbol, kNumber}));
}

TEST(TokenizeTest, UnitAfterDecimalIsOwnWord) {
  const std::string text = "\xE2\x82\xAC" "2.5bn";  // €2.5bn
  EXPECT_EQ(Texts(text), (Strings{"\xE2\x82\xAC", "2.5", "bn"}));
  EXPECT_EQ(KindsOf(text), (Kinds{kSymbol, kNumber, kWord}));
}

TEST(TokenizeTest, NumberWithSeparatorsIsOneToken) {
  EXPECT_EQ(Texts("1,000.5 and 10:30"), (Strings{"1,000.5", "and", "10:30"}));
  EXPECT_EQ(KindsOf("1,000.5"), (Kinds{kNumber}));
  // A period or comma not followed by a digit ends the number.
  EXPECT_EQ(Texts("rose 5, then 6."), (Strings{"rose", "5", ",", "then", "6", "."}));
}

TEST(TokenizeTest, PercentIsOwnSymbol) {
  EXPECT_EQ(Texts("10%"), (Strings{"10", "%"}));
  EXPECT_EQ(KindsOf("10%"), (Kinds{kNumber, kSymbol}));
}

TEST(TokenizeTest, DecadesAndOrdinalsAreOneNumber) {
  EXPECT_EQ(Texts("the 1990s and the 21st"), (Strings{"the", "1990s", "and", "the", "21st"}));
  EXPECT_EQ(KindsOf("1990s 21st 3rd"), (Kinds{kNumber, kNumber, kNumber}));
}

TEST(TokenizeTest, DigitsWithCapitalsAreOneWord) {
  EXPECT_EQ(Texts("5G and 3D"), (Strings{"5G", "and", "3D"}));
  EXPECT_EQ(KindsOf("5G"), (Kinds{kWord}));
}

// --------------------------------------------- URLs, addresses, handles, tags

TEST(TokenizeTest, UrlIsOneTokenWithoutTrailingPeriod) {
  const std::string text = "See https://example.org/a?b=1.";
  EXPECT_EQ(Texts(text), (Strings{"See", "https://example.org/a?b=1", "."}));
  const Token url = Find(text, "https://example.org/a?b=1");
  EXPECT_TRUE(url.has(kFlagUrl));
  EXPECT_EQ(url.kind, kSymbol);
}

TEST(TokenizeTest, BareWwwUrlInsideBrackets) {
  const std::string text = "(www.example.com).";
  EXPECT_EQ(Texts(text), (Strings{"(", "www.example.com", ")", "."}));
  EXPECT_TRUE(Find(text, "www.example.com").has(kFlagUrl));
}

TEST(TokenizeTest, EmailIsOneToken) {
  const std::string text = "write to press@example.org.";
  EXPECT_EQ(Texts(text), (Strings{"write", "to", "press@example.org", "."}));
  EXPECT_TRUE(Find(text, "press@example.org").has(kFlagEmail));
}

TEST(TokenizeTest, HandlesAndHashtagsAreOneToken) {
  const std::string text = "@presslens posted #Venezuela, #g20.";
  EXPECT_EQ(Texts(text), (Strings{"@presslens", "posted", "#Venezuela", ",", "#g20", "."}));
  EXPECT_TRUE(Find(text, "@presslens").has(kFlagHandle));
  EXPECT_TRUE(Find(text, "#Venezuela").has(kFlagHashtag));
  EXPECT_TRUE(Find(text, "#g20").has(kFlagHashtag));
}

// ------------------------------------------------------- brackets and symbols

TEST(TokenizeTest, EditorialBracketsAreOwnTokens) {
  const std::string text = "[Vladimir] Putin";
  EXPECT_EQ(Texts(text), (Strings{"[", "Vladimir", "]", "Putin"}));
  const Token open = Find(text, "[");
  EXPECT_TRUE(open.has(kFlagBracket) && open.has(kFlagOpen));
  const Token close = Find(text, "]");
  EXPECT_TRUE(close.has(kFlagBracket) && close.has(kFlagClose));
}

TEST(TokenizeTest, AmpersandBetweenCapitalsStaysInWord) {
  EXPECT_EQ(Texts("AT&T and S&P"), (Strings{"AT&T", "and", "S&P"}));
  EXPECT_EQ(Texts("salt&pepper"), (Strings{"salt", "&", "pepper"}));
}

TEST(TokenizeTest, RepeatedTerminalsAreOneMark) {
  EXPECT_EQ(Texts("Wait... what?!"), (Strings{"Wait", "...", "what", "?!"}));
  EXPECT_TRUE(Find("Wait...", "...").has(kFlagTerminal));
  EXPECT_EQ(Texts("so\xE2\x80\xA6"), (Strings{"so", "\xE2\x80\xA6"}));  // so…
}

TEST(TokenizeTest, EmojiSequencesAreOneSymbol) {
  const std::string thumbs = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD";  // 👍🏽
  const std::string family =  // 👨‍👩‍👧
      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  const std::string text = "ok" + thumbs + " " + family + "!";
  EXPECT_EQ(Texts(text), (Strings{"ok", thumbs, family, "!"}));
  EXPECT_EQ(KindsOf(text), (Kinds{kWord, kSymbol, kSymbol, kPunct}));
}

TEST(TokenizeTest, FlagIsOnePairOfRegionalIndicators) {
  const std::string ua = "\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6";  // 🇺🇦
  const std::string us = "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8";  // 🇺🇸
  EXPECT_EQ(Texts(ua), (Strings{ua}));
  EXPECT_EQ(Texts(ua + us), (Strings{ua, us}));
  EXPECT_EQ(KindsOf(ua), (Kinds{kSymbol}));
}

TEST(TokenizeTest, SpaceBeforeFlagMarksChunkStarts) {
  const std::vector<Token> tokens = Tokenize("a (b).");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_TRUE(tokens[0].has(kFlagSpaceBefore));
  EXPECT_TRUE(tokens[1].has(kFlagSpaceBefore));   // (
  EXPECT_FALSE(tokens[2].has(kFlagSpaceBefore));  // b
  EXPECT_FALSE(tokens[4].has(kFlagSpaceBefore));  // .
}

TEST(TokenizeTest, OnlyTokenizesTheGivenRange) {
  const std::string text = "skip this. Take these words. skip";
  std::vector<Token> out;
  News().Tokenize(text, ByteSpan{11, 28}, &out);
  Strings got;
  for (const Token& t : out) got.emplace_back(t.In(text));
  EXPECT_EQ(got, (Strings{"Take", "these", "words", "."}));
}

TEST(TokenizeTest, InvisibleSeparatorsSplitWords) {
  // ZWSP and NBSP separate; ZWJ inside a word does not.
  EXPECT_EQ(Texts("a\xE2\x80\x8B" "b\xC2\xA0" "c"), (Strings{"a", "b", "c"}));
}

// ---------------------------------------------- clitics and dates with slashes

// A possessive after an abbreviation or a number is a clitic, not a closing
// quote followed by a bare "s".
TEST(TokenizeTest, PossessiveAfterAbbreviationOrNumberIsClitic) {
  const std::string text = "the U.S.\xE2\x80\x99s allies";
  EXPECT_EQ(Texts(text), (Strings{"the", "U.S.", "\xE2\x80\x99s", "allies"}));
  EXPECT_TRUE(Find(text, "\xE2\x80\x99s").has(kFlagClitic));
  EXPECT_EQ(Texts("2019's budget"), (Strings{"2019", "'s", "budget"}));
  EXPECT_EQ(Texts("5G's rollout"), (Strings{"5G", "'s", "rollout"}));
}

// Dates written with slashes stay one number, as OntoNotes keeps them.
TEST(TokenizeTest, SlashDateIsOneNumber) {
  EXPECT_EQ(Texts("On 3/14/2022 prices fell"), (Strings{"On", "3/14/2022", "prices", "fell"}));
  EXPECT_EQ(KindsOf("3/14"), (Kinds{kNumber}));
}

// A closing bracket that balances one inside a URL belongs to the URL, not
// to the sentence: "https://en.wikipedia.org/wiki/Foo_(bar)".
TEST(TokenizeTest, UrlKeepsBalancedParentheses) {
  const std::string url = "https://en.wikipedia.org/wiki/Foo_(bar)";
  EXPECT_EQ(Texts("see " + url + " now"), (Strings{"see", url, "now"}));
  EXPECT_EQ(Texts("(see " + url + ")"), (Strings{"(", "see", url, ")"}));
}

// Press releases write addresses in angle brackets: <press@example.org>.
TEST(TokenizeTest, EmailInAngleBracketsIsOneToken) {
  const std::string text = "<press@example.org>";
  EXPECT_EQ(Texts(text), (Strings{"<", "press@example.org", ">"}));
  EXPECT_TRUE(Find(text, "press@example.org").has(kFlagEmail));
}

// ---------------------------------------------------------------- invariants

// Decodes `s` (valid UTF-8) into code points.
std::vector<uint32_t> Decode(std::string_view s) {
  std::vector<uint32_t> out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(static_cast<uint32_t>(c));
  }
  return out;
}

bool AllSpaceLike(std::string_view s) {
  for (uint32_t cp : Decode(s)) {
    if (!IsSpaceLike(cp)) return false;
  }
  return true;
}

bool AnySpaceLike(std::string_view s) {
  for (uint32_t cp : Decode(s)) {
    if (IsSpaceLike(cp)) return true;
  }
  return false;
}

bool IsContinuation(std::string_view text, uint32_t b) {
  return b < text.size() && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80;
}

// Tokens lie in order inside the range, are non-empty, start and end on code
// point boundaries, hold no white space, and only white space lies between them.
void ExpectTokenInvariants(std::string_view text, ByteSpan range) {
  std::vector<Token> tokens;
  News().Tokenize(text, range, &tokens);
  uint32_t pos = range.begin;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    SCOPED_TRACE(testing::Message() << "token #" << i << " '" << t.In(text) << "' [" << t.begin
                                    << "," << t.end << ") in '" << text << "'");
    ASSERT_LT(t.begin, t.end) << "empty token";
    ASSERT_LE(pos, t.begin) << "out of order or overlapping";
    ASSERT_LE(t.end, range.end) << "beyond the range";
    EXPECT_FALSE(IsContinuation(text, t.begin));
    EXPECT_FALSE(IsContinuation(text, t.end));
    EXPECT_FALSE(AnySpaceLike(t.In(text))) << "white space inside a token";
    EXPECT_TRUE(AllSpaceLike(text.substr(pos, t.begin - pos))) << "text lost before it";
    pos = t.end;
  }
  EXPECT_TRUE(AllSpaceLike(text.substr(pos, range.end - pos))) << "text lost at the end of '"
                                                               << text << "'";
}

TEST(TokenizeInvariantsTest, HoldOnNewsExamples) {
  const std::vector<std::string> examples = {
      "",
      "   ",
      "Russia\xE2\x80\x99s \xE2\x80\x9Csecurity threat,\xE2\x80\x9D officials\xE2\x80\x99 don't",
      "\"Why?\" he asked... (U.S.-led) [sic] \xE2\x80\x94 $1,000.5bn, 10%!",
      "e\xCC\x81t\xC3\xA9 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85",
      "a\xE2\x80\x8B" "b\xE2\x80\x8E" "c\xEF\xBB\xBF" "d\xC2\xA0" "e\xE3\x80\x80" "f",
      "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6\xE2\x80\x8D",
      "https://x.org/?q=\xE2\x80\x9C" "a\xE2\x80\x9D). mail@x.co, @h #t",
      "'", "\xE2\x80\x99", "n't", "''90s'", "-", "...", "\xE2\x80\x8D", "\xCC\x81",
      "A.B.C.D. a.b. A. .A. U.S", "\xC2\xBD \xC2\xB2 \xE2\x85\xA0",
  };
  for (const std::string& text : examples) {
    ExpectTokenInvariants(text, ByteSpan{0, static_cast<uint32_t>(text.size())});
  }
}

TEST(TokenizeInvariantsTest, HoldOnSeedArticle) {
  absl::StatusOr<std::string> article = ReadFile(PRESSLENS_SHARED_DIR "/data/seed/article.txt");
  ASSERT_TRUE(article.ok()) << article.status();
  ExpectTokenInvariants(*article, ByteSpan{0, static_cast<uint32_t>(article->size())});
}

// Random strings built from the pieces news tokenization cares about, so that
// unusual neighbours (an apostrophe before an emoji, a ZWJ after a period)
// come up.
TEST(TokenizeInvariantsTest, HoldOnRandomMixtures) {
  static const char* const kPieces[] = {
      "a", "Z", "n", "t", "s", "1", "9", ".", ",", ":", "'", "\"", "-", "&", "@", "#",
      "$", "%", "(", ")", "[", "]", "!", "?", "/", " ", "  ", "\n", "\t",
      "\xC2\xA0",          // NBSP
      "\xE2\x80\x8B",      // ZWSP
      "\xE2\x80\x8D",      // ZWJ
      "\xE2\x80\x8E",      // LRM
      "\xCC\x81",          // combining acute
      "\xC3\xA9",          // é
      "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D",  // ‘ ’ “ ”
      "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA6",                  // – — …
      "\xE2\x82\xAC",                                                   // €
      "\xF0\x9F\x98\x80", "\xF0\x9F\x8F\xBD", "\xF0\x9F\x87\xBA",       // 😀 🏽 🇺
      "\xEF\xB8\x8F",                                                   // VS16
      "http://", "www.", "U.S.", "Gen.", "Inc.",
  };
  std::mt19937 rng(2026);
  std::uniform_int_distribution<int> pick(0, std::size(kPieces) - 1);
  std::uniform_int_distribution<int> length(0, 30);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text;
    for (int k = length(rng); k > 0; --k) text += kPieces[pick(rng)];
    ExpectTokenInvariants(text, ByteSpan{0, static_cast<uint32_t>(text.size())});
    if (HasFailure()) return;  // one counterexample is enough to read
  }
}

}  // namespace
}  // namespace presslens
