// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Tests for sentences.h, run through the pipeline so that the tokenizer's
// abbreviation flags and the model's sentence starters are the shipped ones.

#include "presslens/sentences.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "test_util.h"
#include "presslens/document.h"
#include "presslens/pipeline.h"
#include "presslens/resources.h"

namespace presslens {
namespace {

using Strings = std::vector<std::string>;

const Pipeline& News() { return test::ShippedPipeline(); }

Document Analyze(std::string_view text) {
  absl::StatusOr<Document> doc = News().Analyze(text);
  EXPECT_TRUE(doc.ok()) << doc.status();
  return doc.ok() ? *std::move(doc) : Document{};
}

Strings Sentences(std::string_view text) {
  const Document doc = Analyze(text);
  Strings out;
  for (const Segment& s : doc.sentences) out.emplace_back(s.span.In(doc.text));
  return out;
}

// ----------------------------------------------------------- abbreviations

TEST(SentencesTest, TitleDoesNotEndSentence) {
  EXPECT_EQ(Sentences("Gen. Smith arrived. He spoke."),
            (Strings{"Gen. Smith arrived.", "He spoke."}));
  EXPECT_EQ(Sentences("They met Mr. Maduro."), (Strings{"They met Mr. Maduro."}));
}

TEST(SentencesTest, LetterAbbreviationBeforeNameDoesNotEndSentence) {
  EXPECT_EQ(Sentences("The U.S. Senate voted. It passed."),
            (Strings{"The U.S. Senate voted.", "It passed."}));
}

TEST(SentencesTest, MonthBeforeDayDoesNotEndSentence) {
  EXPECT_EQ(Sentences("It happened on Jan. 5 in Caracas."),
            (Strings{"It happened on Jan. 5 in Caracas."}));
}

// "U.S." keeps its period, yet it may also end the sentence.
TEST(SentencesTest, AbbreviationBeforeSentenceStarterEndsSentence) {
  EXPECT_EQ(Sentences("He lives in the U.S. The next day he left."),
            (Strings{"He lives in the U.S.", "The next day he left."}));
  EXPECT_EQ(Sentences("She works for Apple Inc. \xE2\x80\x9CWe grew,\xE2\x80\x9D she said."),
            (Strings{"She works for Apple Inc.",
                     "\xE2\x80\x9CWe grew,\xE2\x80\x9D she said."}));
}

TEST(SentencesTest, InitialsDoNotEndSentence) {
  EXPECT_EQ(Sentences("J. K. Rowling wrote it. She agreed."),
            (Strings{"J. K. Rowling wrote it.", "She agreed."}));
}

// An initial is followed by a name, rarely by a sentence starter such as
// "Then" or "The": before one, a single capital with a period ends a sentence.
TEST(SentencesTest, SingleCapitalBeforeSentenceStarterEndsSentence) {
  EXPECT_EQ(Sentences("So did I. Then we left."), (Strings{"So did I.", "Then we left."}));
  EXPECT_EQ(Sentences("He chose Plan B. The rest followed."),
            (Strings{"He chose Plan B.", "The rest followed."}));
}

// ------------------------------------------------------------------- quotes

TEST(SentencesTest, QuoteEndingClauseThenSaidThenNewSentence) {
  EXPECT_EQ(Sentences("\xE2\x80\x9CIt is a reality,\xE2\x80\x9D he added. Next sentence."),
            (Strings{"\xE2\x80\x9CIt is a reality,\xE2\x80\x9D he added.", "Next sentence."}));
}

// The closing quote after the period belongs to the sentence it closes.
TEST(SentencesTest, SplitsAfterClosingQuote) {
  const std::string text =
      "Guaido proclaimed himself the country\xE2\x80\x99s \xE2\x80\x9Cinterim president.\xE2\x80\x9D"
      " Along with efforts to cripple exports, the US acted.";
  EXPECT_EQ(Sentences(text),
            (Strings{"Guaido proclaimed himself the country\xE2\x80\x99s \xE2\x80\x9Cinterim "
                     "president.\xE2\x80\x9D",
                     "Along with efforts to cripple exports, the US acted."}));
}

TEST(SentencesTest, StraightClosingQuoteStaysWithSentence) {
  EXPECT_EQ(Sentences("He said \"yes.\" Then he left."),
            (Strings{"He said \"yes.\"", "Then he left."}));
}

TEST(SentencesTest, QuestionInsideQuoteBeforeSaidIsOneSentence) {
  EXPECT_EQ(Sentences("\xE2\x80\x9CWhy?\xE2\x80\x9D he asked."),
            (Strings{"\xE2\x80\x9CWhy?\xE2\x80\x9D he asked."}));
}

// --------------------------------------------------------- other terminals

TEST(SentencesTest, EllipsisBeforeLowerCaseDoesNotSplit) {
  EXPECT_EQ(Sentences("He paused... and then left."), (Strings{"He paused... and then left."}));
  EXPECT_EQ(Sentences("He paused\xE2\x80\xA6 and then left."),
            (Strings{"He paused\xE2\x80\xA6 and then left."}));
}

TEST(SentencesTest, EllipsisBeforeCapitalSplits) {
  EXPECT_EQ(Sentences("He paused... Then he left."),
            (Strings{"He paused...", "Then he left."}));
}

TEST(SentencesTest, QuestionAndExclamationEndSentences) {
  EXPECT_EQ(Sentences("Why now? Nobody knows! It rose 5%. 2020 was worse."),
            (Strings{"Why now?", "Nobody knows!", "It rose 5%.", "2020 was worse."}));
}

TEST(SentencesTest, DecimalPointAndLowerCaseDoNotSplit) {
  EXPECT_EQ(Sentences("It rose 3.5 percent. the end"), (Strings{"It rose 3.5 percent. the end"}));
}

// Hebrew and Arabic letters have no case; a period before one still ends a
// sentence.
TEST(SentencesTest, CaselessScriptStartsSentence) {
  const std::string shalom = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";  // שלום
  EXPECT_EQ(Sentences(shalom + ". " + shalom + "."), (Strings{shalom + ".", shalom + "."}));
}

// --------------------------------------------------------------- paragraphs

TEST(SentencesTest, HeadlinesWithoutPeriodAreSentences) {
  const Document doc = Analyze(
      "Senior US Officials Visit Venezuela: Report\n\nSputnik\nThe text. Next one.");
  Strings got;
  std::vector<uint32_t> parents;
  for (const Segment& s : doc.sentences) {
    got.emplace_back(s.span.In(doc.text));
    parents.push_back(s.parent);
  }
  EXPECT_EQ(got, (Strings{"Senior US Officials Visit Venezuela: Report", "Sputnik",
                          "The text.", "Next one."}));
  EXPECT_EQ(parents, (std::vector<uint32_t>{0, 1, 2, 2}));
}

TEST(SentencesTest, UnfinishedSentenceEndsWithItsParagraph) {
  EXPECT_EQ(Sentences("It was the U.S\nthe next line."),
            (Strings{"It was the U.S", "the next line."}));
}

// Checks the structure any analysed document keeps: the sentences of each
// paragraph partition its tokens in order, and each span runs from its first
// token's start to its last token's end.
void ExpectSentenceStructure(const Document& doc) {
  size_t k = 0;
  for (uint32_t p = 0; p < doc.paragraphs.size(); ++p) {
    const Segment& para = doc.paragraphs[p];
    uint32_t next_token = para.token_begin;
    while (k < doc.sentences.size() && doc.sentences[k].parent == p) {
      const Segment& s = doc.sentences[k];
      SCOPED_TRACE(testing::Message() << "sentence #" << k << " '" << s.span.In(doc.text) << "'");
      ASSERT_EQ(s.token_begin, next_token) << "gap or overlap between sentences";
      ASSERT_LT(s.token_begin, s.token_end) << "empty sentence";
      ASSERT_LE(s.token_end, para.token_end) << "sentence crosses its paragraph";
      EXPECT_EQ(s.span.begin, doc.tokens[s.token_begin].begin);
      EXPECT_EQ(s.span.end, doc.tokens[s.token_end - 1].end);
      EXPECT_GE(s.span.begin, para.span.begin);
      EXPECT_LE(s.span.end, para.span.end);
      next_token = s.token_end;
      ++k;
    }
    EXPECT_EQ(next_token, para.token_end) << "paragraph " << p << " has tokens in no sentence";
  }
  EXPECT_EQ(k, doc.sentences.size()) << "sentences out of paragraph order";
}

TEST(SentencesTest, SentencesPartitionParagraphsOnExamples) {
  for (std::string_view text : {
           "One. Two? Three!\nFour\n\n\xE2\x80\x9C" "Five.\xE2\x80\x9D Six...",
           "Mr. A. B. Smith of the U.S. The end. \"Quote.\" (Aside.) Done",
           "...\n?!\n\xE2\x80\x9D. .",
       }) {
    ExpectSentenceStructure(Analyze(text));
  }
}

TEST(SentencesTest, SentencesPartitionParagraphsOnSeedArticle) {
  absl::StatusOr<std::string> article = ReadFile(PRESSLENS_SHARED_DIR "/data/seed/article.txt");
  ASSERT_TRUE(article.ok()) << article.status();
  const Document doc = Analyze(*article);
  ASSERT_EQ(doc.paragraphs.size(), 18u);
  ExpectSentenceStructure(doc);
  // Paragraph 8 reads "... the country’s “interim president.” Along with ...":
  // the closing quote ends one sentence and "Along" starts the next.
  const std::string_view end = "interim president.\xE2\x80\x9D";
  bool found = false;
  for (size_t k = 0; k + 1 < doc.sentences.size(); ++k) {
    const std::string_view s = doc.sentences[k].span.In(doc.text);
    if (s.size() >= end.size() && s.substr(s.size() - end.size()) == end) {
      found = true;
      EXPECT_EQ(doc.sentences[k + 1].span.In(doc.text).substr(0, 10), "Along with");
      EXPECT_EQ(doc.sentences[k].parent, 8u);
    }
  }
  EXPECT_TRUE(found) << "no sentence ends with the closing quote";
}

}  // namespace
}  // namespace presslens
