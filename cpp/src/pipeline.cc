// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/pipeline.h"

#include <fstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "presslens/resources.h"
#include "presslens/text.h"

namespace presslens {

Pipeline::Pipeline(std::string model_dir, Tokenizer tokenizer,
                   SentenceSplitter splitter)
    : model_dir_(std::move(model_dir)),
      tokenizer_(std::move(tokenizer)),
      splitter_(std::move(splitter)) {}

absl::StatusOr<std::unique_ptr<Pipeline>> Pipeline::Load(const std::string& model_dir) {
  const std::string dir = model_dir.empty() || model_dir.back() == '/' ? model_dir : model_dir + "/";
  auto abbrevs = ReadTable(dir + "abbreviations.tsv", 2);
  if (!abbrevs.ok()) return abbrevs.status();
  auto starters = ReadTable(dir + "sentence_starters.txt", 1);
  if (!starters.ok()) return starters.status();

  TokenizerOptions topt;
  SentenceOptions sopt;
  for (const auto& row : *abbrevs) {
    AbbrevKind kind;
    if (row[1] == "title") {
      kind = AbbrevKind::kTitle;
    } else if (row[1] == "month") {
      kind = AbbrevKind::kMonth;
    } else if (row[1] == "other") {
      kind = AbbrevKind::kOther;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          dir, "abbreviations.tsv: unknown kind '", row[1], "' for ", row[0],
          " (expected title, month or other)"));
    }
    if (row[0].empty() || row[0].back() != '.') {
      return absl::InvalidArgumentError(absl::StrCat(
          dir, "abbreviations.tsv: '", row[0], "' must end with a period"));
    }
    topt.abbreviations.push_back(row[0]);
    sopt.abbreviations[row[0]] = kind;
  }
  for (const auto& row : *starters) sopt.sentence_starters.insert(row[0]);
  std::unique_ptr<Pipeline> p(new Pipeline(model_dir, Tokenizer(topt), SentenceSplitter(std::move(sopt))));

  absl::flat_hash_set<std::string> titles;
  absl::flat_hash_set<std::string> media;
  if (std::ifstream(dir + "gazetteer.tsv").good()) {
    auto gaz = LoadGazetteer(dir + "gazetteer.tsv", p->tokenizer_);
    if (!gaz.ok()) return gaz.status();
    p->gazetteer_ = std::make_shared<const Gazetteer>(std::move(*gaz));
    auto rows = ReadTable(dir + "gazetteer.tsv", 2);
    for (const auto& row : *rows) {
      if (row[1] == "title") titles.insert(FeatureExtractor::Normalize(row[0]));
      if (row[1] == "media") media.insert(EntityClusterer::Key(row[0]));
    }
  }
  if (std::ifstream(dir + "aliases.tsv").good()) {
    auto clusterer = EntityClusterer::Load(dir + "aliases.tsv");
    if (!clusterer.ok()) return clusterer.status();
    p->clusterer_ = std::move(*clusterer);
  }
  absl::flat_hash_set<std::string> common;
  if (std::ifstream(dir + "common_words.txt").good()) {
    auto rows = ReadTable(dir + "common_words.txt", 1);
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) common.insert(row[0]);
  }
  absl::flat_hash_set<std::string> vocab;
  if (std::ifstream(dir + "vocab.txt").good()) {
    auto rows = ReadTable(dir + "vocab.txt", 1);
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) vocab.insert(row[0]);
  }
  if (std::ifstream(dir + "word_clusters.tsv").good()) {
    auto clusters = WordClusters::Load(dir + "word_clusters.tsv");
    if (!clusters.ok()) return clusters.status();
    p->clusters_ = std::make_shared<const WordClusters>(std::move(*clusters));
  }
  if (std::ifstream(dir + "ner.model").good()) {
    auto model = NerModel::Load(dir + "ner.model");
    if (!model.ok()) return model.status();
    p->ner_ = std::make_shared<const NerModel>(std::move(*model));
    p->entities_ = std::make_shared<const EntityRecognizer>(p->ner_.get(), p->gazetteer_.get(),
                                                      std::move(titles), std::move(common),
                                                      std::move(vocab), p->clusters_.get());
  }
  if (std::ifstream(dir + "quote_cues.tsv").good()) {
    auto finder = QuoteFinder::Load(dir, std::move(media));
    if (!finder.ok()) return finder.status();
    p->quotes_ = std::make_shared<const QuoteFinder>(std::move(*finder));
  }
  if (std::ifstream(dir + "lexicons/lemmas.tsv").good()) {
    auto cues = CueLexicon::Load(dir + "lexicons/");
    if (!cues.ok()) return cues.status();
    p->cues_ = std::make_shared<const CueLexicon>(std::move(*cues));
  }
  return p;
}

std::unique_ptr<Pipeline> Pipeline::WithCues(CueLexicon cues) const {
  std::unique_ptr<Pipeline> p(new Pipeline(*this));
  p->cues_ = std::make_shared<const CueLexicon>(std::move(cues));
  return p;
}

absl::StatusOr<Document> Pipeline::Analyze(std::string_view text) const {
  if (absl::Status s = ValidateUtf8(text); !s.ok()) return s;
  Document doc;
  doc.text.assign(text);
  Run(&doc);
  return doc;
}

void Pipeline::Run(Document* doc, const EntityPatterns* patterns) const {
  Segment(doc);
  doc->entities.clear();
  doc->clusters.clear();
  doc->quotes.clear();
  doc->scare_quotes.clear();
  if (entities_ != nullptr) {
    entities_->Recognize(doc, patterns);
    clusterer_.Cluster(doc);
  }
  if (quotes_ != nullptr) quotes_->Find(doc);
  doc->cues.clear();
  doc->cue_categories.clear();
  doc->sentence_stance.clear();
  if (cues_ != nullptr) cues_->Find(doc);
}

void Pipeline::Segment(Document* doc) const {
  const std::string_view text = doc->text;
  std::vector<ByteSpan> paragraphs = SplitParagraphs(text);
  doc->paragraphs.clear();
  doc->paragraphs.reserve(paragraphs.size());
  doc->tokens.clear();
  doc->tokens.reserve(text.size() / 5);
  for (const ByteSpan& p : paragraphs) {
    presslens::Segment seg;
    seg.span = p;
    seg.token_begin = static_cast<uint32_t>(doc->tokens.size());
    tokenizer_.Tokenize(text, p, &doc->tokens);
    seg.token_end = static_cast<uint32_t>(doc->tokens.size());
    doc->paragraphs.push_back(seg);
  }
  doc->sentences.clear();
  for (uint32_t i = 0; i < doc->paragraphs.size(); ++i) {
    splitter_.Split(text, doc->tokens, doc->paragraphs[i], i, &doc->sentences);
  }
}

}  // namespace presslens
