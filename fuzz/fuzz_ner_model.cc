// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Fuzz target: reading NER model files (NerModel::Load) and BIO training
// corpora (ReadBio) from arbitrary bytes. Model files are trusted input (see
// SECURITY.md), but a damaged one must be refused, not crash: what loads is
// used to tag a short document.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../tests/cpp/invariants.h"
#include "fuzz_util.h"
#include "presslens/entities.h"
#include "presslens/ner.h"
#include "presslens/ner_train.h"

namespace {

bool Refused(const absl::Status& s) { return s.code() == absl::StatusCode::kInvalidArgument; }

const presslens::Document& SampleSegments() {
  static const presslens::Document* const doc = [] {
    auto* d = new presslens::Document;
    d->text =
        "Mayor Elena Vasquez backed the $2.4bn deal with Meridian Shipping Inc. on Tuesday.\n"
        "“We listened,” she said in Harbour City. Prices rose 3 per cent (10%) since Jan. 2024.";
    presslens::fuzz::ShippedPipeline().Segment(d);
    return d;
  }();
  return *doc;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  SampleSegments();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace presslens;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const fuzz::MemFile file(bytes);

  absl::StatusOr<NerModel> model = NerModel::Load(file.path());
  FUZZ_CHECK(model.ok() || Refused(model.status()), model.status().ToString());
  if (model.ok()) {
    FUZZ_CHECK(model->num_tags() <= kMaxNerTags, "too many tags");
    const Pipeline& nlp = fuzz::ShippedPipeline();
    EntityRecognizer recognizer(&*model, nlp.gazetteer(), {"president", "mayor"}, {"the", "deal"},
                                {"said", "Tuesday"});
    Document doc = SampleSegments();
    recognizer.Recognize(&doc);
    const std::string why = test::CheckDocument(doc);
    FUZZ_CHECK(why.empty(), why);
  }

  const std::vector<std::string> labels = {"PERSON", "ORG", "GPE"};
  auto bio = ReadBio(file.path(), labels, {"PERSON"});
  FUZZ_CHECK(bio.ok() || Refused(bio.status()), bio.status().ToString());
  if (bio.ok()) {
    for (const NerExample& ex : *bio) {
      FUZZ_CHECK(!ex.words.empty() && ex.words.size() == ex.allowed.size(), "bad example");
      for (uint32_t a : ex.allowed) FUZZ_CHECK(a != 0 && a < (1u << 7), "bad tag set");
    }
    // A short corpus trains (one epoch) into a model that saves and loads.
    size_t words = 0;
    for (const NerExample& ex : *bio) words += ex.words.size();
    if (!bio->empty() && words <= 256) {
      NerTrainOptions opt;
      opt.epochs = 1;
      opt.min_feature_count = 1;
      const Pipeline& shipped = fuzz::ShippedPipeline();
      FeatureExtractor fx(shipped.gazetteer(), shipped.word_clusters());
      auto trained = TrainNer(*bio, fx, labels, opt);
      FUZZ_CHECK(trained.ok(), trained.status().ToString());
      const fuzz::MemFile out("");
      const absl::Status saved = trained->Save(out.path());
      FUZZ_CHECK(saved.ok(), saved.ToString());
      auto loaded = NerModel::Load(out.path());
      FUZZ_CHECK(loaded.ok(), loaded.status().ToString());
      FUZZ_CHECK(loaded->num_features() == trained->num_features(), "features lost in a round trip");
    }
  }
  return 0;
}
