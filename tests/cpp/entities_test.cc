// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Tests for entities.h: how BIO tags become mentions (trimming, titles,
// amounts) and how user patterns match. The tags are given by hand through
// EntityRecognizer::AddMentions, so the tests do not depend on a trained
// model; the recognizer's model only supplies the label names.

#include "presslens/entities.h"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "presslens/document.h"
#include "presslens/ner.h"
#include "presslens/tokenize.h"

namespace presslens {
namespace {

const std::vector<std::string> kLabels = {"PERSON", "ORG", "GPE", "MONEY", "PERCENT"};

const Tokenizer& TheTokenizer() {
  static const Tokenizer* tokenizer = new Tokenizer(TokenizerOptions{});
  return *tokenizer;
}

// A recognizer whose model has no weights: only AddMentions is used.
const EntityRecognizer& Recognizer() {
  static const NerModel* model = [] {
    const int k = 1 + 2 * static_cast<int>(kLabels.size());
    return new NerModel(kLabels, {}, {}, std::vector<float>((k + 1) * k, 0.0f));
  }();
  static const EntityRecognizer* recognizer = new EntityRecognizer(
      model, nullptr,
      {"president", "prime", "minister", "secretary", "state", "defense", "us", "former",
       "deputy", "head"},
      {"will", "but"});
  return *recognizer;
}

// Tag id of "O", "B-PERSON", "I-ORG", ...
uint8_t TagId(std::string_view tag) {
  if (tag == "O") return 0;
  for (size_t i = 0; i < kLabels.size(); ++i) {
    if (tag.substr(2) == kLabels[i]) return static_cast<uint8_t>(2 * i + (tag[0] == 'B' ? 1 : 2));
  }
  ADD_FAILURE() << "unknown tag " << tag;
  return 0;
}

using Tags = std::vector<std::pair<std::string, std::string>>;

// Tokenizes `text` into a document and gives the tag id of each token from
// `tags` ({token text, tag} for the tagged tokens, in order; every other
// token is O).
Document Tokenized(std::string text, const Tags& tags, std::vector<uint8_t>* ids) {
  Document doc;
  doc.text = std::move(text);
  doc.entity_labels = kLabels;
  TheTokenizer().Tokenize(doc.text, ByteSpan{0, static_cast<uint32_t>(doc.text.size())},
                          &doc.tokens);
  ids->assign(doc.tokens.size(), 0);
  size_t next = 0;
  for (uint32_t t = 0; t < doc.tokens.size() && next < tags.size(); ++t) {
    if (doc.tokens[t].In(doc.text) == tags[next].first) (*ids)[t] = TagId(tags[next++].second);
  }
  EXPECT_EQ(next, tags.size()) << "tagged token not found: " << tags[next].first;
  return doc;
}

// Adds the mentions of each of `doc.sentences` from the document's tag ids.
void AddAllMentions(Document* doc, std::vector<uint8_t>& ids) {
  for (const Segment& s : doc->sentences) {
    Recognizer().AddMentions(doc, s, absl::MakeSpan(ids).subspan(s.token_begin,
                                                                 s.token_end - s.token_begin));
  }
}

// Tokenizes `text`, splits it into sentences at the given token indexes, and
// adds the mentions of `tags`.
Document Mentions(std::string text, const Tags& tags,
                  const std::vector<uint32_t>& sentence_starts = {}) {
  std::vector<uint8_t> ids;
  Document doc = Tokenized(std::move(text), tags, &ids);
  std::vector<uint32_t> starts = {0};
  starts.insert(starts.end(), sentence_starts.begin(), sentence_starts.end());
  starts.push_back(static_cast<uint32_t>(doc.tokens.size()));
  for (size_t i = 0; i + 1 < starts.size(); ++i) {
    doc.sentences.push_back(Segment{{}, starts[i], starts[i + 1], 0});
  }
  AddAllMentions(&doc, ids);
  return doc;
}

// "LABEL:text[title]" per mention, joined by " | ".
std::string Show(const Document& doc) {
  std::string out;
  for (const Entity& e : doc.entities) {
    absl::StrAppend(&out, out.empty() ? "" : " | ", doc.entity_labels[e.label], ":",
                    AsAbsl(e.span.In(doc.text)));
    if (!e.title.empty()) absl::StrAppend(&out, "[", AsAbsl(e.title.In(doc.text)), "]");
  }
  return out;
}

// As Mentions, with each sentence ending at a token "." and names made
// consistent across the document (PropagateNames) before mentions are made.
std::string DocMentions(std::string text, const Tags& tags) {
  std::vector<uint8_t> ids;
  Document doc = Tokenized(std::move(text), tags, &ids);
  uint32_t start = 0;
  for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
    if (doc.tokens[t].In(doc.text) == "." || t + 1 == doc.tokens.size()) {
      doc.sentences.push_back(Segment{{}, start, t + 1, 0});
      start = t + 1;
    }
  }
  Recognizer().PropagateNames(doc, doc.sentences, absl::MakeSpan(ids));
  AddAllMentions(&doc, ids);
  return Show(doc);
}

// ------------------------------------------------------------ names in full

const std::pair<std::string, std::string> kNicolas = {"Nicolas", "B-PERSON"};
const std::pair<std::string, std::string> kMaduro = {"Maduro", "I-PERSON"};

TEST(PropagateNamesTest, LoneSurnameAfterOrBeforeTheFullNameIsThePerson) {
  EXPECT_EQ(DocMentions("Nicolas Maduro spoke. Maduro said it. He left, Maduro added.",
                        {kNicolas, kMaduro}),
            "PERSON:Nicolas Maduro | PERSON:Maduro | PERSON:Maduro");
  EXPECT_EQ(DocMentions("Maduro spoke first. Later, Nicolas Maduro said it.", {kNicolas, kMaduro}),
            "PERSON:Maduro | PERSON:Nicolas Maduro");
}

TEST(PropagateNamesTest, TitleAndPossessiveAsForAnyPerson) {
  EXPECT_EQ(DocMentions("Nicolas Maduro spoke. President Maduro\xE2\x80\x99s men left.",
                        {kNicolas, kMaduro}),
            "PERSON:Nicolas Maduro | PERSON:Maduro[President]");
}

TEST(PropagateNamesTest, ALabelTheTaggerGaveIsKept) {
  EXPECT_EQ(DocMentions("George Washington spoke. Washington is a city.",
                        {{"George", "B-PERSON"}, {"Washington", "I-PERSON"},
                         {"Washington", "B-GPE"}}),
            "PERSON:George Washington | GPE:Washington");
}

TEST(PropagateNamesTest, NotInsideALongerName) {
  EXPECT_EQ(DocMentions("Donald Trump spoke. Trump Tower is tall. We saw Ivana Trump. Trump I.",
                        {{"Donald", "B-PERSON"}, {"Trump", "I-PERSON"}}),
            "PERSON:Donald Trump");
  // An opening word prose writes in lower case is no first name.
  EXPECT_EQ(DocMentions("Donald Trump spoke. But Trump left.",
                        {{"Donald", "B-PERSON"}, {"Trump", "I-PERSON"}}),
            "PERSON:Donald Trump | PERSON:Trump");
}

TEST(PropagateNamesTest, ASurnameThatIsACommonWordIsNotLent) {
  // "Will" would be taken where it opens a sentence as the verb.
  EXPECT_EQ(DocMentions("George Will wrote. Will it rain. But Will said no.",
                        {{"George", "B-PERSON"}, {"Will", "I-PERSON"}}),
            "PERSON:George Will");
}

TEST(PropagateNamesTest, OnlyAFullNameLendsItsSurname) {
  EXPECT_EQ(DocMentions("Maduro spoke. Maduro said it.", {{"Maduro", "B-PERSON"}}),
            "PERSON:Maduro");
}

// ------------------------------------------------------------------ amounts

TEST(MentionsTest, AmountSplitAtItsSignIsOneMention) {
  // The tagger's "up to $" + "30" must not both claim the "$".
  EXPECT_EQ(Show(Mentions("a fee of up to $30; others pay less.",
                          {{"up", "B-MONEY"}, {"to", "I-MONEY"}, {"$", "I-MONEY"},
                           {"30", "B-MONEY"}})),
            "MONEY:up to $30");
}

TEST(MentionsTest, AmountTakesSignAndUnitOnlyWhenNoOtherMentionHasThem) {
  EXPECT_EQ(Show(Mentions("It cost $ 2.4 bn.", {{"2.4", "B-MONEY"}})), "MONEY:2.4");
  EXPECT_EQ(Show(Mentions("It cost $2.4bn.", {{"2.4", "B-MONEY"}})), "MONEY:$2.4bn");
  EXPECT_EQ(Show(Mentions("Acme$2.4bn.", {{"Acme", "B-ORG"}, {"$", "I-ORG"}, {"2.4", "B-MONEY"},
                                          {"bn", "B-ORG"}})),
            "ORG:Acme$ | MONEY:2.4 | ORG:bn");
  EXPECT_EQ(Show(Mentions("Prices rose 5 per cent.", {{"5", "B-PERCENT"}})),
            "PERCENT:5 per cent");
}

// ------------------------------------------------------------------- titles

TEST(MentionsTest, TitleOutsideThePersonBecomesItsTitle) {
  EXPECT_EQ(Show(Mentions("President Nicolas Maduro spoke.",
                          {{"Nicolas", "B-PERSON"}, {"Maduro", "I-PERSON"}})),
            "PERSON:Nicolas Maduro[President]");
  EXPECT_EQ(Show(Mentions("President Nicolas Maduro spoke.",
                          {{"President", "B-PERSON"}, {"Nicolas", "I-PERSON"},
                           {"Maduro", "I-PERSON"}})),
            "PERSON:Nicolas Maduro[President]");
}

TEST(MentionsTest, TitleLookbackStopsAtBrackets) {
  // The editor's "[Prime Minister Narendra]" is not next to "Modi".
  const std::string text = "After [Prime Minister Narendra] Modi's address, life changed.";
  EXPECT_EQ(Show(Mentions(text, {{"Narendra", "B-PERSON"}, {"]", "I-PERSON"},
                                 {"Modi", "I-PERSON"}})),
            "PERSON:Modi");
  EXPECT_EQ(Show(Mentions(text, {{"Prime", "B-PERSON"}, {"Minister", "I-PERSON"},
                                 {"Narendra", "I-PERSON"}, {"]", "I-PERSON"},
                                 {"Modi", "I-PERSON"}})),
            "PERSON:Modi");
  EXPECT_EQ(Show(Mentions("[Prime Minister] Modi spoke.", {{"Modi", "B-PERSON"}})),
            "PERSON:Modi");
}

TEST(MentionsTest, TitleLookbackStopsAtTheSentenceStart) {
  // "Talks with the Minister" | "Modi spoke.": two sentences.
  const Document doc = Mentions("Talks with the Minister\nModi spoke.", {{"Modi", "B-PERSON"}},
                                /*sentence_starts=*/{4});
  ASSERT_EQ(doc.tokens[4].In(doc.text), "Modi");
  EXPECT_EQ(Show(doc), "PERSON:Modi");
}

TEST(MentionsTest, NoLeadingPunctuationAfterATitle) {
  EXPECT_EQ(Show(Mentions("Prime Minister - Modi spoke.",
                          {{"-", "B-PERSON"}, {"Modi", "I-PERSON"}})),
            "PERSON:Modi");
  // Inside the mention: the dash separates title and name, so no title.
  EXPECT_EQ(Show(Mentions("Prime Minister - Modi spoke.",
                          {{"Prime", "B-PERSON"}, {"Minister", "I-PERSON"}, {"-", "I-PERSON"},
                           {"Modi", "I-PERSON"}})),
            "PERSON:Modi");
  EXPECT_EQ(Show(Mentions("He said - Acme won.", {{"-", "B-ORG"}, {"Acme", "I-ORG"}})),
            "ORG:Acme");
}

TEST(MentionsTest, TitleWithOfTakesItsPortfolio) {
  // The tagger reads "State" as an ORG; it names the office, so it joins
  // the title instead of overlapping it.
  EXPECT_EQ(Show(Mentions("Secretary of State Mike Pompeo arrived.",
                          {{"State", "B-ORG"}, {"Mike", "B-PERSON"}, {"Pompeo", "I-PERSON"}})),
            "PERSON:Mike Pompeo[Secretary of State]");
  EXPECT_EQ(Show(Mentions("Deputy Secretary of State Mike Pompeo arrived.",
                          {{"Mike", "B-PERSON"}, {"Pompeo", "I-PERSON"}})),
            "PERSON:Mike Pompeo[Deputy Secretary of State]");
  EXPECT_EQ(Show(Mentions("Secretary of State Mike Pompeo arrived.",
                          {{"Secretary", "B-PERSON"}, {"of", "I-PERSON"}, {"State", "I-PERSON"},
                           {"Mike", "I-PERSON"}, {"Pompeo", "I-PERSON"}})),
            "PERSON:Mike Pompeo[Secretary of State]");
  EXPECT_EQ(Show(Mentions("Minister of Foreign Affairs Sergei Lavrov arrived.",
                          {{"Sergei", "B-PERSON"}, {"Lavrov", "I-PERSON"}})),
            "PERSON:Sergei Lavrov[Minister of Foreign Affairs]");
  EXPECT_EQ(Show(Mentions("Secretary of the Treasury Janet Yellen spoke.",
                          {{"Janet", "B-PERSON"}, {"Yellen", "I-PERSON"}})),
            "PERSON:Janet Yellen[Secretary of the Treasury]");
}

TEST(MentionsTest, TitleNeverOverlapsAMention) {
  // A country stays a mention and ends the title.
  EXPECT_EQ(Show(Mentions("US Secretary of State Mike Pompeo arrived.",
                          {{"US", "B-GPE"}, {"State", "B-ORG"}, {"Mike", "B-PERSON"},
                           {"Pompeo", "I-PERSON"}})),
            "GPE:US | PERSON:Mike Pompeo[Secretary of State]");
  EXPECT_EQ(Show(Mentions("Former US President Barack Obama spoke.",
                          {{"US", "B-GPE"}, {"Barack", "B-PERSON"}, {"Obama", "I-PERSON"}})),
            "GPE:US | PERSON:Barack Obama[President]");
  EXPECT_EQ(Show(Mentions("President of Venezuela Nicolas Maduro spoke.",
                          {{"Venezuela", "B-GPE"}, {"Nicolas", "B-PERSON"},
                           {"Maduro", "I-PERSON"}})),
            "GPE:Venezuela | PERSON:Nicolas Maduro");
  // An ORG that is not made of title words is a mention of its own.
  EXPECT_EQ(Show(Mentions("Head of Apple Tim Cook spoke.",
                          {{"Apple", "B-ORG"}, {"Tim", "B-PERSON"}, {"Cook", "I-PERSON"}})),
            "ORG:Apple | PERSON:Tim Cook");
}

// Random tags over a sentence full of titles, brackets, signs and units:
// whatever the tagger says, mentions are in order, never overlap, stay in
// their sentence, and a title sits right before its person, outside every
// mention.
TEST(MentionsTest, InvariantsHoldForAnyTags) {
  const std::string text =
      "Former US Secretary of State Mike Pompeo paid up to $30 and 5 % ; [Prime Minister "
      "Narendra] Modi's - Modi and the Times$4bn.\nDeputy Minister Ann Lee left.";
  Document base;
  base.text = text;
  TheTokenizer().Tokenize(text, ByteSpan{0, static_cast<uint32_t>(text.size())}, &base.tokens);
  const uint32_t n = static_cast<uint32_t>(base.tokens.size());
  uint32_t split = 0;
  while (base.tokens[split].In(text) != "Deputy") ++split;
  const std::vector<Segment> sentences = {Segment{{}, 0, split, 0}, Segment{{}, split, n, 0}};
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> tag(0, static_cast<int>(2 * kLabels.size()));
  std::bernoulli_distribution tagged(0.6);
  for (int round = 0; round < 3000; ++round) {
    Document doc = base;
    doc.entity_labels = kLabels;
    std::vector<uint8_t> tags(n);
    for (uint8_t& t : tags) t = tagged(rng) ? static_cast<uint8_t>(tag(rng)) : 0;
    for (const Segment& s : sentences) {
      Recognizer().AddMentions(&doc, s, absl::MakeSpan(tags).subspan(s.token_begin,
                                                                     s.token_end - s.token_begin));
    }
    SCOPED_TRACE(Show(doc));
    uint32_t prev_end = 0;
    for (const Entity& e : doc.entities) {
      ASSERT_LT(e.token_begin, e.token_end);
      ASSERT_LE(prev_end, e.token_begin);
      prev_end = e.token_end;
      const bool first_sentence = e.token_begin < split;
      EXPECT_EQ(first_sentence, e.token_end <= split);
      EXPECT_EQ(e.span.begin, doc.tokens[e.token_begin].begin);
      EXPECT_EQ(e.span.end, doc.tokens[e.token_end - 1].end);
      EXPECT_NE(doc.tokens[e.token_begin].kind, TokenKind::kPunct);
      EXPECT_NE(doc.tokens[e.token_end - 1].kind, TokenKind::kPunct);
      EXPECT_FALSE(doc.tokens[e.token_end - 1].has(kFlagClitic));
      if (e.title.empty()) continue;
      EXPECT_EQ(doc.entity_labels[e.label], "PERSON");
      EXPECT_LT(e.title.end, e.span.begin);
      // A view of doc.text itself: substr of the std::string would be a temporary.
      const std::string_view gap =
          std::string_view(doc.text).substr(e.title.end, e.span.begin - e.title.end);
      for (char c : gap) EXPECT_TRUE(absl::ascii_isspace(static_cast<unsigned char>(c))) << gap;
      EXPECT_EQ(first_sentence, e.title.begin < doc.tokens[split].begin);
      for (const Entity& m : doc.entities) {
        EXPECT_FALSE(m.span.begin < e.title.end && e.title.begin < m.span.end)
            << "title " << e.title.In(doc.text) << " overlaps " << m.span.In(doc.text);
      }
    }
  }
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

TEST(EntityPatternsTest, CheckSaysWhyAPatternCannotMatch) {
  const Tokenizer& tok = TheTokenizer();
  EXPECT_TRUE(EntityPatterns::Check({"Harbour Greens", "PARTY"}, tok).ok());
  const absl::Status no_label = EntityPatterns::Check({"Harbour Greens", ""}, tok);
  EXPECT_EQ(no_label.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(no_label.message(), "the label is empty");
  // U+200B separates tokens: the phrase has none.
  EXPECT_EQ(EntityPatterns::Check({"\xE2\x80\x8B", "PARTY"}, tok).message(),
            "the phrase has no words");
  EXPECT_EQ(EntityPatterns::Check({"Gr\xFF", "PARTY"}, tok).code(),
            absl::StatusCode::kInvalidArgument);
  // Build names the first pattern Check rejects.
  const absl::StatusOr<EntityPatterns> built =
      EntityPatterns::Build({{"Harbour Greens", "PARTY"}, {" ", "PARTY"}}, tok);
  EXPECT_EQ(built.status().message(), "entity pattern 1: the phrase has no words");
}

}  // namespace
}  // namespace presslens
