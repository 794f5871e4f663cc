// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/ner.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

#include "absl/strings/str_cat.h"
#include "presslens/hash.h"
#include "presslens/resources.h"
#include "presslens/text.h"

namespace presslens {
namespace {

// Feature templates. Changing one changes every feature hash: bump
// NerModel::kFormatVersion and retrain.
enum Template : uint64_t {
  kBias = 1, kWord, kWordPrev, kWordNext, kWordPrev2, kWordNext2, kShape,
  kShapePrevCur, kShapeCurNext, kPrefix2, kSuffix3, kSuffix4, kWordPair,
  kWordPairNext, kExact, kFirstShape, kGazB, kGazI, kGazPrev, kGazNext,
  kShapePrev, kShapeNext, kLen, kExactPrev, kExactNext, kTitlePrev,
  kCluster, kClusterPrev, kClusterNext, kClusterPrev2, kClusterNext2,
};

constexpr uint64_t T(Template t) { return static_cast<uint64_t>(t) * 0x9E3779B97F4A7C15ULL; }

// Cuts `s` after `n` code points (or before the last n) without splitting one.
std::string_view PrefixCodepoints(std::string_view s, int n) {
  int32_t i = 0;
  const int32_t len = static_cast<int32_t>(s.size());
  for (int k = 0; k < n && i < len; ++k) U8_FWD_1(reinterpret_cast<const uint8_t*>(s.data()), i, len);
  return s.substr(0, i);
}

std::string_view SuffixCodepoints(std::string_view s, int n) {
  int32_t i = static_cast<int32_t>(s.size());
  for (int k = 0; k < n && i > 0; ++k) U8_BACK_1(reinterpret_cast<const uint8_t*>(s.data()), 0, i);
  return s.substr(i);
}

int CodepointCount(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

void WordClusters::Add(std::string_view word, const Ids& ids) {
  ids_[HashBytes(FeatureExtractor::Normalize(word))] = ids;
  for (int level = 0; level < kLevels; ++level) {
    num_ids_[level] = std::max(num_ids_[level], ids[level] + 1);
  }
}

absl::StatusOr<WordClusters> WordClusters::Load(const std::string& path) {
  absl::StatusOr<std::string> file = ReadFile(path);
  if (!file.ok()) return file.status();
  WordClusters out;
  std::string_view rest = *file;
  int line_no = 0;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto bad = [&] {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", line_no, ": expected word and ", kLevels, " cluster ids (0-65534), TAB-separated"));
    };
    size_t tab = line.find('\t');
    if (tab == 0 || tab == std::string_view::npos) return bad();
    const std::string_view word = line.substr(0, tab);
    Ids ids;
    for (int level = 0; level < kLevels; ++level) {
      std::string_view field = line.substr(tab + 1);
      const size_t next = field.find('\t');
      if ((next == std::string_view::npos) != (level == kLevels - 1)) return bad();
      field = field.substr(0, next);
      tab += 1 + field.size();
      if (field.empty() || field.size() > 5) return bad();
      uint32_t v = 0;
      for (char c : field) {
        if (c < '0' || c > '9') return bad();
        v = v * 10 + static_cast<uint32_t>(c - '0');
      }
      if (v >= kNone) return bad();
      ids[level] = static_cast<uint16_t>(v);
    }
    out.Add(word, ids);
  }
  return out;
}

std::string FeatureExtractor::Normalize(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const int32_t n = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < n;) {
    if (s[i] < 0x80) {
      const char c = static_cast<char>(s[i]);
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT_OR_FFFD(s, i, n, c);
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC) {
      out.push_back('\'');
    } else if (c == 0x201C || c == 0x201D) {
      out.push_back('"');
    } else if (c >= 0x2010 && c <= 0x2015) {
      out.push_back('-');
    } else {
      c = u_tolower(c);
      char buf[4];
      int32_t len = 0;
      UBool error = false;
      U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
      (void)error;  // c is a valid code point, 4 bytes always suffice
      out.append(buf, len);
    }
  }
  return out;
}

std::string FeatureExtractor::Shape(std::string_view word) {
  std::string out;
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const int32_t n = static_cast<int32_t>(word.size());
  char last = 0;
  int run = 0;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT_OR_FFFD(s, i, n, c);
    char k;
    if (c < 0x80 && c >= 'A' && c <= 'Z') k = 'X';
    else if (c < 0x80 && c >= 'a' && c <= 'z') k = 'x';
    else if (c < 0x80 && c >= '0' && c <= '9') k = 'd';
    else if (c < 0x80) k = static_cast<char>(c);
    else if (u_isupper(c) || u_istitle(c)) k = 'X';
    else if (u_isalpha(c)) k = 'x';
    else if (u_isdigit(c)) k = 'd';
    else if (c == 0x2019 || c == 0x2018) k = '\'';
    else k = '*';
    run = k == last ? run + 1 : 1;
    last = k;
    if (run <= 2) out.push_back(k);
  }
  return out;
}

namespace {
constexpr uint64_t kStartKey = 0x5354415254ULL, kEndKey = 0x454E44ULL;

uint64_t F(Template tmpl, uint64_t value) { return HashCombine(T(tmpl), value); }
}  // namespace

FeatureExtractor::WordKeys FeatureExtractor::Keys(std::string_view word) {
  WordKeys k;
  const std::string norm = Normalize(word);
  k.norm = HashBytes(norm);
  k.shape = HashBytes(Shape(word));
  k.exact = HashBytes(word);
  k.prefix2 = HashBytes(PrefixCodepoints(norm, 2));
  k.suffix3 = HashBytes(SuffixCodepoints(norm, 3));
  k.suffix4 = HashBytes(SuffixCodepoints(norm, 4));
  k.len = std::min(CodepointCount(word), 8);
  return k;
}

FeatureExtractor::WordKeys FeatureExtractor::KeysOf(std::string_view word) const {
  WordKeys k = Keys(word);
  if (clusters_ != nullptr) {
    if (const WordClusters::Ids* ids = clusters_->Find(k.norm)) k.cluster = *ids;
  }
  return k;
}

FeatureExtractor::WordKeys FeatureExtractor::StartKeys() {
  WordKeys k;
  k.norm = k.shape = k.exact = kStartKey;
  return k;
}

FeatureExtractor::WordKeys FeatureExtractor::EndKeys() {
  WordKeys k;
  k.norm = k.shape = k.exact = kEndKey;
  return k;
}

int FeatureExtractor::ClusterLevels(Role role) {
  // The word and its next neighbours at every level; two places away only
  // the coarser ones.
  return role == kPrev2 || role == kNext2 ? 2 : WordClusters::kLevels;
}

uint64_t FeatureExtractor::ClusterFeature(Role role, int level, uint16_t id) {
  static constexpr Template kTemplates[kNumRoles] = {kCluster, kClusterPrev, kClusterNext,
                                                     kClusterPrev2, kClusterNext2};
  return F(kTemplates[role], (static_cast<uint64_t>(level) << 16) | id);
}

void FeatureExtractor::RoleFeatures(const WordKeys& k, Role role, std::vector<uint64_t>* out) {
  switch (role) {
    case kSelf:
      out->push_back(F(kWord, k.norm));
      out->push_back(F(kShape, k.shape));
      out->push_back(F(kPrefix2, k.prefix2));
      out->push_back(F(kSuffix3, k.suffix3));
      out->push_back(F(kSuffix4, k.suffix4));
      out->push_back(F(kExact, k.exact));
      out->push_back(F(kLen, k.len));
      break;
    case kPrev:
      out->push_back(F(kWordPrev, k.norm));
      out->push_back(F(kShapePrev, k.shape));
      out->push_back(F(kExactPrev, k.exact));
      break;
    case kNext:
      out->push_back(F(kWordNext, k.norm));
      out->push_back(F(kShapeNext, k.shape));
      out->push_back(F(kExactNext, k.exact));
      break;
    case kPrev2:
      out->push_back(F(kWordPrev2, k.norm));
      break;
    case kNext2:
      out->push_back(F(kWordNext2, k.norm));
      break;
    default:
      return;
  }
  for (int level = 0; level < ClusterLevels(role); ++level) {
    if (k.cluster[level] != WordClusters::kNone) {
      out->push_back(ClusterFeature(role, level, k.cluster[level]));
    }
  }
}

void FeatureExtractor::ContextFeatures(absl::Span<const WordKeys> keys,
                                       absl::Span<const uint32_t> gaz_b,
                                       absl::Span<const uint32_t> gaz_i, int t,
                                       std::vector<uint64_t>* out, bool bias) {
  const int n = static_cast<int>(keys.size());
  const WordKeys& cur = keys[t];
  const uint64_t prev_norm = t > 0 ? keys[t - 1].norm : kStartKey;
  const uint64_t prev_shape = t > 0 ? keys[t - 1].shape : kStartKey;
  const uint64_t next_norm = t + 1 < n ? keys[t + 1].norm : kEndKey;
  const uint64_t next_shape = t + 1 < n ? keys[t + 1].shape : kEndKey;
  if (bias) out->push_back(F(kBias, 0));
  out->push_back(F(kShapePrevCur, HashCombine(prev_shape, cur.shape)));
  out->push_back(F(kShapeCurNext, HashCombine(cur.shape, next_shape)));
  out->push_back(F(kWordPair, HashCombine(prev_norm, cur.norm)));
  out->push_back(F(kWordPairNext, HashCombine(cur.norm, next_norm)));
  if (t == 0) out->push_back(F(kFirstShape, cur.shape));
  const uint32_t near = (t > 0 ? gaz_b[t - 1] | gaz_i[t - 1] : 0) |
                        (t + 1 < n ? gaz_b[t + 1] | gaz_i[t + 1] : 0) | gaz_b[t] | gaz_i[t];
  if (near != 0) {
    for (int c = 0; c < kGazNumCategories; ++c) {
      const uint32_t bit = 1u << c;
      if (gaz_b[t] & bit) out->push_back(F(kGazB, c));
      if (gaz_i[t] & bit) out->push_back(F(kGazI, c));
      if (t > 0 && ((gaz_b[t - 1] | gaz_i[t - 1]) & bit)) out->push_back(F(kGazPrev, c));
      if (t + 1 < n && ((gaz_b[t + 1] | gaz_i[t + 1]) & bit)) out->push_back(F(kGazNext, c));
    }
    if (t > 0 && (gaz_b[t - 1] & (1u << kGazTitle))) out->push_back(F(kTitlePrev, cur.shape));
  }
}

uint64_t FeatureExtractor::BiasFeature() { return F(kBias, 0); }

void FeatureExtractor::GazetteerBits(absl::Span<const WordKeys> keys, std::vector<uint32_t>* gaz_b,
                                     std::vector<uint32_t>* gaz_i) const {
  const size_t n = keys.size();
  gaz_b->assign(n, 0);
  gaz_i->assign(n, 0);
  if (gazetteer_ == nullptr) return;
  std::vector<uint64_t> exact(n);
  for (size_t t = 0; t < n; ++t) exact[t] = keys[t].exact;
  std::vector<Gazetteer::Match> matches;
  gazetteer_->FindAll(exact, &matches);
  for (const auto& m : matches) {
    (*gaz_b)[m.begin] |= m.categories;
    for (uint32_t t = m.begin + 1; t < m.end; ++t) (*gaz_i)[t] |= m.categories;
  }
}

void FeatureExtractor::Extract(absl::Span<const std::string_view> words,
                               std::vector<uint64_t>* feats,
                               std::vector<uint32_t>* offsets) const {
  const int n = static_cast<int>(words.size());
  feats->clear();
  offsets->assign(1, 0);
  if (n == 0) return;
  std::vector<WordKeys> keys(n);
  for (int t = 0; t < n; ++t) keys[t] = KeysOf(words[t]);
  std::vector<uint32_t> gaz_b, gaz_i;
  GazetteerBits(keys, &gaz_b, &gaz_i);
  const WordKeys start = StartKeys(), end = EndKeys();
  auto at = [&](int t) -> const WordKeys& { return t < 0 ? start : t >= n ? end : keys[t]; };
  feats->reserve(static_cast<size_t>(n) * 28);
  for (int t = 0; t < n; ++t) {
    RoleFeatures(keys[t], kSelf, feats);
    RoleFeatures(at(t - 1), kPrev, feats);
    RoleFeatures(at(t + 1), kNext, feats);
    RoleFeatures(at(t - 2), kPrev2, feats);
    RoleFeatures(at(t + 2), kNext2, feats);
    ContextFeatures(keys, gaz_b, gaz_i, t, feats);
    offsets->push_back(static_cast<uint32_t>(feats->size()));
  }
}

ViterbiTables::ViterbiTables(absl::Span<const float> transitions, int num_tags) : k(num_tags) {
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  for (int y = 0; y < k; ++y) {
    for (int p = 0; p <= k; ++p) {
      trans[y * (k + 1) + p] =
          BioTransitionAllowed(p, y) ? transitions[static_cast<size_t>(p) * k + y] : kNeg;
    }
  }
  for (int y = 0; y < k; ++y) {
    max_in[y] = kNeg;
    for (int p = 0; p < k; ++p) max_in[y] = std::max(max_in[y], trans[y * (k + 1) + p]);
  }
}

void Viterbi(absl::Span<const float> emissions, int n, int k,
             absl::Span<const float> transitions, absl::Span<const uint32_t> allowed,
             std::vector<uint8_t>* tags) {
  Viterbi(emissions, n, ViterbiTables(transitions, k), allowed, tags);
}

namespace {

// The forward pass of Viterbi over tokens 1..n-1 (row 0 is filled). With
// kConstrained, token t may only take the tags set in allowed[t]; without,
// the test is compiled out rather than made per tag.
template <bool kConstrained>
void ViterbiForward(const float* emissions, int n, const ViterbiTables& tables,
                    const uint32_t* allowed, float* score, uint8_t* back) {
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  const int k = tables.k;
  const float* trans = tables.trans;
  const float* max_in = tables.max_in;
  for (int t = 1; t < n; ++t) {
    const float* prev = &score[static_cast<size_t>(t - 1) * k];
    float* cur = &score[static_cast<size_t>(t) * k];
    const float* em = &emissions[static_cast<size_t>(t) * k];
    uint8_t* bp = &back[static_cast<size_t>(t) * k];
    const uint32_t ok = kConstrained ? allowed[t] : 0;
    auto set = [&](int y, float best, int arg) {
      cur[y] = (!kConstrained || ((ok >> y) & 1u) != 0) && best != kNeg ? best + em[y] : kNeg;
      bp[y] = static_cast<uint8_t>(arg);
    };
    // The two best predecessor scores (the first of equals leads; the
    // runner-up is the best of the others), in one pass: when the runner-up
    // plus the column's largest transition cannot reach what the leader
    // gives, the leader wins without looking further (the usual case: one
    // tag dominates).
    int lead = 0;
    float top = prev[0], second = kNeg;
    for (int p = 1; p < k; ++p) {
      const float v = prev[p];
      const bool gt = v > top;
      second = gt ? top : (v > second ? v : second);
      top = gt ? v : top;
      lead = gt ? p : lead;
    }
    // O (y = 0) and B-x (odd y) may follow any tag.
    auto any_before = [&](int y) {
      const float* tr = &trans[y * (k + 1)];
      const float via_lead = top + tr[lead];
      if (second + max_in[y] < via_lead) return set(y, via_lead, lead);
      float best = prev[0] + tr[0];
      int arg = 0;
      for (int p = 1; p < k; ++p) {
        const float s = prev[p] + tr[p];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      set(y, best, arg);
    };
    any_before(0);
    for (int y = 1; y < k; y += 2) {
      any_before(y);
      if (y + 1 == k) break;
      // I-x (y + 1) follows only B-x (y) or I-x (y + 1).
      const float* tr = &trans[(y + 1) * (k + 1)];
      const float from_b = prev[y] + tr[y];
      const float from_i = prev[y + 1] + tr[y + 1];
      set(y + 1, from_i > from_b ? from_i : from_b, from_i > from_b ? y + 1 : y);
    }
  }
}

}  // namespace

void Viterbi(absl::Span<const float> emissions, int n, const ViterbiTables& tables,
             absl::Span<const uint32_t> allowed, std::vector<uint8_t>* tags) {
  tags->assign(n, 0);
  if (n == 0) return;
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  const int k = tables.k;
  const float* trans = tables.trans;
  // Reused across calls: a document has thousands of sentences.
  thread_local std::vector<float> score;
  thread_local std::vector<uint8_t> back;
  score.resize(static_cast<size_t>(n) * k);
  back.resize(static_cast<size_t>(n) * k);  // every entry read is written first
  auto ok = [&](int t, int y) { return allowed.empty() || ((allowed[t] >> y) & 1u) != 0; };
  for (int y = 0; y < k; ++y) {
    score[y] = ok(0, y) ? trans[y * (k + 1) + k] + emissions[y] : kNeg;
  }
  if (allowed.empty()) {
    ViterbiForward<false>(emissions.data(), n, tables, nullptr, score.data(), back.data());
  } else {
    ViterbiForward<true>(emissions.data(), n, tables, allowed.data(), score.data(), back.data());
  }
  const float* last = &score[static_cast<size_t>(n - 1) * k];
  int y = 0;
  for (int c = 1; c < k; ++c) {
    if (last[c] > last[y]) y = c;
  }
  for (int t = n - 1; t >= 0; --t) {
    (*tags)[t] = static_cast<uint8_t>(y);
    y = back[static_cast<size_t>(t) * k + y];
  }
}

NerModel::NerModel(std::vector<std::string> labels, absl::flat_hash_map<uint64_t, uint32_t> index,
                   std::vector<float> weights, std::vector<float> transitions)
    : labels_(std::move(labels)),
      index_(std::move(index)),
      weights_(std::move(weights)),
      transitions_(std::move(transitions)),
      tables_(std::make_shared<const ViterbiTables>(transitions_, num_tags())) {}

void NerModel::AddFeatures(absl::Span<const uint64_t> feats, float* out) const {
  const int k = num_tags();
  for (uint64_t f : feats) {
    auto it = index_.find(f);
    if (it == index_.end()) continue;
    const float* w = &weights_[static_cast<size_t>(it->second) * k];
    for (int y = 0; y < k; ++y) out[y] += w[y];
  }
}

void NerModel::FindRows(absl::Span<const uint64_t> feats, const float** rows) const {
  const int k = num_tags();
  // The feature table and the weight rows span megabytes, and a sentence's
  // features land all over them: each lookup asks for the slots of the one
  // kAhead places on, and each row found for its cache lines, so that the
  // misses overlap instead of coming one after another.
  constexpr size_t kAhead = 8;
  const size_t n = feats.size();
  for (size_t i = 0; i < std::min(n, kAhead); ++i) index_.prefetch(feats[i]);
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) index_.prefetch(feats[i + kAhead]);
    auto it = index_.find(feats[i]);
    if (it == index_.end()) {
      rows[i] = nullptr;
      continue;
    }
    const float* w = &weights_[static_cast<size_t>(it->second) * k];
    __builtin_prefetch(w);
    __builtin_prefetch(w + k - 1);
    rows[i] = w;
  }
}

void NerModel::AddRoleVector(const FeatureExtractor::WordKeys& key, FeatureExtractor::Role role,
                             float* out) const {
  thread_local std::vector<uint64_t> feats;
  feats.clear();
  FeatureExtractor::RoleFeatures(key, role, &feats);
  AddFeatures(feats, out);
}

void NerModel::Emissions(absl::Span<const uint64_t> feats, absl::Span<const uint32_t> offsets,
                         std::vector<float>* emissions) const {
  const int k = num_tags();
  const int n = static_cast<int>(offsets.size()) - 1;
  emissions->assign(static_cast<size_t>(std::max(n, 0)) * k, 0.0f);
  for (int t = 0; t < n; ++t) {
    float* row = &(*emissions)[static_cast<size_t>(t) * k];
    for (uint32_t f = offsets[t]; f < offsets[t + 1]; ++f) {
      auto it = index_.find(feats[f]);
      if (it == index_.end()) continue;
      const float* w = &weights_[static_cast<size_t>(it->second) * k];
      for (int y = 0; y < k; ++y) row[y] += w[y];
    }
  }
}

void NerModel::Tag(absl::Span<const uint64_t> feats, absl::Span<const uint32_t> offsets,
                   std::vector<uint8_t>* tags, std::vector<float>* scratch) const {
  Emissions(feats, offsets, scratch);
  Decode(*scratch, static_cast<int>(offsets.size()) - 1, tags);
}

void NerModel::Decode(absl::Span<const float> emissions, int n, std::vector<uint8_t>* tags) const {
  if (tables_ == nullptr) {  // a default-constructed model has no labels
    tags->assign(n, 0);
    return;
  }
  Viterbi(emissions, n, *tables_, {}, tags);
}

// File layout (little-endian): "PLNER\0\0\0", u32 version, u32 label count,
// labels as (u32 length, bytes), u32 tag count, u64 feature count, f32 scale,
// then per feature its u64 hash and num_tags i16 weights (times scale), then
// (num_tags + 1) × num_tags f32 transitions. Weights are quantised to 16 bits:
// the model is a quarter of its float size and tags the same sentences.
absl::Status NerModel::Save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return absl::NotFoundError(absl::StrCat("cannot write ", path));
  auto put = [&](const void* p, size_t n) { out.write(static_cast<const char*>(p), n); };
  auto put32 = [&](uint32_t v) { put(&v, 4); };
  put("PLNER\0\0\0", 8);
  put32(kFormatVersion);
  put32(static_cast<uint32_t>(labels_.size()));
  for (const auto& l : labels_) {
    put32(static_cast<uint32_t>(l.size()));
    put(l.data(), l.size());
  }
  const int k = num_tags();
  put32(static_cast<uint32_t>(k));
  const uint64_t count = index_.size();
  put(&count, 8);
  float max_abs = 0;
  for (float w : weights_) max_abs = std::max(max_abs, std::fabs(w));
  const float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  put(&scale, 4);
  // Sorted by hash so that the same model always gives the same bytes.
  std::vector<std::pair<uint64_t, uint32_t>> rows(index_.begin(), index_.end());
  std::sort(rows.begin(), rows.end());
  std::vector<int16_t> q(k);
  for (const auto& [hash, row] : rows) {
    put(&hash, 8);
    for (int y = 0; y < k; ++y) {
      q[y] = static_cast<int16_t>(std::lround(weights_[static_cast<size_t>(row) * k + y] / scale));
    }
    put(q.data(), q.size() * 2);
  }
  put(transitions_.data(), transitions_.size() * 4);
  out.flush();
  if (!out) return absl::DataLossError(absl::StrCat("error writing ", path));
  return absl::OkStatus();
}

absl::StatusOr<NerModel> NerModel::Load(const std::string& path) {
  // One read of the whole file, then parsing from memory: a stream read per
  // feature made loading the slowest part of start-up.
  absl::StatusOr<std::string> file = ReadFile(path);
  if (!file.ok()) {
    if (absl::IsNotFound(file.status())) {
      return absl::NotFoundError(absl::StrCat("NER model not found: ", path));
    }
    return file.status();
  }
  const std::string& data = *file;
  size_t pos = 0;
  auto bad = [&](std::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, " is not a valid presslens NER model (", AsAbsl(what), "): retrain it with `make model`"));
  };
  auto get = [&](void* p, size_t n) {
    if (data.size() - pos < n) return false;
    std::memcpy(p, data.data() + pos, n);
    pos += n;
    return true;
  };
  char magic[8];
  if (!get(magic, 8) || std::memcmp(magic, "PLNER\0\0\0", 8) != 0) return bad("bad magic");
  uint32_t version = 0, nlabels = 0, k = 0;
  if (!get(&version, 4)) return bad("truncated header");
  if (version != kFormatVersion) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, " is NER model format version ", version, ", this presslens reads version ",
        kFormatVersion, ": run `make model` to retrain it"));
  }
  if (!get(&nlabels, 4) || nlabels == 0 || nlabels > (kMaxNerTags - 1) / 2) return bad("label count");
  std::vector<std::string> labels(nlabels);
  for (auto& l : labels) {
    uint32_t len = 0;
    if (!get(&len, 4) || len == 0 || len > 64) return bad("label");
    l.resize(len);
    if (!get(l.data(), len)) return bad("label");
  }
  if (!get(&k, 4) || k != 1 + 2 * nlabels) return bad("tag count");
  uint64_t count = 0;
  float scale = 0;
  if (!get(&count, 8) || count > (1ULL << 32) || !get(&scale, 4) || !(scale > 0)) return bad("sizes");
  // A damaged count must not make us allocate more than the file can hold.
  if (count * (8 + 2ULL * k) > data.size() - pos) return bad("feature count larger than the file");
  absl::flat_hash_map<uint64_t, uint32_t> index;
  index.reserve(count);
  std::vector<float> weights(count * k);
  int16_t q[kMaxNerTags];
  for (uint64_t r = 0; r < count; ++r) {
    uint64_t hash;
    if (!get(&hash, 8) || !get(q, static_cast<size_t>(k) * 2)) return bad("truncated weights");
    index.emplace(hash, static_cast<uint32_t>(r));
    for (uint32_t y = 0; y < k; ++y) weights[r * k + y] = q[y] * scale;
  }
  std::vector<float> transitions(static_cast<size_t>(k + 1) * k);
  if (!get(transitions.data(), transitions.size() * 4)) return bad("truncated transitions");
  return NerModel(std::move(labels), std::move(index), std::move(weights), std::move(transitions));
}

}  // namespace presslens
