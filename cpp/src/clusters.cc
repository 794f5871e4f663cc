// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/clusters.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "presslens/entities.h"
#include "presslens/resources.h"

namespace presslens {
namespace {

std::vector<std::string> Words(std::string_view key) {
  return absl::StrSplit(AsAbsl(key), ' ', absl::SkipEmpty());
}

// min(Words(key).size(), 2), without building the words.
int WordCountUpTo2(std::string_view key) {
  int count = 0;
  bool in_word = false;
  for (const char c : key) {
    if (c == ' ') {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      if (++count == 2) break;
    }
  }
  return count;
}

// Words(key).back() when Words(key) has more than one word, else empty;
// without building the words.
std::string_view LastOfSeveralWords(std::string_view key) {
  size_t end = key.size();
  while (end > 0 && key[end - 1] == ' ') --end;
  const size_t space = key.rfind(' ', end == 0 ? 0 : end - 1);
  if (end == 0 || space == std::string_view::npos) return {};
  // Another word before the last one?
  if (key.substr(0, space).find_first_not_of(' ') == std::string_view::npos) return {};
  return key.substr(space + 1, end - space - 1);
}

// True if `s` is its words joined by single spaces: no tab or line break,
// no space at either end or next to another. Then StrJoin(StrSplit(s,
// ByAnyChar(" \t\r\n"), SkipEmpty()), " ") is `s` itself.
bool SingleSpaced(std::string_view s) {
  if (s.empty()) return true;
  if (s.front() == ' ' || s.back() == ' ') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\t' || c == '\r' || c == '\n') return false;
    if (c == ' ' && s[i + 1] == ' ') return false;  // s.back() is not a space
  }
  return true;
}

// Initials of the capitalised words: "New York Times" -> "NYT",
// "Organization of the Petroleum Exporting Countries" -> "OPEC".
std::string Initials(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    const unsigned char c = static_cast<unsigned char>(w[0]);
    if (absl::ascii_isupper(c)) out.push_back(static_cast<char>(c));
  }
  return out;
}

bool IsAcronym(std::string_view s) {
  if (s.size() < 2 || s.size() > 8) return false;
  int upper = 0;
  for (unsigned char c : s) {
    if (absl::ascii_isupper(c)) {
      ++upper;
    } else if (c != '.' && c != '&') {
      return false;
    }
  }
  return upper >= 2;
}

std::string StripDots(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != '.') out.push_back(c);
  }
  return out;
}

}  // namespace

std::string EntityClusterer::Key(std::string_view name) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    // ’ (E2 80 99) -> '
    if (c == 0xE2 && i + 2 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0x80 &&
        static_cast<unsigned char>(name[i + 2]) == 0x99) {
      out.push_back('\'');
      i += 2;
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

absl::StatusOr<EntityClusterer> EntityClusterer::Load(const std::string& aliases_path) {
  auto rows = ReadTable(aliases_path, 2);
  if (!rows.ok()) return rows.status();
  EntityClusterer c;
  for (const auto& row : *rows) c.aliases_[Key(row[0])] = row[1];
  return c;
}

void EntityClusterer::Cluster(Document* doc) const {
  doc->clusters.clear();
  const std::string_view text = doc->text;
  const size_t n = doc->entities.size();
  std::vector<std::string> keys(n);
  std::vector<std::string> shown(n);  // the name as written (or as the alias table gives it)
  for (size_t i = 0; i < n; ++i) {
    const Entity& ent = doc->entities[i];
    if (ent.pattern >= 0 && doc->patterns != nullptr &&
        !doc->patterns->pattern(ent.pattern).canonical.empty()) {
      keys[i] = doc->patterns->pattern(ent.pattern).canonical;
      shown[i] = keys[i];
      continue;
    }
    std::string k = Key(ent.span.In(text));
    auto it = aliases_.find(k);
    keys[i] = it != aliases_.end() ? it->second : k;
    if (it != aliases_.end()) {
      shown[i] = it->second;
    } else {
      // Same spacing as the key, but the writer's own apostrophes.
      const std::string_view written = ent.span.In(text);
      if (SingleSpaced(written)) {
        shown[i] = std::string(written);  // what the join below would give
      } else {
        shown[i] = std::string(absl::StrJoin(
            absl::StrSplit(AsAbsl(written), absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " "));
      }
    }
  }
  // One sense per document: a lone word that is the last name of a person
  // named in full elsewhere is that person ("Moncada said", after "Samuel
  // Moncada") when the tagger, out of context, called it an organisation or
  // the like. Places keep their label: Washington the city is not George
  // Washington.
  int person = -1;
  absl::flat_hash_set<uint16_t> relabel;
  for (size_t l = 0; l < doc->entity_labels.size(); ++l) {
    const std::string& name = doc->entity_labels[l];
    if (name == "PERSON") person = static_cast<int>(l);
    if (name == "ORG" || name == "EVENT" || name == "LAW") relabel.insert(static_cast<uint16_t>(l));
  }
  if (person >= 0) {
    absl::flat_hash_set<std::string> last_names;
    for (size_t i = 0; i < n; ++i) {
      if (doc->entities[i].label != person) continue;
      const std::string_view last = LastOfSeveralWords(keys[i]);
      if (!last.empty()) last_names.insert(std::string(last));
    }
    for (size_t i = 0; i < n; ++i) {
      Entity& e = doc->entities[i];
      if (relabel.contains(e.label) && e.pattern < 0 && keys[i].find(' ') == std::string::npos &&
          last_names.contains(keys[i])) {
        e.label = static_cast<uint16_t>(person);
      }
    }
  }
  // Longer names first, so that "Maduro" finds "Nicolas Maduro" and "NYT"
  // finds "New York Times" wherever they occur in the text.
  std::vector<uint32_t> order(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = i;
  std::vector<uint32_t> length(n);
  for (uint32_t i = 0; i < n; ++i) {
    length[i] = 1 + static_cast<uint32_t>(std::count(keys[i].begin(), keys[i].end(), ' '));
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return length[a] > length[b]; });
  absl::flat_hash_map<std::string, uint32_t> by_name;     // label|key -> cluster
  absl::flat_hash_map<std::string, int64_t> by_part;      // label|last name or acronym -> cluster, -1 if ambiguous
  auto label_key = [&](uint16_t label, std::string_view k) {
    return absl::StrCat(label, "|", AsAbsl(k));
  };
  for (uint32_t i : order) {
    Entity& e = doc->entities[i];
    const std::string& key = keys[i];
    // Case does not separate names: "MERIDIAN SHIPPING" is "Meridian Shipping".
    const std::string lk = label_key(e.label, absl::AsciiStrToLower(AsAbsl(key)));
    int64_t cluster = -1;
    if (auto it = by_name.find(lk); it != by_name.end()) {
      cluster = it->second;
    } else {
      std::string part;
      if (WordCountUpTo2(key) == 1) {
        part = IsAcronym(key) ? "A|" + StripDots(key) : "W|" + absl::AsciiStrToLower(AsAbsl(key));
      }
      if (!part.empty()) {
        auto pit = by_part.find(label_key(e.label, part));
        if (pit != by_part.end() && pit->second >= 0) cluster = pit->second;
      }
    }
    if (cluster < 0) {
      cluster = static_cast<int64_t>(doc->clusters.size());
      EntityCluster c;
      c.label = e.label;
      c.canonical = shown[i];
      doc->clusters.push_back(std::move(c));
      // Register what a shorter mention of this name may look like.
      const std::vector<std::string> words = Words(key);
      if (words.size() > 1) {
        // People are called by their last name ("Maduro"); places and
        // bodies are not called by their last word ("Mexico" is not "New
        // Mexico"), but organisations are by their initials ("NYT").
        std::vector<std::string> parts;
        if (doc->entity_labels[e.label] == "PERSON") {
          parts.push_back("W|" + absl::AsciiStrToLower(AsAbsl(words.back())));
        } else {
          parts.push_back("A|" + Initials(words));
        }
        for (const auto& part : parts) {
          auto [pit, inserted] = by_part.try_emplace(label_key(e.label, part), cluster);
          if (!inserted && pit->second != cluster) pit->second = -1;  // two Smiths
        }
      }
    }
    by_name.try_emplace(lk, static_cast<uint32_t>(cluster));
    e.cluster = static_cast<int32_t>(cluster);
  }
  for (uint32_t i = 0; i < n; ++i) {
    doc->clusters[doc->entities[i].cluster].mentions.push_back(i);
  }
  // Clusters in order of first mention.
  std::vector<uint32_t> first(doc->clusters.size());
  std::vector<uint32_t> rank(doc->clusters.size());
  for (uint32_t c = 0; c < doc->clusters.size(); ++c) first[c] = c;
  std::sort(first.begin(), first.end(), [&](uint32_t a, uint32_t b) {
    return doc->clusters[a].mentions.front() < doc->clusters[b].mentions.front();
  });
  std::vector<EntityCluster> sorted;
  sorted.reserve(first.size());
  for (uint32_t r = 0; r < first.size(); ++r) {
    rank[first[r]] = r;
    sorted.push_back(std::move(doc->clusters[first[r]]));
  }
  doc->clusters = std::move(sorted);
  for (Entity& e : doc->entities) e.cluster = static_cast<int32_t>(rank[e.cluster]);
}

}  // namespace presslens
