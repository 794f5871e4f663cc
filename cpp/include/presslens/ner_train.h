// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// ner_train: trains an NerModel from BIO corpora that annotate different
// subsets of the labels.
//
// Each token carries the set of tags it may take. A corpus that does not
// annotate DATE leaves its dates as O, so its O tokens may also be DATE: the
// perceptron's "gold" path is the best-scoring path inside those sets, and
// an update happens only when the unconstrained best path leaves them
// (latent-variable structured perceptron). Unannotated labels are thus
// unknown, not negative evidence.

#ifndef PRESSLENS_NER_TRAIN_H_
#define PRESSLENS_NER_TRAIN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "presslens/ner.h"

namespace presslens {

struct NerExample {
  std::vector<std::string> words;
  std::vector<uint32_t> allowed;  // per token, bit set of tags it may take
};

// Reads a 2-column BIO (IOB2) file: "token<TAB>tag" lines, blank lines between
// sentences, "-DOCSTART-" lines ignored. `labels` are the model's labels;
// `annotated` the ones this corpus annotates (empty = all of `labels`). Tags
// of labels outside `labels` (MISC) allow any tag. InvalidArgument names the
// file and line of a malformed row.
absl::StatusOr<std::vector<NerExample>> ReadBio(const std::string& path,
                                                const std::vector<std::string>& labels,
                                                const std::vector<std::string>& annotated);

struct NerTrainOptions {
  int epochs = 10;
  uint64_t seed = 1;
  int min_feature_count = 2;  // features seen fewer times are dropped
  float prune = 1e-3f;        // rows whose averaged weights all stay below are dropped
  // Called after each epoch with the share of sentences decoded inside their
  // allowed tags.
  std::function<void(int epoch, double sentence_accuracy)> progress;
};

absl::StatusOr<NerModel> TrainNer(const std::vector<NerExample>& examples,
                                  const FeatureExtractor& extractor,
                                  const std::vector<std::string>& labels,
                                  const NerTrainOptions& options);

}  // namespace presslens

#endif  // PRESSLENS_NER_TRAIN_H_
