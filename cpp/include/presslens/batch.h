// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// batch: analyses many documents on several threads, results in input order.
//
// A loaded Pipeline is immutable, so threads share it; each thread takes the
// next unclaimed document, which keeps the threads busy when documents differ
// in length.

#ifndef PRESSLENS_BATCH_H_
#define PRESSLENS_BATCH_H_

#include <functional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "presslens/document.h"
#include "presslens/pipeline.h"

namespace presslens {

// Runs fn(i) for every i in [0, jobs) on up to `n_threads` threads (0 = all
// cores), the calling thread among them; each thread claims the next index.
void ParallelFor(size_t jobs, int n_threads, const std::function<void(size_t)>& fn);

// Number of threads to use for `requested` (0 = all cores) and `jobs` documents.
int EffectiveThreads(int requested, size_t jobs);

// Analyses `texts` with up to `n_threads` threads (0 = all cores). Element i
// of the result is the document of texts[i], or its error (invalid UTF-8).
std::vector<absl::StatusOr<Document>> AnalyzeBatch(const Pipeline& pipeline,
                                                   absl::Span<const std::string_view> texts,
                                                   int n_threads,
                                                   const EntityPatterns* patterns = nullptr);

// The same for texts known to be valid UTF-8 (the caller checked, e.g. Python
// str), filling `docs` (resized to texts.size()) in place.
void RunBatch(const Pipeline& pipeline, absl::Span<const std::string_view> texts, int n_threads,
              const EntityPatterns* patterns, std::vector<Document>* docs);

}  // namespace presslens

#endif  // PRESSLENS_BATCH_H_
