// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Tests for ner.h and ner_train.h: feature keys, BIO-constrained Viterbi
// decoding, reading BIO corpora, training on a synthetic corpus, and the
// model file format.

#include "presslens/ner.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "test_util.h"
#include "presslens/document.h"
#include "presslens/entities.h"
#include "presslens/gazetteer.h"
#include "presslens/ner_train.h"
#include "presslens/tokenize.h"

namespace presslens {
namespace {

namespace fs = std::filesystem;

// Tags of a {PERSON, GPE, DATE} model.
constexpr uint8_t O = 0, BPer = 1, IPer = 2, BGpe = 3, IGpe = 4, BDate = 5;
const std::vector<std::string> kLabels = {"PERSON", "GPE", "DATE"};

const fs::path& ScratchDir() { return test::ScratchDir(); }

std::string TempPath(const std::string& name) {
  return (ScratchDir() / name).string();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool HasText(const absl::Status& s, std::string_view needle) {
  return std::string(s.message()).find(needle) != std::string::npos;
}

// ---------------------------------------------------------------- features

TEST(FeatureExtractorTest, NormalizeLowercasesAndFoldsTypography) {
  EXPECT_EQ(FeatureExtractor::Normalize("Russia\u2019s"), "russia's");
  EXPECT_EQ(FeatureExtractor::Normalize("\u00C9COLE"), "\u00E9cole");
  EXPECT_EQ(FeatureExtractor::Normalize("\u2013"), "-");  // en dash
  EXPECT_EQ(FeatureExtractor::Normalize("\u201CNo\u201D"), "\"no\"");
  EXPECT_EQ(FeatureExtractor::Normalize("G20"), "g20");  // digits kept
}

TEST(FeatureExtractorTest, ShapeMapsClassesAndCutsRunsAtTwo) {
  EXPECT_EQ(FeatureExtractor::Shape("Maduro"), "Xxx");
  EXPECT_EQ(FeatureExtractor::Shape("U.S."), "X.X.");
  EXPECT_EQ(FeatureExtractor::Shape("2019"), "dd");
  EXPECT_EQ(FeatureExtractor::Shape("McDonald"), "XxXxx");
  EXPECT_EQ(FeatureExtractor::Shape("\u00C9mile"), "Xxx");  // non-ASCII capitals are X too
}

struct Features {
  std::vector<uint64_t> feats;
  std::vector<uint32_t> offsets;
  std::vector<uint64_t> Of(size_t t) const {
    return std::vector<uint64_t>(feats.begin() + offsets[t], feats.begin() + offsets[t + 1]);
  }
};

Features Extract(const FeatureExtractor& fx, const std::vector<std::string_view>& words) {
  Features f;
  fx.Extract(words, &f.feats, &f.offsets);
  return f;
}

TEST(FeatureExtractorTest, ExtractIsAFunctionOfTheWords) {
  const FeatureExtractor fx(nullptr);
  const Features a = Extract(fx, {"Maduro", "visited", "Caracas"});
  const Features b = Extract(fx, {"Maduro", "visited", "Caracas"});
  const Features c = Extract(fx, {"Guaido", "visited", "Caracas"});
  ASSERT_EQ(a.offsets.size(), 4u);
  EXPECT_EQ(a.offsets.front(), 0u);
  EXPECT_EQ(a.offsets.back(), a.feats.size());
  for (size_t t = 0; t < 3; ++t) EXPECT_LT(a.offsets[t], a.offsets[t + 1]) << t;
  EXPECT_EQ(a.feats, b.feats);
  EXPECT_EQ(a.offsets, b.offsets);
  EXPECT_NE(a.Of(0), c.Of(0));
  // Context features reach the neighbours of the changed word.
  EXPECT_NE(a.Of(1), c.Of(1));
}

TEST(FeatureExtractorTest, ExtractOfNoWordsIsEmpty) {
  const FeatureExtractor fx(nullptr);
  const Features f = Extract(fx, {});
  EXPECT_TRUE(f.feats.empty());
  EXPECT_EQ(f.offsets, std::vector<uint32_t>{0});
}

TEST(FeatureExtractorTest, GazetteerMatchesAddFeaturesOnlyWhereTheyMatch) {
  Gazetteer gaz;
  gaz.Add(std::vector<uint64_t>{Gazetteer::Key("Caracas")}, kGazGpe);
  const FeatureExtractor plain(nullptr), with_gaz(&gaz);
  const std::vector<std::string_view> words = {"Maduro", "left", "Caracas"};
  const Features p = Extract(plain, words), g = Extract(with_gaz, words);
  EXPECT_EQ(p.Of(0), g.Of(0));  // two tokens away: no gazetteer feature
  EXPECT_NE(p.Of(1), g.Of(1));  // next token is a GPE
  EXPECT_NE(p.Of(2), g.Of(2));  // the match itself
  const std::vector<std::string_view> other = {"Maduro", "left", "Lima"};
  EXPECT_EQ(Extract(plain, other).feats, Extract(with_gaz, other).feats);
}

// ------------------------------------------------------------ word clusters

TEST(WordClustersTest, LoadNormalisesWordsAndFindsThemByNormHash) {
  const std::string path = TempPath("clusters.tsv");
  WriteFile(path, "# comment\nParis\t3\t17\t900\nrussia\u2019s\t0\t1\t2\r\n\n");
  absl::StatusOr<WordClusters> c = WordClusters::Load(path);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->size(), 2u);
  EXPECT_EQ(c->num_ids(0), 4);
  EXPECT_EQ(c->num_ids(2), 901);
  const WordClusters::Ids* paris = c->Find(FeatureExtractor::Keys("PARIS").norm);
  ASSERT_NE(paris, nullptr);
  EXPECT_EQ(*paris, (WordClusters::Ids{3, 17, 900}));
  const WordClusters::Ids* russia = c->Find(FeatureExtractor::Keys("Russia's").norm);
  ASSERT_NE(russia, nullptr);
  EXPECT_EQ(*russia, (WordClusters::Ids{0, 1, 2}));
  EXPECT_EQ(c->Find(FeatureExtractor::Keys("Lima").norm), nullptr);
}

TEST(WordClustersTest, MalformedRowIsInvalidArgumentWithFileAndLine) {
  const std::string path = TempPath("bad_clusters.tsv");
  for (const char* row : {"paris\t3\t17", "paris\t3\t17\t900\t1", "paris\t3\tx\t9",
                          "paris\t3\t65535\t9", "\t1\t2\t3", "paris", "paris\t\t1\t2"}) {
    WriteFile(path, absl::StrCat("lima\t1\t2\t3\n", row, "\n"));
    absl::StatusOr<WordClusters> c = WordClusters::Load(path);
    ASSERT_FALSE(c.ok()) << row;
    EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument) << row;
    EXPECT_TRUE(HasText(c.status(), "bad_clusters.tsv:2")) << c.status();
  }
}

TEST(WordClustersTest, MissingFileIsNotFound) {
  EXPECT_EQ(WordClusters::Load(TempPath("no_such_clusters.tsv")).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(FeatureExtractorTest, KeysOfAddsTheClusterIdsOfKnownWordsOnly) {
  WordClusters clusters;
  clusters.Add("Caracas", {1, 2, 3});
  const FeatureExtractor fx(nullptr, &clusters);
  EXPECT_EQ(fx.KeysOf("CARACAS").cluster, (WordClusters::Ids{1, 2, 3}));
  const FeatureExtractor::WordKeys lima = fx.KeysOf("Lima");
  EXPECT_EQ(lima.cluster[0], WordClusters::kNone);
  EXPECT_EQ(lima.norm, FeatureExtractor::Keys("Lima").norm);
}

TEST(FeatureExtractorTest, ClusterFeaturesReachTheWordAndItsNextNeighbours) {
  WordClusters clusters;
  clusters.Add("Caracas", {1, 2, 3});
  const FeatureExtractor plain(nullptr), with_clusters(nullptr, &clusters);
  const std::vector<std::string_view> words = {"Maduro", "left", "for", "Caracas", "today"};
  const Features p = Extract(plain, words), c = Extract(with_clusters, words);
  EXPECT_EQ(p.Of(0), c.Of(0));  // three tokens away: no cluster feature
  EXPECT_EQ(c.Of(1).size(), p.Of(1).size() + 2);  // two away: the coarser two levels
  EXPECT_EQ(c.Of(2).size(), p.Of(2).size() + 3);  // next word's three levels
  EXPECT_EQ(c.Of(3).size(), p.Of(3).size() + 3);  // its own
  EXPECT_EQ(c.Of(4).size(), p.Of(4).size() + 3);  // previous word's
  const std::vector<std::string_view> other = {"Maduro", "left", "Lima"};
  EXPECT_EQ(Extract(plain, other).feats, Extract(with_clusters, other).feats);
}

// Two words in one cluster share the cluster's features in the roles of the
// word and its next neighbours.
TEST(FeatureExtractorTest, WordsOfOneClusterShareClusterFeatures) {
  WordClusters clusters;
  clusters.Add("Caracas", {1, 2, 3});
  clusters.Add("Lima", {1, 2, 3});
  clusters.Add("Maria", {4, 5, 6});
  const FeatureExtractor plain(nullptr), with_clusters(nullptr, &clusters);
  for (int role = 0; role < FeatureExtractor::kNumRoles; ++role) {
    auto shared = [&](const FeatureExtractor& fx, std::string_view a, std::string_view b) {
      std::vector<uint64_t> fa, fb, both;
      FeatureExtractor::RoleFeatures(fx.KeysOf(a), static_cast<FeatureExtractor::Role>(role), &fa);
      FeatureExtractor::RoleFeatures(fx.KeysOf(b), static_cast<FeatureExtractor::Role>(role), &fb);
      std::sort(fa.begin(), fa.end());
      std::sort(fb.begin(), fb.end());
      std::set_intersection(fa.begin(), fa.end(), fb.begin(), fb.end(), std::back_inserter(both));
      return both.size();
    };
    const size_t levels = role <= FeatureExtractor::kNext ? WordClusters::kLevels : 2;
    ASSERT_EQ(static_cast<size_t>(FeatureExtractor::ClusterLevels(static_cast<FeatureExtractor::Role>(role))), levels);
    EXPECT_EQ(shared(with_clusters, "Caracas", "Lima"), shared(plain, "Caracas", "Lima") + levels)
        << role;
    EXPECT_EQ(shared(with_clusters, "Caracas", "Maria"), shared(plain, "Caracas", "Maria")) << role;
  }
}

// ----------------------------------------------------------------- Viterbi

constexpr int kK = 5;  // O, B-0, I-0, B-1, I-1

std::vector<uint8_t> Decode(const std::vector<float>& em, const std::vector<float>& trans,
                            const std::vector<uint32_t>& allowed = {}) {
  std::vector<uint8_t> tags;
  Viterbi(em, static_cast<int>(em.size() / kK), kK, trans, allowed, &tags);
  return tags;
}

bool ValidBio(const std::vector<uint8_t>& tags, int k) {
  int prev = k;
  for (uint8_t y : tags) {
    if (!BioTransitionAllowed(prev, y)) return false;
    prev = y;
  }
  return true;
}

TEST(BioTransitionTest, TableForTwoLabels) {
  // Rows: from O, B-0, I-0, B-1, I-1, start. Columns: to O, B-0, I-0, B-1, I-1.
  const int want[kK + 1][kK] = {
      {1, 1, 0, 1, 0}, {1, 1, 1, 1, 0}, {1, 1, 1, 1, 0},
      {1, 1, 0, 1, 1}, {1, 1, 0, 1, 1}, {1, 1, 0, 1, 0},
  };
  for (int from = 0; from <= kK; ++from) {
    for (int to = 0; to < kK; ++to) {
      EXPECT_EQ(BioTransitionAllowed(from, to), want[from][to] == 1) << from << "->" << to;
    }
  }
}

TEST(BioTransitionTest, NoInsideTagAtSentenceStartForAnyTagSetSize) {
  for (int k = 3; k <= kMaxNerTags - 1; k += 2) {
    for (int to = 2; to < k; to += 2) EXPECT_FALSE(BioTransitionAllowed(k, to)) << k << " " << to;
  }
}

TEST(ViterbiTest, NoInsideTagAtSentenceStart) {
  const std::vector<float> trans((kK + 1) * kK, 0.0f);
  EXPECT_EQ(Decode({0, 1, 100, 0, 0}, trans), std::vector<uint8_t>{1});
  EXPECT_EQ(Decode({0, 0, 0, 1, 100}, trans), std::vector<uint8_t>{3});
}

TEST(ViterbiTest, NoInsideTagAfterO) {
  const std::vector<float> trans((kK + 1) * kK, 0.0f);
  const std::vector<uint8_t> tags = Decode({100, 0, 0, 0, 0, /**/ 0, 0, 50, 0, 0}, trans);
  EXPECT_EQ(tags[0], O);
  EXPECT_NE(tags[1], 2);
}

TEST(ViterbiTest, NoInsideTagAfterAnotherLabel) {
  const std::vector<float> trans((kK + 1) * kK, 0.0f);
  const std::vector<uint8_t> tags = Decode({0, 0, 0, 100, 0, /**/ 0, 0, 50, 0, 0}, trans);
  EXPECT_EQ(tags[0], 3);
  EXPECT_NE(tags[1], 2);
  // The same emissions after B-0 may continue it.
  EXPECT_EQ(Decode({0, 100, 0, 0, 0, /**/ 0, 0, 50, 0, 0}, trans), (std::vector<uint8_t>{1, 2}));
}

TEST(ViterbiTest, LearnedTransitionsCannotOverrideTheBioConstraint) {
  std::vector<float> trans((kK + 1) * kK, 0.0f);
  trans[0 * kK + 2] = 1000;   // O -> I-0
  trans[kK * kK + 4] = 1000;  // start -> I-1
  const std::vector<uint8_t> tags = Decode({10, 0, 0, 0, 1, /**/ 0, 0, 1, 0, 0}, trans);
  EXPECT_TRUE(ValidBio(tags, kK)) << static_cast<int>(tags[0]) << " " << static_cast<int>(tags[1]);
}

TEST(ViterbiTest, HonoursAllowedMasks) {
  const std::vector<float> trans((kK + 1) * kK, 0.0f);
  const std::vector<float> em = {9, 0, 0, 0, 0, /**/ 9, 0, 0, 0, 0, /**/ 9, 0, 0, 0, 0};
  EXPECT_EQ(Decode(em, trans), (std::vector<uint8_t>{0, 0, 0}));
  EXPECT_EQ(Decode(em, trans, {1u << 1, 1u << 2, 0x1Fu}), (std::vector<uint8_t>{1, 2, 0}));
  EXPECT_EQ(Decode(em, trans, {0x1Fu, 1u << 3, 1u << 4}), (std::vector<uint8_t>{0, 3, 4}));
}

float PathScore(const std::vector<float>& em, const std::vector<float>& trans,
                const std::vector<uint8_t>& tags) {
  float s = 0;
  int prev = kK;
  for (size_t t = 0; t < tags.size(); ++t) {
    s += trans[prev * kK + tags[t]] + em[t * kK + tags[t]];
    prev = tags[t];
  }
  return s;
}

// Viterbi must find the best path among BIO-valid, allowed ones: checked
// against brute force on random scores.
TEST(ViterbiTest, MatchesBruteForceOverValidPaths) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> score(-3, 3);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 1 + trial % 5;
    std::vector<float> em(n * kK), trans((kK + 1) * kK);
    for (float& x : em) x = score(rng);
    for (float& x : trans) x = score(rng);
    std::vector<uint32_t> allowed;
    if (trial % 2 == 1) {
      for (int t = 0; t < n; ++t) allowed.push_back(1u | (rng() & 0x1Fu));  // O always allowed
    }
    float best = -1e30f;
    std::vector<uint8_t> path(n, 0);
    int total = 1;
    for (int t = 0; t < n; ++t) total *= kK;
    for (int code = 0; code < total; ++code) {
      int c = code;
      bool ok = true;
      for (int t = 0; t < n; ++t) {
        path[t] = static_cast<uint8_t>(c % kK);
        c /= kK;
        if (!allowed.empty() && !((allowed[t] >> path[t]) & 1u)) ok = false;
      }
      if (ok && ValidBio(path, kK)) best = std::max(best, PathScore(em, trans, path));
    }
    const std::vector<uint8_t> tags = Decode(em, trans, allowed);
    ASSERT_TRUE(ValidBio(tags, kK)) << "trial " << trial;
    for (int t = 0; t < n && !allowed.empty(); ++t) {
      ASSERT_TRUE((allowed[t] >> tags[t]) & 1u) << "trial " << trial << " t " << t;
    }
    ASSERT_NEAR(PathScore(em, trans, tags), best, 1e-4) << "trial " << trial;
  }
}

// ----------------------------------------------------------------- ReadBio

TEST(ReadBioTest, SplitsSentencesAndSetsAllowedTags) {
  const std::string path = TempPath("small.bio");
  WriteFile(path,
            "-DOCSTART-\tO\n\n"
            "Maduro\tB-PERSON\nspoke\tO\nin\tO\nCaracas\tB-GPE\r\n\n\n"
            "-DOCSTART-\n"
            "UEFA\tB-MISC\n.\tO\n");
  absl::StatusOr<std::vector<NerExample>> ex = ReadBio(path, kLabels, {});
  ASSERT_TRUE(ex.ok()) << ex.status();
  ASSERT_EQ(ex->size(), 2u);
  EXPECT_EQ((*ex)[0].words, (std::vector<std::string>{"Maduro", "spoke", "in", "Caracas"}));
  EXPECT_EQ((*ex)[0].allowed, (std::vector<uint32_t>{1u << BPer, 1u, 1u, 1u << BGpe}));
  // MISC is not a model label: it could be anything.
  EXPECT_EQ((*ex)[1].allowed, (std::vector<uint32_t>{0x7Fu, 1u}));
}

TEST(ReadBioTest, OInACorpusThatAnnotatesOnlySomeLabelsAllowsTheOthers) {
  const std::string path = TempPath("person_only.bio");
  WriteFile(path, "Maduro\tB-PERSON\nvisited\tO\nLima\tO\n");
  absl::StatusOr<std::vector<NerExample>> ex = ReadBio(path, kLabels, {"PERSON"});
  ASSERT_TRUE(ex.ok()) << ex.status();
  ASSERT_EQ(ex->size(), 1u);
  const uint32_t o_or_unannotated = 1u | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6;
  EXPECT_EQ((*ex)[0].allowed, (std::vector<uint32_t>{1u << BPer, o_or_unannotated,
                                                     o_or_unannotated}));
}

TEST(ReadBioTest, MalformedLineIsInvalidArgumentWithFileAndLine) {
  const std::string no_tab = TempPath("no_tab.bio");
  WriteFile(no_tab, "Maduro\tB-PERSON\n\nspoke O\n");
  absl::StatusOr<std::vector<NerExample>> ex = ReadBio(no_tab, kLabels, {});
  EXPECT_EQ(ex.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasText(ex.status(), no_tab + ":3")) << ex.status();

  const std::string bad_tag = TempPath("bad_tag.bio");
  WriteFile(bad_tag, "Maduro\tPERSON\n");
  ex = ReadBio(bad_tag, kLabels, {});
  EXPECT_EQ(ex.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasText(ex.status(), bad_tag + ":1")) << ex.status();
}

TEST(ReadBioTest, MissingFileIsNotFound) {
  EXPECT_EQ(ReadBio(TempPath("missing.bio"), kLabels, {}).status().code(),
            absl::StatusCode::kNotFound);
}

// ---------------------------------------------------------------- training

const char* const kFirst[] = {"Maria", "John", "Ahmed", "Elena", "Carlos",
                              "Yuki", "Fatima", "Peter", "Olga", "Luis"};
const char* const kLast[] = {"Garcia", "Smith", "Khan", "Petrova", "Lopez",
                             "Tanaka", "Diallo", "Novak", "Ivanova", "Silva"};
const char* const kCity[] = {"Caracas", "Paris", "Lagos", "Lima", "Kyiv",
                             "Hanoi", "Quito", "Oslo", "Cairo", "Dhaka"};
const char* const kDay[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                            "Friday", "Saturday", "Sunday"};

// One sentence as "word<TAB>tag" lines, in one of two word orders.
// `person`/`place` false leaves those names as O, as a corpus that does not
// annotate them would.
std::string Sentence(int f, int l, int c, int d, bool second_order, bool person = true,
                     bool place = true) {
  const std::string pb = person ? "B-PERSON" : "O", pi = person ? "I-PERSON" : "O";
  const std::string g = place ? "B-GPE" : "O", dt = place ? "B-DATE" : "O";
  if (!second_order) {
    return absl::StrCat(kFirst[f], "\t", pb, "\n", kLast[l], "\t", pi, "\nvisited\tO\n",
                        kCity[c], "\t", g, "\non\tO\n", kDay[d], "\t", dt, "\n.\tO\n\n");
  }
  return absl::StrCat("On\tO\n", kDay[d], "\t", dt, "\n,\tO\n", kFirst[f], "\t", pb, "\n",
                      kLast[l], "\t", pi, "\narrived\tO\nin\tO\n", kCity[c], "\t", g,
                      "\n.\tO\n\n");
}

// First/last name pairs kept out of training.
bool HeldOut(int f, int l) { return (f + l) % 10 == 3; }

std::string Corpus(int sentences, bool person = true, bool place = true, int salt = 0) {
  std::string out;
  for (int s = 0, made = 0; made < sentences; ++s) {
    const int f = s % 10, l = (s / 10 + s) % 10;
    if (HeldOut(f, l)) continue;
    out += Sentence(f, l, (3 * s + salt) % 10, (s + salt) % 7, (s + salt) % 3 == 0, person, place);
    ++made;
  }
  return out;
}

std::vector<NerExample> ReadOrDie(const std::string& path,
                                  const std::vector<std::string>& annotated = {}) {
  absl::StatusOr<std::vector<NerExample>> ex = ReadBio(path, kLabels, annotated);
  EXPECT_TRUE(ex.ok()) << ex.status();
  return ex.ok() ? *std::move(ex) : std::vector<NerExample>();
}

NerModel TrainOrDie(const std::vector<NerExample>& examples, uint64_t seed = 42) {
  const FeatureExtractor fx(nullptr);
  NerTrainOptions options;
  options.seed = seed;
  absl::StatusOr<NerModel> m = TrainNer(examples, fx, kLabels, options);
  EXPECT_TRUE(m.ok()) << m.status();
  return m.ok() ? *std::move(m) : NerModel();
}

const NerModel& SyntheticModel() {
  static const NerModel* model = [] {
    const std::string path = TempPath("train.bio");
    WriteFile(path, Corpus(200));
    return new NerModel(TrainOrDie(ReadOrDie(path)));
  }();
  return *model;
}

std::vector<uint8_t> TagWords(const NerModel& m, const std::vector<std::string_view>& words) {
  const FeatureExtractor fx(nullptr);
  std::vector<uint64_t> feats;
  std::vector<uint32_t> offsets;
  fx.Extract(words, &feats, &offsets);
  std::vector<uint8_t> tags;
  std::vector<float> scratch;
  m.Tag(feats, offsets, &tags, &scratch);
  return tags;
}

std::string Show(const std::vector<uint8_t>& tags) {
  return absl::StrJoin(tags, " ", [](std::string* out, uint8_t t) {
    absl::StrAppend(out, static_cast<int>(t));
  });
}

std::string Join(const std::vector<std::string_view>& words) {
  std::string out;
  for (std::string_view w : words) out.append(w).append(" ");
  return out;
}

struct HeldOutSentence {
  std::vector<std::string_view> words;
  std::vector<uint8_t> tags;
};

// Name pairs never seen together in training, in both word orders.
std::vector<HeldOutSentence> HeldOutSentences() {
  return {
      {{"Maria", "Petrova", "visited", "Hanoi", "on", "Friday", "."},
       {BPer, IPer, O, BGpe, O, BDate, O}},
      {{"Yuki", "Ivanova", "visited", "Oslo", "on", "Tuesday", "."},
       {BPer, IPer, O, BGpe, O, BDate, O}},
      {{"On", "Sunday", ",", "Olga", "Tanaka", "arrived", "in", "Lagos", "."},
       {O, BDate, O, BPer, IPer, O, O, BGpe, O}},
      {{"On", "Monday", ",", "Carlos", "Silva", "arrived", "in", "Dhaka", "."},
       {O, BDate, O, BPer, IPer, O, O, BGpe, O}},
  };
}

TEST(TrainNerTest, TagsUnseenNameCombinations) {
  const NerModel& m = SyntheticModel();
  EXPECT_EQ(m.labels(), kLabels);
  EXPECT_EQ(m.num_tags(), 7);
  EXPECT_GT(m.num_features(), 0u);
  ASSERT_TRUE(HeldOut(0, 3) && HeldOut(5, 8) && HeldOut(8, 5) && HeldOut(4, 9));
  for (const HeldOutSentence& s : HeldOutSentences()) {
    EXPECT_EQ(Show(TagWords(m, s.words)), Show(s.tags)) << Join(s.words);
  }
}

// Spans (begin, end, tag of the first token) of BIO tags.
std::vector<std::array<int, 3>> SpansOf(const std::vector<uint8_t>& tags) {
  std::vector<std::array<int, 3>> out;
  for (int t = 0; t < static_cast<int>(tags.size()); ++t) {
    if (tags[t] % 2 == 1) out.push_back({t, t + 1, tags[t]});
    if (tags[t] != 0 && tags[t] % 2 == 0 && !out.empty()) out.back()[1] = t + 1;
  }
  return out;
}

// The entity stage sums the role weights of vocabulary words once at load:
// their cluster features must be in those sums, so that it tags as the
// feature extractor does.
TEST(TrainNerTest, RecognizerTagsAsTheExtractorWithClusterFeatures) {
  WordClusters clusters;
  for (const char* w : kCity) clusters.Add(w, {1, 10, 100});
  for (const char* w : kDay) clusters.Add(w, {2, 20, 200});
  for (const char* w : kFirst) clusters.Add(w, {3, 30, 300});
  clusters.Add("visited", {4, 40, 400});
  const FeatureExtractor fx(nullptr, &clusters);
  const std::string path = TempPath("train_clusters.bio");
  WriteFile(path, Corpus(200));
  NerTrainOptions options;
  options.seed = 42;
  absl::StatusOr<NerModel> m = TrainNer(ReadOrDie(path), fx, kLabels, options);
  ASSERT_TRUE(m.ok()) << m.status();
  const EntityRecognizer rec(&*m, nullptr, {}, {}, {"Maria", "visited", "Hanoi", "on", "."},
                             &clusters);
  const Tokenizer tokenizer{TokenizerOptions{}};
  for (const HeldOutSentence& s : HeldOutSentences()) {
    Document doc;
    doc.text = Join(s.words);
    doc.entity_labels = kLabels;
    tokenizer.Tokenize(doc.text, ByteSpan{0, static_cast<uint32_t>(doc.text.size())}, &doc.tokens);
    ASSERT_EQ(doc.tokens.size(), s.words.size()) << doc.text;
    Segment sentence;
    sentence.span = ByteSpan{0, static_cast<uint32_t>(doc.text.size())};
    sentence.token_end = static_cast<uint32_t>(doc.tokens.size());
    doc.sentences.push_back(sentence);
    doc.paragraphs.push_back(sentence);
    rec.Recognize(&doc);
    std::vector<std::array<int, 3>> got;
    for (const Entity& e : doc.entities) {
      got.push_back({static_cast<int>(e.token_begin), static_cast<int>(e.token_end), 2 * e.label + 1});
    }
    std::vector<uint64_t> feats;
    std::vector<uint32_t> offsets;
    fx.Extract(s.words, &feats, &offsets);
    std::vector<uint8_t> tags;
    std::vector<float> scratch;
    m->Tag(feats, offsets, &tags, &scratch);
    EXPECT_EQ(Show(tags), Show(s.tags)) << doc.text;
    EXPECT_EQ(got, SpansOf(tags)) << doc.text;
  }
}

// The promise of ner_train.h: a label a corpus leaves unannotated is
// unknown, not negative evidence, so two partial corpora train a full model.
TEST(TrainNerTest, LearnsFromCorporaAnnotatingDifferentLabels) {
  const std::string persons = TempPath("persons_only.bio"), places = TempPath("places_only.bio");
  WriteFile(persons, Corpus(150, /*person=*/true, /*place=*/false, 0));
  WriteFile(places, Corpus(150, /*person=*/false, /*place=*/true, 1));
  std::vector<NerExample> examples = ReadOrDie(persons, {"PERSON"});
  for (NerExample& e : ReadOrDie(places, {"GPE", "DATE"})) examples.push_back(std::move(e));
  const NerModel m = TrainOrDie(examples);
  for (const HeldOutSentence& s : HeldOutSentences()) {
    EXPECT_EQ(Show(TagWords(m, s.words)), Show(s.tags)) << Join(s.words);
  }
}

TEST(TrainNerTest, SameSeedGivesByteIdenticalModelFiles) {
  const std::string corpus = TempPath("det.bio");
  WriteFile(corpus, Corpus(120));
  const std::vector<NerExample> examples = ReadOrDie(corpus);
  const std::string a = TempPath("det_a.model"), b = TempPath("det_b.model");
  ASSERT_TRUE(TrainOrDie(examples, 9).Save(a).ok());
  ASSERT_TRUE(TrainOrDie(examples, 9).Save(b).ok());
  const std::string bytes = ReadBytes(a);
  EXPECT_GT(bytes.size(), 100u);
  EXPECT_TRUE(bytes == ReadBytes(b));
}

TEST(TrainNerTest, RejectsEmptyCorpusAndMismatchedExamples) {
  const FeatureExtractor fx(nullptr);
  EXPECT_EQ(TrainNer({}, fx, kLabels, {}).status().code(), absl::StatusCode::kInvalidArgument);
  NerExample bad;
  bad.words = {"Maduro", "spoke"};
  bad.allowed = {1u};
  EXPECT_EQ(TrainNer({bad}, fx, kLabels, {}).status().code(), absl::StatusCode::kInvalidArgument);
}

// -------------------------------------------------------------- model file

TEST(NerModelFileTest, SaveThenLoadTagsTheSame) {
  const NerModel& m = SyntheticModel();
  const std::string path = TempPath("roundtrip.model");
  ASSERT_TRUE(m.Save(path).ok());
  absl::StatusOr<NerModel> loaded = NerModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->labels(), m.labels());
  EXPECT_EQ(loaded->num_features(), m.num_features());
  EXPECT_EQ(std::vector<float>(loaded->transitions().begin(), loaded->transitions().end()),
            std::vector<float>(m.transitions().begin(), m.transitions().end()));
  for (const HeldOutSentence& s : HeldOutSentences()) {
    EXPECT_EQ(Show(TagWords(*loaded, s.words)), Show(TagWords(m, s.words)));
  }
  // Saving what was loaded reproduces the file: quantisation is stable.
  const std::string again = TempPath("roundtrip2.model");
  ASSERT_TRUE(loaded->Save(again).ok());
  EXPECT_TRUE(ReadBytes(path) == ReadBytes(again));
}

class NerModelLoadErrorTest : public testing::Test {
 protected:
  void SetUp() override {
    const std::string path = TempPath("good.model");
    ASSERT_TRUE(SyntheticModel().Save(path).ok());
    good_ = ReadBytes(path);
    ASSERT_GT(good_.size(), 16u);
  }
  std::string good_;
};

TEST_F(NerModelLoadErrorTest, BadMagicIsInvalidArgumentAskingToRetrain) {
  std::string bytes = good_;
  bytes[0] = 'X';
  const std::string path = TempPath("bad_magic.model");
  WriteFile(path, bytes);
  const absl::Status s = NerModel::Load(path).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasText(s, "`make model`")) << s;
  EXPECT_TRUE(HasText(s, path)) << s;
}

TEST_F(NerModelLoadErrorTest, OtherVersionIsInvalidArgumentAskingToRetrain) {
  std::string bytes = good_;
  const uint32_t version = NerModel::kFormatVersion + 1;
  std::memcpy(&bytes[8], &version, 4);
  const std::string path = TempPath("bad_version.model");
  WriteFile(path, bytes);
  const absl::Status s = NerModel::Load(path).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasText(s, "`make model`")) << s;
  EXPECT_TRUE(HasText(s, absl::StrCat("version ", version))) << s;
}

TEST_F(NerModelLoadErrorTest, TruncatedFileIsInvalidArgument) {
  // Cut in the header, in the weights, and in the final transitions.
  for (size_t size : {size_t{10}, good_.size() / 2, good_.size() - 1}) {
    const std::string path = TempPath("truncated.model");
    WriteFile(path, good_.substr(0, size));
    EXPECT_EQ(NerModel::Load(path).status().code(), absl::StatusCode::kInvalidArgument) << size;
  }
  const std::string empty = TempPath("empty.model");
  WriteFile(empty, "");
  EXPECT_EQ(NerModel::Load(empty).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(NerModelFileTest, MissingFileIsNotFound) {
  EXPECT_EQ(NerModel::Load(TempPath("no_such.model")).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace presslens
