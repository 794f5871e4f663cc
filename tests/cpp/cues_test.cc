// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/cues.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "gtest/gtest.h"
#include "test_util.h"

namespace presslens {
namespace {

// A lexicon of our own in a scratch directory, so the tests do not depend
// on the shipped lists.
std::string WriteLexicon(const std::string& name, const std::string& loaded) {
  const std::string dir = (test::ScratchDir() / name).string() + "/";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "lemmas.tsv") << "# form lemma\ncrippled\tcripple\ncrippling\tcripple\n"
                                       "cripples\tcripple\nsanctions\tsanction\n";
  std::ofstream(dir + "loaded.tsv") << loaded;
  std::ofstream(dir + "negation.tsv") << "not\tnegation\t0\t0.8\ttest\n";
  std::ofstream(dir + "evaluative.tsv") << "fair\tevaluative\t+\t0.6\ttest\n";
  std::ofstream(dir + "hedge.tsv") << "reportedly\thedge\t0\t0.5\ttest\n";
  return dir;
}

struct Found {
  std::string text, category;
  int polarity;
  bool negated;
  int32_t quote;
};

std::vector<Found> FindCues(const CueLexicon& lex, const std::string& text) {
  absl::StatusOr<Document> doc = test::ShippedPipeline().Analyze(text);
  EXPECT_TRUE(doc.ok());
  lex.Find(&*doc);
  std::vector<Found> out;
  for (const StanceCue& c : doc->cues) {
    out.push_back({std::string(c.span.In(doc->text)), doc->cue_categories[c.category], c.polarity,
                   c.negated, c.quote});
  }
  return out;
}

TEST(CuesTest, MatchesInflectionsAndPhrasesByLemma) {
  auto lex = CueLexicon::Load(WriteLexicon("a", "cripple\tloaded\t-\t0.7\ttest\n"
                                                "crushing sanction\tloaded\t-\t0.8\ttest\n"));
  ASSERT_TRUE(lex.ok()) << lex.status();
  auto f = FindCues(*lex, "The measures crippled trade. Crushing sanctions cripples nothing.");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].text, "crippled");
  EXPECT_EQ(f[1].text, "Crushing sanctions");  // sentence-initial capital is fine
  EXPECT_EQ(f[2].text, "cripples");
  EXPECT_EQ(f[1].polarity, -1);
}

TEST(CuesTest, NegationFlipsPolarity) {
  auto lex = CueLexicon::Load(WriteLexicon("b", "unfair\tloaded\t-\t0.7\ttest\n"));
  ASSERT_TRUE(lex.ok());
  auto f = FindCues(*lex, "The vote was not fair.");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[1].text, "fair");
  EXPECT_EQ(f[1].polarity, -1);
  EXPECT_TRUE(f[1].negated);
}

TEST(CuesTest, VoiceFollowsQuotes) {
  auto lex = CueLexicon::Load(WriteLexicon("c", "lie\tloaded\t-\t0.7\ttest\nlies\tloaded\t-\t0.7\ttest\n"));
  ASSERT_TRUE(lex.ok());
  auto f = FindCues(*lex, "“These are lies,” Maria Lopez said. The report reportedly contained lies.");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_GE(f[0].quote, 0);   // inside her quote
  EXPECT_EQ(f[1].quote, -1);  // the writer's hedge
  EXPECT_EQ(f[2].quote, -1);
}

TEST(CuesTest, ConnotedReportingWordsCountAnywhereNeutralOnesOnlyAtSpeech) {
  const std::string dir = WriteLexicon("r", "");
  std::ofstream(dir + "reporting.tsv") << "say\treporting\t0\t0.2\ttest\n"
                                          "claim\treporting\t-\t0.6\ttest\n";
  std::ofstream(dir + "lemmas.tsv", std::ios::app) << "claims\tclaim\nsaid\tsay\nsays\tsay\n";
  auto lex = CueLexicon::Load(dir);
  ASSERT_TRUE(lex.ok()) << lex.status();
  // "said" reports speech; "says" in "the says of" would not, and "claims"
  // keeps its doubt as a noun.
  auto f = FindCues(*lex, "Lopez said the claims were false. Nobody heard the says.");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].text, "said");
  EXPECT_EQ(f[1].text, "claims");
  EXPECT_EQ(f[1].polarity, -1);
}

TEST(CuesTest, AssertiveVerbAfterADeterminerOrPrepositionIsANoun) {
  const std::string dir = WriteLexicon("s", "");
  std::ofstream(dir + "assertive.tsv") << "state\tassertive\t0\t0.5\ttest\n";
  auto lex = CueLexicon::Load(dir);
  ASSERT_TRUE(lex.ok()) << lex.status();
  auto f = FindCues(*lex, "A review by state regulators found the state of the port poor. "
                          "They state the obvious.");
  // Of the three, only the verb of "They state" is a cue.
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].category, "assertive");
}

TEST(CuesTest, NamesAreNotCues) {
  auto lex = CueLexicon::Load(WriteLexicon("d", "fair\tloaded\t-\t0.7\ttest\n"));
  ASSERT_TRUE(lex.ok());
  // A capitalised word inside a sentence is a name, not an adjective.
  auto f = FindCues(*lex, "She went to the Fair Deal Party offices.");
  EXPECT_TRUE(f.empty());
}

TEST(CuesTest, UserCuesAddAndReplace) {
  auto lex = CueLexicon::Load(WriteLexicon("e", "cripple\tloaded\t-\t0.7\ttest\n"));
  ASSERT_TRUE(lex.ok());
  ASSERT_TRUE(lex->Add("rogue states", "loaded", -1, 0.9f, test::ShippedPipeline().tokenizer()).ok());
  auto f = FindCues(*lex, "Rogue states crippled the talks.");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].text, "Rogue states");
  lex->ClearCategory("loaded");
  EXPECT_TRUE(FindCues(*lex, "Rogue states crippled the talks.").empty());
  EXPECT_FALSE(lex->Add("x", "loaded", 2, 0.5f, test::ShippedPipeline().tokenizer()).ok());
  EXPECT_FALSE(lex->Add("x", "loaded", 1, 1.5f, test::ShippedPipeline().tokenizer()).ok());
  EXPECT_FALSE(lex->Add("  ", "loaded", 1, 0.5f, test::ShippedPipeline().tokenizer()).ok());
}

TEST(CuesTest, BadRowsNameFileAndLine) {
  const std::string dir = WriteLexicon("f", "# header\ncripple\tloaded\t?\t0.7\ttest\n");
  auto lex = CueLexicon::Load(dir);
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(std::string(lex.status().message()).find("loaded.tsv:2"), std::string::npos) << lex.status();
  const std::string dir2 = WriteLexicon("g", "cripple\tloaded\t-\t7\ttest\n");
  auto lex2 = CueLexicon::Load(dir2);
  ASSERT_FALSE(lex2.ok());
  EXPECT_NE(std::string(lex2.status().message()).find("strength"), std::string::npos);
}

// The texts of the cues found, in order.
std::vector<std::string> CueTexts(const CueLexicon& lex, const std::string& text) {
  std::vector<std::string> out;
  for (const Found& f : FindCues(lex, text)) out.push_back(f.text);
  return out;
}

TEST(CuesTest, NounGateCountsOnlyInNounUse) {
  const std::string dir = WriteLexicon("u1", "lie\tloaded\t-\t0.7\ttest\tnoun\n"
                                             "blatant\tloaded\t-\t0.7\ttest\n");
  std::ofstream(dir + "lemmas.tsv", std::ios::app) << "lies\tlie\nlying\tlie\n";
  auto lex = CueLexicon::Load(dir);
  ASSERT_TRUE(lex.ok()) << lex.status();
  // After a determiner, a possessive, a quantifier, a preposition, a
  // nationality or an evaluative word: the noun.
  EXPECT_EQ(CueTexts(*lex, "The campaign spread lies. His lies hurt. Voters heard many lies."),
            (std::vector<std::string>{"lies", "lies"}));
  EXPECT_EQ(CueTexts(*lex, "The senator's lies were exposed. She was accused of lying."),
            (std::vector<std::string>{"lies", "lying"}));
  EXPECT_EQ(CueTexts(*lex, "Voters heard blatant lies and Russian lies."),
            (std::vector<std::string>{"blatant", "lies", "lies"}));
  // Elsewhere the verb of place: no cue.
  EXPECT_TRUE(CueTexts(*lex, "The town lies on the river. The problem lies elsewhere.").empty());
  EXPECT_TRUE(CueTexts(*lex, "Debris was lying everywhere.").empty());
}

TEST(CuesTest, VerbGateCountsOnlyAVerbForm) {
  const std::string dir = WriteLexicon("u2", "trumpet\tloaded\t-\t0.5\ttest\tverb\n");
  std::ofstream(dir + "lemmas.tsv", std::ios::app) << "trumpeted\ttrumpet\ntrumpets\ttrumpet\n";
  auto lex = CueLexicon::Load(dir);
  ASSERT_TRUE(lex.ok()) << lex.status();
  // An -ed or -ing form, a word after "to", a modal or a pronoun, or after a
  // person or organisation (its subject).
  EXPECT_EQ(CueTexts(*lex, "The governor trumpeted the deal. They will trumpet it. "
                           "Maria Lopez trumpets it too."),
            (std::vector<std::string>{"trumpeted", "trumpet", "trumpets"}));
  // Not after a determiner, preposition, number or nationality, nor a plain
  // form elsewhere.
  EXPECT_TRUE(CueTexts(*lex, "He played a trumpet. The trumpets of the band were loud. "
                             "The band bought new trumpets and 3 trumpets. The trumpeted deal failed. "
                             "She gave them to trumpets. Maria Lopez trumpet lessons began.")
                  .empty());
}

TEST(CuesTest, NotLocativeGateDoesNotCountBeforeAWordOfPlace) {
  const std::string dir = WriteLexicon("u3", "slam\tloaded\t-\t0.6\ttest\tverb,not_locative\n");
  std::ofstream(dir + "lemmas.tsv", std::ios::app) << "slammed\tslam\nslams\tslam\n";
  auto lex = CueLexicon::Load(dir);
  ASSERT_TRUE(lex.ok()) << lex.status();
  EXPECT_EQ(CueTexts(*lex, "Critics slammed the plan."), (std::vector<std::string>{"slammed"}));
  EXPECT_TRUE(CueTexts(*lex, "The car slammed into a wall. A truck slammed on its brakes.").empty());
  // verb: not after a determiner either
  EXPECT_TRUE(CueTexts(*lex, "They heard a slam.").empty());
}

TEST(CuesTest, UseGateMustBeKnown) {
  for (const char* bad : {"nouns", "noun,verb", "noun,", "NOUN"}) {
    const std::string dir = WriteLexicon(std::string("u4") + (bad[0] == 'N' ? "N" : "") +
                                             std::to_string(std::strlen(bad)),
                                         std::string("# header\nlie\tloaded\t-\t0.7\ttest\t") + bad + "\n");
    auto lex = CueLexicon::Load(dir);
    ASSERT_FALSE(lex.ok()) << bad;
    EXPECT_NE(std::string(lex.status().message()).find("loaded.tsv:2: use"), std::string::npos)
        << lex.status();
  }
  // An empty sixth column is no gate.
  auto lex = CueLexicon::Load(WriteLexicon("u5", "lie\tloaded\t-\t0.7\ttest\t\n"));
  ASSERT_TRUE(lex.ok()) << lex.status();
  EXPECT_EQ(CueTexts(*lex, "The town lie on the river."), (std::vector<std::string>{"lie"}));
}

TEST(CuesTest, AddedCueTakesAUseGate) {
  auto lex = CueLexicon::Load(WriteLexicon("u6", ""));
  ASSERT_TRUE(lex.ok()) << lex.status();
  const Tokenizer& tok = test::ShippedPipeline().tokenizer();
  ASSERT_TRUE(lex->Add("fib", "loaded", -1, 0.6f, tok, "noun").ok());
  // The gate holds for the regular inflections Add makes too.
  EXPECT_EQ(CueTexts(*lex, "He told more fibs. Witnesses fib often."),
            (std::vector<std::string>{"fibs"}));
  const absl::Status bad = lex->Add("smear", "loaded", -1, 0.6f, tok, "noun,verb");
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(bad.message()).find("use 'noun,verb'"), std::string::npos) << bad;
  EXPECT_TRUE(CueTexts(*lex, "A smear campaign.").empty());  // nothing was added
}

// The canonical name of each cue's target ("" for none), by cue text.
std::map<std::string, std::string> Targets(const CueLexicon& lex, const std::string& text) {
  absl::StatusOr<Document> doc = test::ShippedPipeline().Analyze(text);
  EXPECT_TRUE(doc.ok());
  lex.Find(&*doc);
  std::map<std::string, std::string> out;
  for (const StanceCue& c : doc->cues) {
    out[std::string(c.span.In(doc->text))] = c.target >= 0 ? doc->clusters[c.target].canonical : "";
  }
  return out;
}

TEST(CuesTest, TargetIsTheSubjectOfALoadedVerb) {
  auto lex = CueLexicon::Load(WriteLexicon("t1", "slapped\tloaded\t-\t0.7\ttest\n"));
  ASSERT_TRUE(lex.ok()) << lex.status();
  auto t = Targets(*lex, "The United States slapped sanctions on Nicolas Maduro on Friday.");
  ASSERT_TRUE(t.contains("slapped"));
  EXPECT_NE(t["slapped"].find("United States"), std::string::npos) << t["slapped"];
}

TEST(CuesTest, TargetIsTheAgentOrComplementAfterTheCue) {
  auto lex = CueLexicon::Load(WriteLexicon("t2", "brutal\tloaded\t-\t0.7\ttest\n"
                                                 "ouster\tloaded\t-\t0.5\ttest\n"));
  ASSERT_TRUE(lex.ok()) << lex.status();
  auto t = Targets(*lex, "Officials in Caracas denounced the brutal crackdown by Nicolas Maduro.");
  EXPECT_NE(t["brutal"].find("Maduro"), std::string::npos) << t["brutal"];
  t = Targets(*lex, "Senator Marco Rubio called for the ouster of Nicolas Maduro.");
  EXPECT_NE(t["ouster"].find("Maduro"), std::string::npos) << t["ouster"];
}

TEST(CuesTest, TargetLooksRightInTheClauseThenToTheGoverningMention) {
  auto lex = CueLexicon::Load(WriteLexicon("t3", "brutal\tloaded\t-\t0.7\ttest\n"
                                                 "cripple\tloaded\t-\t0.7\ttest\n"));
  ASSERT_TRUE(lex.ok()) << lex.status();
  // Nothing left in the clause: a name a few words right, not the one before the comma.
  auto t = Targets(*lex, "In Caracas, brutal raids on Juan Guaido continued.");
  EXPECT_NE(t["brutal"].find("Guaido"), std::string::npos) << t["brutal"];
  // A relative clause: the mention it hangs on.
  t = Targets(*lex, "Nicolas Maduro, who crippled the economy, spoke on Monday.");
  EXPECT_NE(t["crippled"].find("Maduro"), std::string::npos) << t["crippled"];
  // What a speaker says is not about the speaker.
  t = Targets(*lex, "Maria Lopez said the measures were brutal.");
  EXPECT_EQ(t["brutal"], "");
  t = Targets(*lex, "“The measures are brutal,” Maria Lopez said.");
  EXPECT_EQ(t["brutal"], "");
  EXPECT_EQ(Targets(*lex, "It was a brutal winter.")["brutal"], "");
}

TEST(CuesTest, ShippedLexiconScoresSentences) {
  absl::StatusOr<Document> doc = test::ShippedPipeline().Analyze(
      "The regime's brazen, crushing attack was a disgrace. The meeting is on Tuesday.");
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->sentence_stance.size(), 2u);
  EXPECT_GT(doc->sentence_stance[0].subjectivity, 0.3f);
  EXPECT_LT(doc->sentence_stance[0].polarity, 0.0f);
  EXPECT_EQ(doc->sentence_stance[1].subjectivity, 0.0f);
  EXPECT_EQ(doc->sentence_stance[1].polarity, 0.0f);
}

}  // namespace
}  // namespace presslens
