// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/entities.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "presslens/hash.h"

namespace presslens {

absl::StatusOr<EntityPatterns> EntityPatterns::Build(std::vector<EntityPattern> patterns,
                                                     const Tokenizer& tokenizer) {
  EntityPatterns out;
  std::vector<Token> tokens;
  std::vector<uint64_t> keys;
  for (uint32_t i = 0; i < patterns.size(); ++i) {
    const EntityPattern& p = patterns[i];
    if (p.label.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("entity pattern ", i, " has no label"));
    }
    // The label and canonical name reach Python as str: all three must be text.
    for (const auto& [field, value] :
         {std::pair<const char*, const std::string*>{"pattern", &p.phrase},
          {"label", &p.label}, {"canonical", &p.canonical}}) {
      if (absl::Status s = ValidateUtf8(*value); !s.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("entity pattern ", i, ": ", field, ": ", s.message()));
      }
    }
    tokens.clear();
    tokenizer.Tokenize(p.phrase, ByteSpan{0, static_cast<uint32_t>(p.phrase.size())}, &tokens);
    if (tokens.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("entity pattern ", i, " has an empty phrase"));
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
  // Longest first at each start; an exact pattern wins a tie over a folded one.
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.begin != b.begin ? a.begin < b.begin : (a.end - a.begin) > (b.end - b.begin);
  });
  uint32_t covered = begin;
  for (const Hit& h : hits) {
    if (h.begin < covered) continue;
    out->push_back(h);
    covered = h.end;
  }
}

struct EntityRecognizer::TypeCache {
  absl::flat_hash_map<uint64_t, uint32_t> index;  // exact-word hash -> type
  std::vector<FeatureExtractor::WordKeys> keys;
  std::vector<float> roles;  // per type: kNumRoles × num_tags
};

void EntityRecognizer::AddType(TypeCache* cache, std::string_view word) const {
  using FX = FeatureExtractor;
  const int k = model_->num_tags();
  cache->keys.push_back(FX::Keys(word));
  const size_t base = cache->roles.size();
  cache->roles.resize(base + FX::kNumRoles * k, 0.0f);
  for (int r = 0; r < FX::kNumRoles; ++r) {
    model_->AddRoleVector(cache->keys.back(), static_cast<FX::Role>(r), &cache->roles[base + r * k]);
  }
  // The bias applies to every token: fold it into the word's own role.
  const uint64_t bias = FX::BiasFeature();
  model_->AddFeatures(absl::Span<const uint64_t>(&bias, 1), &cache->roles[base]);
}

EntityRecognizer::EntityRecognizer(const NerModel* model, const Gazetteer* gazetteer,
                                   absl::flat_hash_set<std::string> titles,
                                   absl::flat_hash_set<std::string> common_words,
                                   const absl::flat_hash_set<std::string>& vocabulary)
    : model_(model), extractor_(gazetteer), titles_(std::move(titles)),
      common_(std::move(common_words)) {
  for (size_t i = 0; i < model_->labels().size(); ++i) {
    if (model_->labels()[i] == "PERSON") person_ = static_cast<int>(i);
    if (model_->labels()[i] == "MONEY") money_ = static_cast<int>(i);
    if (model_->labels()[i] == "PERCENT") percent_ = static_cast<int>(i);
  }
  const int k = model_->num_tags();
  using FX = FeatureExtractor;
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
  for (int t = 0; t < n; ++t) {
    float* row = &emissions[static_cast<size_t>(t) * k];
    const float* v[5] = {role(t, FX::kSelf), role(t - 1, FX::kPrev), role(t + 1, FX::kNext),
                         role(t - 2, FX::kPrev2), role(t + 2, FX::kNext2)};
    if (t >= 2 && t + 1 < n && v[0] == role(t - 1, FX::kSelf) && v[1] == role(t - 2, FX::kPrev) &&
        v[2] == role(t, FX::kNext) && v[3] == role(t - 3, FX::kPrev2) &&
        v[4] == role(t + 1, FX::kNext2) && same(t - 2, t - 1) && same(t - 1, t) && same(t, t + 1)) {
      std::copy(row - k, row, row);
      continue;
    }
    for (int y = 0; y < k; ++y) row[y] = v[0][y] + v[1][y] + v[2][y] + v[3][y] + v[4][y];
    context.clear();
    FX::ContextFeatures(keys, gaz_b, gaz_i, t, &context, /*bias=*/false);
    model_->AddFeatures(context, row);
  }
  model_->Decode(emissions, n, tags);
}

void EntityRecognizer::Trim(const Document& doc, uint32_t floor, uint32_t limit,
                            Entity* e) const {
  const std::string_view text = doc.text;
  auto word = [&](uint32_t t) { return doc.tokens[t].In(text); };
  // Leading articles: "the New York Times" -> "New York Times".
  while (e->token_end - e->token_begin > 1) {
    const std::string norm = FeatureExtractor::Normalize(word(e->token_begin));
    if (norm != "the") break;
    ++e->token_begin;
  }
  if (e->label == person_) {
    const uint32_t first = e->token_begin;
    while (e->token_end - e->token_begin > 1 &&
           titles_.contains(AsAbsl(FeatureExtractor::Normalize(word(e->token_begin))))) {
      ++e->token_begin;
    }
    if (e->token_begin > first) {
      e->title = ByteSpan{doc.tokens[first].begin, doc.tokens[e->token_begin - 1].end};
    } else {
      // The tagger usually leaves the title out already ("President |
      // Nicolas Maduro"); it is still the person's title.
      uint32_t t = e->token_begin;
      while (t > floor && e->token_begin - t < 3 && !doc.tokens[t].has(kFlagBracket) &&
             titles_.contains(AsAbsl(FeatureExtractor::Normalize(word(t - 1))))) {
        --t;
      }
      if (t < e->token_begin) {
        e->title = ByteSpan{doc.tokens[t].begin, doc.tokens[e->token_begin - 1].end};
      }
    }
  }
  // A mention never spans a bracket: "[Vladimir] Putin" -> "Putin" (the
  // editor's insertion is not part of the name as written).
  for (uint32_t t = e->token_end; t-- > e->token_begin;) {
    if (doc.tokens[t].has(kFlagBracket)) {
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
  // Amounts keep their currency sign and unit, which taggers trained on
  // split tokens often leave out: "$ 2.4 bn" -> "$2.4bn", "10 %" -> "10%".
  if (e->label == money_ || e->label == percent_) {
    const auto& toks = doc.tokens;
    if (e->label == money_ && e->token_begin > floor) {
      const Token& before = toks[e->token_begin - 1];
      const Token& first = toks[e->token_begin];
      if (before.kind == TokenKind::kSymbol && !first.has(kFlagSpaceBefore) &&
          !before.has(kFlagUrl | kFlagEmail)) {
        --e->token_begin;
      }
    }
    while (e->token_end < limit) {
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
        if (e->token_end < limit &&
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
    const Token& last = doc.tokens[e->token_end - 1];
    if (last.has(kFlagClitic) || last.kind == TokenKind::kPunct) {
      --e->token_end;
    } else {
      break;
    }
  }
  e->span = ByteSpan{doc.tokens[e->token_begin].begin, doc.tokens[e->token_end - 1].end};
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
  // there is one (sentences of news copy are far shorter).
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
  for (const Segment& s : windows) {
    // A mention left with only punctuation is dropped below whatever the
    // tags, so a sentence of nothing else (a storm of quote marks) need not
    // be tagged: the result is the same, at a fraction of the cost.
    bool content = false;
    for (uint32_t t = s.token_begin; t < s.token_end && !content; ++t) {
      content = doc->tokens[t].kind != TokenKind::kPunct;
    }
    const uint32_t n = content ? s.token_end - s.token_begin : 0;
    if (content) TagSentence(text, doc->tokens, s, &cache, &tags);
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
      // The clitic rule above keeps "’s" out; a lone clitic or mark is no entity.
      Entity e;
      e.token_begin = s.token_begin + t;
      e.token_end = s.token_begin + end;
      e.label = static_cast<uint16_t>(label);
      // Units, titles and currency signs join a mention only from the
      // untagged tokens around it in its sentence: "$5\nmillion" is two
      // lines, and in "John S$110" the $ ended the person before the amount.
      uint32_t limit = end;
      while (limit < n && tags[limit] == 0) ++limit;
      const uint32_t floor =
          doc->entities.size() > first_entity ? doc->entities.back().token_end : s.token_begin;
      Trim(*doc, floor, s.token_begin + limit, &e);
      if (e.token_end == e.token_begin) {
        t = end;
        continue;
      }
      const Token& only = doc->tokens[e.token_begin];
      if (!(e.token_end - e.token_begin == 1 &&
            (only.has(kFlagClitic) || only.kind == TokenKind::kPunct))) {
        doc->entities.push_back(e);
      }
      t = end;
    }
    if (patterns != nullptr && patterns->size() > 0) {
      hits.clear();
      patterns->Match(text, doc->tokens, s.token_begin, s.token_end, &hits);
      if (hits.empty()) continue;
      std::vector<Entity> merged;
      // Mentions and hits are both in order and apart, so one pass finds
      // the hit each mention may overlap (testing every pair was quadratic
      // in a long sentence).
      size_t h = 0;
      for (size_t i = first_entity; i < doc->entities.size(); ++i) {
        const Entity& e = doc->entities[i];
        while (h < hits.size() && hits[h].end <= e.token_begin) ++h;
        const bool overlaps = h < hits.size() && hits[h].begin < e.token_end;
        if (!overlaps) merged.push_back(e);
      }
      for (h = 0; h < hits.size(); ++h) {
        Entity e;
        e.token_begin = hits[h].begin;
        e.token_end = hits[h].end;
        e.span = ByteSpan{doc->tokens[e.token_begin].begin, doc->tokens[e.token_end - 1].end};
        e.label = label_id(patterns->pattern(hits[h].pattern).label);
        e.pattern = static_cast<int32_t>(hits[h].pattern);
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
