// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Tests for entities.h: how user patterns match.

#include "presslens/entities.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "presslens/tokenize.h"

namespace presslens {
namespace {

const Tokenizer& TheTokenizer() {
  static const Tokenizer* tokenizer = new Tokenizer(TokenizerOptions{});
  return *tokenizer;
}

// ----------------------------------------------------------------- patterns

// Texts of the pattern matches in `text`, as "phrase=LABEL".
std::string Matches(const std::vector<EntityPattern>& patterns, std::string_view text) {
  absl::StatusOr<EntityPatterns> built = EntityPatterns::Build(patterns, TheTokenizer());
  EXPECT_TRUE(built.ok()) << built.status();
  if (!built.ok()) return "";
  std::vector<Token> tokens;
  TheTokenizer().Tokenize(text, ByteSpan{0, static_cast<uint32_t>(text.size())}, &tokens);
  std::vector<EntityPatterns::Hit> hits;
  built->Match(text, tokens, 0, static_cast<uint32_t>(tokens.size()), &hits);
  std::string out;
  for (const auto& h : hits) {
    const std::string_view phrase =
        text.substr(tokens[h.begin].begin, tokens[h.end - 1].end - tokens[h.begin].begin);
    absl::StrAppend(&out, out.empty() ? "" : " ", AsAbsl(phrase), "=", built->pattern(h.pattern).label);
  }
  return out;
}

TEST(EntityPatternsTest, LongestOverlappingMatchWinsWhateverTheOrder) {
  const std::string text = "The New York Times Company sued New York.";
  EXPECT_EQ(Matches({{"New York", "CITY"}, {"York Times Company", "MEDIA"}}, text),
            "York Times Company=MEDIA New York=CITY");
  EXPECT_EQ(Matches({{"York Times Company", "MEDIA"}, {"New York", "CITY"}}, text),
            "York Times Company=MEDIA New York=CITY");
}

TEST(EntityPatternsTest, NestedMatchesKeepTheLongest) {
  EXPECT_EQ(Matches({{"Times", "CITY"}, {"New York Times", "MEDIA"}, {"New York", "CITY"}},
                    "The New York Times and the Times."),
            "New York Times=MEDIA Times=CITY");
}

TEST(EntityPatternsTest, EqualLengthsGoToTheLeftmost) {
  EXPECT_EQ(Matches({{"York Times", "MEDIA"}, {"New York", "CITY"}}, "The New York Times."),
            "New York=CITY");
}

TEST(EntityPatternsTest, ExactPatternBeatsCaseInsensitiveOnTheSameTokens) {
  const std::string text = "The Greens won.";
  EXPECT_EQ(Matches({{"greens", "GROUP", true}, {"Greens", "PARTY"}}, text), "Greens=PARTY");
  EXPECT_EQ(Matches({{"Greens", "PARTY"}, {"greens", "GROUP", true}}, text), "Greens=PARTY");
  // A longer case-insensitive match still beats a shorter exact one.
  EXPECT_EQ(Matches({{"Greens", "PARTY"}, {"the greens", "GROUP", true}}, text),
            "The Greens=GROUP");
}

}  // namespace
}  // namespace presslens
