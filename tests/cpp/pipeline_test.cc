// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Tests for pipeline.h: loading a model directory, the errors it promises,
// and analysis of the seed article against its hand annotation.

#include "presslens/pipeline.h"

#include <unicode/utf8.h>

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "presslens/document.h"
#include "presslens/resources.h"
#include "presslens/text.h"

namespace presslens {
namespace {

namespace fs = std::filesystem;

const std::string kModelDir = PRESSLENS_MODEL_DIR;
const std::string kSeedDir = PRESSLENS_SHARED_DIR "/data/seed";

std::unique_ptr<Pipeline> LoadOrDie(const std::string& dir) {
  absl::StatusOr<std::unique_ptr<Pipeline>> p = Pipeline::Load(dir);
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *std::move(p) : nullptr;
}

std::string ReadOrDie(const std::string& path) {
  absl::StatusOr<std::string> s = ReadFile(path);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *std::move(s) : std::string();
}

// Every field of a document, in a form EXPECT_EQ can compare and print.
std::string Dump(const Document& doc) {
  std::string out = absl::StrCat("text ", doc.text.size(), "\n");
  for (const Segment& p : doc.paragraphs) {
    absl::StrAppend(&out, "P ", p.span.begin, " ", p.span.end, " ", p.token_begin, " ",
                    p.token_end, " ", p.parent, "\n");
  }
  for (const Segment& s : doc.sentences) {
    absl::StrAppend(&out, "S ", s.span.begin, " ", s.span.end, " ", s.token_begin, " ",
                    s.token_end, " ", s.parent, "\n");
  }
  for (const Token& t : doc.tokens) {
    absl::StrAppend(&out, "T ", t.begin, " ", t.end, " ", static_cast<int>(t.kind), " ",
                    t.flags, "\n");
  }
  for (const Entity& e : doc.entities) {
    absl::StrAppend(&out, "E ", e.span.begin, " ", e.span.end, " ", e.token_begin, " ",
                    e.token_end, " ", e.label, " ", e.title.begin, " ", e.title.end, " ",
                    e.cluster, "\n");
  }
  for (const std::string& label : doc.entity_labels) absl::StrAppend(&out, "L ", label, "\n");
  for (const EntityCluster& c : doc.clusters) {
    absl::StrAppend(&out, "C ", c.label, " ", c.canonical, " ", absl::StrJoin(c.mentions, ","),
                    "\n");
  }
  return out;
}

// A model directory under the test's temp dir holding copies of the shipped
// files, with `abbreviations` as abbreviations.tsv.
std::string ModelDirWith(const std::string& name, const std::string& abbreviations) {
  const fs::path dir = fs::path(testing::TempDir()) / ("presslens_model_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(fs::path(kModelDir) / "sentence_starters.txt", dir / "sentence_starters.txt");
  std::ofstream(dir / "abbreviations.tsv", std::ios::binary) << abbreviations;
  return dir.string();
}

// ------------------------------------------------------------------- Load

TEST(PipelineLoadTest, LoadsShippedModel) {
  std::unique_ptr<Pipeline> p = LoadOrDie(kModelDir);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->model_dir(), kModelDir);
  EXPECT_TRUE(p->tokenizer().IsAbbreviation("Gen."));
  EXPECT_FALSE(p->tokenizer().IsAbbreviation("city."));
}

TEST(PipelineLoadTest, MissingDirectoryIsNotFound) {
  absl::StatusOr<std::unique_ptr<Pipeline>> p = Pipeline::Load("/nonexistent/presslens/model");
  EXPECT_EQ(p.status().code(), absl::StatusCode::kNotFound) << p.status();
}

TEST(PipelineLoadTest, MissingFileIsNotFound) {
  const std::string dir = ModelDirWith("no_starters", "Mr.\ttitle\n");
  fs::remove(fs::path(dir) / "sentence_starters.txt");
  absl::StatusOr<std::unique_ptr<Pipeline>> p = Pipeline::Load(dir);
  EXPECT_EQ(p.status().code(), absl::StatusCode::kNotFound) << p.status();
  EXPECT_NE(p.status().message().find("sentence_starters.txt"), absl::string_view::npos)
      << p.status();
}

// The temp-dir model itself loads, so the failures below come from content.
TEST(PipelineLoadTest, WellFormedTempModelLoads) {
  const std::string dir =
      ModelDirWith("good", "# comment\nMr.\ttitle\r\n\nJan.\tmonth\nInc.\tother\n");
  std::unique_ptr<Pipeline> p = LoadOrDie(dir);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->tokenizer().IsAbbreviation("Jan."));
}

TEST(PipelineLoadTest, RowWithoutKindIsInvalidArgument) {
  const std::string dir = ModelDirWith("one_column", "Mr.\ttitle\nGen.\n");
  absl::StatusOr<std::unique_ptr<Pipeline>> p = Pipeline::Load(dir);
  ASSERT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument) << p.status();
  // The message points at the file and line to fix.
  EXPECT_NE(p.status().message().find("abbreviations.tsv:2"), absl::string_view::npos)
      << p.status();
}

TEST(PipelineLoadTest, UnknownKindIsInvalidArgument) {
  const std::string dir = ModelDirWith("bad_kind", "Mr.\tperson\n");
  EXPECT_EQ(Pipeline::Load(dir).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PipelineLoadTest, AbbreviationWithoutPeriodIsInvalidArgument) {
  const std::string dir = ModelDirWith("no_period", "Mr\ttitle\n");
  EXPECT_EQ(Pipeline::Load(dir).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PipelineLoadTest, InvalidUtf8InModelFileIsInvalidArgument) {
  const std::string dir = ModelDirWith("bad_utf8", "M\xFFr.\ttitle\n");
  EXPECT_EQ(Pipeline::Load(dir).status().code(), absl::StatusCode::kInvalidArgument);
}

// ---------------------------------------------------------------- Analyze

const Pipeline& News() {
  static const Pipeline* const pipeline = LoadOrDie(kModelDir).release();
  return *pipeline;
}

TEST(PipelineAnalyzeTest, InvalidUtf8IsInvalidArgumentNamingOffset) {
  absl::StatusOr<Document> doc = News().Analyze("Good text \xFF more");
  ASSERT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument) << doc.status();
  EXPECT_NE(doc.status().message().find("byte offset 10"), absl::string_view::npos)
      << doc.status();
}

TEST(PipelineAnalyzeTest, EmptyTextGivesEmptyDocument) {
  for (std::string_view text : {"", " \n\r\n\t\xC2\xA0"}) {
    absl::StatusOr<Document> doc = News().Analyze(text);
    ASSERT_TRUE(doc.ok()) << doc.status();
    EXPECT_EQ(doc->text, text);
    EXPECT_TRUE(doc->paragraphs.empty());
    EXPECT_TRUE(doc->sentences.empty());
    EXPECT_TRUE(doc->tokens.empty());
  }
}

TEST(PipelineAnalyzeTest, RunReplacesPreviousResults) {
  absl::StatusOr<Document> doc = News().Analyze("One. Two.\nThree.");
  ASSERT_TRUE(doc.ok());
  const std::string first = Dump(*doc);
  News().Run(&*doc);  // a second run must not append to the first
  EXPECT_EQ(Dump(*doc), first);
}

// The "paragraphs" array of gold.json as [start, end) code point spans. A
// small scan is enough: the array holds only integers and brackets.
std::vector<std::pair<int64_t, int64_t>> GoldParagraphs(const std::string& json) {
  std::vector<std::pair<int64_t, int64_t>> spans;
  size_t i = json.find("\"paragraphs\"");
  if (i == std::string::npos) return spans;
  i = json.find('[', i);
  std::vector<int64_t> numbers;
  int depth = 0;
  for (; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '[') {
      ++depth;
    } else if (c == ']') {
      if (--depth == 0) break;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      int64_t v = 0;
      while (i < json.size() && std::isdigit(static_cast<unsigned char>(json[i]))) {
        v = v * 10 + (json[i++] - '0');
      }
      --i;
      numbers.push_back(v);
    }
  }
  for (size_t k = 0; k + 1 < numbers.size(); k += 2) spans.emplace_back(numbers[k], numbers[k + 1]);
  return spans;
}

TEST(PipelineSeedTest, ParagraphsMatchGoldSpans) {
  const std::string article = ReadOrDie(kSeedDir + "/article.txt");
  const std::vector<std::pair<int64_t, int64_t>> gold =
      GoldParagraphs(ReadOrDie(kSeedDir + "/gold.json"));
  ASSERT_EQ(gold.size(), 18u);
  absl::StatusOr<Document> doc = News().Analyze(article);
  ASSERT_TRUE(doc.ok()) << doc.status();
  ASSERT_EQ(doc->paragraphs.size(), 18u);
  const OffsetMap map(doc->text);
  for (size_t i = 0; i < gold.size(); ++i) {
    const ByteSpan span = doc->paragraphs[i].span;
    EXPECT_EQ(static_cast<int64_t>(map.ToCodepoint(span.begin)), gold[i].first) << "paragraph " << i;
    EXPECT_EQ(static_cast<int64_t>(map.ToCodepoint(span.end)), gold[i].second) << "paragraph " << i;
  }
}

// Token offsets slice the text: as bytes inside the core, and as code points
// (Python str indexes) once converted at the boundary.
TEST(PipelineSeedTest, TokenOffsetsSliceTheText) {
  const std::string article = ReadOrDie(kSeedDir + "/article.txt");
  absl::StatusOr<Document> doc = News().Analyze(article);
  ASSERT_TRUE(doc.ok()) << doc.status();
  ASSERT_EQ(doc->text, article);
  ASSERT_GT(doc->tokens.size(), 500u);

  // The article as code points, each with the bytes that encode it.
  std::vector<std::string_view> codepoints;
  const auto* s = reinterpret_cast<const uint8_t*>(article.data());
  for (int32_t i = 0, n = static_cast<int32_t>(article.size()); i < n;) {
    const int32_t start = i;
    U8_FWD_1(s, i, n);
    codepoints.push_back(std::string_view(article).substr(start, i - start));
  }

  std::vector<uint32_t> bytes;
  for (const Token& t : doc->tokens) {
    bytes.push_back(t.begin);
    bytes.push_back(t.end);
  }
  std::vector<int64_t> cps(bytes.size());
  OffsetMap(doc->text).ToCodepoints(bytes, absl::MakeSpan(cps));

  for (size_t k = 0; k < doc->tokens.size(); ++k) {
    const Token& t = doc->tokens[k];
    ASSERT_LT(t.begin, t.end);
    ASSERT_LE(t.end, article.size());
    const std::string_view token = t.In(doc->text);
    EXPECT_EQ(article.compare(t.begin, t.end - t.begin, token), 0);
    std::string sliced;
    for (int64_t c = cps[2 * k]; c < cps[2 * k + 1]; ++c) sliced.append(codepoints[c]);
    EXPECT_EQ(sliced, token) << "token #" << k;
  }
}

TEST(PipelineSeedTest, AnalysisIsDeterministic) {
  const std::string article = ReadOrDie(kSeedDir + "/article.txt");
  absl::StatusOr<Document> a = News().Analyze(article);
  absl::StatusOr<Document> b = News().Analyze(article);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(Dump(*a), Dump(*b));
  // A second pipeline loaded from the same directory agrees too.
  std::unique_ptr<Pipeline> other = LoadOrDie(kModelDir);
  ASSERT_NE(other, nullptr);
  absl::StatusOr<Document> c = other->Analyze(article);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(Dump(*a), Dump(*c));
}

// A loaded pipeline is immutable: threads sharing it get what one thread gets.
TEST(PipelineSeedTest, SharedPipelineGivesSameResultsAcrossThreads) {
  const std::string article = ReadOrDie(kSeedDir + "/article.txt");
  const std::vector<std::string> texts = {
      article, article.substr(0, article.size() / 2),
      "Mr. Smith met Gen. Jones in the U.S. The talks failed.\n\xE2\x80\x9CWhy?\xE2\x80\x9D he asked."};
  std::vector<std::string> expected;
  for (const std::string& text : texts) {
    absl::StatusOr<Document> doc = News().Analyze(text);
    ASSERT_TRUE(doc.ok());
    expected.push_back(Dump(*doc));
  }

  constexpr int kThreads = 4;
  constexpr int kRounds = 25;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        const std::string& text = texts[(t + r) % texts.size()];
        absl::StatusOr<Document> doc = News().Analyze(text);
        got[t].push_back(doc.ok() ? Dump(*doc) : doc.status().ToString());
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    for (int r = 0; r < kRounds; ++r) {
      ASSERT_EQ(got[t][r], expected[(t + r) % texts.size()]) << "thread " << t << " round " << r;
    }
  }
}

}  // namespace
}  // namespace presslens
