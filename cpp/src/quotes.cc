// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/quotes.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/types/span.h"
#include "presslens/clusters.h"
#include "presslens/resources.h"
#include "presslens/text.h"
#include "presslens/word_table.h"

namespace presslens {

std::string_view CueCategoryName(QuoteCueCategory c) {
  switch (c) {
    case QuoteCueCategory::kNone: return "";
    case QuoteCueCategory::kNeutral: return "neutral";
    case QuoteCueCategory::kAssertive: return "assertive";
    case QuoteCueCategory::kConcessive: return "concessive";
    case QuoteCueCategory::kDirective: return "directive";
    case QuoteCueCategory::kEmotive: return "emotive";
    case QuoteCueCategory::kInformative: return "informative";
    case QuoteCueCategory::kArgumentative: return "argumentative";
    case QuoteCueCategory::kQuestioning: return "questioning";
    case QuoteCueCategory::kDenial: return "denial";
    case QuoteCueCategory::kWarning: return "warning";
    case QuoteCueCategory::kCritical: return "critical";
    case QuoteCueCategory::kCommissive: return "commissive";
    case QuoteCueCategory::kBelief: return "belief";
    case QuoteCueCategory::kEvidential: return "evidential";
  }
  return "";
}

std::string_view SpeakerTypeName(SpeakerType t) {
  switch (t) {
    case SpeakerType::kUnknown: return "unknown";
    case SpeakerType::kPerson: return "person";
    case SpeakerType::kOrganization: return "organization";
    case SpeakerType::kMedia: return "media";
    case SpeakerType::kAnonymous: return "anonymous";
  }
  return "unknown";
}

std::string_view QuoteKindName(QuoteKind k) {
  switch (k) {
    case QuoteKind::kDirect: return "direct";
    case QuoteKind::kPartial: return "partial";
    case QuoteKind::kIndirect: return "indirect";
  }
  return "";
}

namespace {

bool ParseCategory(std::string_view s, QuoteCueCategory* out) {
  for (int i = 1; i <= static_cast<int>(QuoteCueCategory::kEvidential); ++i) {
    const auto c = static_cast<QuoteCueCategory>(i);
    if (CueCategoryName(c) == s) {
      *out = c;
      return true;
    }
  }
  return false;
}

// Regular English inflections of a verb: -s, -ed, -ing.
std::vector<std::string> Inflect(const std::string& w) {
  std::vector<std::string> out = {w};
  const auto ends = [&](std::string_view s) { return absl::EndsWith(w, AsAbsl(s)); };
  const bool vowel_y = w.size() > 1 && w.back() == 'y' &&
                       std::string_view("aeiou").find(w[w.size() - 2]) != std::string_view::npos;
  if (ends("s") || ends("sh") || ends("ch") || ends("x") || ends("z")) {
    out.push_back(w + "es");
  } else if (w.back() == 'y' && !vowel_y) {
    out.push_back(w.substr(0, w.size() - 1) + "ies");
  } else {
    out.push_back(w + "s");
  }
  if (w.back() == 'e') {
    out.push_back(w + "d");
    out.push_back(w.substr(0, w.size() - 1) + "ing");
  } else if (w.back() == 'y' && !vowel_y) {
    out.push_back(w.substr(0, w.size() - 1) + "ied");
    out.push_back(w + "ing");
  } else {
    out.push_back(w + "ed");
    out.push_back(w + "ing");
  }
  return out;
}

std::string Lower(std::string_view s) { return FoldCase(s); }

// Compares lengths and first bytes before calling memcmp: most words in a
// list differ from the one asked about in one or the other.
bool In(std::string_view w, std::initializer_list<std::string_view> set) {
  for (std::string_view x : set) {
    if (x.size() == w.size() && (w.empty() || (x[0] == w[0] && x == w))) return true;
  }
  return false;
}

// The closed word lists below, as bits of one table: a word's lists are
// found with one hash probe, not a scan of each list (the subject and cue
// rules ask these of most tokens near a cue).
enum WordList : uint32_t {
  kAuxList = 1 << 0,
  kAdverbList = 1 << 1,
  kBoundaryList = 1 << 2,
  kOpenerList = 1 << 3,
  kPrepositionList = 1 << 4,
  kNounProneList = 1 << 5,
  kOccasionList = 1 << 6,
  kPronounList = 1 << 7,
  kDeterminerList = 1 << 8,
  kReflexiveList = 1 << 9,
  kNamingList = 1 << 10,
};

// The closed word lists above, one table.
const WordTable<uint32_t>& Lists() {
  static const WordTable<uint32_t>* const lists = new WordTable<uint32_t>({
      // Words that may stand between a subject and its verb, or before a verb in
      // its verb group ("has reported", "would later say").
      {kAuxList, {"has", "have", "had", "am", "is", "are", "was", "were", "be", "been", "being",
          "became", "become", "becomes",
          "will", "would", "'ll", "'d", "can", "could", "may", "might", "must",
          "shall", "should", "did", "does", "do", "'s", "'ve", "'re"}},
      {kAdverbList,
          {"also", "later", "then", "often", "repeatedly", "previously", "again", "just",
          "already", "recently", "publicly", "privately", "earlier", "once", "never",
          "not", "n't", "further", "still", "now", "first", "initially", "reportedly",
          "allegedly", "since", "ever", "even", "quickly", "simply", "only", "flatly",
          "angrily", "openly", "separately", "directly", "falsely", "correctly",
          "wrongly", "frequently", "well", "best", "better", "long"}},
      // Words a subject noun phrase never crosses when read leftwards from its verb.
      {kBoundaryList,
          {"that", "which", "who", "whom", "whose", "and", "but", "or", "nor", "because",
          "after", "before", "while", "when", "whereas", "as", "if", "since", "so",
          "then", "than", "where", "though", "although", "unless", "until", "in", "on",
          "at", "during", "by", "with", "without", "into", "about", "over", "under",
          "against", "among", "through", "is", "was", "are", "were", "has", "have",
          "had", "will", "would", "said", "says", "told", "also", "not", "it's", "yet",
          "there", "here", "how", "what", "why", "whether", "to"}},
      // Words that open an adverbial put before the subject: "In a statement
      // released Thursday, Rep. Jones ...", "Later on Sunday, Carson ...".
      {kOpenerList,
          {"in", "on", "at", "after", "before", "during", "later", "earlier", "last",
          "this", "since", "following", "despite", "amid", "with", "without", "for",
          "by", "under", "when", "while", "as", "although", "though", "if", "because",
          "once", "speaking", "asked", "yesterday", "today", "meanwhile", "instead",
          "still", "however", "but", "and", "then", "now", "also", "separately",
          "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
          "sunday", "from", "throughout", "over", "within", "until", "upon"}},
      // Prepositions after a speech verb introduce its object or an adjunct,
      // never its subject: "said of Cruz", "told to reporters".
      {kPrepositionList,
          {"of", "to", "in", "on", "at", "about", "for", "with", "during", "after",
          "before", "from", "into", "through", "via", "by", "over", "upon", "as"}},
      // Cue words whose base form is as often a noun: "a TV show", "the state".
      {kNounProneList,
          {"show", "support", "back", "state", "call", "attack", "plan", "comment",
          "tweet", "question", "report", "post", "charge", "remark", "note", "praise",
          "blame", "demand", "promise", "pledge", "vow", "answer", "reply", "hope",
          "fear", "doubt", "estimate", "request", "offer", "order", "joke", "boast",
          "release", "claim", "push", "find", "concern", "warning", "study", "press"}},
      // "a spokesman at the time", "Trump at a rally": nouns of a time or an
      // occasion, which a phrase between subject and verb names.
      {kOccasionList,
          {"time", "moment", "point", "weekend", "week", "day", "night", "morning",
          "afternoon", "evening", "event", "rally", "meeting", "hearing", "debate",
          "conference", "interview"}},
      {kPronounList, {"he", "she", "they", "it", "we", "i", "you"}},
      {kDeterminerList,
          {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its",
          "their", "our", "my", "your", "another", "any", "some", "every", "each",
          "no", "one"}},
      {kReflexiveList, {"himself", "herself", "themselves", "itself", "myself", "ourselves",
          "yourself", "yourselves", "oneself"}},
      // Words after a quotation that name it rather than report speech: so-called
      // "experts", the film "Arrogant", dubbed "King James".
      {kNamingList,
          {"so-called", "dubbed", "nicknamed", "titled", "entitled", "called", "labeled",
          "labelled", "termed", "branded", "named", "word", "words", "phrase", "term",
          "slogan", "hashtag", "headline", "book", "film", "movie", "song", "album",
          "show", "series", "program", "programme", "ad", "video", "article", "column",
          "op-ed", "essay", "report", "campaign", "motto", "as"}},
  });
  return *lists;
}

uint32_t ListsOf(std::string_view w) { return Lists().Of(w); }

bool IsAux(std::string_view w) { return ListsOf(w) & kAuxList; }

bool IsAdverb(std::string_view w) {
  return (ListsOf(w) & kAdverbList) || (w.size() > 4 && absl::EndsWith(AsAbsl(w), "ly"));
}

bool IsNpBoundary(std::string_view w) { return ListsOf(w) & (kBoundaryList | kAuxList); }
bool IsFrontedOpener(std::string_view w) { return ListsOf(w) & kOpenerList; }
bool IsPreposition(std::string_view w) { return ListsOf(w) & kPrepositionList; }
bool IsNounProne(std::string_view w) { return ListsOf(w) & kNounProneList; }
bool IsOccasionNoun(std::string_view w) { return ListsOf(w) & kOccasionList; }

// A plural-looking word ("reports", "officials"; not "this", "his", "its",
// "press"): a subject a base-form verb can follow.
bool LooksPlural(std::string_view w) {
  return w.size() > 3 && absl::EndsWith(AsAbsl(w), "s") && !absl::EndsWith(AsAbsl(w), "ss") &&
         w != "this" && w != "his" && w != "its";
}

bool IsPronoun(std::string_view w) { return ListsOf(w) & kPronounList; }
bool IsDeterminer(std::string_view w) { return ListsOf(w) & kDeterminerList; }
bool IsReflexive(std::string_view w) { return ListsOf(w) & kReflexiveList; }
bool IsNamingWord(std::string_view w) { return ListsOf(w) & kNamingList; }

// Which of QuoteFinder::cue_first_bits_ stands for a word. Words that share
// a bit are told apart by the cue index itself.
uint32_t CueFirstBit(std::string_view w) {
  return static_cast<uint32_t>(ShortWordMix(w) >> 50);  // top 14 bits
}

enum Family : uint8_t { kNoFamily, kDouble, kSingle, kGuillemet, kSingleGuillemet };

struct MarkInfo {
  Family family = kNoFamily;
  bool can_open = false;
  bool can_close = false;
  bool opens_low = false;  // „ and ‚ close with “ and ‘
};

MarkInfo Classify(const Token& t, std::string_view s) {
  MarkInfo m;
  if (s == "\"") {
    m.family = kDouble;
    m.can_open = t.has(kFlagOpen) || !t.has(kFlagClose);
    m.can_close = t.has(kFlagClose) || !t.has(kFlagOpen);
  } else if (s == "'") {
    m.family = kSingle;
    m.can_open = t.has(kFlagOpen);
    m.can_close = !t.has(kFlagOpen);
  } else if (s == "\u201C") {
    m = {kDouble, true, true, false};  // also closes „
  } else if (s == "\u201D" || s == "\u201F") {
    m = {kDouble, false, true, false};
  } else if (s == "\u201E") {
    m = {kDouble, true, false, true};
  } else if (s == "\u2018" || s == "\u201B") {
    m = {kSingle, true, true, false};
  } else if (s == "\u2019") {
    m = {kSingle, false, true, false};
  } else if (s == "\u201A") {
    m = {kSingle, true, false, true};
  } else if (s == "\u00AB") {
    m = {kGuillemet, true, false, false};
  } else if (s == "\u00BB") {
    m = {kGuillemet, false, true, false};
  } else if (s == "\u2039") {
    m = {kSingleGuillemet, true, false, false};
  } else if (s == "\u203A") {
    m = {kSingleGuillemet, false, true, false};
  }
  return m;
}

}  // namespace

absl::StatusOr<QuoteFinder> QuoteFinder::Load(const std::string& dir,
                                              absl::flat_hash_set<std::string> media_names) {
  QuoteFinder f;
  f.media_names_ = std::move(media_names);
  std::vector<int> lines;
  const std::string cue_path = dir + "quote_cues.tsv";
  auto rows = ReadTable(cue_path, 3, &lines);
  if (!rows.ok()) return rows.status();
  for (size_t r = 0; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    CueEntry base;
    base.lemma = row[0];
    if (!ParseCategory(row[1], &base.category)) {
      return absl::InvalidArgumentError(absl::StrCat(cue_path, ":", lines[r],
                                                     ": unknown cue category '", row[1], "'"));
    }
    static constexpr std::pair<std::string_view, CueEntry::Frame> kFrames[] = {
        {"verb", CueEntry::kVerb}, {"tell", CueEntry::kTell}, {"name", CueEntry::kName},
        {"prep", CueEntry::kPrep}, {"noun", CueEntry::kNoun}, {"inf", CueEntry::kInf},
        {"obj", CueEntry::kObj},   {"speech", CueEntry::kSpeech}, {"evid", CueEntry::kEvid}};
    const auto* frame = std::find_if(std::begin(kFrames), std::end(kFrames),
                                     [&](const auto& f) { return f.first == row[2]; });
    if (frame == std::end(kFrames)) {
      return absl::InvalidArgumentError(
          absl::StrCat(cue_path, ":", lines[r], ": unknown frame '", row[2],
                       "' (verb, tell, name, prep, noun, inf, obj, speech, evid)"));
    }
    base.frame = frame->second;
    std::vector<std::string> lemma_words = absl::StrSplit(row[0], ' ', absl::SkipEmpty());
    if (lemma_words.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(cue_path, ":", lines[r], ": empty lemma"));
    }
    std::vector<std::string> forms;
    if (row.size() > 3 && !row[3].empty()) {
      forms = absl::StrSplit(row[3], ',', absl::SkipEmpty());
      forms.push_back(row[0]);
    } else {
      const std::string rest = row[0].substr(lemma_words[0].size());
      for (const std::string& w : Inflect(lemma_words[0])) forms.push_back(w + rest);
    }
    std::sort(forms.begin(), forms.end());
    forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
    for (const std::string& form : forms) {
      CueEntry e = base;
      e.words = absl::StrSplit(form, ' ', absl::SkipEmpty());
      if (e.words.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(cue_path, ":", lines[r], ": an irregular form is empty"));
      }
      f.cue_index_[e.words[0]].push_back(static_cast<uint32_t>(f.cues_.size()));
      const uint32_t bit = CueFirstBit(e.words[0]);
      f.cue_first_bits_[bit >> 6] |= uint64_t{1} << (bit & 63);
      f.cues_.push_back(std::move(e));
    }
  }
  for (auto& [word, list] : f.cue_index_) {
    std::stable_sort(list.begin(), list.end(), [&](uint32_t a, uint32_t b) {
      return f.cues_[a].words.size() > f.cues_[b].words.size();
    });
  }

  const std::string noun_path = dir + "speaker_nouns.tsv";
  lines.clear();
  auto nouns = ReadTable(noun_path, 2, &lines);
  if (!nouns.ok()) return nouns.status();
  for (size_t r = 0; r < nouns->size(); ++r) {
    const auto& row = (*nouns)[r];
    const std::string& type = row[1];
    if (type == "anonymous") {
      f.nouns_[Lower(row[0])] = SpeakerType::kAnonymous;
    } else if (type == "media") {
      f.nouns_[Lower(row[0])] = SpeakerType::kMedia;
    } else if (type == "organization") {
      f.nouns_[Lower(row[0])] = SpeakerType::kOrganization;
    } else if (type == "media_name") {
      f.media_words_.insert(row[0]);
    } else if (type == "spokesperson") {
      f.spokesperson_.insert(Lower(row[0]));
    } else if (type == "role") {
      f.roles_.insert(Lower(row[0]));
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          noun_path, ":", lines[r], ": unknown speaker noun type '", type,
          "' (anonymous, media, media_name, organization, spokesperson, role)"));
    }
  }
  return f;
}

// One document's worth of quote finding.
class QuoteRun {
 public:
  QuoteRun(const QuoteFinder& f, Document* doc) : f_(f), doc_(doc), text_(doc->text) {}

  void Run() {
    const size_t n = doc_->tokens.size();
    low_ = FoldedTokens(text_, doc_->tokens);
    cue_known_.assign(n, 0);
    ent_at_.assign(n, -1);
    for (size_t e = 0; e < doc_->entities.size(); ++e) {
      const Entity& ent = doc_->entities[e];
      for (uint32_t t = ent.token_begin; t < ent.token_end && t < n; ++t) {
        ent_at_[t] = static_cast<int32_t>(e);
      }
    }
    PairMarks();
    BuildClauses();
    clause_attr_.assign(clauses_.size(), {0, 0});
    for (size_t c = 0; c < clauses_.size(); ++c) Attribute(c);
    EmitQuotes();
  }

 private:
  struct Pair {
    uint32_t open;         // token of the opening mark
    uint32_t close;        // token of the closing mark, or one past the last content token
    bool closed;
    uint32_t paragraph;    // where it opens
    uint32_t last_paragraph;
    uint32_t last = 0;     // the last token of the quotation, marks included
    int32_t attribution = -1;  // direct quote of this attribution
    bool naming = false;
  };
  struct Clause {
    uint32_t begin, end, paragraph;
    bool headline;
    int32_t whole = -1;  // the quotation that is the whole clause, if any
    uint32_t lead = 0;   // first token after leading punctuation
  };
  struct Attribution {
    uint32_t clause;
    uint32_t cue_begin, cue_end;  // tokens, cue_begin includes auxiliaries
    uint32_t entry;
    QuoteSource speaker;
    std::vector<QuoteSource> chain;  // cited sources after the speaker
    uint32_t content_begin = 0, content_end = 0;  // tokens; empty if none
    int32_t direct_pair = -1;  // the content is this quote
    int32_t direct_pair2 = -1;  // "A," he said, "B."
  };

  const Token& tok(uint32_t i) const { return doc_->tokens[i]; }

  // The token's text in lower case (Lower): made once per document, since
  // nearly every token is tested as a cue's first word (MatchCue) and many
  // are compared as words several times.
  std::string_view low(size_t i) const { return low_[i]; }

  bool IsPunct(uint32_t i) const { return tok(i).kind == TokenKind::kPunct; }
  bool IsWord(uint32_t i) const {
    return tok(i).kind == TokenKind::kWord || tok(i).kind == TokenKind::kNumber;
  }
  bool Capitalized(uint32_t i) const {
    const std::string_view s = tok(i).In(text_);
    return !s.empty() && absl::ascii_isupper(static_cast<unsigned char>(s[0]));
  }

  // Pairs quote marks paragraph by paragraph. Only the outermost pairs are
  // kept: a quote inside a quote is part of its content.
  void PairMarks() {
    const auto& pars = doc_->paragraphs;
    inq_.assign(doc_->tokens.size(), -1);
    struct Open {
      uint32_t tok;
      MarkInfo mark;
    };
    std::vector<Open> stack;
    // Stack positions of the open marks of each family, apart for those that
    // open low („, ‚): a closing mark finds its opener without walking past
    // the marks of other families, so a paragraph of « then ” stays linear.
    std::vector<uint32_t> open_at[kSingleGuillemet + 1][2];
    auto push = [&](const Open& o) {
      open_at[o.mark.family][o.mark.opens_low].push_back(static_cast<uint32_t>(stack.size()));
      stack.push_back(o);
    };
    auto truncate = [&](size_t k) {
      for (auto& family : open_at) {
        for (auto& at : family) {
          while (!at.empty() && at.back() >= k) at.pop_back();
        }
      }
      stack.resize(k);
    };
    for (uint32_t p = 0; p < pars.size(); ++p) {
      const uint32_t b = pars[p].token_begin, e = pars[p].token_end;
      uint32_t start = b;
      if (!stack.empty()) start = b + 1;  // the continuation's opening mark
      for (uint32_t t = start; t < e; ++t) {
        if (!tok(t).has(kFlagQuote)) continue;
        MarkInfo m = Classify(tok(t), tok(t).In(text_));
        if (m.family == kNoFamily) continue;
        // tweet-id="123": an attribute value in markup, not a quotation.
        if (t > b && tok(t - 1).end == tok(t).begin && low(t - 1) == "=") continue;
        // '' is one double quote mark in some newsroom copy.
        uint32_t open_tok = t;
        if (low(t) == "'" && t + 1 < e && low(t + 1) == "'" && tok(t).end == tok(t + 1).begin) {
          const bool space_before = t == b || tok(t - 1).end != tok(t).begin;
          const bool space_after = t + 2 >= e || tok(t + 1).end != tok(t + 2).begin ||
                                   IsPunct(t + 2);
          m = {kDouble, space_before || !space_after, !space_before, false};
          open_tok = t + 1;
        }
        {
          const bool glued_before = t > b && tok(t - 1).end == tok(t).begin;
          const bool glued_after = t + 1 < e && tok(t + 1).begin == tok(t).end;
          const std::string_view mark = tok(t).In(text_);
          // ,' " said and ,'" said: a straight mark before a space, with a
          // quotation open, closes it; nothing opens before a space.
          if (mark == "\"" && !glued_after && !stack.empty()) {
            m.can_open = false;
            m.can_close = true;
          }
          // “ opens; it closes only „ or, misused, a quotation it is glued to
          // the end of (word“ then a space).
          if (mark == "\u201C" && !stack.empty() && !stack.back().mark.opens_low &&
              !(glued_before && !glued_after)) {
            m.can_close = false;
          }
        }
        bool closed = false;
        if (m.can_close) {
          // The innermost open mark of the family. ” never closes „; “ closes
          // „ (German) as well as ordinary use.
          const bool low_ok = m.can_open || tok(t).In(text_) == "\u2018";
          const std::vector<uint32_t>& plain = open_at[m.family][0];
          const std::vector<uint32_t>& lows = open_at[m.family][1];
          int64_t k = plain.empty() ? int64_t{-1} : int64_t{plain.back()};
          if (low_ok && !lows.empty()) k = std::max(k, int64_t{lows.back()});
          if (k >= 0) {
            if (k == 0) AddPair(stack[0].tok, t, true, p);
            truncate(static_cast<size_t>(k));
            closed = true;
          }
        }
        if (closed) {
          t = std::max(t, open_tok);
          continue;
        }
        // A ’ or ' that closes nothing is an apostrophe.
        if (!m.can_open) continue;
        if (m.family == kSingle && tok(t).has(kFlagApostrophe)) continue;
        push({open_tok, m});
        t = open_tok;
      }
      if (stack.empty()) continue;
      // A paragraph that opens a quote without closing it continues into the
      // next one if that opens with a mark of the same kind.
      const bool continues =
          p + 1 < pars.size() && pars[p + 1].token_end > pars[p + 1].token_begin &&
          [&] {
            const uint32_t ft = pars[p + 1].token_begin;
            if (!tok(ft).has(kFlagQuote)) return false;
            const MarkInfo m = Classify(tok(ft), tok(ft).In(text_));
            return m.family == stack[0].mark.family && m.can_open;
          }();
      if (continues) {
        truncate(1);
        if (open_paragraph_.count(stack[0].tok) == 0) open_paragraph_[stack[0].tok] = p;
        continue;
      }
      // Unclosed: the quote runs to the end of its paragraph, no further.
      AddPair(stack[0].tok, e, false, p);
      truncate(0);
    }
  }

  void AddPair(uint32_t open, uint32_t close, bool closed, uint32_t last_paragraph) {
    Pair pr;
    pr.open = open;
    pr.close = close;
    pr.closed = closed;
    pr.last_paragraph = last_paragraph;
    auto it = open_paragraph_.find(open);
    pr.paragraph = it != open_paragraph_.end() ? it->second : last_paragraph;
    const int32_t id = static_cast<int32_t>(pairs_.size());
    uint32_t last = closed ? close : close - 1;
    // The second half of a '' closing mark belongs to the quotation too.
    if (closed && low(close) == "'" && last + 1 < doc_->tokens.size() && low(last + 1) == "'" &&
        tok(close).end == tok(last + 1).begin) {
      ++last;
    }
    for (uint32_t t = open; t <= last && t < inq_.size(); ++t) inq_[t] = id;
    pr.last = last;
    pairs_.push_back(pr);
  }

  // “We won!” Smith said. / “Why?” asked Jones: the sentence splitter ends a
  // sentence at the quotation's ! or ?, but the attribution that follows
  // belongs to it. True when `s` follows such a quotation and opens with a
  // short run of words ending in a speech cue.
  bool AttributionAfterExclamation(const Segment& s) const {
    const uint32_t b = s.token_begin;
    if (b < 2 || inq_[b - 1] < 0 || inq_[b] >= 0) return false;
    const Pair& p = pairs_[inq_[b - 1]];
    if (!p.closed || p.last != b - 1 || p.close < 1) return false;
    const std::string_view before = low(p.close - 1);
    if (before != "!" && before != "?" && before != "!!!" && before != "..." &&
        before != "\u2026") {
      return false;
    }
    const Clause probe{b, s.token_end, s.parent, false};
    for (uint32_t t = b; t < s.token_end && t - b < 9; ++t) {
      uint32_t cue_end;
      if (MatchCue(probe, t, &cue_end) >= 0) return true;
      if (tok(t).kind == TokenKind::kPunct && !tok(t).has(kFlagBracket) &&
          low(t) != "." && low(t) != "-") {
        return false;
      }
    }
    return false;
  }

  // Sentences, joined where a sentence boundary falls inside a quote: the
  // writer's sentence around “A. B,” he said is one unit.
  void BuildClauses() {
    for (const Segment& s : doc_->sentences) {
      if (s.token_end <= s.token_begin) continue;
      const int32_t q = inq_[s.token_begin];
      if (!clauses_.empty() && clauses_.back().paragraph == s.parent && q >= 0 &&
          pairs_[q].open < s.token_begin && clauses_.back().end == s.token_begin) {
        clauses_.back().end = s.token_end;
        continue;
      }
      if (!clauses_.empty() && clauses_.back().paragraph == s.parent &&
          clauses_.back().end == s.token_begin && AttributionAfterExclamation(s)) {
        clauses_.back().end = s.token_end;
        continue;
      }
      clauses_.push_back({s.token_begin, s.token_end, s.parent, false});
    }
    for (Clause& c : clauses_) {
      // A headline is a paragraph of its own in Title Case; names in a
      // sentence do not make one.
      // (Words are counted only in a clause that is its whole paragraph.)
      const Segment& par = doc_->paragraphs[c.paragraph];
      c.headline = false;
      if (c.begin == par.token_begin && c.end == par.token_end) {
        int words = 0, caps = 0;
        for (uint32_t t = c.begin; t < c.end; ++t) {
          if (tok(t).kind != TokenKind::kWord || low(t).size() < 4) continue;
          ++words;
          caps += Capitalized(t);
        }
        c.headline = words >= 3 && caps * 10 >= words * 7;
      }
      // Once per clause: a run of marks at either end is walked once, not
      // once per quotation in the clause.
      c.lead = TrimBegin(c.begin, c.end);
      c.whole = WholeQuote(c.begin, c.end);
    }
  }

  // The cue starting at token t (outside quotes), or -1.
  int32_t MatchCue(const Clause& c, uint32_t t, uint32_t* end) const {
    // Whether a cue can start here is asked many times per token (by the
    // clause walk, content cuts, subject reading), so it is kept: bit 2
    // known, bit 4 maybe. Most tokens stop here, without a call.
    uint8_t& known = cue_known_[t];
    if (!(known & 2)) {
      const uint32_t bit = CueFirstBit(low(t));
      known |= (f_.cue_first_bits_[bit >> 6] >> (bit & 63)) & 1 ? 6 : 2;
    }
    if (!(known & 4)) return -1;
    return MatchCueAt(c, t, end);
  }

  int32_t MatchCueAt(const Clause& c, uint32_t t, uint32_t* end) const {
    auto it = f_.cue_index_.find(AsAbsl(low(t)));
    if (it == f_.cue_index_.end()) return -1;
    for (uint32_t idx : it->second) {
      const auto& e = f_.cues_[idx];
      if (t + e.words.size() > c.end) continue;
      bool ok = true;
      for (size_t k = 0; k < e.words.size() && ok; ++k) {
        ok = low(t + k) == e.words[k] && inq_[t + k] < 0;
      }
      if (!ok) continue;
      const uint32_t after = t + static_cast<uint32_t>(e.words.size());
      const std::string_view next = after < c.end ? std::string_view(low(after)) : "";
      const std::string_view prev = t > c.begin ? std::string_view(low(t - 1)) : "";
      if (Capitalized(t) && !c.headline && t != c.begin && low(t - 1) != ":") return -1;
      // "the United States": inside a name ("Said Ellis" may be a tagging
      // slip, so a name's first word can still be a cue).
      if (ent_at_[t] >= 0 && doc_->entities[ent_at_[t]].token_begin != t) return -1;
      // Headlines report speech in the present ("Mayor Says", "UN Calls on");
      // a capitalised past form there is an adjective ("Disputed Port Deal").
      if (Capitalized(t) && c.headline && e.frame != QuoteFinder::CueEntry::kPrep &&
          !absl::EndsWith(AsAbsl(low(t)), "s")) {
        continue;
      }
      // ", citing officials" is a sourcing link, read by Chain().
      if ((low(t) == "citing" || low(t) == "quoting") && t > c.begin && low(t - 1) == ",") {
        return -1;
      }
      if (e.frame == QuoteFinder::CueEntry::kEvid) {
        // "is expected to", "seemed to be", "appears uneasy": the writer's
        // inference. Not "appeared on Fox", "the expected result".
        const std::string_view aux =
            IsAdverb(prev) && t > c.begin + 1 ? std::string_view(low(t - 2)) : prev;
        const bool be = In(aux, {"is", "are", "was", "were", "be", "been", "being", "'s", "'re"});
        if (e.lemma == "expect" && (low(t) != "expected" || !be || next != "to")) continue;
        if (e.lemma != "expect" &&
            (be || IsDeterminer(prev) || next.empty() || next == "," || next == "." ||
             next == "as" || (IsPreposition(next) && next != "to") ||
             (IsNpBoundary(next) && next != "that" && next != "to"))) {
          continue;
        }
      } else if (e.frame == QuoteFinder::CueEntry::kNoun) {
        if (next != "that") continue;
      } else if (e.frame == QuoteFinder::CueEntry::kInf) {
        // "declined to comment", "vowed to repeal": what follows "to" is the
        // content. "the vow to", "a decline to": nouns.
        if (next != "to" || after + 1 >= c.end || !IsWord(after + 1)) continue;
        if (IsDeterminer(prev) || prev == "'s") continue;
        // "is expected to win": the subject is not the one expecting.
        if (In(prev, {"is", "was", "are", "were", "be", "been", "being"})) continue;
      } else if (e.frame != QuoteFinder::CueEntry::kPrep) {
        // "said to be", "expected to": not speech. "declared himself": not speech.
        // But "said to reporters", "said to rousing applause": an adjunct.
        if (e.words.size() == 1 && next == "to") {
          const std::string_view after_to =
              after + 1 < c.end ? std::string_view(low(after + 1)) : "";
          const bool passive = In(prev, {"is", "was", "are", "were", "been", "being", "be"});
          if (passive || In(after_to, {"be", "have", "been", "'ve"})) continue;
          // "wrote to his colleagues", "complained to reporters": an
          // addressee after "to" (not an infinitive: "expected to win").
          if (low(t) != "said" &&
              !(after + 1 < c.end &&
                (IsDeterminer(after_to) || Capitalized(after + 1) ||
                 In(after_to, {"his", "her", "their", "its", "my", "our", "your", "reporters",
                               "supporters", "voters", "members", "lawmakers", "colleagues",
                               "journalists"})))) {
            continue;
          }
        }
        if (IsReflexive(next)) continue;
        const std::string_view w = low(t);
        // "was quoted as saying", "is seen telling": the -ing verb reports the
        // speech; this participle is part of its verb group (PerceivedSpeaking).
        // ("seen as empowering voters" is a belief: only "quoted" takes "as".)
        if (In(w, {"quoted", "seen", "heard"})) {
          const uint32_t v = w == "quoted" && next == "as" ? after + 1 : after;
          uint32_t v_end;
          if (v < c.end && absl::EndsWith(AsAbsl(low(v)), "ing") && MatchCue(c, v, &v_end) >= 0) {
            continue;
          }
        }
        const bool ing = absl::EndsWith(AsAbsl(w), "ing");
        // "a series of tweets", "in calls": after a preposition, a noun (a
        // gerund may follow one: "for saying").
        if (!ing && In(prev, {"of", "in", "on", "for", "with", "by", "from", "about", "at",
                              "into", "over", "against", "under", "during", "among"})) {
          continue;
        }
        // "a swiftly called meeting": a participle used as an adjective.
        if (absl::EndsWith(AsAbsl(w), "ed") && t > c.begin + 1 && IsDeterminer(low(t - 2)) &&
            prev.size() > 4 && absl::EndsWith(AsAbsl(prev), "ly")) {
          continue;
        }
        const bool past = absl::EndsWith(AsAbsl(w), "ed") ||
                          In(w, {"said", "says", "told", "wrote", "writes", "spoke", "speaks",
                                 "thought", "knew", "saw", "tells"});
        // "the state of Florida", "hours of questioning": a noun before "of".
        if (e.words.size() == 1 && next == "of" && !past) continue;
        // "red-backed seats": part of a compound word.
        if (t > c.begin && tok(t - 1).has(kFlagDash) && tok(t - 1).end == tok(t).begin) continue;
        // "a TV show", "taking heat back home", "Support for the plan": the
        // base form of a word that is as often a noun is a verb only after
        // a plural subject, a pronoun, a modal or an adverb.
        if (e.words.size() == 1 && w == e.lemma && IsNounProne(w) && !c.headline) {
          if (t == c.begin) continue;
          // "a later tweet", "the first report": a determiner and a modifier
          // (but "the reports show": a plural subject and its verb).
          const bool plural_prev = LooksPlural(prev);
          if (t > c.begin + 1 && IsDeterminer(low(t - 2)) && !IsAux(prev) && !IsPronoun(prev) &&
              !plural_prev) {
            continue;
          }
          const bool verb_context =
              In(prev, {"i", "you", "we", "they", "to", "will", "would", "can", "could", "should",
                        "might", "may", "must", "'ll", "'d", "do", "did", "does", "n't", "not",
                        "who", "which", "that", "and", "or", "people", "many", "most", "some",
                        "others", "both", "all", "few", "police", "women", "men", "children", "polled",
                        "surveyed", "questioned", "interviewed"}) ||
              IsAdverb(prev) || plural_prev;
          if (!verb_context) continue;
        }
        // "the report", "a claim", "Trump's claim": a noun, not a verb.
        if (IsDeterminer(prev) || prev == "'s" || (prev == "'" && inq_[t - 1] < 0)) continue;
        // "most telling", "a very revealing": an adjective in -ing.
        if (absl::EndsWith(AsAbsl(w), "ing") &&
            In(prev, {"most", "more", "less", "very", "particularly", "especially", "quite",
                      "rather", "so", "too", "equally", "deeply"})) {
          continue;
        }
        // "attacks on Guaido", "calls for calm": a plural noun before a
        // preposition (the verb takes its object directly).
        if (e.words.size() == 1 && IsNounProne(e.lemma) && w == e.lemma + "s" &&
            In(next, {"on", "of", "against", "by", "from", "in", "over", "about", "at", "to",
                      ","}) &&
            e.frame != QuoteFinder::CueEntry::kInf) {
          continue;
        }
        // "a dozen states", "three reports", "several calls": a plural noun
        // after a number or a quantifier (no -s verb has a plural subject).
        // Not a numbered name: "Paragraph 3 states" (but "the Sept. 11 attacks").
        if (e.words.size() == 1 && IsNounProne(e.lemma) && w == e.lemma + "s" && t > c.begin &&
            ((tok(t - 1).kind == TokenKind::kNumber &&
              !(t - 1 > c.begin && Capitalized(t - 2) && ent_at_[t - 2] < 0 &&
                !(t - 2 > c.begin && IsDeterminer(low(t - 3))))) ||
             In(prev, {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                       "dozen", "dozens", "hundreds", "thousands", "several", "many", "few",
                       "numerous", "multiple", "both", "all", "some", "other", "more"}))) {
          continue;
        }
        // "taking questions", "incoming attacks": a plural noun after a
        // participle or an adjective in -ing.
        if (e.words.size() == 1 && IsNounProne(e.lemma) && w == e.lemma + "s" && prev.size() > 4 &&
            absl::EndsWith(AsAbsl(prev), "ing") && !Capitalized(t - 1)) {
          continue;
        }
        // "the Venezuelan state": a noun after a demonym ("the Republican
        // said" is a subject and its verb).
        // "of Republican claims": after a preposition too.
        if (t > c.begin + 1 && ent_at_[t - 1] >= 0 && Label(ent_at_[t - 1]) == "NORP" &&
            !absl::EndsWith(AsAbsl(low(t)), "ed") && !absl::EndsWith(AsAbsl(prev), "s") &&
            !In(low(t), {"said", "says", "told", "wrote", "writes", "tells"}) &&
            doc_->entities[ent_at_[t - 1]].token_begin > 0 &&
            (IsDeterminer(low(doc_->entities[ent_at_[t - 1]].token_begin - 1)) ||
             In(low(doc_->entities[ent_at_[t - 1]].token_begin - 1),
                {"of", "in", "on", "for", "with", "by", "from", "about", "among", "against"}))) {
          continue;
        }
        // "a phone call": a noun after a noun.
        if (e.frame == QuoteFinder::CueEntry::kName && t > c.begin && !Capitalized(t - 1) &&
            IsWord(t - 1) && ent_at_[t - 1] < 0 && !IsAux(prev) && !IsAdverb(prev) &&
            !IsPronoun(prev) && prev != "who" && prev != "and") {
          continue;
        }
      }
      *end = after;
      return static_cast<int32_t>(idx);
    }
    return -1;
  }

  // Reads a subject noun phrase leftwards from token `from` (exclusive);
  // returns its first token (== from if there is none).
  uint32_t NpLeft(const Clause& c, uint32_t from) const {
    uint32_t b = from;
    while (b > c.begin && from - b < 12) {
      const uint32_t t = b - 1;
      if (inq_[t] >= 0) {
        // "the so-called “expert” said": a scare-quoted word in the subject.
        // Not “..., ” said X: a quotation closed by a comma is what was said.
        const Pair& p = pairs_[inq_[t]];
        if (p.last == t && p.open > c.begin + 1 && p.open < t && WordsIn(p) <= 3 &&
            low(p.close > 0 ? p.close - 1 : 0) != "," &&
            inq_[p.open - 1] < 0 && IsWord(p.open - 1) &&
            (IsNamingWord(low(p.open - 1)) || IsDeterminer(low(p.open - 1)))) {
          b = p.open;
          continue;
        }
        break;
      }
      const Token& k = tok(t);
      if (k.has(kFlagClitic)) {
        b = t;
        continue;
      }
      if (k.kind == TokenKind::kPunct) {
        // Harry Reid (D-Nev.) said: a bracketed note after the name.
        if (b == from && low(t) == ")" && t > c.begin) {
          uint32_t o = t;
          while (o > c.begin && from - o < 10 && low(o - 1) != "(" && inq_[o - 1] < 0) --o;
          if (o > c.begin + 1 && low(o - 1) == "(" && IsWord(o - 2)) {
            from = o - 1;
            b = o - 1;
            continue;
          }
        }
        // US-led, Jean-Luc: a hyphen inside a name.
        if (k.has(kFlagDash) && !k.has(kFlagSpaceBefore) && t > c.begin && b < from &&
            tok(b).begin == k.end) {
          b = t;
          continue;
        }
        if (k.has(kFlagApostrophe) && t > c.begin) {  // officials’ spokesman
          b = t;
          continue;
        }
        break;
      }
      // "so-called": a word glued to a hyphen is part of a compound.
      const bool compound =
          t + 1 < from && tok(t + 1).has(kFlagDash) && tok(t).end == tok(t + 1).begin;
      // "a Democratic staffer in the room wondered", "protesters from Ohio
      // said": a prepositional phrase after a common noun belongs to it
      // ("Trump at the time said" does not: a name, then an occasion).
      if (ent_at_[t] < 0 && b < from && t > c.begin && In(low(t), {"in", "at", "from", "with"}) &&
          (IsDeterminer(low(b)) || ent_at_[b] >= 0) &&
          !(ent_at_[from - 1] >= 0 && Label(ent_at_[from - 1]) == "DATE") &&
          !IsOccasionNoun(low(from - 1)) &&
          !In(low(from - 1), {"statement", "speech", "letter", "email", "press", "briefing",
                              "tweet"})) {
        const uint32_t h = t - 1;
        const std::string_view hw = low(h);
        if (IsWord(h) && ent_at_[h] < 0 && inq_[h] < 0 && (h == c.lead || !Capitalized(h)) &&
            !IsNpBoundary(hw) &&
            !IsPronoun(hw) && !IsDeterminer(hw) && !IsAdverb(hw) && !IsPreposition(hw) &&
            !absl::EndsWith(AsAbsl(hw), "ed") && !absl::EndsWith(AsAbsl(hw), "ing")) {
          b = t;
          continue;
        }
      }
      if (ent_at_[t] < 0 && IsNpBoundary(low(t)) && !compound) break;
      // "challenged the", "endorsing eight": a verb taking an object.
      if (ent_at_[t] < 0 && b < from && !Capitalized(t) && low(t).size() > 4 &&
          (absl::EndsWith(AsAbsl(low(t)), "ed") || absl::EndsWith(AsAbsl(low(t)), "ing")) &&
          (IsDeterminer(low(b)) || tok(b).kind == TokenKind::kNumber)) {
        break;
      }
      // A pronoun is a whole subject: "he", not "Tuesday he".
      if (IsPronoun(low(t)) && ent_at_[t] < 0) {
        if (b == from) b = t;
        break;
      }
      b = t;
    }
    // Leading "according", "last week": a noun phrase starts at a determiner,
    // a capital or an adjective; drop time words in front.
    while (b < from && In(low(b), {"last", "this", "next", "on", "early", "late", "earlier",
                                     "later", "yesterday", "today", "tonight", "now", "then"})) {
      ++b;
      while (b < from && ent_at_[b] >= 0 &&
             doc_->entity_labels[doc_->entities[ent_at_[b]].label] == "DATE") {
        ++b;
      }
    }
    while (b < from && ent_at_[b] >= 0 &&
           doc_->entity_labels[doc_->entities[ent_at_[b]].label] == "DATE") {
      ++b;
    }
    return b;
  }

  // "In a September letter to Zucker, Trump asked ...": the words before the
  // subject are an adverbial (a preposition or time word, no clause after a
  // comma, no quotation), not what was said.
  bool AdverbialOnly(uint32_t b, uint32_t e) const {
    if (b >= e) return false;
    if (!In(low(b), {"in", "on", "at", "during", "after", "before", "among", "by", "for", "from",
                     "with", "without", "under", "since", "despite", "amid", "following", "as",
                     "when", "while", "throughout", "within", "until", "upon", "over", "later",
                     "earlier", "last", "yesterday", "today", "late", "early"})) {
      return false;
    }
    uint32_t commas = 0;
    for (uint32_t t = b; t < e; ++t) {
      if (inq_[t] >= 0) {
        // A title: On “Face the Nation,” ... (its comma inside the marks).
        const Pair& p = pairs_[inq_[t]];
        if (!p.closed || p.last >= e || WordsIn(p) > 6 || !IsNaming(p)) return false;
        t = p.last;
        continue;
      }
      commas += low(t) == ",";
    }
    // The comma before the subject is the adverbial's own.
    return commas <= 1;
  }

  // Words [b, e) written in capitals (and commas): "WASHINGTON", "NEW YORK,".
  bool AllCaps(uint32_t b, uint32_t e) const {
    int letters = 0;
    for (uint32_t t = b; t < e; ++t) {
      if (low(t) == ",") continue;
      if (!IsWord(t)) return false;
      for (char ch : tok(t).In(text_)) {
        if (ch >= 'a' && ch <= 'z') return false;
        letters += ch >= 'A' && ch <= 'Z';
      }
    }
    return letters >= 2;
  }

  // The subject at the start of the clause, before token `limit`, past
  // fronted adverbials ("In a statement released Thursday, Rep. Jones ...",
  // "On Wednesday, he ..."): an entity, a pronoun, or a short noun phrase.
  bool SentenceSubject(const Clause& c, uint32_t limit, uint32_t* b, uint32_t* e) const {
    uint32_t s = c.lead;
    // A dateline: "Washington (AFP) – ", "PHILADELPHIA, July 25 (UPI) — ",
    // "WASHINGTON — ".
    for (uint32_t t = s; t < limit && t - s < 10; ++t) {
      if (inq_[t] >= 0) break;
      if (tok(t).has(kFlagDash) && t > s && tok(t).has(kFlagSpaceBefore) &&
          (low(t - 1) == ")" || AllCaps(s, t))) {
        s = t + 1;
        break;
      }
    }
    for (int hops = 0; hops < 3 && s < limit; ++hops) {
      const bool date = ent_at_[s] >= 0 && Label(ent_at_[s]) == "DATE";
      uint32_t j = s;
      while (j < limit && j - s < 25 && inq_[j] < 0 && low(j) != ",") ++j;
      // "Minutes later, ...", "Two days ago, ...": a time phrase.
      const bool time_phrase = j < limit && j > s && j - s <= 4 && low(j) == "," &&
                               In(low(j - 1), {"later", "earlier", "ago", "before", "after"});
      // "Immediately after the attacks,", "Likewise,", "Citing the attack,":
      // an adverb or a participle opens an adverbial too.
      const bool opener = IsFrontedOpener(low(s)) || IsAdverb(low(s)) ||
                          In(low(s), {"likewise", "indeed", "thus", "nonetheless",
                                      "nevertheless", "moreover", "furthermore"}) ||
                          (absl::EndsWith(AsAbsl(low(s)), "ing") && low(s).size() > 4);
      if (!date && !time_phrase && !opener) break;
      // "And then Trump went on the attack, saying": a conjunction opens a
      // clause; only a short phrase after it is an adverbial ("But in 2015,").
      if (In(low(s), {"and", "but", "then", "also", "still", "so", "now"}) && j - s > 4) break;
      if (j >= limit || low(j) != ",") break;
      s = j + 1;
      // "in Salem, New Hampshire, Trump ...": the state after the town.
      if (s < limit && ent_at_[s] >= 0 && doc_->entities[ent_at_[s]].token_begin == s &&
          Label(ent_at_[s]) == "GPE") {
        const uint32_t after = doc_->entities[ent_at_[s]].token_end;
        if (after + 1 < limit && low(after) == ",") s = after + 1;
      }
    }
    // "And Skelly called ...", "When he returned he began ...": a
    // conjunction or a subordinator without its comma is not the subject.
    while (s + 1 < limit && inq_[s + 1] < 0 &&
           In(low(s), {"and", "but", "so", "yet", "or", "then", "also", "when", "if", "as",
                       "after", "before", "while", "because", "although", "though", "since",
                       "once", "until"})) {
      ++s;
    }
    if (s >= limit || inq_[s] >= 0) return false;
    if (low(s) == "there") return false;  // "There's still time for ...": no one
    if (ent_at_[s] >= 0 && doc_->entities[ent_at_[s]].token_begin == s &&
        IsSpeakerLabel(ent_at_[s])) {
      *b = s;
      *e = std::min(limit, doc_->entities[ent_at_[s]].token_end);
      // "Democrat Hillary Clinton": a demonym before the name.
      if (*e < limit && ent_at_[*e] >= 0 && Label(ent_at_[s]) == "NORP" &&
          Label(ent_at_[*e]) == "PERSON") {
        *e = std::min(limit, doc_->entities[ent_at_[*e]].token_end);
      }
      return true;
    }
    if (IsPronoun(low(s))) {
      *b = s;
      *e = s + 1;
      return true;
    }
    // A noun phrase read rightwards up to its verb: "a paper from the
    // Brookings Institution had this to say", "The conservative publication
    // has been outspoken".
    uint32_t k = s;
    while (k < limit && k - s < 10 && inq_[k] < 0) {
      const Token& w = tok(k);
      if (w.kind == TokenKind::kPunct && !w.has(kFlagDash) && !w.has(kFlagApostrophe)) break;
      if (k > s && ent_at_[k] < 0 &&
          (IsAux(low(k)) || IsAdverb(low(k)) || In(low(k), {"who", "which", "that", "and"}))) {
        break;
      }
      uint32_t cue_end;
      if (k > s && MatchCue(c, k, &cue_end) >= 0) break;
      // "Trump speculated": a past form after a noun ends the subject.
      if (k > s && ent_at_[k] < 0 && !Capitalized(k) && low(k).size() > 3 &&
          absl::EndsWith(AsAbsl(low(k)), "ed") && !IsDeterminer(low(k - 1))) {
        break;
      }
      ++k;
    }
    *b = s;
    *e = k;
    return *e > *b && *e - *b <= 8;
  }

  // "When asked by a reporter whether ...", "Asked about the deal, ...":
  // a question put to the subject; the asker (if named) is the speaker and
  // the question, up to the comma, the content.
  bool AskedQuestion(const Clause& c, uint32_t vb, Attribution* a) {
    const uint32_t t = a->cue_end - 1;
    if (a->cue_end != vb + 1 || f_.cues_[a->entry].lemma != "ask" || low(t) != "asked") {
      return false;
    }
    const bool opens = t == c.lead && Capitalized(t);
    const bool after_conj =
        t > c.begin && In(low(t - 1), {"when", "while", "after", "before", "once", "if", "as",
                                       "was", "were", "being", "been"});
    if (!opens && !after_conj) return false;
    uint32_t k = a->cue_end;
    QuoteSource asker;
    if (k < c.end && low(k) == "by") {
      uint32_t e = k + 1;
      while (e < c.end && e - k < 8 && inq_[e] < 0 && IsWord(e) &&
             !In(low(e), {"whether", "if", "about", "how", "what", "why", "who", "when", "to",
                          "on", "in", "at", "during", "for", "last"})) {
        ++e;
      }
      if (e == k + 1) return false;
      asker = Resolve(k + 1, e);
      k = e;
    }
    // "asked in May if ...", "asked on Thursday about ...": a time first.
    for (uint32_t j = k; j < c.end && j < k + 6 && inq_[j] < 0; ++j) {
      if (In(low(j), {"whether", "if", "about", "how", "what", "why"})) {
        k = j;
        break;
      }
      if (low(j) == ",") break;
    }
    if (k >= c.end || !In(low(k), {"whether", "if", "about", "how", "what", "why"})) return false;
    uint32_t e = k;
    while (e < c.end && low(e) != "," && !tok(e).has(kFlagTerminal)) {
      if (inq_[e] >= 0) e = pairs_[inq_[e]].last;
      ++e;
    }
    e = std::min(e, c.end);
    if (!HasWords(k, e, 2)) return false;
    a->speaker = asker;
    a->content_begin = k;
    a->content_end = TrimEnd(k, e);
    return true;
  }

  // "said Tuesday in Paris", "said in an interview with Fox News": words
  // after the verb that tell when or where, with nothing said in them.
  bool AdjunctOnly(uint32_t b, uint32_t e) const {
    if (b >= e) return false;
    const bool date = ent_at_[b] >= 0 && Label(ent_at_[b]) == "DATE";
    if (!date && !In(low(b), {"in", "on", "at", "during", "this", "last", "earlier", "later",
                              "yesterday", "today", "tonight", "late", "early"}) &&
        !(IsAdverb(low(b)) && b + 1 < e && IsPreposition(low(b + 1)))) {
      return false;
    }
    int words = 0;
    for (uint32_t t = b; t < e; ++t) {
      // A title in quotation marks: on ABC's “Good Morning America.”
      if (inq_[t] >= 0) {
        const Pair& p = pairs_[inq_[t]];
        if (p.last > e) return false;
        t = p.last;
        ++words;
        continue;
      }
      if (ent_at_[t] >= 0) {
        ++words;
        continue;
      }
      if (tok(t).has(kFlagClitic)) continue;  // ABC's
      if (low(t) == "that" || IsAux(low(t)) || IsPronoun(low(t)) || tok(t).has(kFlagTerminal)) {
        return false;
      }
      if (IsWord(t) && ++words > 8) return false;
    }
    return true;
  }

  // "endorsed Clinton at a rally, saying ...": the object is what the
  // stance is about, up to a comma, a dash, a new clause, or when and where.
  void ObjectContent(const Clause& c, uint32_t k, Attribution* a) {
    uint32_t e = k;
    while (e < c.end && e - k < 30) {
      if (inq_[e] >= 0) {
        e = pairs_[inq_[e]].last + 1;
        continue;
      }
      const Token& w = tok(e);
      if (low(e) == "," || w.has(kFlagTerminal) || low(e) == ";" || low(e) == ":" ||
          (w.has(kFlagDash) && w.has(kFlagSpaceBefore))) {
        break;
      }
      if (e > k && In(low(e), {"which", "who", "because", "while", "when", "after", "as", "but",
                               "since", "although", "though", "despite", "at", "on", "during",
                               "last", "this", "before", "earlier", "later"})) {
        break;
      }
      if (e > k && ent_at_[e] >= 0 && Label(ent_at_[e]) == "DATE" && ent_at_[e - 1] != ent_at_[e]) {
        if (e > k + 1 && IsPreposition(low(e - 1))) --e;  // "in 2019"
        break;
      }
      ++e;
    }
    a->content_begin = k;
    a->content_end = TrimEnd(k, std::min(e, c.end));
    Chain(c, a->cue_end, c.end, a);
    FinishContent(c, a, 1);
  }

  // Token t, after a comma or semicolon at t - 1, starts the writer's own
  // clause rather than more of what was said.
  bool ContentBreak(uint32_t t) const {
    const std::string_view prev = low(t - 1);
    if (prev == ";") return true;
    if (prev != ",") return false;
    const std::string_view w = low(t);
    if (In(w, {"while", "whereas", "meaning", "although", "though"})) return true;
    return In(w, {"and", "but"}) && t + 1 < doc_->tokens.size() &&
           (IsPronoun(low(t + 1)) || (ent_at_[t + 1] >= 0 && Capitalized(t + 1)));
  }

  // "Scott, ranking member of the committee, said he supports it": what
  // follows the verb is a clause (a subject pronoun and more words, or a
  // noun phrase reaching an auxiliary), so the verb's subject stands before
  // it, not after it as in "..., said Scott, a spokesman".
  bool ClauseFollows(const Clause& c, uint32_t k) const {
    if (k + 1 < c.end && ent_at_[k] < 0 && In(low(k), {"he", "she", "they", "we", "i"}) &&
        IsWord(k + 1) && inq_[k + 1] < 0 && !IsPreposition(low(k + 1))) {
      return true;
    }
    for (uint32_t t = k; t < c.end && t - k < 8; ++t) {
      if (inq_[t] >= 0 || !IsWord(t)) return false;
      if (ent_at_[t] >= 0) continue;
      if (t > k && IsAux(low(t)) && !tok(t).has(kFlagClitic)) return true;
      if (IsPreposition(low(t)) || In(low(t), {"who", "which", "that", "whose", "and"})) {
        return false;
      }
    }
    return false;
  }

  // Reads a noun phrase rightwards from `from` up to a comma, a terminal, a
  // quote or the clause end.
  uint32_t NpRight(const Clause& c, uint32_t from) const {
    uint32_t e = from;
    while (e < c.end && e - from < 14) {
      if (inq_[e] >= 0) break;
      const Token& k = tok(e);
      if (k.kind == TokenKind::kPunct && !k.has(kFlagDash) && !k.has(kFlagApostrophe)) break;
      if (e > from && In(low(e), {"that", "said", "says", "told", "who", "which", "and"})) break;
      ++e;
    }
    return e;
  }

  std::string_view Label(int32_t ent) const {
    return doc_->entity_labels[doc_->entities[ent].label];
  }

  // Decided once per cluster: a cluster may have thousands of mentions.
  bool IsMediaCluster(int32_t cluster) const {
    if (cluster < 0) return false;
    if (media_cache_.size() != doc_->clusters.size()) media_cache_.assign(doc_->clusters.size(), -1);
    int8_t& cached = media_cache_[cluster];
    if (cached < 0) cached = ComputeIsMedia(cluster);
    return cached == 1;
  }

  bool ComputeIsMedia(int32_t cluster) const {
    const EntityCluster& c = doc_->clusters[cluster];
    if (f_.media_names_.contains(EntityClusterer::Key(c.canonical))) return true;
    for (uint32_t m : c.mentions) {
      const Entity& e = doc_->entities[m];
      for (uint32_t t = e.token_begin; t < e.token_end; ++t) {
        if (f_.media_words_.contains(AsAbsl(tok(t).In(text_)))) return true;
      }
    }
    return false;
  }

  SpeakerType TypeOfEntity(int32_t ent) const {
    const std::string_view l = Label(ent);
    if (l == "PERSON") return SpeakerType::kPerson;
    if (l == "ORG") {
      return IsMediaCluster(doc_->entities[ent].cluster) ? SpeakerType::kMedia
                                                         : SpeakerType::kOrganization;
    }
    if (l == "GPE" || l == "NORP") return SpeakerType::kOrganization;
    return SpeakerType::kUnknown;
  }

  bool IsSpeakerLabel(int32_t ent) const {
    const std::string_view l = Label(ent);
    return l == "PERSON" || l == "ORG" || l == "GPE" || l == "NORP";
  }

  ByteSpan Bytes(uint32_t b, uint32_t e) const {
    if (e <= b) return {};
    return {tok(b).begin, tok(e - 1).end};
  }

  // The last entity mention before token `before` with a speaker label that
  // `accept` takes.
  template <typename F>
  int32_t LastEntityBefore(uint32_t before, F accept) const {
    // Entities are in text order: start below the first one ending after `before`.
    const auto& ents = doc_->entities;
    size_t e = std::partition_point(ents.begin(), ents.end(), [&](const Entity& x) {
                 return x.token_end <= before;
               }) - ents.begin();
    while (e-- > 0) {
      const Entity& ent = ents[e];
      if (ent.token_end > before) continue;
      if (before - ent.token_end > 400) break;
      if (accept(static_cast<int32_t>(e))) return static_cast<int32_t>(e);
    }
    return -1;
  }

  // Decides who the noun phrase [b, e) is and what kind of source.
  QuoteSource Resolve(uint32_t b, uint32_t e) const {
    QuoteSource s;
    if (e <= b) return s;
    s.span = Bytes(b, e);
    const std::string_view head = low(e - 1);
    // A named entity at the end of the phrase is the speaker: "White House
    // spokesman Josh Earnest", "the New York Times".
    int32_t adjacent = ent_at_[e - 1];
    if (adjacent >= 0 && doc_->entities[adjacent].token_begin < b) adjacent = -1;
    // "Del. Stacey Plaskett of the Virgin Islands", "a senator from Ohio": the
    // place after the preposition is not who spoke.
    if (adjacent >= 0 && Label(adjacent) != "PERSON") {
      for (uint32_t t = b + 1; t < doc_->entities[adjacent].token_begin; ++t) {
        if (ent_at_[t] >= 0) continue;
        if (In(low(t), {"of", "from", "in", "at"})) {
          if (HasWords(b, t, 1)) return Resolve(b, t);
          break;
        }
      }
    }
    if (adjacent >= 0 && IsSpeakerLabel(adjacent)) {
      const Entity& ent = doc_->entities[adjacent];
      uint32_t sb = ent.token_begin;
      if (sb > b && low(sb - 1) == "the") --sb;
      s.span = Bytes(sb, ent.token_end);
      s.cluster = ent.cluster;
      s.type = TypeOfEntity(adjacent);
      // "the Venezuelan government": a demonym before an organisation noun.
      return s;
    }
    // "a spokesman for the ministry": speaks for what follows "for".
    for (uint32_t t = b; t < e; ++t) {
      if (!f_.spokesperson_.contains(AsAbsl(low(t)))) continue;
      for (uint32_t u = t + 1; u < e; ++u) {
        if (ent_at_[u] >= 0 && IsSpeakerLabel(ent_at_[u])) {
          s.cluster = doc_->entities[ent_at_[u]].cluster;
          s.type = TypeOfEntity(ent_at_[u]) == SpeakerType::kMedia ? SpeakerType::kMedia
                                                                    : SpeakerType::kOrganization;
          return s;
        }
      }
      // A named spokesperson before it: "Kremlin spokesman" has no person.
      s.type = SpeakerType::kOrganization;
      for (uint32_t u = b; u < t; ++u) {
        if (ent_at_[u] >= 0 && IsSpeakerLabel(ent_at_[u])) {
          s.cluster = doc_->entities[ent_at_[u]].cluster;
          return s;
        }
      }
      return s;
    }
    if (e - b == 1 && IsPronoun(head)) {
      if (head == "he" || head == "she" || head == "i") {
        s.type = SpeakerType::kPerson;
        s.cluster = LastPersonBefore(b);
      } else if (head == "they" || head == "it" || head == "we") {
        // The most recent organisation that spoke, else one named.
        for (size_t q = attributions_.size(), seen = 0; q-- > 0 && seen++ < 50;) {
          const QuoteSource& sp = attributions_[q].speaker;
          if (sp.cluster >= 0 && (sp.type == SpeakerType::kOrganization ||
                                  sp.type == SpeakerType::kMedia)) {
            s.cluster = sp.cluster;
            s.type = sp.type;
            return s;
          }
        }
        if (head == "it") {
          const int32_t ent = LastEntityBefore(b, [&](int32_t x) { return Label(x) == "ORG"; });
          if (ent >= 0) {
            s.cluster = doc_->entities[ent].cluster;
            s.type = TypeOfEntity(ent);
          }
        }
      }
      return s;
    }
    auto noun = f_.nouns_.find(AsAbsl(head));
    bool has_person = false;
    for (uint32_t t = b; t < e; ++t) {
      has_person |= ent_at_[t] >= 0 && Label(ent_at_[t]) == "PERSON";
    }
    if (noun != f_.nouns_.end() && !has_person) {
      s.type = noun->second;
      if (s.type == SpeakerType::kMedia) {
        // "the newspaper": the outlet last named.
        const int32_t ent = LastEntityBefore(b, [&](int32_t x) {
          return Label(x) == "ORG" && IsMediaCluster(doc_->entities[x].cluster);
        });
        if (ent >= 0) s.cluster = doc_->entities[ent].cluster;
      } else if (s.type == SpeakerType::kOrganization) {
        for (uint32_t t = b; t < e; ++t) {
          if (ent_at_[t] >= 0 && IsSpeakerLabel(ent_at_[t])) {
            s.cluster = doc_->entities[ent_at_[t]].cluster;
            break;
          }
        }
      }
      return s;
    }
    if (f_.roles_.contains(AsAbsl(head)) && !has_person) {
      // "the ambassador": the person last named with that role.
      s.type = SpeakerType::kPerson;
      const std::string role(head);
      const int32_t ent = LastEntityBefore(b, [&](int32_t x) {
        if (Label(x) != "PERSON") return false;
        const Entity& en = doc_->entities[x];
        if (!en.title.empty() && Lower(en.title.In(text_)).find(role) != std::string::npos) {
          return true;
        }
        const uint32_t from = en.token_begin > 6 ? en.token_begin - 6 : 0;
        for (uint32_t t = from; t < en.token_begin; ++t) {
          if (low(t) == role) return true;
        }
        return false;
      });
      if (ent >= 0) s.cluster = doc_->entities[ent].cluster;
      return s;
    }
    // Any person or organisation named inside: "A web video by the RNC".
    for (uint32_t t = e; t-- > b;) {
      if (ent_at_[t] >= 0 && IsSpeakerLabel(ent_at_[t])) {
        s.type = TypeOfEntity(ent_at_[t]);
        s.cluster = doc_->entities[ent_at_[t]].cluster;
        if (s.type == SpeakerType::kPerson) return s;
      }
    }
    return s;
  }

  int32_t LastPersonBefore(uint32_t before) const {
    for (size_t q = attributions_.size(); q-- > 0;) {
      const QuoteSource& sp = attributions_[q].speaker;
      if (attributions_[q].cue_begin >= before) continue;
      if (sp.type == SpeakerType::kPerson && sp.cluster >= 0) return sp.cluster;
      break;
    }
    const int32_t ent = LastEntityBefore(before, [&](int32_t x) { return Label(x) == "PERSON"; });
    return ent >= 0 ? doc_->entities[ent].cluster : -1;
  }

  // The token after trailing punctuation is dropped: content ends at a word,
  // or at a closing quote mark.
  uint32_t TrimEnd(uint32_t b, uint32_t e) const {
    while (e > b && IsPunct(e - 1) && inq_[e - 1] < 0) --e;
    return e;
  }
  uint32_t TrimBegin(uint32_t b, uint32_t e) const {
    while (b < e && IsPunct(b) && inq_[b] < 0) ++b;
    return b;
  }

  // The outermost quote that is exactly tokens [b, e), give or take
  // punctuation outside it; -1 if none.
  int32_t WholeQuote(uint32_t b, uint32_t e) const {
    b = TrimBegin(b, e);
    e = TrimEnd(b, e);
    if (b >= e) return -1;
    const int32_t q = inq_[b];
    if (q < 0 || pairs_[q].open != b) return -1;
    const Pair& p = pairs_[q];
    const uint32_t last = p.last;
    return last + 1 >= e ? q : -1;
  }

  int WordsIn(const Pair& p) const {
    int n = 0;
    for (uint32_t t = p.open + 1; t < p.close; ++t) n += IsWord(t);
    return n;
  }

  // Words from which an unattributed quotation counts as speech.
  static constexpr int kSpeechWords = 7;

  // “We won. Now we govern,”: a sentence ends inside the quotation.
  bool HasInnerSentenceEnd(const Pair& p) const {
    for (uint32_t t = p.open + 1; t + 1 < p.close; ++t) {
      if (tok(t).has(kFlagTerminal) && IsWord(t + 1) && Capitalized(t + 1)) return true;
    }
    return false;
  }

  // “...” ― Pamela Padilla: a name after a dash that follows the quotation,
  // and nothing after the name in its paragraph.
  bool DashSignature(const Pair& p, uint32_t* b, uint32_t* e) const {
    const uint32_t par_end = doc_->paragraphs[p.last_paragraph].token_end;
    uint32_t t = p.last + 1;
    uint32_t end = par_end;
    // "- Bernie Sanders." alone in the next paragraph.
    if (t == par_end && p.last_paragraph + 1 < doc_->paragraphs.size()) {
      const auto& next = doc_->paragraphs[p.last_paragraph + 1];
      if (next.token_begin == t) end = next.token_end;
    }
    const uint32_t par_end2 = end;
    if (t >= par_end2 || !tok(t).has(kFlagDash)) return false;
    ++t;
    const uint32_t s = t;
    while (t < par_end2 && t - s < 7 && IsWord(t) && (Capitalized(t) || ent_at_[t] >= 0)) ++t;
    if (t == s) return false;
    for (uint32_t k = t; k < par_end2; ++k) {
      if (IsWord(k) || tok(k).has(kFlagQuote)) return false;
    }
    *b = s;
    *e = t;
    return true;
  }

  // Nothing but punctuation between the quotation and the end of its clause.
  bool ReachesClauseEnd(const Clause& c, const Pair& p) const {
    for (uint32_t t = p.last + 1; t < c.end; ++t) {
      if (IsWord(t)) return false;
    }
    return true;
  }

  bool HasQuote(uint32_t b, uint32_t e) const {
    for (uint32_t t = b; t < e; ++t) {
      if (inq_[t] >= 0) return true;
    }
    return false;
  }

  bool HasWords(uint32_t b, uint32_t e, int n) const {
    int k = 0;
    for (uint32_t t = b; t < e; ++t) k += IsWord(t);
    return k >= n;
  }

  // "citing persons familiar with the matter", "quoting officials".
  void Chain(const Clause& c, uint32_t from, uint32_t to, Attribution* a) const {
    for (uint32_t t = from; t < to; ++t) {
      if (inq_[t] >= 0) continue;
      if (low(t) != "citing" && low(t) != "quoting") continue;
      const uint32_t e = NpRight(c, t + 1);
      // The noun phrase may run on: "persons said to be familiar with the matter".
      uint32_t end = e;
      while (end < c.end && end < t + 16 && !IsPunct(end) && inq_[end] < 0) ++end;
      if (end > t + 1) {
        QuoteSource s = Resolve(t + 1, std::min(e, end));
        s.span = Bytes(t + 1, end);
        if (s.type == SpeakerType::kUnknown || s.type == SpeakerType::kAnonymous) {
          auto noun = f_.nouns_.find(AsAbsl(low(t + 1)));
          if (noun != f_.nouns_.end()) s.type = noun->second;
        }
        a->chain.push_back(s);
      }
      t = end;
    }
  }

  void Attribute(size_t ci) {
    const Clause& c = clauses_[ci];
    std::vector<Attribution> found;
    for (uint32_t t = c.begin; t < c.end; ++t) {
      if (inq_[t] >= 0) continue;
      uint32_t cue_end;
      const int32_t entry = MatchCue(c, t, &cue_end);
      if (entry < 0) continue;
      Attribution a;
      a.clause = static_cast<uint32_t>(ci);
      a.entry = static_cast<uint32_t>(entry);
      a.cue_begin = t;
      a.cue_end = cue_end;
      const auto& ce = f_.cues_[entry];
      if (ce.frame == QuoteFinder::CueEntry::kPrep) {
        AttributeAccordingTo(c, &a);
      } else if (ce.frame == QuoteFinder::CueEntry::kNoun) {
        AttributeNoun(c, &a);
      } else if (ce.frame == QuoteFinder::CueEntry::kEvid) {
        AttributeEvidential(c, &a);
      } else {
        AttributeVerb(c, found, &a);
        if (Passive(c, t)) {
          // "Oz has been seen as ...", "was widely criticized": the subject
          // did not speak; the agent after "by", if any, did.
          // What it says is what follows the agent ("described by X as
          // ..."), or a that-clause or a quotation right after the verb.
          a.speaker = {};
          a.chain.clear();
          a.direct_pair = a.direct_pair2 = -1;
          a.content_begin = a.content_end = 0;
          uint32_t k = cue_end;
          if (k + 1 < c.end && low(k) == "by") {
            uint32_t np_end = k + 1;
            while (np_end < c.end && np_end - k < 10 && inq_[np_end] < 0 && IsWord(np_end) &&
                   (np_end == k + 1 || ent_at_[np_end] >= 0 ||
                    (!IsPreposition(low(np_end)) && !IsNpBoundary(low(np_end))))) {
              ++np_end;
            }
            if (np_end > k + 1) a.speaker = Resolve(k + 1, np_end);
            k = np_end;
          }
          if (k < c.end && (low(k) == "as" || low(k) == "that" || low(k) == ":")) ++k;
          if (k < c.end && (k > cue_end || inq_[k] >= 0 || low(k - 1) == "that")) {
            a.content_begin = TrimBegin(k, c.end);
            a.content_end = TrimEnd(a.content_begin, c.end);
            FinishContent(c, &a);
          }
        }
      }
      t = cue_end - 1;
      // "he continued", "the state spoke": these count as speech only with
      // a quotation in what was said.
      // (A name frame settles this itself: "called him divisive" counts.)
      const bool needs_quote = ce.frame == QuoteFinder::CueEntry::kSpeech;
      if (needs_quote && a.direct_pair < 0 &&
          a.direct_pair2 < 0 && !HasQuote(a.content_begin, a.content_end)) {
        a.content_begin = a.content_end = 0;
      }
      if (a.speaker.span.empty() && a.direct_pair < 0 && a.content_end <= a.content_begin) continue;
      found.push_back(std::move(a));
    }
    clause_attr_[ci].first = static_cast<uint32_t>(attributions_.size());
    clause_attr_[ci].second = static_cast<uint32_t>(attributions_.size() + found.size());
    for (Attribution& a : found) {
      if (a.direct_pair >= 0 && pairs_[a.direct_pair].attribution < 0) {
        pairs_[a.direct_pair].attribution = static_cast<int32_t>(attributions_.size());
      }
      if (a.direct_pair2 >= 0 && pairs_[a.direct_pair2].attribution < 0) {
        pairs_[a.direct_pair2].attribution = static_cast<int32_t>(attributions_.size());
      }
      attributions_.push_back(std::move(a));
    }
  }

  // "Trump is expected to win", "the plan seemed to fail", "which appears
  // to ...": the writer's inference, no speaker; what is inferred is the
  // whole clause, its subject included ("it seems that ...": the clause).
  void AttributeEvidential(const Clause& c, Attribution* a) {
    uint32_t vb = a->cue_begin;
    while (vb > c.begin && inq_[vb - 1] < 0 && (IsAux(low(vb - 1)) || IsAdverb(low(vb - 1))) &&
           ent_at_[vb - 1] < 0) {
      --vb;
    }
    a->cue_begin = vb;
    uint32_t b = NpLeft(c, vb);
    if (b == vb && vb > c.begin && In(low(vb - 1), {"which", "who", "that"})) b = vb - 1;
    if (b == vb) return;
    if (vb - b == 1 && In(low(b), {"it", "there"})) {
      if (a->cue_end < c.end && low(a->cue_end) == "that") {
        a->content_begin = TrimBegin(a->cue_end + 1, c.end);
        a->content_end = TrimEnd(a->content_begin, c.end);
        FinishContent(c, a);
      }
      return;
    }
    uint32_t e = c.end;
    // "The sale, which is expected to grow, closed": a relative clause ends
    // at its comma.
    if (In(low(b), {"which", "who"})) {
      for (uint32_t t = a->cue_end; t < c.end; ++t) {
        if (inq_[t] < 0 && low(t) == ",") {
          e = t;
          break;
        }
      }
    }
    a->content_begin = b;
    a->content_end = TrimEnd(b, e);
    FinishContent(c, a);
  }

  // The cue word at t is a passive participle: a form of "be" (or "get")
  // before it, perhaps past an adverb.
  bool Passive(const Clause& c, uint32_t t) const {
    const std::string_view w = low(t);
    if (absl::EndsWith(AsAbsl(w), "ing") || t == c.begin) return false;
    uint32_t k = t - 1;
    if (IsAdverb(low(k)) && k > c.begin) --k;
    return inq_[k] < 0 && In(low(k), {"been", "being", "be", "is", "was", "are", "were", "get",
                                      "gets", "got"});
  }

  void AttributeAccordingTo(const Clause& c, Attribution* a) {
    const uint32_t np_end = NpRight(c, a->cue_end);
    if (np_end == a->cue_end) return;
    a->speaker = Resolve(a->cue_end, np_end);
    a->speaker.span = Bytes(a->cue_end, np_end);
    Resolve2(a, a->cue_end, np_end);
    const uint32_t lead = c.lead;
    // "Now, according to the poll, some are swinging": a word or an
    // adverbial before the cue is not what was said.
    const bool before_is_content = a->cue_begin > lead && HasWords(lead, a->cue_begin, 3) &&
                                   !AdverbialOnly(lead, a->cue_begin) &&
                                   low(a->cue_begin - 1) != ":";
    if (!before_is_content) {
      a->content_begin = TrimBegin(np_end, c.end);
    } else {
      a->content_begin = lead;
      a->content_end = TrimEnd(c.begin, a->cue_begin);
      Chain(c, np_end, c.end, a);
      // "..., he told Randolph that she should step aside, according to
      // sources": what the sources say includes the attribution inside it.
      FinishContent(c, a, 2, /*cut_at_attribution=*/false);
      return;
    }
    a->content_end = TrimEnd(a->content_begin, c.end);
    Chain(c, np_end, c.end, a);
    FinishContent(c, a);
  }

  // Keeps the entity-based type and cluster of the phrase, but the span of
  // the whole phrase after "according to" is the speaker as written.
  void Resolve2(Attribution* a, uint32_t b, uint32_t e) {
    QuoteSource r = Resolve(b, e);
    r.span = a->speaker.span;
    a->speaker = r;
  }

  void AttributeNoun(const Clause& c, Attribution* a) {
    // "Trump's claim that", "a New York Times report that".
    uint32_t e = a->cue_begin;
    if (e > c.begin && (low(e - 1) == "'s" || low(e - 1) == "'")) --e;
    uint32_t b = e;
    while (b > c.begin && ent_at_[b - 1] >= 0 && inq_[b - 1] < 0 &&
           doc_->entities[ent_at_[b - 1]].token_end == e) {
      b = doc_->entities[ent_at_[b - 1]].token_begin;
    }
    if (b == e) b = NpLeft(c, e);
    // "the assertion that", "a report that": an article names nobody.
    while (b < e && In(low(b), {"the", "a", "an", "this", "that", "these", "those"})) ++b;
    if (b < e) a->speaker = Resolve(b, e);
    a->content_begin = a->cue_end + 1;  // after "that"
    a->content_end = TrimEnd(a->content_begin, c.end);
    FinishContent(c, a);
  }

  // The attribution that reports list[i], directly or through others, and
  // is reported by none before it: in "Carson said he saw no need ...",
  // "said" for "saw". With need_speaker, only attributions with a speaker.
  static size_t OuterIndex(absl::Span<const Attribution> list, size_t i, bool need_speaker) {
    for (size_t b = i; b-- > 0;) {
      const Attribution& o = list[b];
      if ((!need_speaker || !o.speaker.span.empty()) && o.content_begin <= list[i].cue_begin &&
          list[i].cue_begin < o.content_end) {
        i = b;
      }
    }
    return i;
  }

  // The outermost of the clause's attributions so far: "..., telling ..."
  // after "Carson said he saw ..." goes with "said".
  static const Attribution& Outer(const std::vector<Attribution>& before) {
    return before[OuterIndex(before, before.size() - 1, false)];
  }

  // "was heard saying", "can be seen telling", "was quoted as saying", "was
  // caught on tape saying": a passive of hearing, seeing or recording before
  // a speech verb in -ing belongs to its verb group, and the passive's
  // subject is the speaker. The first token of the passive participle, or
  // `t` when there is none.
  uint32_t PerceivedSpeaking(const Clause& c, uint32_t t) const {
    if (!absl::EndsWith(AsAbsl(low(t)), "ing")) return t;
    uint32_t p = t;
    if (p > c.begin + 1 && inq_[p - 1] < 0 && low(p - 1) == "as" && low(p - 2) == "quoted") {
      --p;  // "quoted as saying" ("seen as helping" is a belief)
    } else if (p > c.begin + 1 && inq_[p - 1] < 0 && low(p - 2) == "on" &&
               In(low(p - 1), {"tape", "camera", "video", "film", "audio", "mic"})) {
      p -= 2;  // "caught on tape saying"
    }
    if (p <= c.begin + 1 || inq_[p - 1] >= 0 ||
        !In(low(p - 1), {"heard", "seen", "caught", "recorded", "filmed", "overheard", "quoted",
                         "shown", "spotted", "pictured", "videotaped", "captured"})) {
      return t;
    }
    uint32_t k = p - 1;
    while (k > c.begin && IsAdverb(low(k - 1))) --k;  // "was later heard"
    return k > c.begin && In(low(k - 1), {"is", "was", "are", "were", "be", "been", "being"})
               ? p - 1
               : t;
  }

  void AttributeVerb(const Clause& c, const std::vector<Attribution>& before, Attribution* a) {
    const auto& ce = f_.cues_[a->entry];
    // The verb group: "has reported", "would later say".
    uint32_t vb = a->cue_begin;
    if (const uint32_t p = PerceivedSpeaking(c, vb); p < vb) vb = p;
    for (;;) {
      uint32_t k = vb;
      while (k > c.begin && inq_[k - 1] < 0 && IsAdverb(low(k - 1)) && ent_at_[k - 1] < 0) --k;
      if (k > c.begin && inq_[k - 1] < 0 && IsAux(low(k - 1)) && !tok(k - 1).has(kFlagClitic)) {
        vb = k - 1;
        continue;
      }
      break;
    }
    a->cue_begin = vb;
    if (AskedQuestion(c, vb, a)) return;
    // "Said Ellis: “...”", "Added the senator, “...”": the verb first, then
    // its subject, then what was said.
    if (vb == c.lead && a->cue_begin == a->cue_end - 1 && Capitalized(vb) && !c.headline &&
        a->cue_end < c.end && IsWord(a->cue_end) &&
        !absl::EndsWith(AsAbsl(low(vb)), "ing") && low(vb) != "asked" &&
        !IsPreposition(low(a->cue_end)) &&
        !In(low(a->cue_end), {"by", "which", "what", "whether", "if", "how", "why", "who"})) {
      const uint32_t np_end = NpRight(c, a->cue_end);
      if (np_end > a->cue_end && np_end - a->cue_end <= 8 && np_end < c.end &&
          (low(np_end) == ":" || low(np_end) == ",")) {
        a->speaker = Resolve(a->cue_end, np_end);
        a->content_begin = TrimBegin(np_end + 1, c.end);
        a->content_end = TrimEnd(a->content_begin, c.end);
        FinishContent(c, a);
        return;
      }
    }
    uint32_t subj_end = vb;
    while (subj_end > c.begin && inq_[subj_end - 1] < 0 && IsAdverb(low(subj_end - 1)) &&
           ent_at_[subj_end - 1] < 0) {
      --subj_end;
    }
    uint32_t subj_begin = NpLeft(c, subj_end);
    // "Trump at the time said", "Clinton on Tuesday night said": a time or
    // occasion phrase between subject and verb.
    bool time_head = false;
    if (subj_begin < subj_end) {
      const uint32_t head = subj_end - 1;
      time_head = ent_at_[head] >= 0
                      ? Label(ent_at_[head]) == "DATE"
                      : IsOccasionNoun(low(head));
    }
    if (subj_begin < subj_end && subj_begin > c.begin + 1 && time_head &&
        In(low(subj_begin - 1), {"at", "on", "in", "during", "after", "earlier", "later"})) {
      const uint32_t np = NpLeft(c, subj_begin - 1);
      if (np < subj_begin - 1 && (ent_at_[subj_begin - 2] >= 0 || Capitalized(subj_begin - 2) ||
                                   IsPronoun(low(subj_begin - 2)))) {
        subj_end = subj_begin - 1;
        subj_begin = np;
      }
    }
    // "Clinton on Tuesday said", "Trump last week told": a date between the
    // subject and its verb, which the noun phrase reading dropped.
    if (subj_begin == subj_end && subj_end > c.begin + 1) {
      uint32_t k = subj_end;
      while (k > c.begin && inq_[k - 1] < 0 &&
             ((ent_at_[k - 1] >= 0 && Label(ent_at_[k - 1]) == "DATE") ||
              In(low(k - 1), {"night", "morning", "afternoon", "evening", "week", "month",
                              "year", "weekend"}))) {
        --k;
      }
      if (k < subj_end && k > c.begin && In(low(k - 1), {"on", "in", "at", "during", "last",
                                                          "this", "earlier", "late", "early"})) {
        --k;
      }
      if (k < subj_end && k > c.begin) {
        const uint32_t np = NpLeft(c, k);
        if (np < k && (ent_at_[k - 1] >= 0 || IsPronoun(low(k - 1)) || Capitalized(k - 1))) {
          subj_begin = np;
          subj_end = k;
        }
      }
    }
    // "A letter from the Legion obtained by the AP warns": the agent of a
    // participle is not the subject.
    if (subj_begin < subj_end && subj_begin > c.begin + 2 && low(subj_begin - 1) == "by" &&
        absl::EndsWith(AsAbsl(low(subj_begin - 2)), "ed") && inq_[subj_begin - 2] < 0) {
      const uint32_t np = NpLeft(c, subj_begin - 2);
      if (np < subj_begin - 2) {
        subj_end = subj_begin - 2;
        subj_begin = np;
      }
    }
    // "The town released a statement saying ...": the statement's author
    // is the speaker.
    if (subj_begin < subj_end && absl::EndsWith(AsAbsl(low(vb)), "ing") &&
        In(low(subj_end - 1), {"statement", "statements", "letter", "release", "tweet", "tweets",
                               "post", "message", "email", "memo", "note", "video", "ad",
                               "advertisement", "op-ed", "column", "report", "wednesday",
                               "monday", "tuesday", "thursday", "friday", "saturday",
                               "sunday"})) {
      uint32_t sb, se;
      if (SentenceSubject(c, subj_begin, &sb, &se) && se <= subj_begin) {
        subj_begin = sb;
        subj_end = se;
      }
    }
    // "for not condemning the attacks": a gerund after a preposition has
    // the sentence's subject.
    bool gerund = false;
    if (absl::EndsWith(AsAbsl(low(vb)), "ing") && subj_end > c.begin &&
        IsPreposition(low(subj_end - 1)) && inq_[subj_end - 1] < 0) {
      uint32_t sb, se;
      if (!SentenceSubject(c, subj_end - 1, &sb, &se)) return;
      subj_begin = sb;
      subj_end = se;
      gerund = true;
    }
    const uint32_t lead = c.lead;
    // "declined to comment", "endorsed Clinton": what follows the verb is
    // what it reports, never words before the subject.
    const bool takes_object = ce.frame == QuoteFinder::CueEntry::kInf ||
                              ce.frame == QuoteFinder::CueEntry::kObj;

    // What stands right before the subject: a comma or a closing quote mark
    // means the content came first ("..., he said").
    const bool after_comma = !gerund &&
        subj_begin > c.begin &&
        (low(subj_begin - 1) == "," || inq_[subj_begin - 1] >= 0 ||
         tok(subj_begin - 1).has(kFlagDash));
    // After the verb: nothing but adjuncts and a citation to the end?
    uint32_t tail = a->cue_end;
    bool short_tail = true;
    bool tail_clause = false;  // a that-clause, a colon or a quotation follows
    int32_t tail_pair = -1;
    {
      int words = 0;
      for (uint32_t t = a->cue_end; t < c.end; ++t) {
        if (inq_[t] >= 0) {
          // "A," he said, "B."
          if (t == a->cue_end + 1 && low(a->cue_end) == "," && pairs_[inq_[t]].open == t) {
            tail_pair = inq_[t];
            const Pair& p = pairs_[tail_pair];
            t = p.last;
            continue;
          }
          short_tail = false;
          tail_clause = true;
          break;
        }
        if (low(t) == "that" || low(t) == ":") {
          short_tail = false;
          tail_clause = true;
          break;
        }
        if (low(t) == "citing" || low(t) == "quoting") break;
        // "..., Jealous said, suggesting that ...": a participle after a
        // comma opens an attribution of its own; its clause is not this
        // verb's.
        if (low(t) == "," && t + 1 < c.end && inq_[t + 1] < 0 && !Capitalized(t + 1) &&
            absl::EndsWith(AsAbsl(low(t + 1)), "ing")) {
          uint32_t pe;
          if (MatchCue(c, t + 1, &pe) >= 0) break;
        }
        if (IsWord(t) && ++words > 14) {
          short_tail = false;
          break;
        }
      }
      tail = c.end;
    }
    (void)tail;

    uint32_t subj_b = subj_begin, subj_e = subj_end;
    if (subj_begin == subj_end && after_comma && subj_end == vb) {
      const uint32_t k = a->cue_end;
      const bool np_follows = k < c.end && inq_[k] < 0 && IsWord(k) &&
                              !(ent_at_[k] >= 0 && Label(ent_at_[k]) == "DATE") &&
                              (ent_at_[k] >= 0 ||
                               (!IsNpBoundary(low(k)) && !IsPreposition(low(k)))) &&
                              !ClauseFollows(c, k);
      // "Vasquez, who has backed the deal, said ...", "Ramos, 58, told ...",
      // "Jones, a spokesman, said ...": the chunk before the verb describes
      // a subject named before it; the speaker does not follow the verb.
      uint32_t chunk = subj_begin - 1;
      while (chunk > c.begin && subj_begin - 1 - chunk < 25 && low(chunk - 1) != "," &&
             inq_[chunk - 1] < 0) {
        --chunk;
      }
      // "“...,” David Axelrod, the chief strategist, told CNN": a name
      // alone between the quotation and the chunk.
      bool name_before = false;
      if (chunk > c.begin + 1 && low(chunk - 1) == "," && ent_at_[chunk - 2] >= 0 &&
          Label(ent_at_[chunk - 2]) == "PERSON") {
        const uint32_t nb = doc_->entities[ent_at_[chunk - 2]].token_begin;
        name_before = doc_->entities[ent_at_[chunk - 2]].token_end == chunk - 1 && nb > c.begin &&
                      (inq_[nb - 1] >= 0 || low(nb - 1) == ",");
      }
      const bool appositive =
          inq_[subj_begin - 1] < 0 && chunk > c.begin && low(chunk - 1) == "," &&
          (In(low(chunk), {"who", "which", "whose", "whom", "a", "an"}) ||
           tok(chunk).kind == TokenKind::kNumber || (name_before && IsDeterminer(low(chunk))));
      // “...,” said X: a quotation right before the verb came first, whatever
      // follows X.
      const bool quote_right_before =
          inq_[subj_begin - 1] >= 0 && !absl::EndsWith(AsAbsl(low(a->cue_end - 1)), "ing");
      // "..., adding a plug for himself", "..., telling her": a participle
      // shares the sentence's subject; what follows it is its object.
      const bool participle = absl::EndsWith(AsAbsl(low(a->cue_begin)), "ing");
      // "..., tells Breitbart News": after a verb of telling stands the
      // addressee.
      const bool tell = ce.frame == QuoteFinder::CueEntry::kTell ||
                        ce.frame == QuoteFinder::CueEntry::kObj;
      // "“...,” warned Clinton.": after a quotation, a verb of telling
      // followed by a name is inverted like "said".
      const bool inverted_tell = tell && quote_right_before && k < c.end && ent_at_[k] >= 0;
      if (np_follows && (short_tail || !tail_clause || quote_right_before) && !c.headline &&
          !appositive && !participle && (!tell || inverted_tell)) {
        // "..., said Smith, a spokesman." The speaker follows the verb.
        const uint32_t np_end = NpRight(c, k);
        a->speaker = Resolve(k, np_end);
        a->content_begin = lead;
        a->content_end = TrimEnd(lead, subj_begin - 1 + (inq_[subj_begin - 1] >= 0 ? 1 : 0));
        Chain(c, np_end, c.end, a);
        FinishContent(c, a);
        return;
      }
      // "“...,” said Cardenas, referring to Trump": a participle after an
      // attribution shares its speaker.
      if (participle && !before.empty() && !Outer(before).speaker.span.empty() &&
          before.back().cue_end < subj_begin) {
        a->speaker = Outer(before).speaker;
        uint32_t k3 = k < c.end && low(k) == "that" ? k + 1 : k;
        // "..., telling Stephanopoulos that ...": past the addressee.
        if (ce.frame == QuoteFinder::CueEntry::kTell) {
          for (uint32_t j = k; j < c.end && j < k + 10 && inq_[j] < 0; ++j) {
            if (low(j) == "that" || low(j) == ":") {
              k3 = j + 1;
              break;
            }
          }
        }
        if (ce.frame == QuoteFinder::CueEntry::kObj) {
          ObjectContent(c, k3, a);
        } else {
          a->content_begin = TrimBegin(k3, c.end);
          a->content_end = TrimEnd(a->content_begin, c.end);
          FinishContent(c, a);
        }
        return;
      }
      // "Fleischer, one of the report's authors, said Trump's nomination
      // will ...": a clause after the verb is what was said; the speaker is
      // the subject the sentence opened with.
      if (!np_follows && !c.headline && inq_[subj_begin - 1] < 0 && ClauseFollows(c, k) &&
          !HasQuote(lead, subj_begin)) {
        uint32_t sb, se;
        if (SentenceSubject(c, subj_begin - 1, &sb, &se) && sb < se) {
          a->speaker = Resolve(sb, se);
          a->content_begin = TrimBegin(k, c.end);
          a->content_end = TrimEnd(a->content_begin, c.end);
          Chain(c, a->cue_end, c.end, a);
          FinishContent(c, a);
          return;
        }
      }
      // "Matdos Santos, legal director for ACLU, said": the subject stands
      // before an appositive or a relative clause.
      const uint32_t comma = subj_begin - 1;
      uint32_t j = comma;
      while (j > c.begin && comma - j < 25 && low(j - 1) != "," && inq_[j - 1] < 0) --j;
      const bool ing = absl::EndsWith(AsAbsl(low(a->cue_begin)), "ing");
      if (!ing && j > c.begin && low(j - 1) == "," && j - 1 > lead) {
        subj_e = j - 1;
        subj_b = NpLeft(c, subj_e);
      } else {
        // "..., saying that ...": the subject of the sentence.
        if (!SentenceSubject(c, subj_begin, &subj_b, &subj_e)) return;
        if (!ing) return;
      }
      if (subj_b == subj_e) return;
      a->speaker = Resolve(subj_b, subj_e);
      if (short_tail && subj_b > lead && !ing && !AdverbialOnly(lead, subj_b) && !takes_object) {
        uint32_t ce_end = subj_b;
        if (low(ce_end - 1) == "," || tok(ce_end - 1).has(kFlagDash)) --ce_end;
        a->content_begin = lead;
        a->content_end = TrimEnd(lead, ce_end);
        Chain(c, a->cue_end, c.end, a);
        if (tail_pair >= 0) a->direct_pair2 = tail_pair;
        FinishContent(c, a);
        return;
      }
      uint32_t k2 = a->cue_end;
      if (k2 < c.end && (low(k2) == "," || low(k2) == ":")) ++k2;
      if (k2 < c.end && low(k2) == "that") {
        ++k2;
      } else if (ce.frame == QuoteFinder::CueEntry::kObj && k2 < c.end) {
        ObjectContent(c, k2, a);
        return;
      }
      a->content_begin = TrimBegin(k2, c.end);
      a->content_end = TrimEnd(a->content_begin, c.end);
      Chain(c, a->cue_end, c.end, a);
      FinishContent(c, a);
      return;
    }
    if (subj_begin < subj_end) {
      a->speaker = Resolve(subj_begin, subj_end);
    } else if (subj_end > c.begin && (low(subj_end - 1) == "and" || low(subj_end - 1) == "but")) {
      // "called for ... and pointed to ...": the subject is shared, with the
      // previous cue or else with the sentence.
      uint32_t sb, se;
      if (!before.empty()) {
        a->speaker = Outer(before).speaker;
      } else if (SentenceSubject(c, subj_end, &sb, &se) && sb > lead) {
        // "In late June, the association completed its review and deemed":
        // past a fronted adverbial.
        a->speaker = Resolve(sb, se);
      } else {
        uint32_t np_end = lead;
        while (np_end < subj_end && np_end - lead < 9 && inq_[np_end] < 0 && IsWord(np_end) &&
               (np_end == lead || !IsNpBoundary(low(np_end))) &&
               !(np_end > lead && !Capitalized(np_end) &&
                 absl::EndsWith(AsAbsl(low(np_end)), "ed"))) {
          ++np_end;
        }
        if (np_end == lead || np_end - lead > 8 || np_end >= subj_end) return;
        a->speaker = Resolve(lead, np_end);
      }
    } else if (subj_end > c.begin && In(low(subj_end - 1), {"who", "which"}) &&
               subj_end - 1 > c.begin) {
      // "Rubio, who supported the bill": the relative pronoun speaks for
      // the noun phrase it follows.
      const uint32_t rel = subj_end - 1;
      const uint32_t ante_end = low(rel - 1) == "," ? rel - 1 : rel;
      const uint32_t ante = NpLeft(c, ante_end);
      if (ante == ante_end) return;
      const QuoteSource who = Resolve(ante, ante_end);
      a->speaker = who;
      a->speaker.span = Bytes(rel, rel + 1);
    } else {
      return;
    }
    // “...,” Spencer said, as ...: a quotation just before the subject is
    // its content however long the rest of the sentence.
    const bool quote_before = subj_begin > c.begin && inq_[subj_begin - 1] >= 0;
    // "On Tuesday, at a rally, Trump said, “...”": with no quotation before
    // the subject, the quotation after the verb is what was said.
    const bool quote_after_only = tail_pair >= 0 && !HasQuote(lead, subj_begin);
    // "Also on Thursday, Emanuel said he would ...": a clause after the verb
    // is what was said, not the words before the subject.
    const bool clause_after = !quote_before && a->cue_end < c.end && ClauseFollows(c, a->cue_end);
    if (after_comma && (short_tail || (quote_before && !tail_clause)) && subj_begin > lead &&
        !AdverbialOnly(lead, subj_begin) && !quote_after_only && !clause_after && !takes_object) {
      // Content first: “...,” Maduro said.  /  The plan failed, officials said.
      uint32_t ce_end = subj_begin;
      if (low(ce_end - 1) == "," || tok(ce_end - 1).has(kFlagDash)) --ce_end;
      a->content_begin = lead;
      a->content_end = TrimEnd(lead, ce_end);
      // Start after an earlier attribution's cue in the same clause.
      Chain(c, a->cue_end, c.end, a);
      if (tail_pair >= 0) a->direct_pair2 = tail_pair;
      FinishContent(c, a);
      return;
    }
    // Subject first: X said (that) ..., X told Y that ...
    uint32_t k = a->cue_end;
    if (ce.frame == QuoteFinder::CueEntry::kObj && k < c.end && low(k) != "that") {
      ObjectContent(c, k, a);
      return;
    }
    if (ce.frame == QuoteFinder::CueEntry::kTell || ce.frame == QuoteFinder::CueEntry::kName) {
      uint32_t j = k;
      while (j < c.end && j < k + 10 && inq_[j] < 0 && low(j) != "that" && low(j) != ":" &&
             !tok(j).has(kFlagTerminal)) {
        ++j;
      }
      if (j < c.end && (low(j) == "that" || low(j) == ":")) {
        k = j + 1;
      } else {
        if (k < c.end && ent_at_[k] >= 0) {
          k = doc_->entities[ent_at_[k]].token_end;
        } else if (k < c.end && IsDeterminer(low(k)) && k + 1 < c.end) {
          k += 2;
        } else if (k < c.end) {
          k += 1;
        }
        // "told Obama last year at a party", "told ABC's “This Week”": no
        // that-clause and only when or where after the addressee.
        if (ce.frame == QuoteFinder::CueEntry::kTell && k < c.end &&
            (tok(k).has(kFlagClitic) || AdjunctOnly(k, TrimEnd(k, c.end)))) {
          return;
        }
      }
    } else {
      if (k < c.end && (low(k) == "," || In(low(k), {"in", "at", "on", "during", "last",
                                                       "earlier", "later", "this", "yesterday",
                                                       "today", "monday", "tuesday",
                                                       "wednesday", "thursday", "friday",
                                                       "saturday", "sunday"}))) {
        for (uint32_t j = k; j < c.end && j < k + 14 && inq_[j] < 0; ++j) {
          if (low(j) == "that") {
            k = j + 1;
            break;
          }
        }
      }
    }
    if (k < c.end && low(k) == "that") ++k;
    a->content_begin = TrimBegin(k, c.end);
    a->content_end = TrimEnd(a->content_begin, c.end);
    if (AdjunctOnly(a->content_begin, a->content_end)) {
      a->content_begin = a->content_end = 0;
      return;
    }
    Chain(c, a->cue_end, c.end, a);
    FinishContent(c, a);
    if (ce.frame == QuoteFinder::CueEntry::kName &&
        (a->content_begin <= a->cue_end || !HasQuote(a->content_begin, a->content_end))) {
      // "Sanders called him divisive": a person or a thing named and what
      // it is called, a description even without quote marks.
      const uint32_t o = a->cue_end;
      const bool person_object =
          o + 1 < c.end && inq_[o] < 0 && !a->speaker.span.empty() &&
          (In(low(o), {"him", "her", "them", "it", "himself", "herself", "themselves", "us",
                       "me"}) ||
           (ent_at_[o] >= 0 && doc_->entities[ent_at_[o]].token_begin == o &&
            IsSpeakerLabel(ent_at_[o]) && doc_->entities[ent_at_[o]].token_end < c.end &&
            IsWord(doc_->entities[ent_at_[o]].token_end)));
      if (person_object) {
        ObjectContent(c, o, a);
        if (a->content_end > a->content_begin + 1) return;
      }
      // "a band called Sophistafunk": naming, not speech.
      a->content_begin = a->content_end = 0;
      a->direct_pair = -1;
      a->speaker = {};
    }
  }

  // Cuts content at a later attribution in the clause and at a citation, and
  // recognises content that is one quotation.
  void FinishContent(const Clause& c, Attribution* a, int min_words = 2,
                     bool cut_at_attribution = true) {
    uint32_t b = a->content_begin, e = a->content_end;
    if (b >= e) {
      a->content_begin = a->content_end = 0;
      return;
    }
    for (uint32_t t = b; t < e; ++t) {
      if (inq_[t] >= 0) {
        const Pair& p = pairs_[inq_[t]];
        t = p.last;
        continue;
      }
      if (t > b && (low(t) == "citing" || low(t) == "quoting") && low(t - 1) == ",") {
        e = t - 1;
        break;
      }
      // What was said ends where the writer's sentence goes on: "..., and he
      // renewed it", "..., while others relied on a test", "...; others".
      if (t > b + 2 && a->direct_pair < 0 && ContentBreak(t)) {
        e = t - 1;
        break;
      }
      // ", he said" or "and pointed to" later in the clause ends this content.
      uint32_t cue_end;
      if (cut_at_attribution && t > b + 1 && MatchCue(c, t, &cue_end) >= 0) {
        const uint32_t np = NpLeft(c, t);
        uint32_t cut = np;
        // "and pointed to", "and he said"; not "shootings and protests
        // demands": a bare noun after "and" is more of the same phrase.
        const bool new_subject = np == t || IsPronoun(low(np)) || ent_at_[np] >= 0 ||
                                 IsDeterminer(low(np)) || Capitalized(np);
        if (cut > b && (low(cut - 1) == "," ||
                        ((low(cut - 1) == "and" || low(cut - 1) == "but") && new_subject) ||
                        inq_[cut - 1] >= 0)) {
          if (inq_[cut - 1] < 0) --cut;
          if (cut < t && cut > b) {
            e = cut;
            break;
          }
        }
      }
    }
    e = TrimEnd(b, e);
    b = TrimBegin(b, e);
    // said, “We’ll see,” when asked ...: a quotation that opens the content
    // and ends at a comma is the whole of what was said.
    if (b < e && inq_[b] >= 0 && pairs_[inq_[b]].open == b && pairs_[inq_[b]].closed) {
      const Pair& p = pairs_[inq_[b]];
      if (p.last + 1 < e && p.close > p.open + 1 &&
          (low(p.close - 1) == "," || low(p.last + 1) == ",")) {
        e = p.last + 1;
      }
    }
    // Trailing "said" clause leftovers: "in a statement", "on Monday".
    if (b >= e || (!HasWords(b, e, min_words) && WholeQuote(b, e) < 0)) {
      a->content_begin = a->content_end = 0;
      return;
    }
    a->content_begin = b;
    a->content_end = e;
    const int32_t q = WholeQuote(b, e);
    if (q >= 0) a->direct_pair = q;
  }

  void EmitQuotes() {
    std::vector<Quote>& out = doc_->quotes;
    out.clear();
    doc_->scare_quotes.clear();
    auto make = [&](const Attribution& a, QuoteKind kind, ByteSpan content) {
      Quote q;
      q.kind = kind;
      q.content = content;
      q.speaker = a.speaker;
      q.cue = Bytes(a.cue_begin, a.cue_end);
      const auto& ce = f_.cues_[a.entry];
      q.cue_lemma = ce.lemma;
      q.cue_category = ce.category;
      if (!a.speaker.span.empty()) {
        q.sources.push_back(a.speaker);
        for (const QuoteSource& s : a.chain) q.sources.push_back(s);
      }
      q.paragraph = clauses_[a.clause].paragraph;
      return q;
    };
    auto drop_cue = [](Quote* q) {
      q->cue = {};
      q->cue_lemma.clear();
      q->cue_category = QuoteCueCategory::kNone;
    };
    // Indirect quotes: attributions whose content is not one quotation.
    for (const Attribution& a : attributions_) {
      if (a.direct_pair >= 0 || a.content_end <= a.content_begin) continue;
      out.push_back(make(a, QuoteKind::kIndirect, Bytes(a.content_begin, a.content_end)));
    }
    ColonLeadQuotes(&out);
    // Every outermost quotation: direct, partial or scare quote.
    for (size_t pi = 0; pi < pairs_.size(); ++pi) {
      const Pair& p = pairs_[pi];
      const ByteSpan content = PairContent(p);
      if (content.empty()) continue;
      const int32_t ci = ClauseOf(p.open);
      if (ci < 0) continue;
      const Clause& c = clauses_[ci];
      const int32_t own = p.attribution;
      if (own >= 0) {
        out.push_back(make(attributions_[own], QuoteKind::kDirect, content));
        continue;
      }
      // Rep. Trey Gowdy (R-S.C.): “...”  A named speaker and a colon.
      if (p.open > c.begin && low(p.open - 1) == ":") {
        QuoteSource sp = ColonSpeaker(c, p.open - 1);
        if (!sp.span.empty()) {
          Quote q;
          q.kind = QuoteKind::kDirect;
          q.content = content;
          q.speaker = sp;
          q.sources.push_back(sp);
          q.paragraph = p.paragraph;
          out.push_back(std::move(q));
          continue;
        }
      }
      // A quotation that is its writer's whole sentence is direct speech.
      if (c.whole == static_cast<int32_t>(pi) ||
          (p.last_paragraph > p.paragraph)) {
        bool speaker_only;
        const int32_t a = NeighbourAttribution(ci, &speaker_only);
        uint32_t sb, se;
        if (a >= 0) {
          out.push_back(make(attributions_[a], QuoteKind::kDirect, content));
          if (speaker_only) drop_cue(&out.back());
        } else {
          Quote q;
          q.kind = QuoteKind::kDirect;
          q.content = content;
          q.paragraph = p.paragraph;
          if (DashSignature(p, &sb, &se) || ColonSentenceSubject(ci, &sb, &se)) {
            q.speaker = Resolve(sb, se);
            q.sources.push_back(q.speaker);
          }
          out.push_back(std::move(q));
        }
        continue;
      }
      if (IsNaming(p)) {
        doc_->scare_quotes.push_back({content, p.paragraph});
        continue;
      }
      // Inside reported speech, or in a sentence with a speech verb: a
      // partial quote of that speaker.
      // An attribution without a speaker (a passive: "was seen as") hosts
      // it only when no other does.
      int32_t host = -1;
      int32_t unspoken = -1;
      for (size_t a = clause_attr_[ci].first; a < clause_attr_[ci].second; ++a) {
        const Attribution& at = attributions_[a];
        if (at.speaker.span.empty()) {
          if (unspoken < 0) unspoken = static_cast<int32_t>(a);
          continue;
        }
        if (at.content_begin <= p.open && p.open < at.content_end) {
          host = static_cast<int32_t>(a);
          break;
        }
        if (host < 0) host = static_cast<int32_t>(a);
      }
      // A fragment of some length in the sentence after an attributed one
      // continues that speaker: “...,” he said. But “...”
      if (host < 0 && ci > 0 && clauses_[ci - 1].paragraph == c.paragraph &&
          WordsIn(p) >= 3) {
        if (clause_attr_[ci - 1].second > clause_attr_[ci - 1].first) {
          host = static_cast<int32_t>(clause_attr_[ci - 1].second - 1);
        }
      }
      if (host < 0) host = unspoken;
      if (host >= 0) {
        out.push_back(make(attributions_[host], QuoteKind::kPartial, content));
        continue;
      }
      // A sentence or more in quotation marks is someone's words even when no
      // cue says whose: a statement, a post, a sign. A term or a few words
      // stay a scare quote.
      if (WordsIn(p) >= kSpeechWords || HasInnerSentenceEnd(p)) {
        Quote q;
        q.kind = ReachesClauseEnd(c, p) ? QuoteKind::kDirect : QuoteKind::kPartial;
        q.content = content;
        q.paragraph = p.paragraph;
        // Whose: the subject of the writer's sentence around it, else the
        // attribution of a quotation next to it.
        uint32_t sb, se;
        bool speaker_only = false;
        int32_t a = -1;
        if (DashSignature(p, &sb, &se)) {
          q.kind = QuoteKind::kDirect;
          q.speaker = Resolve(sb, se);
          q.sources.push_back(q.speaker);
        } else if (p.open > c.lead && SentenceSubject(c, p.open, &sb, &se)) {
          q.speaker = Resolve(sb, se);
          q.sources.push_back(q.speaker);
        } else if ((a = NeighbourAttribution(ci, &speaker_only)) >= 0) {
          Quote m = make(attributions_[a], q.kind, content);
          if (speaker_only) drop_cue(&m);
          out.push_back(std::move(m));
          continue;
        }
        out.push_back(std::move(q));
        continue;
      }
      doc_->scare_quotes.push_back({content, p.paragraph});
    }
    std::stable_sort(out.begin(), out.end(), [](const Quote& a, const Quote& b) {
      return a.content.begin < b.content.begin;
    });
    std::stable_sort(doc_->scare_quotes.begin(), doc_->scare_quotes.end(),
                     [](const ScareQuote& a, const ScareQuote& b) {
                       return a.content.begin < b.content.begin;
                     });
  }

  // The one person cluster whose canonical name ends in `word` (lower
  // case), or -1 if none or several do. The table is built on first use,
  // once per document.
  int32_t PersonBySurname(std::string_view word) {
    if (!surnames_built_) {
      surnames_built_ = true;
      for (size_t i = 0; i < doc_->clusters.size(); ++i) {
        const EntityCluster& cl = doc_->clusters[i];
        if (doc_->entity_labels[cl.label] != "PERSON") continue;
        const size_t sp = cl.canonical.rfind(' ');
        std::string last =
            Lower(sp == std::string::npos ? cl.canonical : cl.canonical.substr(sp + 1));
        auto [it, inserted] = surnames_.try_emplace(std::move(last), static_cast<int32_t>(i));
        if (!inserted) it->second = -1;  // two people share it
      }
    }
    auto it = surnames_.find(AsAbsl(word));
    return it == surnames_.end() ? -1 : it->second;
  }
  bool surnames_built_ = false;
  absl::flat_hash_map<std::string, int32_t> surnames_;

  // A paragraph that opens with a name and a colon and no speech verb:
  // "Clinton: I support D.C. statehood" as a headline (what was said, in
  // the writer's words), "TAPPER: And obviously, ..." in a transcript (the
  // speaker's own words, to the end of the paragraph). Content that is one
  // quotation is left to the quotation rules.
  void ColonLeadQuotes(std::vector<Quote>* out) {
    for (size_t ci = 0; ci < clauses_.size(); ++ci) {
      const Clause& c = clauses_[ci];
      if (ci > 0 && clauses_[ci - 1].paragraph == c.paragraph) continue;
      if (clause_attr_[ci].second > clause_attr_[ci].first) continue;
      uint32_t colon = c.lead;
      while (colon < c.end && colon - c.lead < 6 && low(colon) != ":" && inq_[colon] < 0 &&
             IsWord(colon)) {
        ++colon;
      }
      if (colon >= c.end || colon == c.lead || low(colon) != ":") continue;
      uint32_t e = c.end;
      size_t last = ci;
      if (!c.headline) {
        while (last + 1 < clauses_.size() && clauses_[last + 1].paragraph == c.paragraph) ++last;
        e = clauses_[last].end;
      }
      const uint32_t b = TrimBegin(colon + 1, e);
      e = TrimEnd(b, e);
      if (!HasWords(b, e, 3) || WholeQuote(b, e) >= 0) continue;
      // The name ends at the colon: not "Follow Ana Ruiz on Twitter:".
      QuoteSource sp;
      if (ent_at_[colon - 1] >= 0 &&
          doc_->entities[ent_at_[colon - 1]].token_begin <= c.lead + 1) {
        sp = ColonSpeaker(c, colon);
      }
      if (sp.span.empty()) {
        // "TRUMP:", "Newspaper:": a name written in capitals that the
        // document names elsewhere, or a word for a source in a headline.
        bool caps = true;
        for (uint32_t t = c.lead; t < colon && caps; ++t) {
          caps = Capitalized(t);
        }
        if (!caps) continue;
        QuoteSource r = Resolve(c.lead, colon);
        if (r.cluster < 0) {
          r.cluster = PersonBySurname(low(colon - 1));
          if (r.cluster >= 0) {
            r.span = Bytes(c.lead, colon);
            r.type = SpeakerType::kPerson;
          }
        }
        if (r.cluster < 0 && !(c.headline && colon == c.lead + 1 &&
                               f_.nouns_.contains(AsAbsl(low(c.lead))))) {
          continue;
        }
        sp = r;
      }
      Quote q;
      // Indirect: direct quotes are the words between quote marks.
      q.kind = QuoteKind::kIndirect;
      q.content = Bytes(b, e);
      q.speaker = sp;
      q.sources.push_back(sp);
      q.paragraph = c.paragraph;
      out->push_back(std::move(q));
    }
  }

  // From the first token after the opening mark to the last before the
  // closing one (or the paragraph end).
  // The person or organisation named before a colon that introduces a
  // quotation, when nothing but the name (and a bracketed note) is there.
  QuoteSource ColonSpeaker(const Clause& c, uint32_t colon) const {
    const uint32_t lead = TrimBegin(c.begin, colon);
    if (colon <= lead || colon - lead > 14) return {};
    int32_t ent = -1;
    for (uint32_t t = lead; t < colon; ++t) {
      if (inq_[t] >= 0) return {};
      uint32_t cue_end;
      if (MatchCue(c, t, &cue_end) >= 0) return {};  // the cue's own rules apply
      if (ent_at_[t] >= 0 && (Label(ent_at_[t]) == "PERSON" || Label(ent_at_[t]) == "ORG")) {
        ent = ent_at_[t];
      }
    }
    if (ent < 0) return {};
    const Entity& en = doc_->entities[ent];
    return Resolve(en.token_begin, en.token_end);
  }

  ByteSpan PairContent(const Pair& p) const {
    const uint32_t first = p.open + 1;
    const uint32_t end = p.close;  // exclusive either way
    if (first >= end) return {};
    return {tok(first).begin, tok(end - 1).end};
  }

  int32_t ClauseOf(uint32_t t) const {
    auto it = std::upper_bound(clauses_.begin(), clauses_.end(), t,
                               [](uint32_t v, const Clause& c) { return v < c.begin; });
    if (it == clauses_.begin()) return -1;
    --it;
    return t < it->end ? static_cast<int32_t>(it - clauses_.begin()) : -1;
  }

  // A free-standing quotation takes its speaker from the attribution of a
  // quotation next to it (“A,” he said. “B.”), or from a sentence ending in
  // a colon just before it.
  // *speaker_only is set when the attribution is reported speech the
  // quotation goes on from: its speaker carries over, its cue does not.
  int32_t NeighbourAttribution(int32_t ci, bool* speaker_only) const {
    *speaker_only = false;
    const Clause& c = clauses_[ci];
    auto attribution_in = [&](int32_t k, bool need_direct) -> int32_t {
      for (size_t a = clause_attr_[k].second; a-- > clause_attr_[k].first;) {
        const Attribution& at = attributions_[a];
        if (!need_direct || at.direct_pair >= 0 || at.content_end <= at.content_begin ||
            HasQuote(at.content_begin, at.content_end)) {
          return static_cast<int32_t>(a);
        }
      }
      return -1;
    };
    // The nearest earlier clause of the paragraph with an attributed
    // quotation, then the next clause.
    for (int32_t k = ci - 1; k >= 0 && ci - k <= 6 && clauses_[k].paragraph == c.paragraph; --k) {
      const int32_t a = attribution_in(k, true);
      if (a >= 0) return a;
      // "..., Schiff said. “The other factor ...”": reported speech right
      // before, closed by its speaker, goes on in quotation marks.
      if (k == ci - 1 && clause_attr_[k].second > clause_attr_[k].first) {
        const int32_t last = static_cast<int32_t>(clause_attr_[k].second - 1);
        const Attribution& at = attributions_[last];
        if (!at.speaker.span.empty() && at.content_end <= at.cue_begin &&
            TrimEnd(at.cue_end, clauses_[k].end) <= at.cue_end + 3) {
          *speaker_only = at.direct_pair < 0;
          return last;
        }
      }
    }
    if (ci + 1 < static_cast<int32_t>(clauses_.size()) &&
        clauses_[ci + 1].paragraph == c.paragraph) {
      const int32_t a = attribution_in(ci + 1, true);
      if (a >= 0) return a;
    }
    // A paragraph that opens with a quotation continues the speaker quoted
    // at the end of the paragraph before: “...,” he said. ¶ “...”
    // (A bounded walk: a paragraph of thousands of clauses is not news copy.)
    int32_t first = ci;
    while (first > 0 && ci - first < 64 && clauses_[first - 1].paragraph == c.paragraph) --first;
    if (first > 0 && clauses_[first - 1].paragraph + 1 == c.paragraph &&
        inq_[clauses_[first].lead] >= 0 && pairs_[inq_[clauses_[first].lead]].open ==
                                               clauses_[first].lead) {
      // Reported speech counts too ("Carter said that ... ¶ “That's
      // because ...”"), but not an attribution without a speaker.
      const uint32_t prev_paragraph = clauses_[first - 1].paragraph;
      for (int32_t k = first - 1;
           k >= 0 && first - k <= 4 && clauses_[k].paragraph == prev_paragraph; --k) {
        const size_t first_attr = clause_attr_[k].first;
        for (size_t a = clause_attr_[k].second; a-- > first_attr;) {
          if (attributions_[a].speaker.span.empty()) continue;
          // The outermost speaker: "Carter said that critics had predicted
          // ..." goes on with Carter, not the critics.
          const absl::Span<const Attribution> clause_attrs =
              absl::MakeConstSpan(attributions_).subspan(first_attr, a + 1 - first_attr);
          a = first_attr + OuterIndex(clause_attrs, a - first_attr, true);
          *speaker_only = attributions_[a].direct_pair < 0;
          return static_cast<int32_t>(a);
        }
      }
    }
    if (ci > 0 && clauses_[ci - 1].paragraph + 1 == c.paragraph) {
      const Clause& prev = clauses_[ci - 1];
      if (prev.end > prev.begin && low(prev.end - 1) == ":") {
        const int32_t a = attribution_in(ci - 1, false);
        if (a >= 0) return a;
      }
    }
    return -1;
  }

  // "Sanders made the following comment: ¶ “...”", "Clinton released this
  // statement: “...”": the named subject of a sentence that ends in a colon
  // right before the quotation.
  bool ColonSentenceSubject(int32_t ci, uint32_t* b, uint32_t* e) const {
    if (ci == 0) return false;
    const Clause& prev = clauses_[ci - 1];
    if (prev.end <= prev.begin || low(prev.end - 1) != ":" ||
        prev.paragraph + 1 < clauses_[ci].paragraph) {
      return false;
    }
    if (!SentenceSubject(prev, prev.end - 1, b, e) || *b >= *e) return false;
    const int32_t ent = ent_at_[*e - 1];
    return (ent >= 0 && IsSpeakerLabel(ent) && Label(ent) != "GPE") ||
           (*e - *b == 1 && IsPronoun(low(*b)) && low(*b) != "it");
  }

  // “King James”, the so-called “experts”, the ad “Arrogant”: a name or a
  // term, not speech.
  bool IsNaming(const Pair& p) const {
    if (p.open > 0 && IsNamingWord(low(p.open - 1))) return true;
    // Title Case words only, and few of them: a title.
    int words = 0, caps = 0;
    const uint32_t last = p.closed ? p.close : p.close;
    for (uint32_t t = p.open + 1; t < last; ++t) {
      if (tok(t).kind != TokenKind::kWord) continue;
      ++words;
      caps += Capitalized(t) || low(t).size() <= 3;
    }
    const int32_t ci = ClauseOf(p.open);
    if (ci >= 0 && clauses_[ci].headline) return false;
    return words > 0 && words <= 8 && caps == words && Capitalized(p.open + 1);
  }

  const QuoteFinder& f_;
  Document* doc_;
  std::string_view text_;
  FoldedTokens low_;  // per token, Lower() of its text
  // Per token, whether a cue can start there: bit 2 known, bit 4 maybe.
  mutable std::vector<uint8_t> cue_known_;
  std::vector<int32_t> ent_at_;
  std::vector<int32_t> inq_;  // outermost quote pair covering each token, or -1
  std::vector<Pair> pairs_;
  absl::flat_hash_map<uint32_t, uint32_t> open_paragraph_;
  std::vector<Clause> clauses_;
  std::vector<Attribution> attributions_;
  std::vector<std::pair<uint32_t, uint32_t>> clause_attr_;  // range in attributions_
  mutable std::vector<int8_t> media_cache_;  // per cluster: -1 unknown, 0, 1
};

void QuoteFinder::Find(Document* doc) const {
  QuoteRun run(*this, doc);
  run.Run();
}

}  // namespace presslens
