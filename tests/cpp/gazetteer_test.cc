// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Tests for gazetteer.h: phrase storage and matching over token hashes, and
// loading a "phrase<TAB>category" file with the pipeline's tokenizer.

#include "presslens/gazetteer.h"

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "test_util.h"
#include "presslens/ner.h"
#include "presslens/pipeline.h"
#include "presslens/text.h"
#include "presslens/tokenize.h"

namespace presslens {
namespace {

namespace fs = std::filesystem;
using MatchTuple = std::tuple<uint32_t, uint32_t, uint32_t>;

std::vector<uint64_t> Keys(std::vector<std::string_view> words) {
  std::vector<uint64_t> out;
  for (std::string_view w : words) out.push_back(Gazetteer::Key(w));
  return out;
}

// Matches as comparable tuples, in FindAll's order.
std::vector<MatchTuple> Matches(const Gazetteer& g, std::vector<std::string_view> words) {
  std::vector<Gazetteer::Match> found;
  g.FindAll(Keys(words), &found);
  std::vector<MatchTuple> out;
  for (const auto& m : found) out.emplace_back(m.begin, m.end, m.categories);
  return out;
}

const fs::path& ScratchDir() { return test::ScratchDir(); }

std::string WriteTemp(const std::string& name, const std::string& content) {
  const fs::path path = ScratchDir() / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  return path.string();
}

const Tokenizer& ModelTokenizer() { return test::ShippedPipeline().tokenizer(); }

std::vector<std::string_view> TokenTexts(std::string_view text) {
  std::vector<Token> tokens;
  ModelTokenizer().Tokenize(text, ByteSpan{0, static_cast<uint32_t>(text.size())}, &tokens);
  std::vector<std::string_view> out;
  for (const Token& t : tokens) out.push_back(t.In(text));
  return out;
}

TEST(GazetteerTest, LookupFindsExactPhrasesOnly) {
  Gazetteer g;
  g.Add(Keys({"New", "York", "Times"}), kGazMedia);
  EXPECT_EQ(g.Lookup(Keys({"New", "York", "Times"})), 1u << kGazMedia);
  // A prefix is a trie node but not a phrase.
  EXPECT_EQ(g.Lookup(Keys({"New", "York"})), 0u);
  EXPECT_EQ(g.Lookup(Keys({"York", "Times"})), 0u);
  // Keys are case-sensitive hashes of the token text.
  EXPECT_EQ(g.Lookup(Keys({"new", "york", "times"})), 0u);
  EXPECT_EQ(g.num_phrases(), 1u);
}

TEST(GazetteerTest, SamePhraseUnderTwoCategoriesOrsThem) {
  Gazetteer g;
  const uint32_t a = g.Add(Keys({"Buenos", "Aires"}), kGazGpe);
  const uint32_t b = g.Add(Keys({"Buenos", "Aires"}), kGazRegion);
  EXPECT_EQ(a, b);  // the terminal node identifies the phrase
  EXPECT_EQ(g.Lookup(Keys({"Buenos", "Aires"})), (1u << kGazGpe) | (1u << kGazRegion));
  EXPECT_EQ(g.num_phrases(), 1u);
}

TEST(GazetteerTest, EmptyPhraseAndBadCategoryAreIgnored) {
  Gazetteer g;
  EXPECT_EQ(g.Add({}, kGazOrg), 0u);
  EXPECT_EQ(g.Add(Keys({"UN"}), 32), 0u);
  EXPECT_EQ(g.Add(Keys({"UN"}), -1), 0u);
  EXPECT_EQ(g.num_phrases(), 0u);
  EXPECT_EQ(g.max_len(), 0);
  EXPECT_EQ(g.Lookup({}), 0u);
  EXPECT_EQ(g.Lookup(Keys({"UN"})), 0u);
  EXPECT_TRUE(Matches(g, {"the", "UN", "said"}).empty());
}

TEST(GazetteerTest, FindAllReportsLongestAndOverlappingMatches) {
  Gazetteer g;
  g.Add(Keys({"New", "York"}), kGazGpe);
  g.Add(Keys({"New", "York", "Times"}), kGazMedia);
  g.Add(Keys({"York", "Times"}), kGazOrg);
  g.Add(Keys({"York"}), kGazGpe);
  const std::vector<MatchTuple> want = {{1, 3, 1u << kGazGpe},
                                        {1, 4, 1u << kGazMedia},
                                        {2, 3, 1u << kGazGpe},
                                        {2, 4, 1u << kGazOrg}};
  EXPECT_EQ(Matches(g, {"the", "New", "York", "Times", "said"}), want);
}

TEST(GazetteerTest, MaxLenIsLongestPhraseAndPhrasesOfThatLengthMatch) {
  Gazetteer g;
  g.Add(Keys({"Organization", "of", "the", "Petroleum", "Exporting", "Countries"}), kGazOrg);
  g.Add(Keys({"OPEC"}), kGazOrg);
  EXPECT_EQ(g.max_len(), 6);
  // A phrase exactly max_len long, ending at the last token, is still found.
  const std::vector<MatchTuple> want = {{1, 7, 1u << kGazOrg}};
  EXPECT_EQ(Matches(g, {"said", "Organization", "of", "the", "Petroleum", "Exporting",
                        "Countries"}),
            want);
  // A shorter phrase added later does not shrink max_len.
  g.Add(Keys({"the", "Petroleum"}), kGazOrg);
  EXPECT_EQ(g.max_len(), 6);
}

TEST(GazetteerTest, MatchesRepeatAtEveryOccurrence) {
  Gazetteer g;
  g.Add(Keys({"UN"}), kGazOrg);
  const std::vector<MatchTuple> want = {{0, 1, 1u << kGazOrg}, {2, 3, 1u << kGazOrg}};
  EXPECT_EQ(Matches(g, {"UN", "and", "UN"}), want);
}

TEST(LoadGazetteerTest, PhrasesMatchTheTokensOfAnalysedText) {
  const std::string path = WriteTemp("ok.tsv",
                                     "# comment\n"
                                     "New York Times\tmedia\n"
                                     "New York\tgpe\n"
                                     "New York\tregion\n"
                                     "U.S.\tcountry\n");
  absl::StatusOr<Gazetteer> g = LoadGazetteer(path, ModelTokenizer());
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(g->num_phrases(), 3u);
  const std::vector<std::string_view> words = TokenTexts("the New York Times said");
  ASSERT_EQ(words, (std::vector<std::string_view>{"the", "New", "York", "Times", "said"}));
  const std::vector<MatchTuple> want = {{1, 3, (1u << kGazGpe) | (1u << kGazRegion)},
                                        {1, 4, 1u << kGazMedia}};
  EXPECT_EQ(Matches(*g, words), want);
  // "U.S." is split the same way in the file and in text, whatever that way is.
  const std::vector<std::string_view> us = TokenTexts("U.S.");
  EXPECT_EQ(g->Lookup(Keys(us)), 1u << kGazCountry);
}

TEST(LoadGazetteerTest, UnknownCategoryIsInvalidArgumentNamingTheRow) {
  const std::string path = WriteTemp("bad.tsv", "Caracas\tgpe\nNew York Times\tnewspaper\n");
  absl::StatusOr<Gazetteer> g = LoadGazetteer(path, ModelTokenizer());
  ASSERT_EQ(g.status().code(), absl::StatusCode::kInvalidArgument) << g.status();
  const std::string msg(g.status().message());
  EXPECT_NE(msg.find(path), msg.npos) << msg;
  EXPECT_NE(msg.find(path + ":2:"), msg.npos) << msg;
  EXPECT_NE(msg.find("newspaper"), msg.npos) << msg;
}

// Real gazetteer files start with comment lines: the error names the file
// line, not the count of data rows.
TEST(LoadGazetteerTest, UnknownCategoryNamesTheFileLineAfterComments) {
  const std::string path = WriteTemp("bad_commented.tsv", "# header\n\nCaracas\tcity\n");
  absl::StatusOr<Gazetteer> g = LoadGazetteer(path, ModelTokenizer());
  ASSERT_EQ(g.status().code(), absl::StatusCode::kInvalidArgument) << g.status();
  const std::string msg(g.status().message());
  EXPECT_TRUE(msg.find(path + ":3:") != msg.npos || msg.find("line 3") != msg.npos) << msg;
}

TEST(LoadGazetteerTest, MissingFileIsNotFound) {
  absl::StatusOr<Gazetteer> g =
      LoadGazetteer((ScratchDir() / "no_such.tsv").string(), ModelTokenizer());
  EXPECT_EQ(g.status().code(), absl::StatusCode::kNotFound) << g.status();
}

}  // namespace
}  // namespace presslens
