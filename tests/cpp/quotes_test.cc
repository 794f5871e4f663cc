// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/quotes.h"

#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "test_util.h"

namespace presslens {
namespace {

Document Analyze(const std::string& text) {
  absl::StatusOr<Document> doc = test::ShippedPipeline().Analyze(text);
  EXPECT_TRUE(doc.ok()) << doc.status();
  return doc.ok() ? *std::move(doc) : Document{};
}

std::string In(const Document& d, ByteSpan s) { return std::string(s.In(d.text)); }

const Quote* Find(const Document& d, const std::string& content) {
  for (const Quote& q : d.quotes) {
    if (In(d, q.content) == content) return &q;
  }
  return nullptr;
}

// The speaker span of the quote with `content` in `text`, or "(no quote)".
std::string SpeakerOf(const std::string& text, const std::string& content) {
  const Document d = Analyze(text);
  const Quote* q = Find(d, content);
  return q == nullptr ? "(no quote)" : In(d, q->speaker.span);
}

TEST(QuotesTest, DirectQuoteWithPostposedSpeaker) {
  Document d = Analyze("“We will not give up the fight,” Maria Lopez said on Monday.");
  const Quote* q = Find(d, "We will not give up the fight,");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kDirect);
  EXPECT_EQ(In(d, q->speaker.span), "Maria Lopez");
  EXPECT_EQ(q->speaker.type, SpeakerType::kPerson);
  EXPECT_EQ(In(d, q->cue), "said");
  EXPECT_EQ(q->cue_lemma, "say");
  EXPECT_EQ(q->cue_category, QuoteCueCategory::kNeutral);
}

TEST(QuotesTest, PronounSpeakerResolvesToPreviousPerson) {
  Document d = Analyze(
      "“Prices will fall,” Maria Lopez said. “We have a plan for the winter,” she added.");
  const Quote* q = Find(d, "We have a plan for the winter,");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(In(d, q->speaker.span), "she");
  ASSERT_GE(q->speaker.cluster, 0);
  EXPECT_EQ(d.clusters[q->speaker.cluster].canonical, "Maria Lopez");
  EXPECT_EQ(q->cue_lemma, "add");
}

TEST(QuotesTest, QuoteSplitAroundItsAttribution) {
  Document d = Analyze("“The vote was fair,” he said, “and we accept it.”");
  const Quote* a = Find(d, "The vote was fair,");
  const Quote* b = Find(d, "and we accept it.");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->kind, QuoteKind::kDirect);
  EXPECT_EQ(b->kind, QuoteKind::kDirect);
  EXPECT_EQ(a->cue, b->cue);
}

TEST(QuotesTest, IndirectQuoteWithThatClause) {
  Document d = Analyze("The minister told reporters that the border would reopen next week.");
  const Quote* q = Find(d, "the border would reopen next week");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kIndirect);
  EXPECT_EQ(In(d, q->cue), "told");
}

TEST(QuotesTest, AccordingToIntroducesTheSource) {
  Document d = Analyze("According to the Associated Press, the talks collapsed on Friday.");
  const Quote* q = Find(d, "the talks collapsed on Friday");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kIndirect);
  EXPECT_EQ(q->cue_lemma, "according to");
  EXPECT_EQ(In(d, q->speaker.span), "the Associated Press");
}

TEST(QuotesTest, AnonymousSourcesAndCitingChain) {
  Document d = Analyze(
      "The company will close two plants, the Daily Ledger reported, citing people familiar "
      "with the plans.");
  const Quote* q = Find(d, "The company will close two plants");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.type, SpeakerType::kMedia);
  ASSERT_EQ(q->sources.size(), 2u);
  EXPECT_EQ(In(d, q->sources[1].span), "people familiar with the plans");
  EXPECT_EQ(q->sources[1].type, SpeakerType::kAnonymous);

  Document o = Analyze("Officials said the plan was dead.");
  const Quote* p = Find(o, "the plan was dead");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->speaker.type, SpeakerType::kAnonymous);
  EXPECT_EQ(p->speaker.cluster, -1);
}

TEST(QuotesTest, PartialQuoteInsideReportedSpeech) {
  Document d = Analyze("Lopez said the deal was “a betrayal of workers” and vowed to fight it.");
  const Quote* q = Find(d, "a betrayal of workers");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kPartial);
  EXPECT_EQ(In(d, q->speaker.span), "Lopez");
}

TEST(QuotesTest, ScareQuotesAreNotSpeech) {
  Document d = Analyze(
      "The so-called “reform” passed on Tuesday. He declared himself the “winner.”");
  EXPECT_TRUE(d.quotes.empty());
  ASSERT_EQ(d.scare_quotes.size(), 2u);
  EXPECT_EQ(In(d, d.scare_quotes[0].content), "reform");
  EXPECT_EQ(In(d, d.scare_quotes[1].content), "winner.");
}

TEST(QuotesTest, MultiParagraphQuoteContinues) {
  Document d = Analyze(
      "Lopez said:\n“The first part of the statement.\n“The second part,” she said.\n"
      "Another paragraph follows.");
  ASSERT_FALSE(d.quotes.empty());
  bool spans = false;
  for (const Quote& q : d.quotes) {
    const std::string c = In(d, q.content);
    spans |= c.find("first part") != std::string::npos && c.find("second part") != std::string::npos;
  }
  EXPECT_TRUE(spans);
}

TEST(QuotesTest, UnbalancedMarkCostsAtMostItsParagraph) {
  Document d = Analyze(
      "He said “this never closes.\n\nLopez said the plan was “ready” and left.\n\n"
      "“Another one,” she added.");
  const Quote* q = Find(d, "ready");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kPartial);
  EXPECT_NE(Find(d, "Another one,"), nullptr);
}

TEST(QuotesTest, ApostrophesAreNotQuoteMarks) {
  Document d = Analyze("The officials’ plan failed, and Caracas’ support waned, Lopez said.");
  EXPECT_TRUE(d.scare_quotes.empty());
  for (const Quote& q : d.quotes) EXPECT_NE(q.kind, QuoteKind::kPartial);
}

TEST(QuotesTest, ClosingMarkSkipsUnclosedMarksOfOtherFamilies) {
  // The innermost open mark of the closing mark's family is closed; open
  // marks of other families inside it are part of the content.
  EXPECT_EQ(SpeakerOf("“We will ‘win this, ” said Lopez.", "We will ‘win this,"), "Lopez");
  EXPECT_NE(Find(Analyze("«Nous ‹gagnerons, » said Lopez."), "Nous ‹gagnerons,"), nullptr);
  // “ closes „ past an open ‚ (a low single mark).
  EXPECT_NE(Find(Analyze("„Wir ‚gewinnen“, said Weber."), "Wir ‚gewinnen"), nullptr);
}

TEST(QuotesTest, OtherQuoteMarkStyles) {
  Document d = Analyze("«Nous gagnerons», said Lopez. „Wir gewinnen“, said Weber.");
  EXPECT_NE(Find(d, "Nous gagnerons"), nullptr);
  EXPECT_NE(Find(d, "Wir gewinnen"), nullptr);
  Document s = Analyze("''It refreshes the library,'' said Peter Rice.");
  const Quote* q = Find(s, "It refreshes the library,");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(In(s, q->speaker.span), "Peter Rice");
}

TEST(QuotesTest, PassiveOfHearingOrRecordingBeforeTheSpeechVerb) {
  // The passive's subject is the speaker; the participle is no speaker.
  EXPECT_EQ(SpeakerOf("A reporter can be heard asking Ruiz about the tapes.", "about the tapes"),
            "A reporter");
  EXPECT_EQ(SpeakerOf("The mayor was caught on tape saying the vote was rigged.",
                      "the vote was rigged"),
            "The mayor");
  EXPECT_EQ(SpeakerOf("“We will win,” Ana Ruiz was heard saying.", "We will win,"), "Ana Ruiz");
  // "was quoted as saying" is one attribution, with its speaker: no second
  // one with none.
  const Document d = Analyze("The minister was quoted as saying that the deal was dead.");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(In(d, d.quotes[0].speaker.span), "The minister");
  EXPECT_EQ(In(d, d.quotes[0].cue), "was quoted as saying");
  EXPECT_EQ(d.quotes[0].cue_lemma, "say");
  // "seen as" + a gerund is a belief, and "something" is no speech verb.
  EXPECT_NE(Find(Analyze("Sanders is seen as empowering regular voters."),
                 "empowering regular voters"),
            nullptr);
  EXPECT_NE(Find(Analyze("I had seen something similar on TV, Ruiz said."),
                 "I had seen something similar on TV"),
            nullptr);
}

TEST(QuotesTest, PluralNounAfterANumberIsNoCue) {
  // "states", "reports", "orders", "attacks" after a number or a quantifier
  // are nouns, and their number no speaker.
  for (const char* text : {"A dozen states held contests on Tuesday.",
                           "Boeing lost 15 orders for the jet.",
                           "The Sept. 11 attacks changed the agency."}) {
    EXPECT_TRUE(Analyze(text).quotes.empty()) << text;
  }
  // The plural noun is the source, and the verb after it the cue.
  EXPECT_EQ(SpeakerOf("Both reports emphasize flaws in the analysis.", "flaws in the analysis"),
            "Both reports");
  // A numbered name can still be the subject of the verb.
  EXPECT_EQ(SpeakerOf("“Our values endure,” Paragraph 3 states.", "Our values endure,"),
            "Paragraph 3");
}

TEST(QuotesTest, VerbGroupTakesAmBecomeAndAdverbsOfDegreeAndTime) {
  EXPECT_EQ(SpeakerOf("I am supporting this amendment.", "this amendment"), "I");
  EXPECT_EQ(SpeakerOf("Ruiz has long said she will back the nominee.", "she will back the nominee"),
            "Ruiz");
  EXPECT_EQ(SpeakerOf("The formula has become known as the Harbour Compromise.",
                      "as the Harbour Compromise"),
            "The formula");
  // "grants" the money is no concession: "grant" counts only with a quotation.
  EXPECT_TRUE(Analyze("The city will receive federal grants totaling $2 million.").quotes.empty());
}

TEST(QuotesTest, SubjectBeforeAnAppositive) {
  EXPECT_EQ(SpeakerOf("Mayor Ana Ruiz, who has backed the deal since May, said the port would "
                      "bring jobs.",
                      "the port would bring jobs"),
            "Ana Ruiz");
  EXPECT_EQ(SpeakerOf("Taxes will rise next year, said Ana Ruiz, a spokeswoman for the city.",
                      "Taxes will rise next year"),
            "Ana Ruiz");
}

TEST(QuotesTest, SharedSubjectAfterBut) {
  Document d = Analyze(
      "A spokesperson for the company declined to comment, but said the firm “remains committed.”");
  const Quote* q = Find(d, "remains committed.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kPartial);
  EXPECT_EQ(In(d, q->speaker.span), "A spokesperson for the company");
  EXPECT_EQ(q->speaker.type, SpeakerType::kOrganization);
}

TEST(QuotesTest, HeadlinePastFormIsNotACue) {
  Document d = Analyze("Harbour Council Approves Disputed Port Deal After Late Vote\n\nText.");
  EXPECT_TRUE(d.quotes.empty());
  Document s = Analyze("Mayor Says Port Deal Will Create Jobs\n\nText.");
  ASSERT_EQ(s.quotes.size(), 1u);
  EXPECT_EQ(In(s, s.quotes[0].cue), "Says");
}

TEST(QuotesTest, CitingIsAChainLinkNotACue) {
  Document d = Analyze(
      "The Daily Ledger reported last week, citing two people familiar with the talks, that the "
      "firm had sought an exemption.");
  const Quote* found = Find(d, "the firm had sought an exemption");
  ASSERT_NE(found, nullptr);
  const Quote& q = *found;
  EXPECT_EQ(q.cue_lemma, "report");
  for (const Quote& other : d.quotes) EXPECT_NE(other.cue_lemma, "cite");
  ASSERT_EQ(q.sources.size(), 2u);
  EXPECT_EQ(In(d, q.sources[1].span), "two people familiar with the talks");
}

// Expects `content` found as a direct quote whose speaker span reads `speaker`.
void ExpectDirect(const Document& d, const std::string& content, const std::string& speaker) {
  const Quote* q = Find(d, content);
  ASSERT_NE(q, nullptr) << content;
  EXPECT_EQ(q->kind, QuoteKind::kDirect) << content;
  EXPECT_EQ(In(d, q->speaker.span), speaker) << content;
}

TEST(QuotesTest, StraightMarkBeforeASpaceClosesAfterANestedQuote) {
  Document d = Analyze(
      "\"They want to know why they should not vote for the name of 'Bell,' \" said Ann Ruiz, "
      "a volunteer.");
  ExpectDirect(d, "They want to know why they should not vote for the name of 'Bell,'",
               "Ann Ruiz");
}

TEST(QuotesTest, CurlyOpeningMarkDoesNotCloseAStraightOne) {
  Document d = Analyze(
      "Tom Ward said:\n\n\"The agency isn’t about “Equal Justice” anymore. It is about "
      "control.\"\n\nThe hearing ended.");
  ASSERT_EQ(d.scare_quotes.size(), 0u);
  const Quote* q = Find(d, "The agency isn’t about “Equal Justice” anymore. It is about control.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kDirect);
}

TEST(QuotesTest, AttributionAfterAnExclamationBelongsToTheQuote) {
  Document d = Analyze("The crowd cheered.\n\n“All the way!” Dana Reyes shouted, waving a sign.");
  ExpectDirect(d, "All the way!", "Dana Reyes");
  for (const Quote& q : d.quotes) EXPECT_NE(q.kind, QuoteKind::kIndirect) << In(d, q.content);
}

TEST(QuotesTest, ObjectAfterThePrepositionIsNotTheSpeaker) {
  Document d = Analyze(
      "“He had a lot of supporters,” Roy Blunt, after a long pause, said of Ted Cruz.");
  ExpectDirect(d, "He had a lot of supporters,", "Roy Blunt");
}

TEST(QuotesTest, SaidToAnAudienceIsSpeech) {
  Document d = Analyze(
      "Lena Park spoke in Harlem. “You can’t just show up at election time,” she said to "
      "rousing applause.");
  ExpectDirect(d, "You can’t just show up at election time,", "she");
  Document passive = Analyze("The senator is said to favour the plan.");
  EXPECT_TRUE(passive.quotes.empty());
}

TEST(QuotesTest, BracketedNoteBetweenSpeakerAndVerb) {
  Document d = Analyze("“The company is gaming the system,” Senator Harry Reid (D-Nev.) said.");
  const Quote* q = Find(d, "The company is gaming the system,");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(In(d, q->speaker.span).find("Harry Reid"), std::string::npos);
}

TEST(QuotesTest, PostposedSpeakerWithALongTail) {
  Document d = Analyze(
      "“She will be more aggressive,” said former Governor Jim Hodges, a backer, referring to "
      "issues that matter to voters.");
  ExpectDirect(d, "She will be more aggressive,", "Jim Hodges");
}

TEST(QuotesTest, ParticipleSubjectAfterAFrontedAdverbial) {
  Document d = Analyze(
      "In a statement released Thursday, Hakeem Jeffries reacted to the news, saying: “The "
      "killer should be in prison.”");
  ExpectDirect(d, "The killer should be in prison.", "Hakeem Jeffries");
  Document p = Analyze(
      "Nora Diaz spoke on Tuesday. On Wednesday, she seemed to change course, warning that "
      "the party is “still in control of the race.”");
  const Quote* q = Find(p, "still in control of the race.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(In(p, q->speaker.span), "she");
}

TEST(QuotesTest, SentenceLongQuotationWithoutACueIsSpeech) {
  Document d = Analyze(
      "After the attacks, Tom Reyes issued a statement, “Last night our city was attacked. "
      "It was the worst attack on our soil in years.”");
  const Quote* q = Find(d, "Last night our city was attacked. It was the worst attack on our soil in years.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kDirect);
  EXPECT_EQ(In(d, q->speaker.span), "Tom Reyes");
  // A short term stays a scare quote.
  Document s = Analyze("The campaign ran on “hope and change” for months.");
  EXPECT_TRUE(s.quotes.empty());
  EXPECT_EQ(s.scare_quotes.size(), 1u);
}

TEST(QuotesTest, NameAfterADashSignsTheQuotation) {
  Document d = Analyze(
      "Readers wrote in.\n\n“Maybe we can build a wall around the man and keep him there.” ― "
      "Steve Quinlan\n\nThe letters kept coming.");
  ExpectDirect(d, "Maybe we can build a wall around the man and keep him there.", "Steve Quinlan");
}

TEST(QuotesTest, QuotationEndingInACommaIsTheWholeContent) {
  Document d = Analyze(
      "Lena Park had previously said, “We’ll see,” when asked whether she would run.");
  const Quote* q = Find(d, "We’ll see,");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kDirect);
  EXPECT_EQ(In(d, q->speaker.span), "Lena Park");
}

TEST(QuotesTest, NestedSingleQuoteThenStraightCloser) {
  Document d = Analyze("Tom Ward paused.\n\n\"It feels like, 'Meh, we can wait,'\" he said.");
  ExpectDirect(d, "It feels like, 'Meh, we can wait,'", "he");
}

TEST(QuotesTest, ANameHeavySentenceIsNotAHeadline) {
  Document d = Analyze(
      "“This is a disgusting day,” said Rep. G.K. Butterfield (D-N.C.), head of the "
      "Congressional Black Caucus. “Donald Trump is a fraud.”");
  const Quote* q = Find(d, "This is a disgusting day,");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(In(d, q->speaker.span).find("Butterfield"), std::string::npos);
}

TEST(QuotesTest, NounUsesOfCueWordsAreNotSpeech) {
  for (const char* text : {
           "Sanders prevailed in his home state of Vermont, allowing him to build a lead.",
           "Raynard Jackson, the host of a radio show, is a Virginia resident who voted.",
           "Row upon row of red-backed seats stood mostly vacant.",
           "Support for the plan has grown among voters in the state."}) {
    Document d = Analyze(text);
    EXPECT_TRUE(d.quotes.empty()) << text << " -> " << In(d, d.quotes[0].content);
  }
  // "back" is a noun here; "condemning" a gerund with the sentence's subject.
  Document g = Analyze("Grassley has been taking heat back home for not condemning the attacks.");
  for (const Quote& q : g.quotes) {
    EXPECT_NE(q.cue_lemma, "back");
    EXPECT_EQ(In(g, q.speaker.span), "Grassley");
  }
  // The verb stays a cue after a plural subject, a pronoun or a modal.
  Document d = Analyze("Critics claim that the plan will fail. They back the rival bill.");
  EXPECT_NE(Find(d, "the plan will fail"), nullptr);
}

TEST(QuotesTest, FrontedAdverbialIsNotWhatWasSaid) {
  Document d = Analyze("In a September letter to the network, Tom Reyes asked for the profits.");
  for (const Quote& q : d.quotes) EXPECT_NE(In(d, q.content), "In a September letter to the network");
  Document e = Analyze(
      "On the morning show Tuesday, Lena Park said, “I never said I would pay the fees.”");
  ExpectDirect(e, "I never said I would pay the fees.", "Lena Park");
  for (const Quote& q : e.quotes) EXPECT_NE(q.kind, QuoteKind::kIndirect) << In(e, q.content);
}

TEST(QuotesTest, VerbFirstAttribution) {
  Document d = Analyze("Taxes rose. Said Ellis: “I don’t think she is interested in reform.”");
  ExpectDirect(d, "I don’t think she is interested in reform.", "Ellis");
}

TEST(QuotesTest, PlaceAfterTheSpeakerIsNotTheSpeaker) {
  Document d = Analyze("“This is a waste of time,” said Del. Stacey Plaskett of the Virgin Islands.");
  const Quote* q = Find(d, "This is a waste of time,");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(In(d, q->speaker.span).find("Virgin Islands"), std::string::npos);
  EXPECT_NE(In(d, q->speaker.span).find("Plaskett"), std::string::npos);
}

TEST(QuotesTest, ParticipleSubjectAfterADateline) {
  EXPECT_EQ(SpeakerOf("Washington (AFP) – Democrat Hillary Clinton criticised her rival, saying that “loud "
      "remarks” do more harm than good.", "loud remarks"), "Hillary Clinton");
  // “..., ” telling reporters: the object of a participle is not its
  // subject, nor part of what was said.
  EXPECT_EQ(SpeakerOf("Tom Reyes welcomed the result, calling it “a fantastic day for the city,” telling "
      "reporters that he was pleased.", "he was pleased"), "Tom Reyes");
}

TEST(QuotesTest, ClauseAfterTheVerbMakesTheOpeningNameTheSpeaker) {
  // An appositive between subject and verb is not content said by someone
  // named after the verb.
  Document d = Analyze(
      "Ana Ruiz, director of the Harbor Workers Union, said she expects the strike to end soon.");
  const Quote* q = Find(d, "she expects the strike to end soon");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kIndirect);
  EXPECT_EQ(In(d, q->speaker.span), "Ana Ruiz");
  EXPECT_EQ(SpeakerOf("Tom Baker, one of the authors of the audit, said the city's budget will "
                      "need new taxes.",
                      "the city's budget will need new taxes"),
            "Tom Baker");
  // The post-posed speaker is still read as before.
  EXPECT_EQ(SpeakerOf("The port will reopen next week, said Ana Ruiz, a union director.",
                      "The port will reopen next week"),
            "Ana Ruiz");
}

TEST(QuotesTest, FrontedWordsBeforeSubjectAreNotContentWhenAClauseFollows) {
  Document d = Analyze(
      "Also on Thursday, Mayor Ruiz said she would no longer oppose the release of the report.");
  const Quote* q = Find(d, "she would no longer oppose the release of the report");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(In(d, q->speaker.span), "Ruiz");
  EXPECT_EQ(Find(d, "Also on Thursday"), nullptr);
  // Content first is still content first.
  Document d2 = Analyze("The plan will fail, Ruiz said on Thursday.");
  ASSERT_NE(Find(d2, "The plan will fail"), nullptr);
}

TEST(QuotesTest, QuotationAfterTheVerbIsWhatWasSaidWhenNoneCameBefore) {
  Document d = Analyze("On Tuesday, at a rally in Dayton, Ruiz said, “We will win this port.”");
  const Quote* q = Find(d, "We will win this port.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kDirect);
  EXPECT_EQ(In(d, q->speaker.span), "Ruiz");
  for (const Quote& x : d.quotes) EXPECT_NE(In(d, x.content), "On Tuesday, at a rally in Dayton");
}

TEST(QuotesTest, WhenAndWhereAfterTheVerbAreNotContent) {
  Document d = Analyze("Ruiz said Tuesday in Dayton. Baker said in an interview with the Herald.");
  for (const Quote& q : d.quotes) ADD_FAILURE() << "unexpected quote: " << In(d, q.content);
}

TEST(QuotesTest, InfinitiveCues) {
  Document d = Analyze("The port authority declined to comment. Ruiz vowed to repeal the fee.");
  const Quote* a = Find(d, "to comment");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, QuoteKind::kIndirect);
  EXPECT_EQ(a->cue_lemma, "decline");
  EXPECT_EQ(a->cue_category, QuoteCueCategory::kDenial);
  const Quote* b = Find(d, "to repeal the fee");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(In(d, b->speaker.span), "Ruiz");
  EXPECT_EQ(b->cue_category, QuoteCueCategory::kCommissive);
  // Not after a determiner, not in the passive, not without "to" (the
  // passive "is expected to" is the writer's inference, not Ruiz's).
  Document n = Analyze(
      "Her vow to repeal the fee was popular. Ruiz is expected to win. Sales declined in May.");
  for (const Quote& q : n.quotes) {
    if (q.cue_category == QuoteCueCategory::kEvidential && q.speaker.span.empty()) continue;
    ADD_FAILURE() << "unexpected quote: " << In(n, q.content);
  }
}

TEST(QuotesTest, AskedQuestionIsContentWithTheAskerAsSpeaker) {
  Document d = Analyze(
      "When asked by Mayor Ruiz whether the port would reopen, Baker said he did not know.");
  const Quote* q = Find(d, "whether the port would reopen");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kIndirect);
  EXPECT_EQ(In(d, q->speaker.span), "Ruiz");
  EXPECT_EQ(q->cue_lemma, "ask");
  ASSERT_NE(Find(d, "he did not know"), nullptr);
  Document d2 = Analyze("Asked about the new fee, Baker said it was fair.");
  const Quote* q2 = Find(d2, "about the new fee");
  ASSERT_NE(q2, nullptr);
  EXPECT_TRUE(q2->speaker.span.empty());
}

TEST(QuotesTest, NameAndColonOpeningAParagraph) {
  Document d = Analyze(
      "Ruiz: Port Fees Will Double Next Year\n\n"
      "Mayor Ana Ruiz spoke on Monday.\n\n"
      "RUIZ: We have no choice. The port is losing money.\n\n"
      "Update: the meeting has been moved to Friday.\n\n"
      "Follow Harbor News on Twitter: new posts about the port every day.");
  const Quote* h = Find(d, "Port Fees Will Double Next Year");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->kind, QuoteKind::kIndirect);
  ASSERT_GE(h->speaker.cluster, 0);
  EXPECT_EQ(d.clusters[h->speaker.cluster].canonical, "Ana Ruiz");
  const Quote* t = Find(d, "We have no choice. The port is losing money");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->kind, QuoteKind::kIndirect);  // no quote marks
  ASSERT_GE(t->speaker.cluster, 0);
  EXPECT_EQ(d.clusters[t->speaker.cluster].canonical, "Ana Ruiz");
  EXPECT_EQ(Find(d, "the meeting has been moved to Friday."), nullptr);
  EXPECT_EQ(Find(d, "the meeting has been moved to Friday"), nullptr);
  EXPECT_EQ(Find(d, "new posts about the port every day"), nullptr);
}

TEST(QuotesTest, ParagraphOfQuotationContinuesThePreviousSpeaker) {
  Document d = Analyze(
      "“We will rebuild the pier,” Ana Ruiz said.\n\n"
      "“The money is there. The plans are ready.”\n\n"
      "“Nobody asked us,” Tom Baker said. “We only read about it.”");
  const Quote* q = Find(d, "The money is there. The plans are ready.");
  ASSERT_NE(q, nullptr);
  ASSERT_GE(q->speaker.cluster, 0);
  EXPECT_EQ(d.clusters[q->speaker.cluster].canonical, "Ana Ruiz");
  const Quote* r = Find(d, "We only read about it.");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(In(d, r->speaker.span), "Tom Baker");
}

TEST(QuotesTest, DashSignatureInTheNextParagraph) {
  Document d = Analyze(
      "“Prices are rising faster than wages in every county we surveyed.”\n\n- Ana Ruiz.\n\n"
      "The survey covered ten counties.");
  const Quote* q = Find(d, "Prices are rising faster than wages in every county we surveyed.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(In(d, q->speaker.span), "Ana Ruiz");
}

TEST(QuotesTest, SpeakerIsNotTheAddresseeOrAnAdverbial) {
  EXPECT_EQ(SpeakerOf("“Yes, I support the plan,” Ana Ruiz, founder of the Harbor Fund, tells the Herald in an "
      "interview.", "Yes, I support the plan,"), "Ana Ruiz");
  Document d2 = Analyze("Speaking earlier on Tuesday in Dayton, Ruiz insisted that the port would reopen.");
  const Quote* q2 = Find(d2, "the port would reopen");
  ASSERT_NE(q2, nullptr);
  EXPECT_EQ(In(d2, q2->speaker.span), "Ruiz");
  for (const Quote& x : d2.quotes) EXPECT_NE(In(d2, x.speaker.span), "earlier on Tuesday in Dayton");
  EXPECT_EQ(SpeakerOf("Ruiz at the time said she would pay the fees.",
                      "she would pay the fees"),
            "Ruiz");
  Document d4 = Analyze("Baker spent the hour taking questions from reporters. The assertion that he lied was false.");
  for (const Quote& x : d4.quotes) {
    EXPECT_NE(In(d4, x.speaker.span), "taking") << In(d4, x.content);
    EXPECT_NE(In(d4, x.speaker.span), "The") << In(d4, x.content);
  }
}

TEST(QuotesTest, StanceVerbsTakeTheirObjectAsContent) {
  Document d = Analyze(
      "Senator Ana Ruiz endorsed Tom Baker on Tuesday, saying he would fix the port. "
      "The union backs the new contract, which passed last week.");
  const Quote* q = Find(d, "Tom Baker");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kIndirect);
  EXPECT_EQ(q->cue_lemma, "endorse");
  EXPECT_EQ(In(d, q->speaker.span), "Ana Ruiz");
  ASSERT_NE(Find(d, "he would fix the port"), nullptr);
  const Quote* b = Find(d, "the new contract");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(In(d, b->speaker.span), "The union");
}

TEST(QuotesTest, RelativePronounSpeaksForItsAntecedent) {
  Document d = Analyze("Ana Ruiz, who supported the bill in 2019, now opposes it.");
  const Quote* q = Find(d, "the bill");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(In(d, q->speaker.span), "who");
  ASSERT_GE(q->speaker.cluster, 0);
  EXPECT_EQ(d.clusters[q->speaker.cluster].canonical, "Ana Ruiz");
}

TEST(QuotesTest, SpeechOnlyCuesNeedAQuotation) {
  Document d = Analyze(
      "Ruiz continued her tour of the harbor. The state spoke through its lawyers. "
      "“We will not sell the pier,” Ruiz continued.");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(In(d, d.quotes[0].content), "We will not sell the pier,");
  EXPECT_EQ(In(d, d.quotes[0].speaker.span), "Ruiz");
}

TEST(QuotesTest, AdverbialsAndAdjectivesAreNotWhatWasSaid) {
  Document d = Analyze(
      "Ruiz said Wednesday on WKRC's “Morning Edition.” Baker said quietly into the phone. "
      "Perhaps most telling was the empty hall. Ruiz told Baker last year at a party in Dayton.");
  for (const Quote& q : d.quotes) ADD_FAILURE() << "unexpected quote: " << In(d, q.content);
}

TEST(QuotesTest, ContentEndsWhereTheWritersClauseBegins) {
  Document d = Analyze(
      "Ruiz said the fee was fair, while others in the city called it a tax. "
      "Baker thought the pier was safe, and he renewed the lease last week.");
  ASSERT_NE(Find(d, "the fee was fair"), nullptr);
  ASSERT_NE(Find(d, "the pier was safe"), nullptr);
}

TEST(QuotesTest, CuesChosenOnTrainingData) {
  Document d = Analyze(
      "Ruiz pushed for a new budget. Baker apologized for the delay at the port, and the council "
      "ruled out a tax increase.");
  const Quote* a = Find(d, "a new budget");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->cue_lemma, "push for");
  EXPECT_EQ(a->cue_category, QuoteCueCategory::kDirective);
  const Quote* b = Find(d, "the delay");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->cue_category, QuoteCueCategory::kConcessive);
  const Quote* c = Find(d, "a tax increase");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(In(d, c->speaker.span), "the council");
  EXPECT_EQ(c->cue_category, QuoteCueCategory::kDenial);
}

TEST(QuotesTest, ParticipleAfterAnAttributionSharesItsSpeaker) {
  Document d = Analyze("“It is a disgrace,” said Ana Ruiz, referring to the new harbor fee.");
  const Quote* q = Find(d, "the new harbor fee");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->cue_lemma, "refer to");
  EXPECT_EQ(In(d, q->speaker.span), "Ana Ruiz");
}

TEST(QuotesTest, ObjectOfAStanceVerbIsNeverItsSpeaker) {
  Document d = Analyze(
      "The former mayor, now a teacher who lives in Dayton, endorsed Tom Baker on Friday.");
  const Quote* q = Find(d, "Tom Baker");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(In(d, q->speaker.span), "Tom Baker");
}

TEST(QuotesTest, ScareQuoteInsideTheSubject) {
  Document d = Analyze("“It is a disaster,” the so-called “expert” said.");
  const Quote* q = Find(d, "It is a disaster,");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kDirect);
  EXPECT_EQ(In(d, q->speaker.span), "the so-called “expert”");
}

TEST(QuotesTest, CueWordsInsideNamesAndPluralNounsAreNotCues) {
  Document d = Analyze(
      "The United States slapped new sanctions on the regime, and the brutal attacks on the "
      "opposition leader continued.");
  for (const Quote& q : d.quotes) ADD_FAILURE() << "unexpected quote: " << In(d, q.content);
}

TEST(QuotesTest, AgentOfAParticipleAndAuthorOfAStatement) {
  Document d = Analyze(
      "A letter from the Harbor Fund obtained by the Dayton Herald warns that the pier is unsafe. "
      "The town released a statement Wednesday saying the fee was fair.");
  const Quote* a = Find(d, "the pier is unsafe");
  ASSERT_NE(a, nullptr);
  EXPECT_NE(In(d, a->speaker.span).find("letter"), std::string::npos) << In(d, a->speaker.span);
  const Quote* b = Find(d, "the fee was fair");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(In(d, b->speaker.span), "The town");
}

TEST(QuotesTest, AccordingToAfterAnAdverbialOrAColon) {
  Document d = Analyze(
      "Now, according to the latest harbor survey, the mayor is ahead. "
      "It has not gone unnoticed: According to two aides, Ruiz plans to resign.");
  const Quote* a = Find(d, "the mayor is ahead");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->cue_lemma, "according to");
  const Quote* b = Find(d, "Ruiz plans to resign");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(In(d, b->speaker.span), "two aides");
}

TEST(QuotesTest, AccordingToCoversAnAttributionInsideIt) {
  Document d = Analyze(
      "After the vote, Ruiz told aides that Baker should step aside, according to two people "
      "at the meeting.");
  bool found = false;
  for (const Quote& q : d.quotes) {
    if (q.cue_lemma == "according to") {
      found = true;
      EXPECT_NE(In(d, q.content).find("Baker should step aside"), std::string::npos);
    }
  }
  EXPECT_TRUE(found);
}

TEST(QuotesTest, OpeningParticiplesTimePhrasesAndDatesAreNotSpeakers) {
  Document d = Analyze(
      "Asked by reporters to respond to the audit, Ruiz said, “We will fix the pier.” "
      "Minutes later, she sent an email saying, “Done.” "
      "“Is the mayor going to resign?” the harbor master, Tom Baker, tweeted Sunday after the vote. "
      "At the meeting in Dayton on Monday, the Baker supporter retorted: “Nobody asked us.”");
  const Quote* a = Find(d, "We will fix the pier.");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(In(d, a->speaker.span), "Ruiz");
  const Quote* b = Find(d, "Done.");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(In(d, b->speaker.span), "she");
  const Quote* c = Find(d, "Is the mayor going to resign?");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(In(d, c->speaker.span).find("Sunday"), std::string::npos) << In(d, c->speaker.span);
  EXPECT_FALSE(c->speaker.span.empty());
  const Quote* e = Find(d, "Nobody asked us.");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->cue_lemma, "retort");
  EXPECT_EQ(In(d, e->speaker.span), "the Baker supporter");
}

TEST(QuotesTest, ContinuationAfterAnUnattributedQuotationAndSignsThatRead) {
  Document d = Analyze(
      "“I am in disbelief,” Ana Ruiz said. “I wish everyone could read them.”\n\n"
      "“Do not wait until the pier closes to act.”\n\n"
      "“Welcome to the harbor!” the old sign reads.");
  const Quote* q = Find(d, "Do not wait until the pier closes to act.");
  ASSERT_NE(q, nullptr);
  ASSERT_GE(q->speaker.cluster, 0);
  EXPECT_EQ(d.clusters[q->speaker.cluster].canonical, "Ana Ruiz");
  const Quote* r = Find(d, "Welcome to the harbor!");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->cue_lemma, "read");
  EXPECT_EQ(In(d, r->speaker.span), "the old sign");
}

TEST(QuotesTest, MoreNounUsesAndAdverbials) {
  // A date between subject and verb; a plural noun before a comma; "a later
  // tweet"; an expletive "there"; a shared subject past a fronted adverbial.
  EXPECT_EQ(SpeakerOf("Ruiz during a Sunday rally thanked the nurses “for their support.”",
                      "for their support."),
            "Ruiz");
  Document d = Analyze(
      "Cost estimates, Ruiz added, were “based on a prototype.” In a later tweet, the mayor "
      "boasted that the pier was safe. There is still time for Baker to build bridges, even "
      "after dismissing them as a “cartel.” In late June, the council completed its review and "
      "deemed the pier “well built.”");
  for (const Quote& q : d.quotes) {
    EXPECT_NE(q.cue_lemma, "estimate") << In(d, q.content);
    EXPECT_NE(q.cue_lemma, "tweet") << In(d, q.content);
    EXPECT_NE(In(d, q.speaker.span), "There") << In(d, q.content);
    EXPECT_NE(In(d, q.speaker.span), "In late June") << In(d, q.content);
  }
  ASSERT_NE(Find(d, "the pier was safe"), nullptr);
  EXPECT_EQ(In(d, Find(d, "the pier was safe")->speaker.span), "the mayor");
}

TEST(QuotesTest, ParticiplesAfterTheVerbInvertedTellingAndAddressees) {
  // A participle after "said," opens its own attribution: the quotation
  // before "said" is still what was said, and the next quotation continues
  // the speaker.
  Document d = Analyze(
      "“The pier will not open this year,” Ruiz said, suggesting that the council could still "
      "find the money. “We have waited long enough for it.”");
  const Quote* q = Find(d, "The pier will not open this year,");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kDirect);
  EXPECT_EQ(In(d, q->speaker.span), "Ruiz");
  const Quote* next = Find(d, "We have waited long enough for it.");
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(In(d, next->speaker.span), "Ruiz");
  const Quote* sugg = Find(d, "the council could still find the money");
  ASSERT_NE(sugg, nullptr);
  EXPECT_EQ(sugg->cue_lemma, "suggest");
  // "told a rally, saying": the addressee is not what was said.
  Document t = Analyze(
      "“Nothing you can do, folks,” Baker told a rally in Dover, saying the harbor would be "
      "closed.");
  for (const Quote& r : t.quotes) EXPECT_NE(In(t, r.content), "a rally in Dover");
  EXPECT_EQ(SpeakerOf("“The budget is a loose cannon,” warned Maria Ruiz.",
                      "The budget is a loose cannon,"),
            "Maria Ruiz");
  // "wrote to his colleagues": an addressee after "to", not "said to be".
  EXPECT_EQ(SpeakerOf("“We must not balance the budget on the backs of children,” Ruiz wrote "
                      "to her colleagues.",
                      "We must not balance the budget on the backs of children,"),
            "Ruiz");
}

TEST(QuotesTest, PrepositionalPostModifiersAndOpeningConjunctions) {
  // A phrase after a common noun belongs to the subject; the place in it
  // does not speak.
  EXPECT_EQ(SpeakerOf("“Will the pier open?” a council staffer in the room wondered.",
                      "Will the pier open?"),
            "a council staffer in the room");
  Document d = Analyze("Officials in Portugal said the harbor would stay closed.");
  const Quote* q = Find(d, "the harbor would stay closed");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(In(d, q->speaker.span), "Officials");
  EXPECT_EQ(q->speaker.type, SpeakerType::kAnonymous);
  // A name and then an occasion: the name speaks.
  Document t = Analyze("Maria Ruiz at the time said the harbor would stay closed.");
  ASSERT_NE(Find(t, "the harbor would stay closed"), nullptr);
  EXPECT_EQ(In(t, Find(t, "the harbor would stay closed")->speaker.span), "Maria Ruiz");
  // "When he returned he began by saying": not "When he".
  Document w = Analyze(
      "When he returned he began by saying, “I do not think the pier is ready for anyone.”");
  const Quote* r = Find(w, "I do not think the pier is ready for anyone.");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(In(w, r->speaker.span), "he");
}

TEST(QuotesTest, PassivesNounsAfterPrepositionsAndReportedSpeechGoingOn) {
  // A passive's subject did not speak; its agent did.
  Document d = Analyze(
      "The mayor was widely criticized for the delay. The plan was described by the council "
      "as “a harbor for nobody.”");
  for (const Quote& q : d.quotes) EXPECT_NE(In(d, q.speaker.span), "The mayor") << In(d, q.content);
  const Quote* q = Find(d, "a harbor for nobody.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(In(d, q->speaker.span), "the council");
  // "a series of tweets", "a swiftly called meeting": nouns and adjectives.
  Document t = Analyze(
      "Ruiz posted a series of tweets early Friday saying that the pier was “a paragon of "
      "safety.” After a swiftly called meeting, the council agreed.");
  for (const Quote& r : t.quotes) {
    EXPECT_NE(r.cue_lemma, "tweet") << In(t, r.content);
    EXPECT_NE(r.cue_lemma, "call") << In(t, r.content);
  }
  // Reported speech closed by its speaker goes on in quotation marks.
  Document g = Analyze(
      "The council may wait until the vote, Baker said. “The other thing we have to weigh is "
      "the cost of the pier.”");
  const Quote* w = Find(g, "The other thing we have to weigh is the cost of the pier.");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(In(g, w->speaker.span), "Baker");
}

TEST(QuotesTest, EvidentialsAreTheWritersInferenceWithTheirSubject) {
  Document d = Analyze(
      "Ruiz is expected to open the pier on Friday. The sale, which is expected to close soon, "
      "was approved. Her supporters seemed unperturbed. It appears that the vote was close. "
      "Enthusiasm for the plan appears to have faded. "
      "Ruiz appeared on television on Sunday.");
  const Quote* q = Find(d, "Ruiz is expected to open the pier on Friday");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kIndirect);
  EXPECT_TRUE(q->speaker.span.empty());
  EXPECT_EQ(q->cue_lemma, "expect");
  EXPECT_EQ(q->cue_category, QuoteCueCategory::kEvidential);
  EXPECT_NE(Find(d, "which is expected to close soon"), nullptr);
  EXPECT_NE(Find(d, "Her supporters seemed unperturbed"), nullptr);
  EXPECT_NE(Find(d, "the vote was close"), nullptr);
  EXPECT_NE(Find(d, "Enthusiasm for the plan appears to have faded"), nullptr);
  for (const Quote& r : d.quotes) {
    EXPECT_EQ(In(d, r.content).find("television"), std::string::npos) << In(d, r.content);
  }
}

TEST(QuotesTest, CallingSomeoneSomethingWithoutQuoteMarks) {
  Document d = Analyze(
      "Maria Ruiz called him divisive. A festival was held called Pier and Pies. Voters call it "
      "the harbor prom.");
  const Quote* q = Find(d, "him divisive");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kIndirect);
  EXPECT_EQ(In(d, q->speaker.span), "Maria Ruiz");
  EXPECT_NE(Find(d, "it the harbor prom"), nullptr);
  for (const Quote& r : d.quotes) {
    EXPECT_EQ(In(d, r.content).find("Pies"), std::string::npos) << In(d, r.content);
  }
}

TEST(QuotesTest, PluralSubjectsBeforeBaseFormsAndWantTo) {
  Document d = Analyze(
      "Some Democrats say the pier failed. The reports show the council made a change. Most "
      "residents polled support the plan. Ruiz wants to rebuild the harbor.");
  const Quote* a = Find(d, "the pier failed");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(In(d, a->speaker.span), "Democrats");
  const Quote* b = Find(d, "the council made a change");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(In(d, b->speaker.span), "The reports");
  const Quote* c = Find(d, "the plan");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->cue_lemma, "support");
  const Quote* w = Find(d, "to rebuild the harbor");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(In(d, w->speaker.span), "Ruiz");
  // A date between the subject and its verb.
  Document t = Analyze("Maria Ruiz on Tuesday said that the pier would close.");
  ASSERT_NE(Find(t, "the pier would close"), nullptr);
  EXPECT_EQ(In(t, Find(t, "the pier would close")->speaker.span), "Maria Ruiz");
  // Still nouns: "the Venezuelan state", "a later tweet".
  Document n = Analyze("The Venezuelan state owns the port. A later tweet praised it.");
  for (const Quote& q : n.quotes) EXPECT_NE(q.cue_lemma, "state") << In(n, q.content);
}

TEST(QuotesTest, AParagraphOpeningWithAQuotationGoesOnFromReportedSpeech) {
  Document d = Analyze(
      "Carter said that for decades critics had predicted a withdrawal from the harbor.\n\n"
      "“That is because this harbor remains the most important one for us.”");
  const Quote* q = Find(d, "That is because this harbor remains the most important one for us.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kDirect);
  EXPECT_EQ(In(d, q->speaker.span), "Carter");
  // The speaker carries over; the cue belongs to the other sentence.
  EXPECT_TRUE(q->cue.empty());
}

TEST(QuotesTest, AStateAfterATownInAnOpeningPhrase) {
  EXPECT_EQ(SpeakerOf("Speaking at a town hall in Salem, New Hampshire, Ruiz went after Baker, "
                      "calling him “a total stiff.”",
                      "a total stiff."),
            "Ruiz");
}

TEST(QuotesTest, AParticipleTakesTheOutermostSpeaker) {
  // "saw" is reported by "said"; "telling" goes with Ruiz, past its
  // addressee.
  Document d = Analyze(
      "Ruiz said he saw no need to change the plan, telling Baker that “we tell the truth about "
      "the harbor.”");
  const Quote* q = Find(d, "we tell the truth about the harbor.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(In(d, q->speaker.span), "Ruiz");
  EXPECT_EQ(q->cue_lemma, "tell");
  for (const Quote& r : d.quotes) EXPECT_NE(In(d, r.content).rfind("Baker", 0), 0u);
}

TEST(QuotesTest, TitlesInOpenersNounsAfterDemonymsColonSentences) {
  // A show's title in an opening phrase is not what was said.
  Document d = Analyze(
      "On “Harbor Talk,” Maria Ruiz, who lost the primary, identified the pier as one of the "
      "reasons.");
  for (const Quote& q : d.quotes) EXPECT_NE(In(d, q.content), "On “Harbor Talk,”");
  // "of Republican claims": a noun after a demonym and a preposition.
  Document n = Analyze("The site rated 32% of Republican claims as “false” last year.");
  for (const Quote& q : n.quotes) EXPECT_NE(q.cue_lemma, "claim") << In(n, q.content);
  // "shootings and protests demands": a bare noun after "and" does not cut
  // what Ryan said.
  EXPECT_EQ(SpeakerOf("Baker said the spate of shootings and protests demands that residents "
                      "engage in “more listening.”",
                      "more listening."),
            "Baker");
  // A sentence ending in a colon names the speaker of the next paragraph.
  EXPECT_EQ(SpeakerOf("On July 6, Ruiz made the following comment:\n\n“For young people who have "
                      "left school, the harbor is the only work there is.”",
                      "For young people who have left school, the harbor is the only work there "
                      "is."),
            "Ruiz");
}

TEST(QuotesTest, AdverbAndParticipleOpenersCapitalDatelinesPressConferences) {
  EXPECT_EQ(SpeakerOf("Immediately after the storm, Ruiz issued a statement, “Last night, our "
                      "harbor was hit by the worst storm in decades.”",
                      "Last night, our harbor was hit by the worst storm in decades."),
            "Ruiz");
  EXPECT_EQ(SpeakerOf("DOVER — Maria Ruiz on Wednesday played down the storm, calling it “a "
                      "passing thing.”",
                      "a passing thing."),
            "Maria Ruiz");
  const std::string press =
      "In an angry press conference, Maria Ruiz went after Tom Baker, calling him “the worst "
      "mayor in our history.”";
  Document d = Analyze(press);
  for (const Quote& q : d.quotes) EXPECT_NE(q.cue_lemma, "press") << In(d, q.content);
  EXPECT_EQ(SpeakerOf(press, "the worst mayor in our history."), "Maria Ruiz");
  // A conjunction opens a clause, not an adverbial.
  EXPECT_EQ(SpeakerOf("And then Ruiz went fully on the attack, saying, “Is the mayor going to "
                      "finally fix the pier?”",
                      "Is the mayor going to finally fix the pier?"),
            "Ruiz");
}

TEST(QuotesTest, ANameAndItsAppositiveBeforeTellAndQuotesEndingInAComma) {
  EXPECT_EQ(SpeakerOf("“It is flat-out theft,” Maria Ruiz, the chief of the harbor board, told "
                      "WDOV.",
                      "It is flat-out theft,"),
            "Maria Ruiz");
  EXPECT_EQ(SpeakerOf("The memoir was to be a “cautionary tale,” said Maria Ruiz, then her agent.",
                      "cautionary tale,"),
            "Maria Ruiz");
}

TEST(QuotesTest, LoadRejectsUnknownCategoryWithFileAndLine) {
  const std::string dir = (test::ScratchDir() / "badcues").string() + "/";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "quote_cues.tsv") << "# comment\nsay\tneutral\tverb\nshout\tloud\tverb\n";
  std::ofstream(dir + "speaker_nouns.tsv") << "officials\tanonymous\n";
  auto f = QuoteFinder::Load(dir, {});
  ASSERT_FALSE(f.ok());
  EXPECT_NE(std::string(f.status().message()).find("quote_cues.tsv:3"), std::string::npos)
      << f.status();
}

}  // namespace
}  // namespace presslens
