// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Regression tests for what the fuzz targets in fuzz/ found: each test is the
// smallest input that showed the problem, and checks the promise it broke.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "invariants.h"
#include "presslens/clusters.h"
#include "presslens/cues.h"
#include "presslens/document.h"
#include "presslens/entities.h"
#include "presslens/pipeline.h"
#include "presslens/quotes.h"
#include "presslens/tokenize.h"
#include "test_util.h"

namespace presslens {
namespace {

Document Analyze(std::string_view text) {
  absl::StatusOr<Document> doc = test::ShippedPipeline().Analyze(text);
  EXPECT_TRUE(doc.ok()) << doc.status();
  return doc.ok() ? *std::move(doc) : Document();
}

std::vector<std::string> Texts(std::string_view text) {
  std::vector<Token> tokens;
  test::ShippedPipeline().tokenizer().Tokenize(
      text, ByteSpan{0, static_cast<uint32_t>(text.size())}, &tokens);
  std::vector<std::string> out;
  for (const Token& t : tokens) out.emplace_back(t.In(text));
  return out;
}

// fuzz_analyze: "$5\nmillion" made one MONEY mention across a line break:
// the unit search ran on past the end of the sentence.
TEST(FuzzRegressionTest, AmountUnitStaysInItsSentence) {
  std::string text;
  for (int i = 0; i < 12; ++i) text += "$5\nmillion\n";
  const Document doc = Analyze(text);
  EXPECT_EQ(test::CheckDocument(doc), "");
  for (const Entity& e : doc.entities) {
    EXPECT_EQ(e.span.In(doc.text).find('\n'), std::string_view::npos) << e.span.In(doc.text);
  }
  // Still joined inside one line.
  const Document one = Analyze("The council approved a $5 million grant on Tuesday.");
  bool found = false;
  for (const Entity& e : one.entities) found |= e.span.In(one.text) == "$5 million";
  EXPECT_TRUE(found);
}

// fuzz_segment: in "n\u20E3't" the n't split took i - 1 as the start of the
// "n", which was the last byte of the mark: a token split a code point.
TEST(FuzzRegressionTest, NtSplitAfterACombiningMarkKeepsCodePoints) {
  const std::string text = "e\xEF\xBF\xBDn\xE2\x83\xA3't\xEF\xBF\xBD";  // e�n⃣'t�
  const Document doc = Analyze(text);
  EXPECT_EQ(test::CheckDocument(doc), "");
  EXPECT_EQ(Texts("can\xCC\x81't"), (std::vector<std::string>{"can\xCC\x81", "'t"}));
  EXPECT_EQ(Texts("don't"), (std::vector<std::string>{"do", "n't"}));
}

// fuzz_analyze: in "John S$110mith met M" the tagger made "John S$" a person
// and "110" an amount, which then took the "$" back: two mentions shared a
// token. A currency sign (or title) joins only from untagged tokens.
TEST(FuzzRegressionTest, AmountDoesNotTakeItsSignFromThePreviousMention) {
  const Document doc = Analyze("John S$110mith met M");
  EXPECT_EQ(test::CheckDocument(doc), "");
  const Document plain = Analyze("Officials paid $110 to the fund.");
  bool found = false;
  for (const Entity& e : plain.entities) found |= e.span.In(plain.text) == "$110";
  EXPECT_TRUE(found);
}

// fuzz_gazetteer: a pattern's label and canonical name were not checked for
// UTF-8, and the canonical name became a cluster name the bindings could not
// turn into str. All three fields are now checked.
TEST(FuzzRegressionTest, PatternLabelAndCanonicalMustBeUtf8) {
  const Tokenizer& tok = test::ShippedPipeline().tokenizer();
  auto bad_canonical = EntityPatterns::Build({{"Harbour City", "ORG", false, "Harbour\xff"}}, tok);
  ASSERT_FALSE(bad_canonical.ok());
  EXPECT_EQ(bad_canonical.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad_canonical.status().message().find("entity pattern 0: canonical: invalid UTF-8 at byte offset 7"),
            std::string_view::npos)
      << bad_canonical.status();
  auto bad_label = EntityPatterns::Build({{"a", "ORG", false, ""}, {"b", "\xc3", false, ""}}, tok);
  ASSERT_FALSE(bad_label.ok());
  EXPECT_NE(bad_label.status().message().find("entity pattern 1: label: invalid UTF-8 at byte offset 0"),
            std::string_view::npos)
      << bad_label.status();
  EXPECT_TRUE(EntityPatterns::Build({{"Harbour City", "ORT\xC3\xA9", false, "H\xC3\xA9"}}, tok).ok());
}

// fuzz_gazetteer (quote tables): an irregular form of only spaces in
// quote_cues.tsv ("say<TAB>neutral<TAB>verb<TAB> ,x") became a cue of no
// words, and loading read its first word past the end: a crash, not the
// InvalidArgument a damaged model file gets.
TEST(FuzzRegressionTest, QuoteCueFormOfOnlySpacesIsRefused) {
  const std::string dir = (test::ScratchDir() / "empty_form").string() + "/";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "quote_cues.tsv") << "say\tneutral\tverb\t ,x\n";
  std::ofstream(dir + "speaker_nouns.tsv") << "officials\tanonymous\n";
  auto f = QuoteFinder::Load(dir, {});
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(f.status().message().find("quote_cues.tsv:1: an irregular form is empty"),
            std::string_view::npos)
      << f.status();
  // Irregular forms that are words still load.
  std::ofstream(dir + "quote_cues.tsv") << "say\tneutral\tverb\tsaid,says\n";
  EXPECT_TRUE(QuoteFinder::Load(dir, {}).ok());
}

// fuzz_quotes: "“Why?” asked Jones." ends the clause with the verb's
// subject, and the inverted-telling test read the entity index one past the
// document's last token (heap overflow under ASan).
TEST(FuzzRegressionTest, InvertedAskedAtTheEndOfTheDocument) {
  Document doc = Analyze("“We won!” Smith said. “Why?” asked Jones.");
  EXPECT_EQ(test::CheckDocument(doc), "");
  Document end = Analyze("“Why?” asked");
  EXPECT_EQ(test::CheckDocument(end), "");
}

// fuzz_gazetteer (harness): "d<TAB>ORG<TAB>temper" is a pattern making "d" an
// ORG, and, read as an alias table, "d" -> "ORG". Clustered again with that
// table, the mentions "d" and "ORG" join, so there is one cluster where there
// were two, and the cue "temper" still named cluster 1. Quotes and cues refer
// to clusters by index: after a new clustering a caller runs those stages
// again (clusters.h), as Pipeline::Run does and as the harness now does.
TEST(FuzzRegressionTest, ReclusteringThenQuotesAndCuesAgainKeepsIndexesValid) {
  const Pipeline& nlp = test::ShippedPipeline();
  const std::string input = "d\tORG\ttemper";
  auto patterns = EntityPatterns::Build({{"d", "ORG", true, ""}}, nlp.tokenizer());
  ASSERT_TRUE(patterns.ok()) << patterns.status();
  Document doc;
  doc.text = input;
  nlp.Run(&doc, &*patterns);
  ASSERT_EQ(test::CheckDocument(doc), "");
  const size_t before = doc.clusters.size();

  const std::string aliases = (test::ScratchDir() / "recluster_aliases.tsv").string();
  std::ofstream(aliases) << input;
  auto clusterer = EntityClusterer::Load(aliases);
  ASSERT_TRUE(clusterer.ok()) << clusterer.status();
  clusterer->Cluster(&doc);
  EXPECT_LT(doc.clusters.size(), before);  // the alias joined two clusters
  ASSERT_NE(nlp.quote_finder(), nullptr);
  ASSERT_NE(nlp.cue_lexicon(), nullptr);
  nlp.quote_finder()->Find(&doc);
  nlp.cue_lexicon()->Find(&doc);
  EXPECT_EQ(test::CheckDocument(doc), "");
}

}  // namespace
}  // namespace presslens
