// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/entities.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "presslens/hash.h"

namespace presslens {

namespace {

// EntityPatterns::Check, leaving the phrase's tokens in `tokens`.
absl::Status CheckPattern(const EntityPattern& p, const Tokenizer& tokenizer,
                          std::vector<Token>* tokens) {
  if (p.label.empty()) return absl::InvalidArgumentError("the label is empty");
  if (absl::Status s = ValidateUtf8(p.phrase); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("the phrase is not valid: ", s.message()));
  }
  // The label and canonical name reach Python as str: they must be text too.
  if (absl::Status s = ValidateUtf8(p.label); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("label: ", s.message()));
  }
  if (absl::Status s = ValidateUtf8(p.canonical); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("canonical: ", s.message()));
  }
  tokens->clear();
  tokenizer.Tokenize(p.phrase, ByteSpan{0, static_cast<uint32_t>(p.phrase.size())}, tokens);
  if (tokens->empty()) return absl::InvalidArgumentError("the phrase has no words");
  return absl::OkStatus();
}

}  // namespace

absl::Status EntityPatterns::Check(const EntityPattern& p, const Tokenizer& tokenizer) {
  std::vector<Token> tokens;
  return CheckPattern(p, tokenizer, &tokens);
}

absl::StatusOr<EntityPatterns> EntityPatterns::Build(std::vector<EntityPattern> patterns,
                                                     const Tokenizer& tokenizer) {
  EntityPatterns out;
  std::vector<Token> tokens;
  std::vector<uint64_t> keys;
  for (uint32_t i = 0; i < patterns.size(); ++i) {
    const EntityPattern& p = patterns[i];
    if (absl::Status s = CheckPattern(p, tokenizer, &tokens); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("entity pattern ", i, ": ", s.message()));
    }
    keys.clear();
    for (const Token& t : tokens) {
      const std::string_view w = t.In(p.phrase);
      keys.push_back(p.case_insensitive ? Gazetteer::Key(FeatureExtractor::Normalize(w))
                                        : Gazetteer::Key(w));
    }
    // A later pattern for the same phrase replaces an earlier one.
    if (p.case_insensitive) {
      out.folded_pattern_[out.folded_.Add(keys, 0)] = i;
    } else {
      out.exact_pattern_[out.exact_.Add(keys, 0)] = i;
    }
  }
  out.patterns_ = std::move(patterns);
  return out;
}

void EntityPatterns::Match(std::string_view text, absl::Span<const Token> tokens,
                           uint32_t begin, uint32_t end, std::vector<Hit>* out) const {
  std::vector<uint64_t> exact, folded;
  for (uint32_t t = begin; t < end; ++t) {
    const std::string_view w = tokens[t].In(text);
    exact.push_back(Gazetteer::Key(w));
    folded.push_back(Gazetteer::Key(FeatureExtractor::Normalize(w)));
  }
  std::vector<Gazetteer::Match> matches;
  std::vector<Hit> hits;
  exact_.FindAll(exact, &matches);
  for (const auto& m : matches) hits.push_back({begin + m.begin, begin + m.end, exact_pattern_.at(m.node)});
  matches.clear();
  folded_.FindAll(folded, &matches);
  for (const auto& m : matches) hits.push_back({begin + m.begin, begin + m.end, folded_pattern_.at(m.node)});
  // Longest first, then leftmost; stable, so an exact hit (added first)
  // beats a folded one on the same tokens.
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.end - a.begin != b.end - b.begin ? a.end - a.begin > b.end - b.begin
                                              : a.begin < b.begin;
  });
  std::vector<bool> taken(end - begin, false);
  const size_t first = out->size();
  for (const Hit& h : hits) {
    bool free = true;
    for (uint32_t t = h.begin; t < h.end && free; ++t) free = !taken[t - begin];
    if (!free) continue;
    for (uint32_t t = h.begin; t < h.end; ++t) taken[t - begin] = true;
    out->push_back(h);
  }
  std::sort(out->begin() + first, out->end(),
            [](const Hit& a, const Hit& b) { return a.begin < b.begin; });
}

struct EntityRecognizer::TypeCache {
  absl::flat_hash_map<uint64_t, uint32_t> index;  // exact-word hash -> type
  std::vector<FeatureExtractor::WordKeys> keys;
  std::vector<float> roles;  // per type: kNumRoles × num_tags
};

void EntityRecognizer::AddType(TypeCache* cache, std::string_view word) const {
  using FX = FeatureExtractor;
  const int k = model_->num_tags();
  cache->keys.push_back(extractor_.KeysOf(word));
  const FX::WordKeys& keys = cache->keys.back();
  // Cluster features come from the dense per-id table below rather than
  // from the model's hash map.
  FX::WordKeys plain = keys;
  plain.cluster.fill(WordClusters::kNone);
  const size_t base = cache->roles.size();
  cache->roles.resize(base + FX::kNumRoles * k, 0.0f);
  for (int r = 0; r < FX::kNumRoles; ++r) {
    float* out = &cache->roles[base + r * k];
    model_->AddRoleVector(plain, static_cast<FX::Role>(r), out);
    for (int level = 0; level < FX::ClusterLevels(static_cast<FX::Role>(r)); ++level) {
      const uint16_t id = keys.cluster[level];
      if (id == WordClusters::kNone || id >= cluster_width_[level]) continue;
      const float* w = &cluster_roles_[(cluster_offset_[r * WordClusters::kLevels + level] + id) * k];
      for (int y = 0; y < k; ++y) out[y] += w[y];
    }
  }
  // The bias applies to every token: fold it into the word's own role.
  const uint64_t bias = FX::BiasFeature();
  model_->AddFeatures(absl::Span<const uint64_t>(&bias, 1), &cache->roles[base]);
}

EntityRecognizer::EntityRecognizer(const NerModel* model, const Gazetteer* gazetteer,
                                   absl::flat_hash_set<std::string> titles,
                                   absl::flat_hash_set<std::string> common_words,
                                   const absl::flat_hash_set<std::string>& vocabulary,
                                   const WordClusters* clusters)
    : model_(model), extractor_(gazetteer, clusters), titles_(std::move(titles)),
      common_(std::move(common_words)) {
  for (size_t i = 0; i < model_->labels().size(); ++i) {
    if (model_->labels()[i] == "PERSON") person_ = static_cast<int>(i);
    if (model_->labels()[i] == "ORG") org_ = static_cast<int>(i);
    if (model_->labels()[i] == "MONEY") money_ = static_cast<int>(i);
    if (model_->labels()[i] == "PERCENT") percent_ = static_cast<int>(i);
  }
  const int k = model_->num_tags();
  using FX = FeatureExtractor;
  // The weights of every cluster feature, per role, level and id: a word's
  // cluster features then cost an indexed read each.
  for (int r = 0; r < FX::kNumRoles; ++r) {
    for (int level = 0; level < WordClusters::kLevels; ++level) {
      const int width = clusters == nullptr ? 0 : clusters->num_ids(level);
      cluster_width_[level] = width;
      cluster_offset_[r * WordClusters::kLevels + level] = cluster_roles_.size() / k;
      if (level >= FX::ClusterLevels(static_cast<FX::Role>(r))) continue;
      const size_t at = cluster_roles_.size();
      cluster_roles_.resize(at + static_cast<size_t>(width) * k, 0.0f);
      for (int id = 0; id < width; ++id) {
        const uint64_t f = FX::ClusterFeature(static_cast<FX::Role>(r), level, static_cast<uint16_t>(id));
        model_->AddFeatures(absl::Span<const uint64_t>(&f, 1), &cluster_roles_[at + id * k]);
      }
    }
  }
  start_roles_.assign(FX::kNumRoles * k, 0.0f);
  end_roles_.assign(FX::kNumRoles * k, 0.0f);
  for (int r = 0; r < FX::kNumRoles; ++r) {
    model_->AddRoleVector(FX::StartKeys(), static_cast<FX::Role>(r), &start_roles_[r * k]);
    model_->AddRoleVector(FX::EndKeys(), static_cast<FX::Role>(r), &end_roles_[r * k]);
  }
  // Role weights of frequent words, computed once and shared read-only by
  // every document and thread: common words as written in prose and
  // capitalised, and punctuation.
  shared_ = std::make_unique<TypeCache>();
  auto add = [&](const std::string& w) {
    const uint64_t h = HashBytes(w);
    if (shared_->index.try_emplace(h, static_cast<uint32_t>(shared_->keys.size())).second) {
      AddType(shared_.get(), w);
    }
  };
  for (const std::string& w : common_) {
    add(w);
    std::string cap = w;
    cap[0] = absl::ascii_toupper(static_cast<unsigned char>(cap[0]));
    add(cap);
  }
  for (const std::string& w : vocabulary) add(w);
  for (const char* p : {".", ",", ":", ";", "?", "!", "(", ")", "\"", "'", "-", "$", "%",
                        "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99",
                        "\xE2\x80\x99s", "'s", "\xE2\x80\x93", "\xE2\x80\x94", "n't"}) {
    add(p);
  }
}

EntityRecognizer::~EntityRecognizer() = default;

void EntityRecognizer::TagSentence(std::string_view text, absl::Span<const Token> tokens,
                                   const Segment& s, TypeCache* cache,
                                   std::vector<uint8_t>* tags) const {
  using FX = FeatureExtractor;
  const int k = model_->num_tags();
  const int n = static_cast<int>(s.token_end - s.token_begin);
  thread_local std::vector<uint32_t> type;
  thread_local std::vector<uint8_t> from_shared;
  thread_local std::vector<const float*> base;
  thread_local std::vector<FX::WordKeys> keys;
  thread_local std::vector<uint32_t> gaz_b, gaz_i;
  thread_local std::vector<float> emissions;
  thread_local std::vector<uint64_t> context;
  thread_local std::vector<uint32_t> context_end;  // per token: end of its features
  thread_local std::vector<const float*> weight_rows;  // per context feature
  type.resize(n);
  from_shared.resize(n);
  base.resize(n);
  keys.resize(n);
  // A headline in title case ("Rapporteur Calls on Nations to Lift
  // Sanctions") capitalises verbs and nouns that prose writes in lower case;
  // the model, trained on prose, reads those words lower-cased.
  int words = 0, capitalised = 0;
  for (int t = 0; t < n; ++t) {
    const std::string_view w = tokens[s.token_begin + t].In(text);
    const unsigned char c = static_cast<unsigned char>(w[0]);
    if (absl::ascii_isalpha(c) && w.size() > 3) {
      ++words;
      capitalised += absl::ascii_isupper(c);
    }
  }
  const bool headline = !common_.empty() && words >= 3 && capitalised * 10 >= words * 8;
  std::string lowered;
  for (int t = 0; t < n; ++t) {
    std::string_view w = tokens[s.token_begin + t].In(text);
    if (headline && absl::ascii_isupper(static_cast<unsigned char>(w[0]))) {
      lowered = FeatureExtractor::Normalize(w);
      if (common_.contains(AsAbsl(lowered))) w = lowered;
    }
    const uint64_t h = HashBytes(w);
    if (auto sit = shared_->index.find(h); sit != shared_->index.end()) {
      type[t] = sit->second;
      from_shared[t] = 1;
      continue;
    }
    from_shared[t] = 0;
    auto [it, inserted] = cache->index.try_emplace(h, static_cast<uint32_t>(cache->keys.size()));
    if (inserted) AddType(cache, w);
    type[t] = it->second;
  }
  // Second pass: the caches no longer grow, so pointers into them are stable.
  for (int t = 0; t < n; ++t) {
    const TypeCache& c = from_shared[t] ? *shared_ : *cache;
    keys[t] = c.keys[type[t]];
    base[t] = &c.roles[static_cast<size_t>(type[t]) * FX::kNumRoles * k];
  }
  extractor_.GazetteerBits(keys, &gaz_b, &gaz_i);
  emissions.resize(static_cast<size_t>(n) * k);
  auto role = [&](int t, FX::Role r) -> const float* {
    if (t < 0) return &start_roles_[r * k];
    if (t >= n) return &end_roles_[r * k];
    return base[t] + r * k;
  };
  // In a run of one token repeated ("((((((", "......"), a row depends on
  // exactly what the previous one did: copy it instead of summing again.
  auto same = [&](int a, int b) {  // the same context inputs at tokens a and b
    return keys[a].norm == keys[b].norm && keys[a].shape == keys[b].shape &&
           gaz_b[a] == gaz_b[b] && gaz_i[a] == gaz_i[b];
  };
  auto repeats = [&](int t) {  // row t equals row t - 1
    return t >= 2 && t + 1 < n && role(t, FX::kSelf) == role(t - 1, FX::kSelf) &&
           role(t - 1, FX::kPrev) == role(t - 2, FX::kPrev) &&
           role(t + 1, FX::kNext) == role(t, FX::kNext) &&
           role(t - 2, FX::kPrev2) == role(t - 3, FX::kPrev2) &&
           role(t + 2, FX::kNext2) == role(t + 1, FX::kNext2) && same(t - 2, t - 1) &&
           same(t - 1, t) && same(t, t + 1);
  };
  // The context features of the whole sentence first (none for a row that
  // repeats the one before), then their weight rows found together (see
  // NerModel::FindRows), then each row summed in the same order as ever.
  context.clear();
  context_end.resize(n);
  for (int t = 0; t < n; ++t) {
    if (!repeats(t)) FX::ContextFeatures(keys, gaz_b, gaz_i, t, &context, /*bias=*/false);
    context_end[t] = static_cast<uint32_t>(context.size());
  }
  weight_rows.resize(context.size());
  model_->FindRows(context, weight_rows.data());
  for (int t = 0; t < n; ++t) {
    float* row = &emissions[static_cast<size_t>(t) * k];
    const uint32_t first = t == 0 ? 0 : context_end[t - 1];
    if (first == context_end[t] && repeats(t)) {
      std::copy(row - k, row, row);
      continue;
    }
    const float* v[5] = {role(t, FX::kSelf), role(t - 1, FX::kPrev), role(t + 1, FX::kNext),
                         role(t - 2, FX::kPrev2), role(t + 2, FX::kNext2)};
    for (int y = 0; y < k; ++y) row[y] = v[0][y] + v[1][y] + v[2][y] + v[3][y] + v[4][y];
    for (uint32_t f = first; f < context_end[t]; ++f) {
      const float* w = weight_rows[f];
      if (w == nullptr) continue;
      for (int y = 0; y < k; ++y) row[y] += w[y];
    }
  }
  model_->Decode(emissions, n, tags);
}

namespace {

// Joins an office to its portfolio: "Secretary of State", "Minister for Health".
bool IsPortfolioLink(std::string_view norm) { return norm == "of" || norm == "for"; }

bool IsCapitalised(std::string_view w) {
  return !w.empty() && absl::ascii_isupper(static_cast<unsigned char>(w[0]));
}

// Longest title looked for before a name: "Former Deputy Secretary of State".
constexpr uint32_t kMaxTitleTokens = 6;

}  // namespace

bool EntityRecognizer::IsTitle(std::string_view word) const {
  return titles_.contains(AsAbsl(FeatureExtractor::Normalize(word)));
}

void EntityRecognizer::Trim(const Document& doc, uint32_t lo, uint32_t hi, Entity* e) const {
  const std::string_view text = doc.text;
  const auto& toks = doc.tokens;
  auto word = [&](uint32_t t) { return toks[t].In(text); };
  // A mention never spans a bracket: "[Vladimir] Putin" -> "Putin" (the
  // editor's insertion is not part of the name as written). First, so that
  // no title is read from inside the brackets.
  for (uint32_t t = e->token_end; t-- > e->token_begin;) {
    if (toks[t].has(kFlagBracket)) {
      if (t + 1 < e->token_end) {
        e->token_begin = t + 1;
      } else {
        e->token_end = t;
      }
      break;
    }
  }
  if (e->token_end <= e->token_begin) {
    e->token_end = e->token_begin;
    return;
  }
  // Leading articles and punctuation: "the New York Times" -> "New York
  // Times", "- Modi" -> "Modi". True if anything was cut.
  auto trim_front = [&] {
    const uint32_t before = e->token_begin;
    while (e->token_end - e->token_begin > 1 &&
           (toks[e->token_begin].kind == TokenKind::kPunct ||
            FeatureExtractor::Normalize(word(e->token_begin)) == "the")) {
      ++e->token_begin;
    }
    return e->token_begin > before;
  };
  trim_front();
  if (e->label == person_) {
    // Titles inside the mention: "President Nicolas Maduro", "Secretary of
    // State Mike Pompeo". A name is left over in any case.
    const uint32_t first = e->token_begin;
    uint32_t k = first;
    while (k + 1 < e->token_end && IsTitle(word(k))) {
      ++k;
      if (k + 2 < e->token_end && IsPortfolioLink(FeatureExtractor::Normalize(word(k))) &&
          IsTitle(word(k + 1))) {
        ++k;
      }
    }
    if (k > first) {
      e->token_begin = k;
      // The title is an attribute only when white space alone separates it
      // from the name ("Prime Minister - Modi" keeps none).
      if (!trim_front() && toks[k].has(kFlagSpaceBefore)) {
        e->title = ByteSpan{toks[first].begin, toks[k - 1].end};
      }
    }
  }
  // Amounts keep their currency sign and unit, which taggers trained on
  // split tokens often leave out: "$ 2.4 bn" -> "$2.4bn", "10 %" -> "10%".
  // They grow only within [lo, hi): a sign or unit already in a neighbouring
  // mention stays there.
  if (e->label == money_ || e->label == percent_) {
    if (e->label == money_ && e->token_begin > lo) {
      const Token& before = toks[e->token_begin - 1];
      const Token& first = toks[e->token_begin];
      if (before.kind == TokenKind::kSymbol && !first.has(kFlagSpaceBefore) &&
          !before.has(kFlagUrl | kFlagEmail)) {
        --e->token_begin;
      }
    }
    while (e->token_end < hi) {
      const Token& next = toks[e->token_end];
      const std::string unit = FeatureExtractor::Normalize(next.In(text));
      const bool glued = !next.has(kFlagSpaceBefore);
      const bool is_unit =
          e->label == money_
              ? (unit == "bn" || unit == "m" || unit == "mn" || unit == "tn" || unit == "k" ||
                 unit == "million" || unit == "billion" || unit == "trillion")
              : (unit == "%" || unit == "percent" || unit == "per" );
      if (!is_unit || (unit.size() <= 2 && unit != "%" && !glued)) break;
      ++e->token_end;
      if (unit == "per") {  // "per cent"
        if (e->token_end < hi &&
            FeatureExtractor::Normalize(toks[e->token_end].In(text)) == "cent") {
          ++e->token_end;
        } else {
          --e->token_end;
          break;
        }
      }
    }
  }
  // Possessive clitics and stray punctuation stay outside: "Russia’s" -> "Russia".
  while (e->token_end - e->token_begin > 1) {
    const Token& last = toks[e->token_end - 1];
    if (last.has(kFlagClitic) || last.kind == TokenKind::kPunct) {
      --e->token_end;
    } else {
      break;
    }
  }
  e->span = ByteSpan{toks[e->token_begin].begin, toks[e->token_end - 1].end};
}

uint32_t EntityRecognizer::TitleBefore(const Document& doc, uint32_t floor, uint32_t name) const {
  const auto& toks = doc.tokens;
  auto word = [&](uint32_t t) { return toks[t].In(doc.text); };
  auto norm = [&](uint32_t t) { return FeatureExtractor::Normalize(word(t)); };
  // Token t-1 may start a title that goes on at token t: not before the
  // floor (sentence start or a mention), no bracket, white space between.
  auto joins = [&](uint32_t t) {
    return t > floor && name - t < kMaxTitleTokens && toks[t].has(kFlagSpaceBefore) &&
           !toks[t - 1].has(kFlagBracket);
  };
  // The title word before "of"/"for" (or "of the") ending at token t, or t.
  auto office_before_link = [&](uint32_t t) {
    uint32_t k = t;
    if (joins(k) && norm(k - 1) == "the") --k;
    if (!joins(k) || !IsPortfolioLink(norm(k - 1))) return t;
    --k;
    return joins(k) && IsTitle(word(k - 1)) ? k - 1 : t;
  };
  // The portfolio: capitalised words between "of" and the name ("Secretary
  // of State", "Minister of Foreign Affairs").
  uint32_t t = name;
  uint32_t k = name;
  while (name - k < 3 && joins(k) && IsCapitalised(word(k - 1))) --k;
  if (k < name) t = office_before_link(k);
  if (t == k) t = name;
  // Office words before that ("Former Defense Secretary", "Deputy Secretary
  // of State"), and further links ("Secretary of State for Health").
  for (;;) {
    while (joins(t) && IsTitle(word(t - 1))) --t;
    const uint32_t o = t < name ? office_before_link(t) : t;
    if (o == t) break;
    t = o;
  }
  return t;
}

void EntityRecognizer::AddMentions(Document* doc, const Segment& s,
                                   absl::Span<const uint8_t> tags) const {
  const uint32_t n = s.token_end - s.token_begin;
  const size_t first_entity = doc->entities.size();
  for (uint32_t t = 0; t < n;) {
    const int tag = tags[t];
    if (tag == 0) {
      ++t;
      continue;
    }
    const int label = (tag - 1) / 2;
    uint32_t end = t + 1;
    while (end < n && tags[end] == 2 * label + 2) ++end;
    uint32_t next = end;  // the next tagged token bounds growth to the right
    while (next < n && tags[next] == 0) ++next;
    Entity e;
    e.token_begin = s.token_begin + t;
    e.token_end = s.token_begin + end;
    e.label = static_cast<uint16_t>(label);
    const uint32_t lo =
        doc->entities.size() > first_entity ? doc->entities.back().token_end : s.token_begin;
    Trim(*doc, lo, s.token_begin + next, &e);
    t = end;
    if (e.token_end == e.token_begin) continue;
    // The clitic rule in Trim keeps "’s" out; a lone clitic or mark is no entity.
    const Token& only = doc->tokens[e.token_begin];
    if (e.token_end - e.token_begin == 1 &&
        (only.has(kFlagClitic) || only.kind == TokenKind::kPunct)) {
      continue;
    }
    // "up to $" + "30": the tagger split one amount at its sign, which both
    // parts would claim; they are one mention.
    if (e.label == money_ && doc->entities.size() > first_entity) {
      Entity& prev = doc->entities.back();
      const Token& sign = doc->tokens[prev.token_end - 1];
      if (prev.label == money_ && prev.token_end == e.token_begin &&
          sign.kind == TokenKind::kSymbol && !sign.has(kFlagUrl | kFlagEmail) &&
          !only.has(kFlagSpaceBefore)) {
        prev.token_end = e.token_end;
        prev.span.end = e.span.end;
        continue;
      }
    }
    doc->entities.push_back(e);
  }
  // Titles the tagger left outside a person ("President | Nicolas Maduro").
  // A title never overlaps a mention: an ORG made only of title words names
  // the office's department ("State" in "Secretary of State") and becomes
  // part of the title; any other mention ("US" in "US President") ends it.
  auto title_words_only = [&](const Entity& m) {
    for (uint32_t t = m.token_begin; t < m.token_end; ++t) {
      if (!IsTitle(doc->tokens[t].In(doc->text))) return false;
    }
    return true;
  };
  std::vector<bool> absorbed(doc->entities.size() - first_entity, false);
  for (size_t i = first_entity; i < doc->entities.size(); ++i) {
    Entity& e = doc->entities[i];
    if (e.label != person_ || !e.title.empty()) continue;
    uint32_t floor = s.token_begin;
    for (;;) {
      const uint32_t t = TitleBefore(*doc, floor, e.token_begin);
      if (t == e.token_begin) break;
      // Mentions are in order and apart: those reaching past token t are the
      // last few before this one (a title is a few tokens), found backwards.
      uint32_t blocked = floor;
      for (size_t j = i; j-- > first_entity && doc->entities[j].token_end > t;) {
        const Entity& m = doc->entities[j];
        if (absorbed[j - first_entity]) continue;
        if (m.label != org_ || m.token_begin < t || !title_words_only(m)) {
          blocked = std::max(blocked, m.token_end);
        }
      }
      if (blocked > floor) {
        floor = blocked;
        continue;
      }
      for (size_t j = i; j-- > first_entity && doc->entities[j].token_end > t;) {
        absorbed[j - first_entity] = true;
      }
      e.title = ByteSpan{doc->tokens[t].begin, doc->tokens[e.token_begin - 1].end};
      break;
    }
  }
  size_t kept = first_entity;
  for (size_t i = first_entity; i < doc->entities.size(); ++i) {
    if (!absorbed[i - first_entity]) doc->entities[kept++] = doc->entities[i];
  }
  doc->entities.resize(kept);
}

// A person written in full somewhere in the document ("Nicolas Maduro") is
// often named by surname alone elsewhere, where the tagger has less to go on:
// at a sentence start, where a capital says nothing, or after a quotation
// ("..., Maduro added"). Such a lone surname the tagger left untagged becomes
// PERSON. Only untagged tokens change: a surname the tagger read as something
// else ("Washington" the city beside George Washington) keeps its label.
void EntityRecognizer::PropagateNames(const Document& doc, absl::Span<const Segment> sentences,
                                      absl::Span<uint8_t> tags) const {
  if (person_ < 0) return;
  const std::string_view text = doc.text;
  const auto& toks = doc.tokens;
  const uint8_t begin_tag = static_cast<uint8_t>(2 * person_ + 1);
  const uint8_t inside_tag = static_cast<uint8_t>(2 * person_ + 2);
  auto name_word = [&](uint32_t t) {
    const Token& tok = toks[t];
    if (tok.kind != TokenKind::kWord || tok.has(kFlagClitic | kFlagAbbrev)) return false;
    const std::string_view w = tok.In(text);
    return w.size() >= 2 && IsCapitalised(w) && !IsTitle(w);
  };
  auto common = [&](uint32_t t) {
    return common_.contains(AsAbsl(FeatureExtractor::Normalize(toks[t].In(text))));
  };
  // Surnames: the last of two or more name words of a tagged person.
  absl::flat_hash_set<std::string_view> surnames;
  const uint32_t n = static_cast<uint32_t>(tags.size());
  for (uint32_t t = 0; t < n;) {
    if (tags[t] != begin_tag) {
      ++t;
      continue;
    }
    uint32_t end = t + 1;
    while (end < n && tags[end] == inside_tag) ++end;
    uint32_t words = 0, last = end;
    for (uint32_t u = t; u < end; ++u) {
      if (name_word(u)) {
        ++words;
        last = u;
      }
    }
    // A surname that is also a word prose writes in lower case ("Will",
    // "Young"; or a job the tagger swept into the name, "Analyst") would be
    // taken wherever it starts a sentence or a heading: not lent.
    if (words >= 2 && !common(last)) {
      bool letters = true;
      for (const char c : toks[last].In(text)) {
        letters = letters && (absl::ascii_isalpha(static_cast<unsigned char>(c)) ||
                              static_cast<unsigned char>(c) >= 0x80 || c == '-' || c == '\'');
      }
      if (letters) surnames.insert(toks[last].In(text));
    }
    t = end;
  }
  if (surnames.empty()) return;
  for (const Segment& s : sentences) {
    uint32_t first = s.token_begin;
    while (first < s.token_end && toks[first].kind == TokenKind::kPunct) ++first;
    for (uint32_t t = first; t < s.token_end; ++t) {
      if (tags[t] != 0 || !name_word(t) || !surnames.contains(toks[t].In(text))) continue;
      // Part of a longer name the tagger did not read ("Maduro Moros",
      // "Trump Tower", "Norton I"): the lone-surname reading is wrong.
      if (t + 1 < s.token_end) {
        const Token& next = toks[t + 1];
        if (tags[t + 1] != 0 || (next.kind == TokenKind::kWord && !next.has(kFlagClitic) &&
                                 IsCapitalised(next.In(text)))) {
          continue;
        }
      }
      // A capitalised word before it is another name word, unless it opens
      // the sentence and prose writes it in lower case ("But Maduro said").
      if (t > s.token_begin) {
        const uint32_t p = t - 1;
        if (tags[p] != 0) continue;
        if (name_word(p) && !(p == first && common(p))) continue;
      }
      tags[t] = begin_tag;
    }
  }
}

void EntityRecognizer::Recognize(Document* doc, const EntityPatterns* patterns) const {
  doc->entity_labels = model_->labels();
  doc->patterns = patterns;
  std::vector<EntityPatterns::Hit> hits;
  auto label_id = [&](const std::string& label) {
    auto it = std::find(doc->entity_labels.begin(), doc->entity_labels.end(), label);
    if (it != doc->entity_labels.end()) return static_cast<uint16_t>(it - doc->entity_labels.begin());
    doc->entity_labels.push_back(label);
    return static_cast<uint16_t>(doc->entity_labels.size() - 1);
  };
  const std::string_view text = doc->text;
  std::vector<uint8_t> tags;
  TypeCache cache;
  // Decoding holds about nine bytes per token and tag for the whole
  // sentence: a megabyte with no sentence end would take gigabytes. Longer
  // sentences are tagged in windows, cut after a punctuation mark where
  // there is one (sentences of news copy are far shorter). A window is a
  // sentence to AddMentions: titles, signs and units stay inside it.
  constexpr uint32_t kMaxTagged = 1024;
  std::vector<Segment> windows;
  windows.reserve(doc->sentences.size());
  for (const Segment& sentence : doc->sentences) {
    Segment w = sentence;
    while (w.token_end - w.token_begin > kMaxTagged) {
      uint32_t cut = w.token_begin + kMaxTagged;
      for (uint32_t c = cut; c > w.token_begin + kMaxTagged / 2; --c) {
        if (doc->tokens[c - 1].kind == TokenKind::kPunct) {
          cut = c;
          break;
        }
      }
      windows.push_back(Segment{{}, w.token_begin, cut, w.parent});
      w.token_begin = cut;
    }
    windows.push_back(w);
  }
  // Every window is tagged before any mention is made, so that names can be
  // made consistent across the document (PropagateNames).
  std::vector<uint8_t> doc_tags(doc->tokens.size(), 0);
  std::vector<bool> content(windows.size(), false);
  for (size_t i = 0; i < windows.size(); ++i) {
    const Segment& s = windows[i];
    // A mention left with only punctuation is dropped by AddMentions whatever
    // the tags, so a sentence of nothing else (a storm of quote marks) need
    // not be tagged: the result is the same, at a fraction of the cost.
    for (uint32_t t = s.token_begin; t < s.token_end && !content[i]; ++t) {
      content[i] = doc->tokens[t].kind != TokenKind::kPunct;
    }
    if (!content[i]) continue;
    TagSentence(text, doc->tokens, s, &cache, &tags);
    std::copy(tags.begin(), tags.begin() + (s.token_end - s.token_begin),
              doc_tags.begin() + s.token_begin);
  }
  PropagateNames(*doc, windows, absl::MakeSpan(doc_tags));
  for (size_t i = 0; i < windows.size(); ++i) {
    const Segment& s = windows[i];
    const size_t first_entity = doc->entities.size();
    if (content[i]) {
      AddMentions(doc, s,
                  absl::MakeConstSpan(doc_tags).subspan(s.token_begin, s.token_end - s.token_begin));
    }
    if (patterns != nullptr && patterns->size() > 0) {
      hits.clear();
      patterns->Match(text, doc->tokens, s.token_begin, s.token_end, &hits);
      if (hits.empty()) continue;
      std::vector<Entity> merged;
      // Mentions, their titles and hits are each in order and apart, so one
      // pass finds the hit each mention or title may overlap (testing every
      // pair was quadratic in a long sentence).
      auto hit_bytes = [&](const EntityPatterns::Hit& hit) {
        return ByteSpan{doc->tokens[hit.begin].begin, doc->tokens[hit.end - 1].end};
      };
      size_t h = 0, ht = 0;
      for (size_t i = first_entity; i < doc->entities.size(); ++i) {
        Entity e = doc->entities[i];
        while (h < hits.size() && hits[h].end <= e.token_begin) ++h;
        if (h < hits.size() && hits[h].begin < e.token_end) continue;
        if (!e.title.empty()) {
          while (ht < hits.size() && hit_bytes(hits[ht]).end <= e.title.begin) ++ht;
          if (ht < hits.size() && hit_bytes(hits[ht]).begin < e.title.end) {
            e.title = ByteSpan{};  // the match is a mention, not a title
          }
        }
        merged.push_back(e);
      }
      for (const auto& hit : hits) {
        Entity e;
        e.token_begin = hit.begin;
        e.token_end = hit.end;
        e.span = ByteSpan{doc->tokens[e.token_begin].begin, doc->tokens[e.token_end - 1].end};
        e.label = label_id(patterns->pattern(hit.pattern).label);
        e.pattern = static_cast<int32_t>(hit.pattern);
        merged.push_back(e);
      }
      std::sort(merged.begin(), merged.end(),
                [](const Entity& a, const Entity& b) { return a.token_begin < b.token_begin; });
      doc->entities.resize(first_entity);
      doc->entities.insert(doc->entities.end(), merged.begin(), merged.end());
    }
  }
}

}  // namespace presslens
