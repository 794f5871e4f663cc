// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Helpers for the libFuzzer targets in this directory.

#ifndef PRESSLENS_FUZZ_FUZZ_UTIL_H_
#define PRESSLENS_FUZZ_FUZZ_UTIL_H_

#include <sys/mman.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "presslens/pipeline.h"

namespace presslens::fuzz {

// Aborts (a crash libFuzzer saves) when a promise is broken.
#define FUZZ_CHECK(cond, ...)                                              \
  do {                                                                     \
    if (!(cond)) {                                                         \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s: ", #cond);              \
      std::fprintf(stderr, "%s\n", std::string(__VA_ARGS__).c_str());      \
      std::abort();                                                        \
    }                                                                      \
  } while (0)

// `data` with every ill-formed sequence replaced by U+FFFD, so that the
// fuzzer's byte mutations still reach the stages behind validation.
inline std::string RepairUtf8(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  const auto* s = reinterpret_cast<const uint8_t*>(data.data());
  const int32_t n = static_cast<int32_t>(data.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      out.append("\xEF\xBF\xBD");
    } else {
      out.append(data.substr(start, i - start));
    }
  }
  return out;
}

// An in-memory file holding `data`, readable by path (/proc/self/fd/N) for
// the loaders that take a path; no disk is touched.
class MemFile {
 public:
  explicit MemFile(std::string_view data) {
    fd_ = memfd_create("presslens-fuzz", 0);
    if (fd_ < 0) {
      std::perror("memfd_create");
      std::abort();
    }
    size_t done = 0;
    while (done < data.size()) {
      const ssize_t w = write(fd_, data.data() + done, data.size() - done);
      if (w <= 0) {
        std::perror("write");
        std::abort();
      }
      done += static_cast<size_t>(w);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemFile() { close(fd_); }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

// The shipped model (python/presslens/models/en_news), loaded once.
inline const Pipeline& ShippedPipeline() {
  static const Pipeline* const p = [] {
    auto loaded = Pipeline::Load(PRESSLENS_MODEL_DIR);
    if (!loaded.ok()) {
      std::fprintf(stderr, "cannot load %s: %s\n", PRESSLENS_MODEL_DIR,
                   std::string(loaded.status().message()).c_str());
      std::abort();
    }
    return loaded->release();
  }();
  return *p;
}

}  // namespace presslens::fuzz

#endif  // PRESSLENS_FUZZ_FUZZ_UTIL_H_
