// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// hash: a stable 64-bit string hash for model features.
//
// absl::Hash is salted per process, so it cannot name features in a model
// file; FNV-1a gives the same value in every process and on every platform.
// HashCombine ends in an avalanche, so combined keys spread over all bits.

#ifndef PRESSLENS_HASH_H_
#define PRESSLENS_HASH_H_

#include <cstdint>
#include <string_view>

namespace presslens {

constexpr uint64_t kHashSeed = 1469598103934665603ULL;

constexpr uint64_t HashBytes(std::string_view s, uint64_t h = kHashSeed) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// Mixes two hashes (a template id and a value, or two values).
constexpr uint64_t HashCombine(uint64_t a, uint64_t b) {
  uint64_t h = a ^ (b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2));
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace presslens

#endif  // PRESSLENS_HASH_H_
