// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/ner_train.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "presslens/resources.h"

namespace presslens {
namespace {

int LabelIndex(const std::vector<std::string>& labels, std::string_view label) {
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == label) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

absl::StatusOr<std::vector<NerExample>> ReadBio(const std::string& path,
                                                const std::vector<std::string>& labels,
                                                const std::vector<std::string>& annotated) {
  if (labels.empty() || 1 + 2 * labels.size() > kMaxNerTags) {
    return absl::InvalidArgumentError(absl::StrCat("between 1 and ", (kMaxNerTags - 1) / 2,
                                                   " labels are supported"));
  }
  auto content = ReadFile(path);
  if (!content.ok()) return content.status();
  const int k = 1 + 2 * static_cast<int>(labels.size());
  const uint32_t all = k == 32 ? 0xFFFFFFFFu : (1u << k) - 1;
  uint32_t unknown = 1u;  // O plus every label the corpus does not annotate
  for (size_t i = 0; i < labels.size(); ++i) {
    const bool marked = annotated.empty() ||
                        std::find(annotated.begin(), annotated.end(), labels[i]) != annotated.end();
    if (!marked) unknown |= (1u << (2 * i + 1)) | (1u << (2 * i + 2));
  }
  std::vector<NerExample> out;
  NerExample cur;
  int line_no = 0;
  auto flush = [&] {
    if (!cur.words.empty()) out.push_back(std::move(cur));
    cur = NerExample();
  };
  for (absl::string_view line : absl::StrSplit(*content, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line == "-DOCSTART-" || absl::StartsWith(line, "-DOCSTART-\t")) {
      flush();
      continue;
    }
    const size_t tab = line.rfind('\t');
    if (tab == absl::string_view::npos || tab == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_no, ": expected token<TAB>tag"));
    }
    const absl::string_view word = line.substr(0, tab);
    const absl::string_view tag = line.substr(tab + 1);
    uint32_t allowed;
    if (tag == "O") {
      allowed = unknown;
    } else if (tag.size() > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-') {
      const int li = LabelIndex(labels, std::string_view(tag.data() + 2, tag.size() - 2));
      if (li < 0) {
        allowed = all;  // MISC and other labels the model does not have
      } else {
        allowed = 1u << (tag[0] == 'B' ? 2 * li + 1 : 2 * li + 2);
      }
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_no, ": tag '", tag, "' is not O, B-X or I-X"));
    }
    cur.words.emplace_back(word);
    cur.allowed.push_back(allowed);
  }
  flush();
  return out;
}

absl::StatusOr<NerModel> TrainNer(const std::vector<NerExample>& examples,
                                  const FeatureExtractor& extractor,
                                  const std::vector<std::string>& labels,
                                  const NerTrainOptions& options) {
  const int k = 1 + 2 * static_cast<int>(labels.size());
  if (labels.empty() || k > kMaxNerTags) {
    return absl::InvalidArgumentError("unsupported number of labels");
  }
  if (examples.empty()) return absl::InvalidArgumentError("no training sentences");

  // Pass 1: extract features once, count them, and keep the frequent ones.
  std::vector<std::vector<uint64_t>> hashes(examples.size());
  std::vector<std::vector<uint32_t>> offsets(examples.size());
  absl::flat_hash_map<uint64_t, uint32_t> counts;
  for (size_t e = 0; e < examples.size(); ++e) {
    const auto& ex = examples[e];
    if (ex.words.size() != ex.allowed.size()) {
      return absl::InvalidArgumentError(absl::StrCat("example ", e, ": words and tags differ in length"));
    }
    std::vector<std::string_view> words(ex.words.begin(), ex.words.end());
    extractor.Extract(words, &hashes[e], &offsets[e]);
    for (uint64_t h : hashes[e]) ++counts[h];
  }
  absl::flat_hash_map<uint64_t, uint32_t> index;
  std::vector<uint64_t> row_hash;
  for (const auto& [h, c] : counts) {
    if (c >= static_cast<uint32_t>(options.min_feature_count)) {
      index.emplace(h, static_cast<uint32_t>(row_hash.size()));
      row_hash.push_back(h);
    }
  }
  counts.clear();
  // Features as row ids, with unknown ones removed.
  std::vector<std::vector<uint32_t>> rows(examples.size());
  for (size_t e = 0; e < examples.size(); ++e) {
    std::vector<uint32_t> off(1, 0);
    auto& r = rows[e];
    for (size_t t = 0; t + 1 < offsets[e].size(); ++t) {
      for (uint32_t f = offsets[e][t]; f < offsets[e][t + 1]; ++f) {
        auto it = index.find(hashes[e][f]);
        if (it != index.end()) r.push_back(it->second);
      }
      off.push_back(static_cast<uint32_t>(r.size()));
    }
    offsets[e] = std::move(off);
    std::vector<uint64_t>().swap(hashes[e]);
  }

  const size_t nrows = row_hash.size();
  std::vector<float> w(nrows * k, 0.0f), tw((k + 1) * k, 0.0f);
  std::vector<double> u(nrows * k, 0.0), tu((k + 1) * k, 0.0);
  double c = 1;
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options.seed);
  std::vector<float> emissions;
  std::vector<uint8_t> pred, gold;

  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    size_t right = 0;
    for (size_t e : order) {
      const auto& ex = examples[e];
      const auto& off = offsets[e];
      const auto& r = rows[e];
      const int n = static_cast<int>(ex.words.size());
      emissions.assign(static_cast<size_t>(n) * k, 0.0f);
      for (int t = 0; t < n; ++t) {
        float* row = &emissions[static_cast<size_t>(t) * k];
        for (uint32_t f = off[t]; f < off[t + 1]; ++f) {
          const float* wr = &w[static_cast<size_t>(r[f]) * k];
          for (int y = 0; y < k; ++y) row[y] += wr[y];
        }
      }
      Viterbi(emissions, n, k, tw, {}, &pred);
      bool inside = true;
      for (int t = 0; t < n && inside; ++t) inside = (ex.allowed[t] >> pred[t]) & 1u;
      if (inside) {
        ++right;
        c += 1;
        continue;
      }
      Viterbi(emissions, n, k, tw, ex.allowed, &gold);
      auto bump = [&](float* wv, double* uv, size_t i, float d) {
        wv[i] += d;
        uv[i] += c * d;
      };
      for (int t = 0; t < n; ++t) {
        if (gold[t] != pred[t]) {
          for (uint32_t f = off[t]; f < off[t + 1]; ++f) {
            const size_t base = static_cast<size_t>(r[f]) * k;
            bump(w.data(), u.data(), base + gold[t], 1.0f);
            bump(w.data(), u.data(), base + pred[t], -1.0f);
          }
        }
        const int gp = t == 0 ? k : gold[t - 1];
        const int pp = t == 0 ? k : pred[t - 1];
        if (gp != pp || gold[t] != pred[t]) {
          bump(tw.data(), tu.data(), static_cast<size_t>(gp) * k + gold[t], 1.0f);
          bump(tw.data(), tu.data(), static_cast<size_t>(pp) * k + pred[t], -1.0f);
        }
      }
      c += 1;
    }
    if (options.progress) options.progress(epoch, static_cast<double>(right) / examples.size());
  }

  // Averaged weights, without the rows that stayed near zero.
  absl::flat_hash_map<uint64_t, uint32_t> final_index;
  std::vector<float> final_w;
  for (size_t row = 0; row < nrows; ++row) {
    float max_abs = 0;
    for (int y = 0; y < k; ++y) {
      const size_t i = row * k + y;
      max_abs = std::max(max_abs, std::fabs(static_cast<float>(w[i] - u[i] / c)));
    }
    if (max_abs < options.prune) continue;
    final_index.emplace(row_hash[row], static_cast<uint32_t>(final_w.size() / k));
    for (int y = 0; y < k; ++y) {
      const size_t i = row * k + y;
      final_w.push_back(static_cast<float>(w[i] - u[i] / c));
    }
  }
  std::vector<float> final_t(tw.size());
  for (size_t i = 0; i < tw.size(); ++i) final_t[i] = static_cast<float>(tw[i] - tu[i] / c);
  return NerModel(labels, std::move(final_index), std::move(final_w), std::move(final_t));
}

}  // namespace presslens
