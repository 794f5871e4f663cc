// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// gazetteer_marisa: the gazetteer as presslens stores it (a trie of token
// hashes in a hash map) against the same phrases in a marisa-trie
// (libmarisa-dev): memory, size on disk and the time to find every phrase
// starting at every token of news text. A measurement for the README's
// dependency section; built only with -DPRESSLENS_BUILD_BENCH=ON when
// libmarisa is installed, and no part of the library.
//
//   gazetteer_marisa MODEL_DIR TEXT.jsonl [ARTICLES]

#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <marisa.h>

#include "presslens/gazetteer.h"
#include "presslens/pipeline.h"
#include "presslens/resources.h"
#include "presslens/tokenize.h"

namespace {

using presslens::ByteSpan;
using presslens::Token;

constexpr char kSep = '\x1f';  // between tokens of a marisa key

size_t HeapInUse() { return mallinfo2().uordblks; }

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The "text" field of one JSONL line, with the escapes news text uses.
std::string TextField(const std::string& line) {
  const size_t k = line.find("\"text\": \"");
  if (k == std::string::npos) return "";
  std::string out;
  for (size_t i = k + 9; i < line.size() && line[i] != '"'; ++i) {
    if (line[i] != '\\') {
      out.push_back(line[i]);
      continue;
    }
    const char c = line[++i];
    if (c == 'n') out.push_back('\n');
    else if (c == 'u') {
      out.push_back(' ');  // code point width does not matter here
      i += 4;
    } else out.push_back(c);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s MODEL_DIR TEXT.jsonl [ARTICLES]\n", argv[0]);
    return 2;
  }
  const std::string dir = std::string(argv[1]) + "/";
  const int articles = argc > 3 ? std::atoi(argv[3]) : 2000;
  auto pipeline = presslens::Pipeline::Load(argv[1]);
  if (!pipeline.ok()) return 1;
  const presslens::Tokenizer& tok = (*pipeline)->tokenizer();

  // Ours: loaded from the file as the pipeline does.
  size_t before = HeapInUse();
  auto t0 = std::chrono::steady_clock::now();
  auto gaz = presslens::LoadGazetteer(dir + "gazetteer.tsv", tok);
  const double our_load = Seconds(t0);
  const size_t our_bytes = HeapInUse() - before;
  if (!gaz.ok()) return 1;

  // marisa: the same phrases, tokenized the same way, tokens joined by kSep
  // and ended by one, so that a prefix match ends at a token boundary.
  auto rows = presslens::ReadTable(dir + "gazetteer.tsv", 2);
  const auto& names = presslens::GazetteerCategoryNames();
  marisa::Keyset keyset;
  std::vector<std::pair<std::string, int>> keyed;
  std::vector<Token> toks;
  for (const auto& row : *rows) {
    int cat = 0;
    while (cat < static_cast<int>(names.size()) && names[cat] != row[1]) ++cat;
    toks.clear();
    tok.Tokenize(row[0], ByteSpan{0, static_cast<uint32_t>(row[0].size())}, &toks);
    std::string key;
    for (const Token& t : toks) key.append(t.In(row[0])).push_back(kSep);
    keyset.push_back(key.data(), key.size());
    keyed.emplace_back(key, cat);
  }
  before = HeapInUse();
  t0 = std::chrono::steady_clock::now();
  marisa::Trie trie;
  trie.build(keyset);
  std::vector<uint32_t> cats(trie.num_keys(), 0);
  marisa::Agent agent;
  for (const auto& [key, cat] : keyed) {
    agent.set_query(key.data(), key.size());
    trie.lookup(agent);
    cats[agent.key().id()] |= 1u << cat;
  }
  const double marisa_build = Seconds(t0);
  const size_t marisa_bytes = HeapInUse() - before;
  trie.save("/tmp/presslens_gazetteer.marisa");
  std::ifstream saved("/tmp/presslens_gazetteer.marisa", std::ios::binary | std::ios::ate);
  const long marisa_disk = static_cast<long>(saved.tellg());
  t0 = std::chrono::steady_clock::now();
  marisa::Trie loaded;
  loaded.load("/tmp/presslens_gazetteer.marisa");
  const double marisa_load = Seconds(t0);

  // Text: the first ARTICLES articles, tokenized; sentences do not matter
  // for lookup cost, so each paragraph is one run of tokens.
  std::ifstream in(argv[2]);
  std::vector<std::string> paras;
  std::string line;
  for (int a = 0; a < articles && std::getline(in, line); ++a) {
    std::string text = TextField(line);
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      paras.push_back(text.substr(start, nl - start));
      start = nl + 1;
    }
  }
  std::vector<std::vector<std::string>> words(paras.size());
  size_t ntok = 0;
  for (size_t p = 0; p < paras.size(); ++p) {
    toks.clear();
    tok.Tokenize(paras[p], ByteSpan{0, static_cast<uint32_t>(paras[p].size())}, &toks);
    for (const Token& t : toks) words[p].emplace_back(t.In(paras[p]));
    ntok += toks.size();
  }

  const int max_len = gaz->max_len();
  size_t our_matches = 0, marisa_matches = 0;
  double our_s = 1e9, marisa_s = 1e9;
  for (int rep = 0; rep < 3; ++rep) {
    our_matches = marisa_matches = 0;
    t0 = std::chrono::steady_clock::now();
    std::vector<uint64_t> keys;
    std::vector<presslens::Gazetteer::Match> matches;
    for (const auto& ws : words) {
      keys.clear();
      for (const std::string& w : ws) keys.push_back(presslens::Gazetteer::Key(w));
      matches.clear();
      gaz->FindAll(keys, &matches);
      our_matches += matches.size();
    }
    our_s = std::min(our_s, Seconds(t0));
    t0 = std::chrono::steady_clock::now();
    std::string query;
    for (const auto& ws : words) {
      for (size_t t = 0; t < ws.size(); ++t) {
        query.clear();
        for (size_t u = t; u < ws.size() && u < t + max_len; ++u) query.append(ws[u]).push_back(kSep);
        agent.set_query(query.data(), query.size());
        while (loaded.common_prefix_search(agent)) {
          // Only prefixes that end at a token boundary are phrases.
          if (agent.key().length() > 0 && agent.key().ptr()[agent.key().length() - 1] == kSep &&
              cats[agent.key().id()] != 0) {
            ++marisa_matches;
          }
        }
      }
    }
    marisa_s = std::min(marisa_s, Seconds(t0));
  }

  std::printf("phrases: %zu (%zu marisa keys); text: %zu tokens\n", gaz->num_phrases(),
              trie.num_keys(), ntok);
  std::printf("| | presslens Gazetteer | marisa-trie |\n|---|---:|---:|\n");
  std::printf("| heap after load | %.2f MB | %.2f MB (+ %.2f MB category bits) |\n", our_bytes / 1e6,
              loaded.io_size() / 1e6, cats.size() * 4 / 1e6);
  std::printf("| file | %.2f MB gazetteer.tsv (text) | %.2f MB trie |\n",
              static_cast<double>(std::ifstream(dir + "gazetteer.tsv", std::ios::ate).tellg()) / 1e6,
              marisa_disk / 1e6);
  std::printf("| load | %.3f s (tokenize + insert) | %.3f s (build %.3f s) |\n", our_load,
              marisa_load, marisa_build);
  std::printf("| all matches at every token | %.1f M tokens/s | %.1f M tokens/s |\n",
              ntok / our_s / 1e6, ntok / marisa_s / 1e6);
  std::printf("| matches found | %zu | %zu |\n", our_matches, marisa_matches);
  (void)marisa_bytes;
  return 0;
}
