// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Fuzz target: the model directory's table loaders and user entity patterns.
// The input is read as a gazetteer file, an alias table and a pattern list
// ("phrase<TAB>label[<TAB>ci]" lines); each either loads or is refused with
// InvalidArgument, and what loads is matched against a short text.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../tests/cpp/invariants.h"
#include "absl/strings/str_split.h"
#include "fuzz_util.h"
#include "presslens/clusters.h"
#include "presslens/entities.h"
#include "presslens/gazetteer.h"
#include "presslens/resources.h"
#include "presslens/tokenize.h"

namespace {

bool Refused(const absl::Status& s) { return s.code() == absl::StatusCode::kInvalidArgument; }

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  presslens::fuzz::ShippedPipeline();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace presslens;
  const Pipeline& nlp = fuzz::ShippedPipeline();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const fuzz::MemFile file(bytes);

  auto table = ReadTable(file.path(), 2);
  FUZZ_CHECK(table.ok() || Refused(table.status()), table.status().ToString());
  if (table.ok()) {
    for (const auto& row : *table) FUZZ_CHECK(row.size() >= 2, "short row");
  }

  // Sample text: the input itself (repaired), so that phrases can match.
  Document doc;
  doc.text = fuzz::RepairUtf8(bytes);
  nlp.Segment(&doc);
  std::vector<uint64_t> keys;
  for (const Token& t : doc.tokens) keys.push_back(Gazetteer::Key(t.In(doc.text)));

  auto gaz = LoadGazetteer(file.path(), nlp.tokenizer());
  FUZZ_CHECK(gaz.ok() || Refused(gaz.status()), gaz.status().ToString());
  if (gaz.ok()) {
    std::vector<Gazetteer::Match> matches;
    gaz->FindAll(keys, &matches);
    for (const auto& m : matches) {
      FUZZ_CHECK(m.begin < m.end && m.end <= keys.size() &&
                     static_cast<int>(m.end - m.begin) <= gaz->max_len() && m.categories != 0,
                 "bad gazetteer match");
    }
  }

  auto clusterer = EntityClusterer::Load(file.path());
  FUZZ_CHECK(clusterer.ok() || Refused(clusterer.status()), clusterer.status().ToString());

  // Patterns from the same lines (any bytes: the bindings pass str, but the
  // C++ API takes std::string and must refuse what is not UTF-8).
  std::vector<EntityPattern> patterns;
  for (absl::string_view line : absl::StrSplit(absl::string_view(bytes.data(), bytes.size()), '\n')) {
    std::vector<std::string> cols = absl::StrSplit(line, '\t');
    if (cols.size() < 2) continue;
    patterns.push_back({cols[0], cols[1], cols.size() > 2 && !cols[2].empty(),
                        cols.size() > 3 ? cols[3] : std::string()});
    if (patterns.size() >= 64) break;
  }
  auto built = EntityPatterns::Build(patterns, nlp.tokenizer());
  FUZZ_CHECK(built.ok() || Refused(built.status()), built.status().ToString());
  if (built.ok()) {
    Document with;
    with.text = doc.text;
    nlp.Run(&with, &*built);
    const std::string why = test::CheckDocument(with);
    FUZZ_CHECK(why.empty(), why);
    if (clusterer.ok()) {
      clusterer->Cluster(&with);
      const std::string why2 = test::CheckDocument(with);
      FUZZ_CHECK(why2.empty(), why2);
    }
  }
  return 0;
}
