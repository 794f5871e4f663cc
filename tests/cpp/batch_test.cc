// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Tests for batch.h: ParallelFor claims every index once, AnalyzeBatch and
// RunBatch give what one thread gives, in input order, with bad records
// reported in place; and one pipeline serves many threads at once. `make
// test-tsan` runs these under ThreadSanitizer.

#include "presslens/batch.h"

#include <atomic>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "invariants.h"
#include "presslens/entities.h"
#include "presslens/resources.h"
#include "test_util.h"

namespace presslens {
namespace {

std::string Dump(const Document& doc) {
  std::string out = absl::StrCat(doc.text.size(), "|");
  for (const Token& t : doc.tokens) absl::StrAppend(&out, t.begin, ",", t.end, ",", t.flags, ";");
  for (const Segment& s : doc.sentences) absl::StrAppend(&out, "S", s.token_begin, ",", s.token_end, ";");
  for (const Entity& e : doc.entities) {
    absl::StrAppend(&out, "E", e.token_begin, ",", e.token_end, ",", doc.entity_labels[e.label], ",",
                    e.cluster, ",", e.pattern, ";");
  }
  for (const EntityCluster& c : doc.clusters) {
    absl::StrAppend(&out, "C", c.canonical, ":", absl::StrJoin(c.mentions, ","), ";");
  }
  return out;
}

// Records of many lengths and kinds, a few of them not UTF-8.
std::vector<std::string> Corpus() {
  auto article = ReadFile(std::string(PRESSLENS_SOURCE_DIR) + "/examples/article.txt");
  EXPECT_TRUE(article.ok()) << article.status();
  const std::string a = article.ok() ? *article : "Mayor Elena Vasquez said.";
  std::vector<std::string> out;
  for (size_t i = 0; i < 120; ++i) {
    switch (i % 8) {
      case 0: out.push_back(a); break;
      case 1: out.push_back(a.substr(i % a.size())); break;
      case 2: out.push_back(a.substr(0, (i * 37) % a.size())); break;
      case 3: out.push_back(absl::StrCat("Record ", i, ": Harbour City Council met Elena Vasquez.")); break;
      case 4: out.push_back(i % 16 == 4 ? std::string("bad \xFF byte") : std::string()); break;
      case 5: out.push_back(std::string(i, '"') + "x" + std::string(i, ')')); break;
      case 6: out.push_back("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xE2\x80\x9CQuote,\xE2\x80\x9D he said.\n"); break;
      default: {  // a long one
        std::string long_text;
        for (size_t k = 0; k < 20; ++k) long_text += a;
        out.push_back(std::move(long_text));
      }
    }
  }
  out[7] = std::string("\xC3", 1);  // truncated sequence at the very end
  return out;
}

TEST(ParallelForTest, EveryIndexRunsExactlyOnce) {
  for (int threads : {1, 2, 8, 0}) {
    for (size_t jobs : {size_t{0}, size_t{1}, size_t{7}, size_t{10000}}) {
      std::vector<std::atomic<int>> seen(jobs);
      ParallelFor(jobs, threads, [&](size_t i) { seen[i].fetch_add(1, std::memory_order_relaxed); });
      for (size_t i = 0; i < jobs; ++i) {
        ASSERT_EQ(seen[i].load(), 1) << "index " << i << " of " << jobs << ", " << threads << " threads";
      }
    }
  }
}

TEST(ParallelForTest, UsesNoMoreThreadsThanJobs) {
  EXPECT_EQ(EffectiveThreads(8, 3), 3);
  EXPECT_EQ(EffectiveThreads(8, 0), 1);
  EXPECT_EQ(EffectiveThreads(-5, 1), 1);
  EXPECT_GE(EffectiveThreads(0, 1000), 1);
}

TEST(BatchTest, AnalyzeBatchMatchesOneThreadAndReportsBadRecordsInPlace) {
  const Pipeline& nlp = test::ShippedPipeline();
  const std::vector<std::string> corpus = Corpus();
  const std::vector<std::string_view> views(corpus.begin(), corpus.end());
  std::vector<std::string> want;
  for (const std::string& text : corpus) {
    absl::StatusOr<Document> doc = nlp.Analyze(text);
    want.push_back(doc.ok() ? Dump(*doc) : doc.status().ToString());
  }
  for (int threads : {1, 3, 8}) {
    const std::vector<absl::StatusOr<Document>> got = AnalyzeBatch(nlp, views, threads);
    ASSERT_EQ(got.size(), corpus.size());
    size_t bad = 0;
    for (size_t i = 0; i < got.size(); ++i) {
      if (!got[i].ok()) {
        ++bad;
        EXPECT_NE(got[i].status().message().find("byte offset"), absl::string_view::npos);
      } else {
        EXPECT_EQ(test::CheckDocument(*got[i]), "") << "record " << i;
      }
      ASSERT_EQ(got[i].ok() ? Dump(*got[i]) : got[i].status().ToString(), want[i])
          << "record " << i << ", " << threads << " threads";
    }
    EXPECT_EQ(bad, 9u);  // the 8 "bad \xFF byte" records and record 7
  }
}

TEST(BatchTest, RunBatchWithPatternsMatchesOneThread) {
  const Pipeline& nlp = test::ShippedPipeline();
  auto patterns = EntityPatterns::Build(
      {{"Harbour City Council", "ORG", false, "Council"}, {"vasquez", "PERSON", true, ""}}, nlp.tokenizer());
  ASSERT_TRUE(patterns.ok());
  std::vector<std::string> corpus;
  for (std::string& text : Corpus()) {
    if (ValidateUtf8(text).ok()) corpus.push_back(std::move(text));
  }
  const std::vector<std::string_view> views(corpus.begin(), corpus.end());
  std::vector<Document> one, many;
  RunBatch(nlp, views, 1, &*patterns, &one);
  RunBatch(nlp, views, 8, &*patterns, &many);
  ASSERT_EQ(one.size(), corpus.size());
  ASSERT_EQ(many.size(), corpus.size());
  for (size_t i = 0; i < corpus.size(); ++i) {
    EXPECT_EQ(Dump(many[i]), Dump(one[i])) << "record " << i;
  }
}

// Eight threads call Analyze on one pipeline while a batch runs on four more.
TEST(BatchTest, SharedPipelineUnderConcurrentThreadsAndBatch) {
  const Pipeline& nlp = test::ShippedPipeline();
  const std::vector<std::string> corpus = Corpus();
  std::vector<std::string> want;
  for (const std::string& text : corpus) {
    absl::StatusOr<Document> doc = nlp.Analyze(text);
    want.push_back(doc.ok() ? Dump(*doc) : doc.status().ToString());
  }
  constexpr int kThreads = 8;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (size_t r = 0; r < corpus.size(); r += 3) {
        const size_t i = (r + t) % corpus.size();
        absl::StatusOr<Document> doc = nlp.Analyze(corpus[i]);
        got[t].push_back(doc.ok() ? Dump(*doc) : doc.status().ToString());
      }
    });
  }
  const std::vector<std::string_view> views(corpus.begin(), corpus.end());
  const std::vector<absl::StatusOr<Document>> batch = AnalyzeBatch(nlp, views, 4);
  for (std::thread& th : threads) th.join();
  for (size_t i = 0; i < corpus.size(); ++i) {
    EXPECT_EQ(batch[i].ok() ? Dump(*batch[i]) : batch[i].status().ToString(), want[i]) << i;
  }
  for (int t = 0; t < kThreads; ++t) {
    size_t k = 0;
    for (size_t r = 0; r < corpus.size(); r += 3, ++k) {
      EXPECT_EQ(got[t][k], want[(r + t) % corpus.size()]) << "thread " << t << " record " << r;
    }
  }
}

}  // namespace
}  // namespace presslens
