// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Fuzz target: the model directory's table loaders and user entity patterns.
// The input is read as a gazetteer file, an alias table, a pattern list
// ("phrase<TAB>label[<TAB>ci]" lines), the quote stage's quote_cues.tsv and
// speaker_nouns.tsv, and a stance-cue lexicon with its lemma table; each
// either loads or is refused with InvalidArgument, and what loads is run
// over a short text.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "../tests/cpp/invariants.h"
#include "absl/strings/str_split.h"
#include "fuzz_util.h"
#include "presslens/clusters.h"
#include "presslens/cues.h"
#include "presslens/entities.h"
#include "presslens/gazetteer.h"
#include "presslens/quotes.h"
#include "presslens/resources.h"
#include "presslens/tokenize.h"

namespace {

bool Refused(const absl::Status& s) { return s.code() == absl::StatusCode::kInvalidArgument; }

// A model directory of our own (the quote and cue loaders read directories),
// removed at exit: DIR/quote_cues.tsv, DIR/speaker_nouns.tsv and
// DIR/lexicons/{lemmas,fuzz}.tsv, rewritten for every input.
const std::string& ModelDir() {
  static const std::string* const dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
                          "/presslens-fuzz-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("mkdtemp");
      std::abort();
    }
    std::filesystem::create_directory(pattern + "/lexicons");
    std::atexit([] { std::filesystem::remove_all(ModelDir()); });
    return new std::string(pattern + "/");
  }();
  return *dir;
}

void Write(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::perror(path.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  presslens::fuzz::ShippedPipeline();
  ModelDir();
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
      // Quotes and cues point into the clusters, so a new clustering means
      // running the stages after it again, as a caller would.
      clusterer->Cluster(&with);
      if (nlp.quote_finder() != nullptr) nlp.quote_finder()->Find(&with);
      if (nlp.cue_lexicon() != nullptr) nlp.cue_lexicon()->Find(&with);
      const std::string why2 = test::CheckDocument(with);
      FUZZ_CHECK(why2.empty(), why2);
    }
  }

  // The quote stage's tables and a stance-cue lexicon, all from the input.
  const std::string& dir = ModelDir();
  for (const char* name : {"quote_cues.tsv", "speaker_nouns.tsv", "lexicons/lemmas.tsv",
                           "lexicons/fuzz.tsv"}) {
    Write(dir + name, bytes);
  }
  auto finder = QuoteFinder::Load(dir, {});
  FUZZ_CHECK(finder.ok() || Refused(finder.status()), finder.status().ToString());
  auto lexicon = CueLexicon::Load(dir + "lexicons/");
  FUZZ_CHECK(lexicon.ok() || Refused(lexicon.status()), lexicon.status().ToString());
  if (finder.ok() || lexicon.ok()) {
    Document with;
    with.text = doc.text;
    nlp.Run(&with);
    if (finder.ok()) finder->Find(&with);
    if (lexicon.ok()) lexicon->Find(&with);
    const std::string why = test::CheckDocument(with);
    FUZZ_CHECK(why.empty(), why);
  }
  return 0;
}
