// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/cues.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "presslens/hash.h"
#include "presslens/resources.h"
#include "presslens/text.h"
#include "presslens/word_table.h"

namespace presslens {

namespace {

// s == lit, with the length known at compile time: the comparison inlines
// instead of calling memcmp (these run for tokens and cues in every text).
template <size_t N>
bool Eq(std::string_view s, const char (&lit)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}

std::string Fold(std::string_view s) { return FoldCase(s); }

// How far back (tokens) a cue looks for its target within the sentence.
constexpr uint32_t kTargetReach = 60;

bool IsTargetLabel(std::string_view l) {
  return Eq(l, "PERSON") || Eq(l, "ORG") || Eq(l, "GPE") || Eq(l, "NORP");
}

// Categories that make a sentence read as opinion rather than report.
bool IsSubjective(std::string_view c) {
  return Eq(c, "loaded") || Eq(c, "evaluative") || Eq(c, "subjective") || Eq(c, "affect") ||
         Eq(c, "booster") || Eq(c, "hedge") || Eq(c, "intensifier") || Eq(c, "delegitimizing") ||
         Eq(c, "figurative") || Eq(c, "euphemism") || Eq(c, "scare_quote");
}

// Where a clause or an inserted phrase ends, for the targets of cues:
// punctuation inside a sentence, quotation marks, brackets, spaced dashes,
// the words that open a subordinate clause, and reporting-verb cues.
bool HardEdge(const Token& t, std::string_view folded, bool quote_cue) {
  return quote_cue || t.has(kFlagQuote) || Eq(folded, ";");
}

bool ClauseEdge(const Token& t, std::string_view folded, std::string_view text, bool quote_cue) {
  if (HardEdge(t, folded, quote_cue) || t.has(kFlagBracket)) return true;
  if (t.kind == TokenKind::kPunct) {
    if (t.has(kFlagDash)) return !Eq(t.In(text), "-") || t.has(kFlagSpaceBefore);
    return Eq(folded, ",") || Eq(folded, ":");
  }
  if (t.kind != TokenKind::kWord) return false;
  // The words that open a subordinate clause, by length (one comparison or
  // a few rather than sixteen).
  switch (folded.size()) {
    case 2:
      return Eq(folded, "if");
    case 3:
      return Eq(folded, "who") || Eq(folded, "but");
    case 4:
      return Eq(folded, "that") || Eq(folded, "whom") || Eq(folded, "when");
    case 5:
      return Eq(folded, "which") || Eq(folded, "whose") || Eq(folded, "while") ||
             Eq(folded, "since") || Eq(folded, "where");
    case 6:
      return Eq(folded, "though") || Eq(folded, "unless");
    case 7:
      return Eq(folded, "because") || Eq(folded, "whereas");
    case 8:
      return Eq(folded, "although");
    default:
      return false;
  }
}

// The closed word classes the use gates (cues.h) read around a match, as
// bits of one table: a word's classes are one lookup.
enum GateWord : uint8_t {
  // Determiners, possessives, quantifiers and prepositions, after which a
  // word is a noun or a noun modifier ("the lies", "his lies", "many lies",
  // "of lies"). Not "that" and "what" ("what lies ahead"), nor "to".
  kNounBefore = 1 << 0,
  // The infinitive "to", modals and negation, before the plain form of a
  // verb ("to torpedo the bill", "would gut the law", "did not slam").
  kBaseVerbBefore = 1 << 1,
  // Subject pronouns, before any form of a verb ("they slam", "it slams").
  kSubjectPronoun = 1 << 2,
  // Prepositions and adverbs of place and direction after a word ("lies in
  // ruins", "lying on the ground", "slammed into a wall").
  kPlaceAfter = 1 << 3,
  // Determiners and prepositions after which an assertive or factive verb
  // is a noun or a modifier ("the Venezuelan state", "a report", "by state
  // regulators"); "to" is left out, for "to state".
  kVerbCueAsNoun = 1 << 4,
};

const WordTable<uint8_t>& GateWords() {
  static const WordTable<uint8_t>* const words = new WordTable<uint8_t>({
      {kNounBefore, {"a", "an", "'s", "my", "no", "of", "in", "on", "at", "by", "the", "his",
          "her", "its", "our", "any", "few", "all", "for", "this", "your", "some",
          "such", "each", "many", "more", "most", "both", "from", "with", "into",
          "amid", "their", "these", "those", "every", "about", "whose", "fewer",
          "another", "several", "against", "without", "numerous"}},
      {kBaseVerbBefore, {"to", "do", "may", "can", "not", "n't", "did", "will", "must", "does",
          "would", "could", "might", "shall", "should"}},
      {kSubjectPronoun, {"i", "he", "we", "it", "she", "who", "they"}},
      {kVerbCueAsNoun, {"the", "a", "an", "its", "their", "by", "of", "in", "for", "from", "with",
          "on", "at"}},
      {kPlaceAfter, {"in", "on", "at", "up", "off", "low", "out", "near", "down", "into", "onto",
          "over", "amid", "atop", "east", "west", "here", "away", "back", "home",
          "under", "below", "above", "ahead", "along", "among", "north", "south",
          "there", "inside", "within", "beside", "behind", "across", "around",
          "nearby", "beneath", "between", "outside", "alongside", "underneath"}},
  });
  return *words;
}

uint8_t GateWordsOf(std::string_view w) { return GateWords().Of(w); }

// s ends in `suffix` after a stem of at least three letters ("blasted",
// not "red").
bool EndsAfterStem(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() + 2 && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

constexpr std::string_view kUseError =
    "' is not noun, verb or not_locative (several joined by commas; not noun and verb)";

bool CueLexicon::ParseUse(std::string_view s, uint8_t* use) {
  *use = kAnyUse;
  if (s.empty()) return true;
  for (absl::string_view part : absl::StrSplit(absl::string_view(s.data(), s.size()), ',')) {
    if (part == "noun") {
      *use |= kNounUse;
    } else if (part == "verb") {
      *use |= kVerbUse;
    } else if (part == "not_locative") {
      *use |= kNotLocative;
    } else {
      return false;
    }
  }
  return (*use & (kNounUse | kVerbUse)) != (kNounUse | kVerbUse);
}

uint16_t CueLexicon::CategoryId(std::string_view name) {
  for (size_t i = 0; i < categories_.size(); ++i) {
    if (categories_[i] == name) return static_cast<uint16_t>(i);
  }
  categories_.emplace_back(name);
  return static_cast<uint16_t>(categories_.size() - 1);
}

uint32_t CueLexicon::Insert(const std::vector<std::string>& lemmas) {
  uint32_t node = 0;
  for (const std::string& w : lemmas) {
    const auto key = std::make_pair(node, HashBytes(w));
    (node == 0 ? starts_ : inner_).Add(key.second);
    auto it = edges_.find(key);
    if (it == edges_.end()) {
      const auto next = static_cast<uint32_t>(entries_.size());
      entries_.emplace_back();
      it = edges_.emplace(key, next).first;
    }
    node = it->second;
  }
  max_len_ = std::max(max_len_, static_cast<int>(lemmas.size()));
  return node;
}

void CueLexicon::AddEntry(uint32_t node, Entry e) {
  if (gated_.size() <= node) gated_.resize(node + 1, 0);
  gated_[node] |= e.use != kAnyUse;
  for (Entry& old : entries_[node]) {
    if (old.category == e.category) {
      old = e;
      return;
    }
  }
  if (entries_[node].empty()) ++num_phrases_;
  entries_[node].push_back(e);
}

std::string CueLexicon::LemmaOf(std::string_view token) const {
  std::string f = Fold(token);
  auto it = lemmas_.find(f);
  return it == lemmas_.end() ? f : it->second;
}

absl::StatusOr<CueLexicon> CueLexicon::Load(const std::string& dir) {
  CueLexicon lex;
  const std::string base = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  std::vector<int> lines;
  auto lemma_rows = ReadTable(base + "lemmas.tsv", 2, &lines);
  if (!lemma_rows.ok()) return lemma_rows.status();
  for (const auto& row : *lemma_rows) lex.lemmas_[Fold(row[0])] = row[1];
  for (const auto& [form, lemma] : lex.lemmas_) {
    lex.lemma_keys_[form] = HashBytes(lemma);
    lex.forms_.Add(HashBytes(form));
  }

  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(base, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".tsv" && name != "lemmas.tsv") files.push_back(name);
  }
  if (ec) return absl::NotFoundError(absl::StrCat(base, ": ", ec.message()));
  std::sort(files.begin(), files.end());  // category ids do not depend on the file system
  for (const std::string& name : files) {
    const std::string path = base + name;
    lines.clear();
    auto rows = ReadTable(path, 4, &lines);
    if (!rows.ok()) return rows.status();
    for (size_t r = 0; r < rows->size(); ++r) {
      const auto& row = (*rows)[r];
      int polarity;
      if (row[2] == "-") {
        polarity = -1;
      } else if (row[2] == "0") {
        polarity = 0;
      } else if (row[2] == "+") {
        polarity = 1;
      } else {
        return absl::InvalidArgumentError(absl::StrCat(path, ":", lines[r], ": polarity '", row[2],
                                                       "' is not one of - 0 +"));
      }
      float strength;
      if (!absl::SimpleAtof(row[3], &strength) || !(strength > 0 && strength <= 1)) {
        return absl::InvalidArgumentError(absl::StrCat(path, ":", lines[r], ": strength '", row[3],
                                                       "' is not a number in (0, 1]"));
      }
      std::vector<std::string> words = absl::StrSplit(row[0], ' ', absl::SkipEmpty());
      if (words.empty() || row[1].empty()) {
        return absl::InvalidArgumentError(absl::StrCat(path, ":", lines[r], ": empty phrase or category"));
      }
      uint8_t use = kAnyUse;
      if (row.size() > 5 && !ParseUse(row[5], &use)) {
        return absl::InvalidArgumentError(absl::StrCat(
            path, ":", lines[r], ": use '", row[5], AsAbsl(kUseError)));
      }
      const uint16_t cat = lex.CategoryId(row[1]);
      lex.AddEntry(lex.Insert(words), Entry{cat, static_cast<int8_t>(polarity), use, strength});
    }
  }
  return lex;
}

absl::Status CueLexicon::Add(std::string_view phrase, std::string_view category, int polarity,
                             float strength, const Tokenizer& tokenizer, std::string_view use) {
  if (category.empty()) return absl::InvalidArgumentError("cue category is empty");
  if (polarity < -1 || polarity > 1) {
    return absl::InvalidArgumentError(absl::StrCat("cue polarity ", polarity, " is not -1, 0 or 1"));
  }
  if (!(strength > 0 && strength <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat("cue strength ", strength, " is not in (0, 1]"));
  }
  std::vector<Token> toks;
  tokenizer.Tokenize(phrase, ByteSpan{0, static_cast<uint32_t>(phrase.size())}, &toks);
  if (toks.empty()) return absl::InvalidArgumentError("cue phrase has no words");
  std::vector<std::string> lemmas;
  for (const Token& t : toks) lemmas.push_back(LemmaOf(t.In(phrase)));
  uint8_t use_bits;
  if (!ParseUse(use, &use_bits)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cue use '", AsAbsl(use), AsAbsl(kUseError)));
  }
  const Entry entry{CategoryId(category), static_cast<int8_t>(polarity), use_bits, strength};
  AddEntry(Insert(lemmas), entry);
  // The lemma table only knows the shipped words: a user's word also gets
  // its regular inflections (-s, -es, -ed, -ing), so "stooge" finds "stooges".
  const std::string last = lemmas.back();
  std::vector<std::string> forms = {last + "s", last + "es", last + "ed", last + "ing"};
  if (!last.empty() && last.back() == 'e') {
    forms.push_back(last + "d");
    forms.push_back(last.substr(0, last.size() - 1) + "ing");
  }
  if (!last.empty() && last.back() == 'y') {
    forms.push_back(last.substr(0, last.size() - 1) + "ies");
    forms.push_back(last.substr(0, last.size() - 1) + "ied");
  }
  for (const std::string& form : forms) {
    if (lemmas_.contains(form)) continue;  // the table knows better
    lemmas.back() = form;
    const uint32_t node = Insert(lemmas);
    if (entries_[node].empty()) AddEntry(node, entry);
  }
  return absl::OkStatus();
}

void CueLexicon::ClearCategory(std::string_view category) {
  for (size_t i = 0; i < categories_.size(); ++i) {
    if (categories_[i] != category) continue;
    for (auto& list : entries_) {
      const size_t before = list.size();
      list.erase(std::remove_if(list.begin(), list.end(),
                                [&](const Entry& e) { return e.category == i; }),
                 list.end());
      if (before > 0 && list.empty()) --num_phrases_;
    }
  }
}

void CueLexicon::Find(Document* doc) const {
  const std::string_view text = doc->text;
  const auto& toks = doc->tokens;
  const size_t n = toks.size();
  doc->cues.clear();
  doc->cue_categories = categories_;
  doc->sentence_stance.assign(doc->sentences.size(), SentenceStance{});
  if (n == 0) return;

  // Per token: its folded form, its lemma hash, whether a phrase may start
  // there, and the entity mention over it. Most tokens are no lemma-table
  // form: the filter says so without a lookup, and their lemma is the form
  // itself.
  std::vector<uint64_t> keys(n);
  std::vector<uint8_t> may_start(n);
  const FoldedTokens folded(text, toks);
  for (size_t i = 0; i < n; ++i) {
    keys[i] = HashBytes(folded[i]);
    if (!forms_.MayHave(keys[i])) {
      may_start[i] = starts_.MayHave(keys[i]);
      continue;
    }
    // absl::string_view, not std::string_view, is the table's lookup type
    // (Debian's Abseil does not alias the two): no string is built.
    auto it = lemma_keys_.find(absl::string_view(folded[i].data(), folded[i].size()));
    if (it != lemma_keys_.end()) keys[i] = it->second;
    may_start[i] = starts_.MayHave(keys[i]);
  }
  std::vector<int32_t> ent_at(n, -1);
  for (size_t e = 0; e < doc->entities.size(); ++e) {
    const Entity& ent = doc->entities[e];
    for (uint32_t t = ent.token_begin; t < ent.token_end && t < n; ++t) ent_at[t] = static_cast<int32_t>(e);
  }
  // Reporting verbs count where the quote stage found a cue: "said" in "he
  // said", not "the said company"; "claim" the verb, not a legal claim.
  std::vector<uint8_t> quote_cue(n, 0);
  // Direct and partial quote contents, for the voice of a cue.
  std::vector<std::pair<ByteSpan, int32_t>> quoted;
  for (size_t q = 0; q < doc->quotes.size(); ++q) {
    const Quote& qt = doc->quotes[q];
    if (qt.kind != QuoteKind::kIndirect) quoted.push_back({qt.content, static_cast<int32_t>(q)});
  }
  std::sort(quoted.begin(), quoted.end(),
            [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
  // Speech verbs that end a clause for the targets of cues: quote cues, but
  // not a word inside a name or a capitalised one ("United States").
  std::vector<uint8_t> speech(n, 0);
  {
    size_t t = 0;
    std::vector<ByteSpan> cue_spans;
    for (const Quote& q : doc->quotes) {
      if (!q.cue.empty()) cue_spans.push_back(q.cue);
    }
    std::sort(cue_spans.begin(), cue_spans.end(),
              [](const ByteSpan& a, const ByteSpan& b) { return a.begin < b.begin; });
    for (const ByteSpan& s : cue_spans) {
      while (t < n && toks[t].end <= s.begin) ++t;
      for (size_t u = t; u < n && toks[u].begin < s.end; ++u) {
        quote_cue[u] = 1;
        speech[u] = ent_at[u] < 0 &&
                    !absl::ascii_isupper(static_cast<unsigned char>(text[toks[u].begin]));
      }
    }
  }
  auto voice_of = [&](ByteSpan span) -> int32_t {
    auto it = std::upper_bound(quoted.begin(), quoted.end(), span.begin,
                               [](uint32_t v, const auto& q) { return v < q.first.begin; });
    // Direct and partial quotes do not overlap, so the one starting last
    // before the cue is the only candidate (two, for a mark shared by both).
    for (int step = 0; step < 2 && it != quoted.begin(); ++step) {
      --it;
      if (it->first.begin <= span.begin && span.end <= it->first.end) return it->second;
    }
    return -1;
  };

  const auto cat_name = [&](uint16_t c) -> std::string_view { return categories_[c]; };
  std::vector<uint16_t> negation_cats;
  for (size_t c = 0; c < categories_.size(); ++c) {
    if (Eq(categories_[c], "negation")) negation_cats.push_back(static_cast<uint16_t>(c));
  }

  for (size_t si = 0; si < doc->sentences.size(); ++si) {
    const Segment& sent = doc->sentences[si];
    // Title-case headlines capitalise every word; elsewhere a capital in
    // mid-sentence marks a name ("Black", "Fair") rather than a cue.
    // (The same pass counts words and numbers for the sentence's scores.)
    int words = 0, caps = 0, n_words = 0;
    for (uint32_t t = sent.token_begin; t < sent.token_end; ++t) {
      n_words += toks[t].kind == TokenKind::kWord || toks[t].kind == TokenKind::kNumber;
      if (toks[t].kind != TokenKind::kWord || folded[t].size() < 4) continue;
      ++words;
      caps += absl::ascii_isupper(static_cast<unsigned char>(text[toks[t].begin]));
    }
    const bool headline = words >= 3 && caps * 10 >= words * 7;

    const size_t first_cue = doc->cues.size();
    uint32_t modifier_end = 0;  // where the last sentiment-family cue ended
    int last_negation = -100;
    float boost = 1.0f;
    int last_intensifier = -100;
    for (uint32_t t = sent.token_begin; t < sent.token_end;) {
      // Longest phrase starting here (none, for most tokens).
      if (!may_start[t]) {
        ++t;
        continue;
      }
      uint32_t node = 0, best_node = 0, best_end = t;
      for (uint32_t u = t; u < sent.token_end && static_cast<int>(u - t) < max_len_; ++u) {
        if (u > t && !inner_.MayHave(keys[u])) break;  // no such edge
        auto it = edges_.find(std::make_pair(node, keys[u]));
        if (it == edges_.end()) break;
        node = it->second;
        if (!entries_[node].empty()) {
          best_node = node;
          best_end = u + 1;
        }
      }
      if (best_end == t) {
        ++t;
        continue;
      }
      const ByteSpan span{toks[t].begin, toks[best_end - 1].end};
      bool in_name = false, capital = false;
      for (uint32_t u = t; u < best_end; ++u) {
        in_name |= ent_at[u] >= 0;
        capital |= u != sent.token_begin && toks[u].kind == TokenKind::kWord &&
                   absl::ascii_isupper(static_cast<unsigned char>(text[toks[u].begin])) &&
                   !(u > sent.token_begin && toks[u - 1].has(kFlagQuote));
      }
      if (in_name || (capital && !headline)) {
        t = best_end;
        continue;
      }
      // "the Venezuelan state", "a report", "by state regulators": verb cues
      // used as nouns or modifiers (a finite verb does not follow a
      // determiner or a preposition).
      const uint8_t prev_words = t > sent.token_begin ? GateWordsOf(folded[t - 1]) : 0;
      const bool noun_use =
          t > sent.token_begin && (ent_at[t - 1] >= 0 || (prev_words & kVerbCueAsNoun));
      // Use gates (cues.h): the word before says noun or verb, the word after
      // whether a place follows. A determiner, possessive, quantifier or
      // preposition marks a noun; so do a nationality ("Russian lies") and an
      // evaluative word just before ("blatant lies"); the latter two do not
      // rule out a verb ("Trump lied").
      bool noun_ctx = false, verb_ctx = false, place_after = false;
      if (best_node < gated_.size() && gated_[best_node]) {
        std::string_view prev_label;
        if (t > sent.token_begin && ent_at[t - 1] >= 0) {
          prev_label = doc->entity_labels[doc->entities[ent_at[t - 1]].label];
        }
        const bool after_noun_word =
            t > sent.token_begin && ((prev_words & kNounBefore) ||
                                     toks[t - 1].kind == TokenKind::kNumber || Eq(prev_label, "NORP"));
        // A participle after a determiner is an adjective ("the trapped miners").
        noun_ctx = (after_noun_word || (t > sent.token_begin && modifier_end == t)) &&
                   !EndsAfterStem(folded[t], "ed");
        // A verb: an -ed or -ing form; a plain form after "to", a modal or
        // negation; any form after a subject pronoun; an -s form after a
        // person or organisation ("Grassley slams", not "a Navy torpedo").
        const bool s_form = EndsAfterStem(folded[t], "s");
        verb_ctx = !after_noun_word &&
                   (EndsAfterStem(folded[t], "ed") || EndsAfterStem(folded[t], "ing") ||
                    (t > sent.token_begin &&
                     (((prev_words & kBaseVerbBefore) && !s_form) || (prev_words & kSubjectPronoun))) ||
                    (s_form && (Eq(prev_label, "PERSON") || Eq(prev_label, "ORG"))));
        place_after = best_end < sent.token_end && (GateWordsOf(folded[best_end]) & kPlaceAfter);
      }
      for (const Entry& e : entries_[best_node]) {
        if (e.use != kAnyUse &&
            (((e.use & kNounUse) && !noun_ctx) || ((e.use & kVerbUse) && !verb_ctx) ||
             ((e.use & kNotLocative) && place_after))) {
          continue;
        }
        const std::string_view name = cat_name(e.category);
        if (Eq(name, "loaded") || Eq(name, "evaluative") || Eq(name, "subjective") ||
            Eq(name, "affect")) {
          modifier_end = best_end;
        }
        // A neutral reporting verb is stance only where it reports speech
        // ("said" beside "the state said"); one with a connotation colours
        // whatever it names ("his claims", "a boast").
        if (Eq(name, "reporting") && !quote_cue[t] && e.polarity == 0) continue;
        if ((Eq(name, "assertive") || Eq(name, "factive")) && noun_use && !quote_cue[t]) continue;
        if (std::find(negation_cats.begin(), negation_cats.end(), e.category) != negation_cats.end()) {
          last_negation = static_cast<int>(best_end);
        }
        if (Eq(name, "intensifier")) {
          last_intensifier = static_cast<int>(best_end);
          boost = 1.0f + e.strength / 2;
        }
        StanceCue c;
        c.span = span;
        c.category = e.category;
        c.polarity = e.polarity;
        c.strength = e.strength;
        // "not justified", "never fair": a negation just before flips it.
        if (e.polarity != 0 && static_cast<int>(t) - last_negation <= 2 && last_negation >= 0) {
          c.polarity = static_cast<int8_t>(-e.polarity);
          c.negated = true;
        }
        if (static_cast<int>(t) == last_intensifier && !Eq(name, "intensifier")) {
          c.strength = std::min(1.0f, e.strength * boost);
        }
        c.quote = voice_of(span);
        doc->cues.push_back(c);
      }
      t = best_end;
    }

    // Targets, clause by clause (README, "Stance cues"): an agent or
    // complement right after the cue ("crackdown by X", "ouster of X"); else
    // the nearest mention left in the cue's clause (a verb's subject, an
    // adjective's or noun's holder); else one within six words right in the
    // clause; else the nearest governing mention to the left, not across a
    // reporting verb, a quotation mark or a semicolon: what is said is not
    // about the speaker.
    const auto target_at = [&](uint32_t u) -> int32_t {
      return ent_at[u] >= 0 && IsTargetLabel(doc->entity_labels[doc->entities[ent_at[u]].label])
                 ? ent_at[u]
                 : -1;
    };
    uint32_t b = sent.token_begin;  // cues are in text order: one pass
    for (size_t ci = first_cue; ci < doc->cues.size(); ++ci) {
      StanceCue& c = doc->cues[ci];
      const std::string_view name = cat_name(c.category);
      // The cue's tokens [b, e).
      while (b < sent.token_end && toks[b].end <= c.span.begin) ++b;
      if (Eq(name, "negation") || Eq(name, "intensifier") || Eq(name, "reporting")) continue;
      uint32_t e = b;
      while (e < sent.token_end && toks[e].begin < c.span.end) ++e;
      int32_t best = -1;
      // "by X", "of X", "of the X", also after up to two more words of the
      // cue's phrase ("brutal crackdown by X").
      for (uint32_t k = e; k < sent.token_end && k < e + 3; ++k) {
        if (Eq(folded[k], "by") || Eq(folded[k], "of")) {
          uint32_t v = k + 1;
          if (v + 1 < sent.token_end && Eq(folded[v], "the")) ++v;
          if (v < sent.token_end) best = target_at(v);
          break;
        }
        if (toks[k].kind != TokenKind::kWord || ent_at[k] >= 0 ||
            ClauseEdge(toks[k], folded[k], text, speech[k])) {
          break;
        }
      }
      // Left in the clause, then at most kTargetReach tokens further left.
      const uint32_t reach_floor =
          b - sent.token_begin > kTargetReach ? b - kTargetReach : sent.token_begin;
      uint32_t clause_begin = b;
      for (; best < 0 && clause_begin > reach_floor; --clause_begin) {
        const uint32_t l = clause_begin - 1;
        if (ClauseEdge(toks[l], folded[l], text, speech[l])) break;
        best = target_at(l);
      }
      if (best < 0) {
        for (uint32_t r = e; r < sent.token_end && r < e + 6 &&
                             !ClauseEdge(toks[r], folded[r], text, speech[r]);
             ++r) {
          if ((best = target_at(r)) >= 0) break;
        }
      }
      if (best < 0) {
        for (uint32_t l = clause_begin; l > reach_floor; --l) {
          if (HardEdge(toks[l - 1], folded[l - 1], speech[l - 1])) break;
          if ((best = target_at(l - 1)) >= 0) break;
        }
      }
      if (best >= 0) c.target = doc->entities[best].cluster;
    }

    // Sentence scores: subjectivity from the weight of opinion cues per
    // word; polarity as the strength-weighted mean of polar cues.
    float subj = 0, pol = 0, pol_weight = 0;
    for (size_t ci = first_cue; ci < doc->cues.size(); ++ci) {
      const StanceCue& c = doc->cues[ci];
      if (IsSubjective(cat_name(c.category))) subj += c.strength;
      if (c.polarity != 0) {
        pol += c.polarity * c.strength;
        pol_weight += c.strength;
      }
    }
    SentenceStance& st = doc->sentence_stance[si];
    st.subjectivity = n_words == 0 ? 0.0f : std::min(1.0f, 5.0f * subj / static_cast<float>(n_words));
    st.polarity = pol_weight > 0 ? pol / pol_weight : 0.0f;
  }

  // Scare quotes are cues in the writer's voice.
  const uint16_t scare = static_cast<uint16_t>(
      std::find(categories_.begin(), categories_.end(), "scare_quote") - categories_.begin());
  if (!doc->scare_quotes.empty()) {
    if (scare == categories_.size()) doc->cue_categories.push_back("scare_quote");
    for (const ScareQuote& s : doc->scare_quotes) {
      StanceCue c;
      c.span = s.content;
      c.category = scare;
      c.strength = 0.5f;
      doc->cues.push_back(c);
    }
    std::stable_sort(doc->cues.begin(), doc->cues.end(), [](const StanceCue& a, const StanceCue& b) {
      return a.span.begin < b.span.begin;
    });
  }
}

}  // namespace presslens
