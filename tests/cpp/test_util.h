// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Helpers shared by the GoogleTest files: the shipped model, loaded once per
// process, and a per-process scratch directory.

#ifndef PRESSLENS_TESTS_TEST_UTIL_H_
#define PRESSLENS_TESTS_TEST_UTIL_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "presslens/pipeline.h"

namespace presslens::test {

// The pipeline of python/presslens/models/en_news. Aborts with the reason if
// it does not load: every test that uses it would fail for the same cause.
inline const Pipeline& ShippedPipeline() {
  static const Pipeline* const pipeline = [] {
    absl::StatusOr<std::unique_ptr<Pipeline>> p = Pipeline::Load(PRESSLENS_MODEL_DIR);
    if (!p.ok()) {
      std::fprintf(stderr, "cannot load %s: %s\n", PRESSLENS_MODEL_DIR,
                   p.status().ToString().c_str());
      std::abort();
    }
    return p->release();
  }();
  return *pipeline;
}

// A directory for this test process, removed at exit; the pid keeps
// concurrent test processes (ctest -j) apart.
inline const std::filesystem::path& ScratchDir() {
  static const struct Dir {
    std::filesystem::path path = std::filesystem::path(testing::TempDir()) /
                                 ("presslens_test_" + std::to_string(getpid()));
    Dir() { std::filesystem::create_directories(path); }
    ~Dir() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  } dir;
  return dir.path;
}

}  // namespace presslens::test

#endif  // PRESSLENS_TESTS_TEST_UTIL_H_
