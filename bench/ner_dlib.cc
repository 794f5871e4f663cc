// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// ner_dlib: our averaged structured perceptron against dlib's structural-SVM
// sequence labeller (libdlib-dev; the learner MITIE uses) on the same
// sentences and the same features: the first N sentences of a BIO training
// file, scored on a dev file (span micro F1, exact match), with training
// and tagging times. A measurement for the model card; built only with
// -DPRESSLENS_BUILD_BENCH=ON when dlib is installed, and no part of the
// library.
//
//   ner_dlib TRAIN.bio DEV.bio [SENTENCES] [C] [HASH_BITS]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <dlib/svm_threaded.h>

#include "presslens/ner.h"
#include "presslens/ner_train.h"

namespace {

using presslens::BioTransitionAllowed;
using presslens::FeatureExtractor;
using presslens::NerExample;

const std::vector<std::string> kLabels = {"PERSON", "ORG",  "GPE",     "LOC",      "NORP", "EVENT",
                                          "DATE",   "MONEY", "PERCENT", "QUANTITY", "MISC"};

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Our feature hashes folded into `dims` ids, one list per token.
using Sequence = std::vector<std::vector<uint32_t>>;

// PSI(x, y): emission features of the token's label, then the transition
// from the previous label (or the start state) to it.
class DlibFeatures {
 public:
  using sequence_type = Sequence;
  DlibFeatures() = default;
  DlibFeatures(unsigned long dims, unsigned long tags) : dims_(dims), tags_(tags) {}
  unsigned long num_features() const { return tags_ * dims_ + (tags_ + 1) * tags_; }
  unsigned long order() const { return 1; }
  unsigned long num_labels() const { return tags_; }
  template <typename EXP>
  bool reject_labeling(const sequence_type&, const dlib::matrix_exp<EXP>& y, unsigned long pos) const {
    const int prev = pos > 0 ? static_cast<int>(y(1)) : static_cast<int>(tags_);
    return !BioTransitionAllowed(prev, static_cast<int>(y(0)));
  }
  template <typename Setter, typename EXP>
  void get_features(Setter& set, const sequence_type& x, const dlib::matrix_exp<EXP>& y,
                    unsigned long pos) const {
    const unsigned long cur = y(0);
    for (uint32_t f : x[pos]) set(cur * dims_ + f);
    const unsigned long prev = pos > 0 ? y(1) : tags_;
    set(tags_ * dims_ + prev * tags_ + cur);
  }
  friend void serialize(const DlibFeatures& f, std::ostream& out) {
    dlib::serialize(f.dims_, out);
    dlib::serialize(f.tags_, out);
  }
  friend void deserialize(DlibFeatures& f, std::istream& in) {
    dlib::deserialize(f.dims_, in);
    dlib::deserialize(f.tags_, in);
  }

 private:
  unsigned long dims_ = 0, tags_ = 0;
};

std::set<std::tuple<size_t, int, int, int>> Spans(size_t sentence, const std::vector<unsigned long>& tags) {
  std::set<std::tuple<size_t, int, int, int>> out;
  int start = -1, label = 0;
  for (int t = 0; t <= static_cast<int>(tags.size()); ++t) {
    const int tag = t < static_cast<int>(tags.size()) ? static_cast<int>(tags[t]) : 0;
    const bool inside = tag != 0 && tag % 2 == 0 && start >= 0 && (tag - 1) / 2 == label;
    if (start >= 0 && !inside) {
      out.insert({sentence, start, t, label});
      start = -1;
    }
    if (tag % 2 == 1) {
      start = t;
      label = (tag - 1) / 2;
    }
  }
  return out;
}

struct Score {
  size_t tp = 0, fp = 0, fn = 0;
  double F1() const { return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn); }
};

void Add(Score* s, size_t i, const std::vector<unsigned long>& gold, const std::vector<unsigned long>& pred) {
  const auto g = Spans(i, gold), p = Spans(i, pred);
  for (const auto& x : p) (g.count(x) ? s->tp : s->fp) += 1;
  for (const auto& x : g) s->fn += p.count(x) ? 0 : 1;
}

std::vector<unsigned long> GoldTags(const NerExample& ex) {
  std::vector<unsigned long> tags;
  for (uint32_t allowed : ex.allowed) tags.push_back(static_cast<unsigned long>(__builtin_ctz(allowed)));
  return tags;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s TRAIN.bio DEV.bio [SENTENCES] [C] [HASH_BITS]\n", argv[0]);
    return 2;
  }
  const size_t limit = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 1000;
  const double c = argc > 4 ? std::atof(argv[4]) : 1.0;
  const int bits = argc > 5 ? std::atoi(argv[5]) : 16;
  auto train = presslens::ReadBio(argv[1], kLabels, {});
  auto dev = presslens::ReadBio(argv[2], kLabels, {});
  if (!train.ok() || !dev.ok()) return 1;
  if (train->size() > limit) train->resize(limit);
  const int k = 1 + 2 * static_cast<int>(kLabels.size());
  const FeatureExtractor fx(nullptr);
  const unsigned long dims = 1ul << bits;
  auto features = [&](const NerExample& ex) {
    std::vector<std::string_view> words(ex.words.begin(), ex.words.end());
    std::vector<uint64_t> feats;
    std::vector<uint32_t> offsets;
    fx.Extract(words, &feats, &offsets);
    Sequence seq(ex.words.size());
    for (size_t t = 0; t < ex.words.size(); ++t) {
      for (uint32_t f = offsets[t]; f < offsets[t + 1]; ++f) {
        seq[t].push_back(static_cast<uint32_t>(feats[f] & (dims - 1)));
      }
    }
    return seq;
  };
  size_t tokens = 0, dev_tokens = 0;
  std::vector<Sequence> xs, dev_xs;
  std::vector<std::vector<unsigned long>> ys, dev_ys;
  for (const auto& ex : *train) {
    xs.push_back(features(ex));
    ys.push_back(GoldTags(ex));
    tokens += ex.words.size();
  }
  for (const auto& ex : *dev) {
    dev_xs.push_back(features(ex));
    dev_ys.push_back(GoldTags(ex));
    dev_tokens += ex.words.size();
  }

  // Ours: the shipped trainer's defaults but one feature occurrence suffices
  // (a small corpus), 8 epochs as `python -m presslens.train ner`.
  presslens::NerTrainOptions opt;
  opt.epochs = 8;
  opt.min_feature_count = 1;
  auto t0 = std::chrono::steady_clock::now();
  auto ours = presslens::TrainNer(*train, fx, kLabels, opt);
  const double ours_train = Seconds(t0);
  if (!ours.ok()) return 1;
  Score ours_score;
  t0 = std::chrono::steady_clock::now();
  for (size_t i = 0; i < dev->size(); ++i) {
    std::vector<std::string_view> words((*dev)[i].words.begin(), (*dev)[i].words.end());
    std::vector<uint64_t> feats;
    std::vector<uint32_t> offsets;
    fx.Extract(words, &feats, &offsets);
    std::vector<uint8_t> tags;
    std::vector<float> scratch;
    ours->Tag(feats, offsets, &tags, &scratch);
    Add(&ours_score, i, dev_ys[i], std::vector<unsigned long>(tags.begin(), tags.end()));
  }
  const double ours_tag = Seconds(t0);

  dlib::structural_sequence_labeling_trainer<DlibFeatures> trainer(DlibFeatures(dims, k));
  trainer.set_c(c);
  trainer.set_num_threads(1);
  t0 = std::chrono::steady_clock::now();
  dlib::sequence_labeler<DlibFeatures> labeler = trainer.train(xs, ys);
  const double dlib_train = Seconds(t0);
  Score dlib_score;
  t0 = std::chrono::steady_clock::now();
  for (size_t i = 0; i < dev_xs.size(); ++i) Add(&dlib_score, i, dev_ys[i], labeler(dev_xs[i]));
  const double dlib_tag = Seconds(t0);

  std::printf("train: %zu sentences, %zu tokens; dev: %zu sentences, %zu tokens; dlib C=%g, 2^%d hashed features\n",
              train->size(), tokens, dev->size(), dev_tokens, c, bits);
  std::printf("| learner | dev span F1 | train s | dev tagging tokens/s (features given) |\n|---|---:|---:|---:|\n");
  std::printf("| presslens averaged perceptron, 8 epochs | %.3f | %.1f | %.0f |\n", ours_score.F1(), ours_train,
              dev_tokens / ours_tag);
  std::printf("| dlib structural SVM (cutting plane) | %.3f | %.1f | %.0f |\n", dlib_score.F1(), dlib_train,
              dev_tokens / dlib_tag);
  return 0;
}
