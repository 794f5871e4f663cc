// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// pipeline: loads a model directory and runs the stages over a text.
//
//   absl::StatusOr<std::unique_ptr<Pipeline>> nlp = Pipeline::Load(dir);
//   absl::StatusOr<Document> doc = (*nlp)->Analyze(text);
//
// A loaded pipeline is immutable; Analyze() may be called from many threads.

#ifndef PRESSLENS_PIPELINE_H_
#define PRESSLENS_PIPELINE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "presslens/clusters.h"
#include "presslens/cues.h"
#include "presslens/document.h"
#include "presslens/entities.h"
#include "presslens/gazetteer.h"
#include "presslens/ner.h"
#include "presslens/quotes.h"
#include "presslens/sentences.h"
#include "presslens/tokenize.h"

namespace presslens {

class Pipeline {
 public:
  // Reads the model directory: `abbreviations.tsv` and
  // `sentence_starters.txt` (required), `gazetteer.tsv`, `aliases.tsv` and `ner.model`
  // (optional: without a model there are no entities), `quote_cues.tsv` and
  // `speaker_nouns.tsv` (optional: without them there are no quotes), and
  // `lexicons/` (optional: without it there are no stance cues). NotFound if a
  // required file is missing, InvalidArgument if one is malformed.
  static absl::StatusOr<std::unique_ptr<Pipeline>> Load(const std::string& model_dir);

  // Analyses `text`, which must be valid UTF-8 (InvalidArgument naming the
  // byte offset otherwise) of at most kMaxTextBytes.
  absl::StatusOr<Document> Analyze(std::string_view text) const;

  // Runs the stages on a document whose `text` is set and known to be valid.
  // `patterns` (may be null) are user entity patterns that override the model.
  void Run(Document* doc, const EntityPatterns* patterns = nullptr) const;

  // Only the first stages: paragraphs, tokens and sentences.
  void Segment(Document* doc) const;

  const Tokenizer& tokenizer() const { return tokenizer_; }
  // Null when the model directory has no gazetteer / NER model.
  const Gazetteer* gazetteer() const { return gazetteer_.get(); }
  const NerModel* ner_model() const { return ner_.get(); }
  // The NER model's word clusters (word_clusters.tsv), or null.
  const WordClusters* word_clusters() const { return clusters_.get(); }
  const QuoteFinder* quote_finder() const { return quotes_.get(); }
  const CueLexicon* cue_lexicon() const { return cues_.get(); }

  // A pipeline like this one whose stance cues come from `cues`. Everything
  // else is shared, not copied.
  std::unique_ptr<Pipeline> WithCues(CueLexicon cues) const;
  const std::string& model_dir() const { return model_dir_; }

 private:
  Pipeline(std::string model_dir, Tokenizer tokenizer, SentenceSplitter splitter);

  std::string model_dir_;
  Tokenizer tokenizer_;
  SentenceSplitter splitter_;
  // Shared so that WithCues() copies are cheap; all are immutable once loaded.
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::shared_ptr<const NerModel> ner_;
  std::shared_ptr<const WordClusters> clusters_;
  std::shared_ptr<const EntityRecognizer> entities_;
  EntityClusterer clusterer_;
  std::shared_ptr<const QuoteFinder> quotes_;
  std::shared_ptr<const CueLexicon> cues_;
};

}  // namespace presslens

#endif  // PRESSLENS_PIPELINE_H_
