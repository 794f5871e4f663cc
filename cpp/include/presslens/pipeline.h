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
#include "presslens/document.h"
#include "presslens/sentences.h"
#include "presslens/tokenize.h"

namespace presslens {

class Pipeline {
 public:
  // Reads the model directory: `abbreviations.tsv` and
  // `sentence_starters.txt`. NotFound if a file is missing, InvalidArgument
  // if one is malformed.
  static absl::StatusOr<std::unique_ptr<Pipeline>> Load(const std::string& model_dir);

  // Analyses `text`, which must be valid UTF-8 (InvalidArgument naming the
  // byte offset otherwise) of at most kMaxTextBytes.
  absl::StatusOr<Document> Analyze(std::string_view text) const;

  // Runs the stages on a document whose `text` is set and known to be valid.
  void Run(Document* doc) const;

  const Tokenizer& tokenizer() const { return tokenizer_; }
  const std::string& model_dir() const { return model_dir_; }

 private:
  Pipeline(std::string model_dir, Tokenizer tokenizer, SentenceSplitter splitter);

  std::string model_dir_;
  Tokenizer tokenizer_;
  SentenceSplitter splitter_;
};

}  // namespace presslens

#endif  // PRESSLENS_PIPELINE_H_
