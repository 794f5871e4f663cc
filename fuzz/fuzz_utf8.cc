// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Fuzz target: UTF-8 validation, the byte -> code point offset map and the
// paragraph splitter (text.h), checked against plain reference versions.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "fuzz_util.h"
#include "presslens/text.h"

namespace {

// Offset of the first ill-formed byte (Unicode Table 3-7), or -1.
int64_t ReferenceInvalidOffset(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const uint8_t c = s[i];
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return static_cast<int64_t>(i);
    }
    if (i + len > n) return static_cast<int64_t>(i);
    if (s[i + 1] < lo || s[i + 1] > hi) return static_cast<int64_t>(i);
    for (size_t k = 2; k < len; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return static_cast<int64_t>(i);
    }
    i += len;
  }
  return -1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using presslens::ByteSpan;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // Validation agrees with the reference and names the right offset.
  const absl::Status status = presslens::ValidateUtf8(text);
  const int64_t bad = ReferenceInvalidOffset(text);
  FUZZ_CHECK(status.ok() == (bad < 0), absl::StrCat("ValidateUtf8: ", status.ToString(),
                                                    "; reference offset ", bad));
  if (!status.ok()) {
    const std::string want = absl::StrCat("byte offset ", bad, " ");
    FUZZ_CHECK(status.message().find(want) != absl::string_view::npos,
               absl::StrCat(status.message(), " does not name ", want));
    FUZZ_CHECK(status.code() == absl::StatusCode::kInvalidArgument, status.ToString());
  }

  // Paragraphs of any bytes (the splitter decodes leniently): ordered,
  // non-empty, inside the text.
  const std::vector<ByteSpan> paras = presslens::SplitParagraphs(text);
  uint32_t prev_end = 0;
  for (const ByteSpan& p : paras) {
    FUZZ_CHECK(p.begin < p.end && p.end <= size && p.begin >= prev_end,
               absl::StrCat("paragraph ", p.begin, "..", p.end, " after ", prev_end));
    prev_end = p.end;
  }
  if (!status.ok()) return 0;

  // Offset map: every byte offset against a plain count.
  const presslens::OffsetMap map(text);
  std::vector<uint64_t> want(size + 1);
  uint64_t count = 0;
  for (size_t i = 0; i <= size; ++i) {
    const bool cont = i < size && (data[i] & 0xC0) == 0x80;
    // A byte inside a sequence belongs to the code point that holds it.
    want[i] = cont ? count - 1 : count;
    if (i < size && !cont) ++count;
  }
  FUZZ_CHECK(map.num_codepoints() == count, "num_codepoints");
  for (size_t i = 0; i <= size; ++i) {
    FUZZ_CHECK(map.ToCodepoint(static_cast<uint32_t>(i)) == want[i],
               absl::StrCat("ToCodepoint(", i, ") = ", map.ToCodepoint(i), ", want ", want[i]));
  }
  // Batch conversion, in the orders the bindings use (sorted starts, then
  // ends) and in an order the input picks.
  std::vector<uint32_t> offsets;
  for (size_t i = 0; i <= size; i += 1 + (i % 7)) offsets.push_back(static_cast<uint32_t>(i));
  for (size_t i = 0; i < size; ++i) offsets.push_back(static_cast<uint32_t>((data[i] * 131u + i) % (size + 1)));
  std::vector<int64_t> got(offsets.size());
  map.ToCodepoints(offsets, absl::MakeSpan(got));
  for (size_t i = 0; i < offsets.size(); ++i) {
    FUZZ_CHECK(got[i] == static_cast<int64_t>(want[offsets[i]]),
               absl::StrCat("ToCodepoints[", i, "] of byte ", offsets[i], " = ", got[i], ", want ",
                            want[offsets[i]]));
  }
  return 0;
}
