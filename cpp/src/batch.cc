// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/batch.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace presslens {
void ParallelFor(size_t jobs, int n_threads, const std::function<void(size_t)>& fn) {
  const int threads = EffectiveThreads(n_threads, jobs);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next.fetch_add(1); i < jobs; i = next.fetch_add(1)) fn(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads > 1 ? threads - 1 : 0);
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

int EffectiveThreads(int requested, size_t jobs) {
  int n = requested;
  if (n <= 0) n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return static_cast<int>(std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(n), jobs)));
}

std::vector<absl::StatusOr<Document>> AnalyzeBatch(const Pipeline& pipeline,
                                                   absl::Span<const std::string_view> texts,
                                                   int n_threads,
                                                   const EntityPatterns* patterns) {
  std::vector<absl::StatusOr<Document>> out(texts.size());
  ParallelFor(texts.size(), n_threads, [&](size_t i) {
    if (absl::Status s = ValidateUtf8(texts[i]); !s.ok()) {
      out[i] = s;
      return;
    }
    Document doc;
    doc.text.assign(texts[i]);
    pipeline.Run(&doc, patterns);
    out[i] = std::move(doc);
  });
  return out;
}

void RunBatch(const Pipeline& pipeline, absl::Span<const std::string_view> texts, int n_threads,
              const EntityPatterns* patterns, std::vector<Document>* docs) {
  docs->resize(texts.size());
  ParallelFor(texts.size(), n_threads, [&](size_t i) {
    Document& doc = (*docs)[i];
    doc.text.assign(texts[i]);
    pipeline.Run(&doc, patterns);
  });
}

}  // namespace presslens
