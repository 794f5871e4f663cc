// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// presslens._core: converts between Python and the C++ core, and maps
// absl::Status codes to Python exceptions. No analysis happens here.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "presslens/batch.h"
#include "presslens/document.h"
#include "presslens/ner_train.h"
#include "presslens/pipeline.h"
#include "presslens/text.h"

namespace py = pybind11;

namespace presslens {
namespace {

// Raised for failures that are not the caller's fault (internal, data loss).
class CoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[noreturn]] void Raise(PyObject* type, const std::string& message) {
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

void ThrowIfError(const absl::Status& status) {
  if (status.ok()) return;
  const std::string msg(status.message());
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
      Raise(PyExc_ValueError, msg);
    case absl::StatusCode::kNotFound:
      Raise(PyExc_FileNotFoundError, msg);
    case absl::StatusCode::kOutOfRange:
      Raise(PyExc_IndexError, msg);
    default:
      throw CoreError(msg);
  }
}

// A document with its offsets already converted to Python str indexes.
// Arrays are uint32: byte offsets are below 2**32, so code point offsets are too.
struct PyDoc {
  Document doc;
  py::object text;  // the str the caller passed in, or the decoded bytes
  // Keeps the patterns alive: doc.patterns points into them.
  std::shared_ptr<const EntityPatterns> patterns;
  std::vector<uint32_t> token_start, token_end, sentence_start, sentence_end,
      paragraph_start, paragraph_end, entity_start, entity_end, title_start, title_end;
  // Quote and scare-quote offsets in the order QuoteOffsets() lists them.
  std::vector<uint32_t> quote_offsets;
  std::vector<uint32_t> cue_offsets;  // begin, end per stance cue

  void ConvertOffsets() {
    OffsetMap map(doc.text);
    auto convert = [&](auto getter, size_t n, std::vector<uint32_t>* out) {
      std::vector<uint32_t> bytes(n);
      for (size_t i = 0; i < n; ++i) bytes[i] = getter(i);
      std::vector<int64_t> cps(n);
      map.ToCodepoints(bytes, absl::MakeSpan(cps));
      out->assign(cps.begin(), cps.end());
    };
    const auto& t = doc.tokens;
    convert([&](size_t i) { return t[i].begin; }, t.size(), &token_start);
    convert([&](size_t i) { return t[i].end; }, t.size(), &token_end);
    const auto& s = doc.sentences;
    convert([&](size_t i) { return s[i].span.begin; }, s.size(), &sentence_start);
    convert([&](size_t i) { return s[i].span.end; }, s.size(), &sentence_end);
    const auto& p = doc.paragraphs;
    convert([&](size_t i) { return p[i].span.begin; }, p.size(), &paragraph_start);
    convert([&](size_t i) { return p[i].span.end; }, p.size(), &paragraph_end);
    const auto& e = doc.entities;
    convert([&](size_t i) { return e[i].span.begin; }, e.size(), &entity_start);
    convert([&](size_t i) { return e[i].span.end; }, e.size(), &entity_end);
    convert([&](size_t i) { return e[i].title.begin; }, e.size(), &title_start);
    convert([&](size_t i) { return e[i].title.end; }, e.size(), &title_end);
    const std::vector<uint32_t> qb = QuoteOffsets();
    convert([&](size_t i) { return qb[i]; }, qb.size(), &quote_offsets);
    const auto& c = doc.cues;
    convert([&](size_t i) { return i % 2 == 0 ? c[i / 2].span.begin : c[i / 2].span.end; },
            2 * c.size(), &cue_offsets);
  }

  // Per quote: content, speaker, cue, then each source (begin, end pairs);
  // then per scare quote its content.
  std::vector<uint32_t> QuoteOffsets() const {
    std::vector<uint32_t> out;
    auto add = [&](ByteSpan s) {
      out.push_back(s.begin);
      out.push_back(s.end);
    };
    for (const Quote& q : doc.quotes) {
      add(q.content);
      add(q.speaker.span);
      add(q.cue);
      for (const QuoteSource& s : q.sources) add(s.span);
    }
    for (const ScareQuote& q : doc.scare_quotes) add(q.content);
    return out;
  }
};

py::object SourceTuple(const QuoteSource& s, uint32_t start, uint32_t end) {
  if (s.span.empty()) return py::none();
  return py::make_tuple(start, end, std::string(SpeakerTypeName(s.type)), s.cluster);
}

template <typename T>
py::memoryview View(const std::vector<T>& v) {
  // memoryview::from_memory needs a non-null pointer even when empty.
  static T kEmpty{};
  T* data = v.empty() ? &kEmpty : const_cast<T*>(v.data());  // exposed read-only
  return py::memoryview::from_buffer(data, {static_cast<py::ssize_t>(v.size())},
                                     {static_cast<py::ssize_t>(sizeof(T))},
                                     /*readonly=*/true);
}

// Segment fields as a flat array: [token_begin, token_end, parent] per row.
std::vector<uint32_t> SegmentTokens(const std::vector<Segment>& segs) {
  std::vector<uint32_t> out;
  out.reserve(segs.size() * 3);
  for (const Segment& s : segs) {
    out.push_back(s.token_begin);
    out.push_back(s.token_end);
    out.push_back(s.parent);
  }
  return out;
}

std::unique_ptr<PyDoc> AnalyzeStr(const Pipeline& nlp, py::str text,
                                  std::shared_ptr<const EntityPatterns> patterns) {
  Py_ssize_t size = 0;
  // Fails with UnicodeEncodeError on lone surrogates; the Python layer turns
  // that into a ValueError naming the index.
  const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
  if (data == nullptr) throw py::error_already_set();
  auto out = std::make_unique<PyDoc>();
  out->text = text;
  absl::Status status;
  {
    py::gil_scoped_release release;
    if (static_cast<size_t>(size) > kMaxTextBytes) {
      status = ValidateUtf8(std::string_view(data, size));  // names the limit
    } else {
      out->doc.text.assign(data, size);
      nlp.Run(&out->doc, patterns.get());
      out->ConvertOffsets();
    }
  }
  ThrowIfError(status);
  out->patterns = std::move(patterns);
  return out;
}

std::unique_ptr<PyDoc> AnalyzeBytes(const Pipeline& nlp, py::bytes data,
                                    std::shared_ptr<const EntityPatterns> patterns) {
  char* buffer = nullptr;
  Py_ssize_t size = 0;
  if (PyBytes_AsStringAndSize(data.ptr(), &buffer, &size) != 0) {
    throw py::error_already_set();
  }
  auto out = std::make_unique<PyDoc>();
  absl::Status status;
  {
    py::gil_scoped_release release;
    status = ValidateUtf8(std::string_view(buffer, size));
    if (status.ok()) {
      out->doc.text.assign(buffer, size);
      nlp.Run(&out->doc, patterns.get());
      out->ConvertOffsets();
    }
  }
  ThrowIfError(status);
  out->text = py::reinterpret_steal<py::object>(
      PyUnicode_DecodeUTF8(out->doc.text.data(), out->doc.text.size(), "strict"));
  if (!out->text) throw py::error_already_set();
  out->patterns = std::move(patterns);
  return out;
}

// Analyses a list of str on a thread pool with the GIL released; docs come
// back in input order. A str that cannot be encoded (lone surrogate) raises
// ValueError naming its position before any work starts.
std::vector<std::unique_ptr<PyDoc>> AnalyzeBatchStr(const Pipeline& nlp, py::list texts,
                                                    int n_threads,
                                                    std::shared_ptr<const EntityPatterns> patterns,
                                                    size_t first_record) {
  const size_t n = texts.size();
  std::vector<std::string_view> views(n);
  std::vector<std::unique_ptr<PyDoc>> out(n);
  for (size_t i = 0; i < n; ++i) {
    py::handle item = texts[i];
    const std::string record = "record " + std::to_string(first_record + i);
    if (!PyUnicode_Check(item.ptr())) {
      Raise(PyExc_TypeError, record + ": presslens analyses str, not " +
                                 std::string(Py_TYPE(item.ptr())->tp_name));
    }
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(item.ptr(), &size);
    if (data == nullptr) {
      // Name the index, as analyze() does: UnicodeEncodeError knows it.
      std::string where;
      if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
        PyObject *type, *value, *trace;
        PyErr_Fetch(&type, &value, &trace);
        PyErr_NormalizeException(&type, &value, &trace);
        Py_ssize_t start = 0;
        if (value != nullptr && PyUnicodeEncodeError_GetStart(value, &start) == 0) {
          where = " at index " + std::to_string(start);
        }
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(trace);
      }
      PyErr_Clear();
      Raise(PyExc_ValueError,
            record + ": text contains a lone surrogate" + where + ", which is not a character");
    }
    if (static_cast<size_t>(size) > kMaxTextBytes) {
      Raise(PyExc_ValueError, record + ": text is larger than 2 GiB");
    }
    views[i] = std::string_view(data, size);
    out[i] = std::make_unique<PyDoc>();
    out[i]->text = py::reinterpret_borrow<py::object>(item);
    out[i]->patterns = patterns;
  }
  {
    py::gil_scoped_release release;
    ParallelFor(n, n_threads, [&](size_t i) {
      out[i]->doc.text.assign(views[i]);
      nlp.Run(&out[i]->doc, patterns.get());
      out[i]->ConvertOffsets();
    });
  }
  return out;
}

}  // namespace
}  // namespace presslens

PYBIND11_MODULE(_core, m) {
  using namespace presslens;
  m.doc() = "presslens C++ core (private: use the presslens package).";
  py::register_exception<CoreError>(m, "PresslensError", PyExc_RuntimeError);

  m.def("validate_utf8", [](py::bytes data) {
    char* buffer = nullptr;
    Py_ssize_t size = 0;
    if (PyBytes_AsStringAndSize(data.ptr(), &buffer, &size) != 0) throw py::error_already_set();
    absl::Status status;
    {
      py::gil_scoped_release release;
      status = ValidateUtf8(std::string_view(buffer, size));
    }
    ThrowIfError(status);
  }, py::arg("data"));

  py::class_<PyDoc>(m, "Doc")
      .def_property_readonly("text", [](const PyDoc& d) { return d.text; })
      .def_property_readonly("n_tokens", [](const PyDoc& d) { return d.doc.tokens.size(); })
      .def_property_readonly("n_bytes", [](const PyDoc& d) { return d.doc.text.size(); })
      .def("token_start", [](const PyDoc& d) { return View(d.token_start); }, py::keep_alive<0, 1>())
      .def("token_end", [](const PyDoc& d) { return View(d.token_end); }, py::keep_alive<0, 1>())
      .def("token_kind", [](const PyDoc& d) {
        std::vector<uint8_t> kinds(d.doc.tokens.size());
        for (size_t i = 0; i < kinds.size(); ++i) kinds[i] = static_cast<uint8_t>(d.doc.tokens[i].kind);
        return py::bytes(reinterpret_cast<const char*>(kinds.data()), kinds.size());
      })
      .def("token_flags", [](const PyDoc& d) {
        std::vector<uint16_t> flags(d.doc.tokens.size());
        for (size_t i = 0; i < flags.size(); ++i) flags[i] = d.doc.tokens[i].flags;
        return py::bytes(reinterpret_cast<const char*>(flags.data()), flags.size() * 2);
      })
      .def("sentence_start", [](const PyDoc& d) { return View(d.sentence_start); }, py::keep_alive<0, 1>())
      .def("sentence_end", [](const PyDoc& d) { return View(d.sentence_end); }, py::keep_alive<0, 1>())
      .def("sentence_tokens", [](const PyDoc& d) { return SegmentTokens(d.doc.sentences); })
      .def("paragraph_start", [](const PyDoc& d) { return View(d.paragraph_start); }, py::keep_alive<0, 1>())
      .def("paragraph_end", [](const PyDoc& d) { return View(d.paragraph_end); }, py::keep_alive<0, 1>())
      .def("paragraph_tokens", [](const PyDoc& d) { return SegmentTokens(d.doc.paragraphs); })
      .def("entities", [](const PyDoc& d) {
        // (start, end, label, token_begin, token_end, title_start, title_end, cluster)
        py::list out;
        for (size_t i = 0; i < d.doc.entities.size(); ++i) {
          const Entity& e = d.doc.entities[i];
          const bool titled = !e.title.empty();
          out.append(py::make_tuple(d.entity_start[i], d.entity_end[i],
                                    d.doc.entity_labels[e.label], e.token_begin, e.token_end,
                                    titled ? py::object(py::int_(d.title_start[i])) : py::object(py::none()),
                                    titled ? py::object(py::int_(d.title_end[i])) : py::object(py::none()), e.cluster));
        }
        return out;
      })
      .def("quotes", [](const PyDoc& d) {
        // (kind, start, end, speaker, cue, cue_lemma, cue_category, sources, paragraph);
        // speaker and each source: (start, end, type, cluster) or None; cue: (start, end) or None
        py::list out;
        size_t k = 0;
        const auto& o = d.quote_offsets;
        for (const Quote& q : d.doc.quotes) {
          const uint32_t cs = o[k], ce = o[k + 1], ss = o[k + 2], se = o[k + 3], us = o[k + 4],
                         ue = o[k + 5];
          k += 6;
          py::list sources;
          for (const QuoteSource& s : q.sources) {
            sources.append(SourceTuple(s, o[k], o[k + 1]));
            k += 2;
          }
          py::object speaker = SourceTuple(q.speaker, ss, se);
          if (q.speaker.span.empty() && q.speaker.type != SpeakerType::kUnknown) {
            speaker = py::none();
          }
          out.append(py::make_tuple(
              std::string(QuoteKindName(q.kind)), cs, ce, speaker,
              q.cue.empty() ? py::object(py::none()) : py::object(py::make_tuple(us, ue)),
              q.cue_lemma, std::string(CueCategoryName(q.cue_category)), sources, q.paragraph));
        }
        return out;
      })
      .def("cues", [](const PyDoc& d) {
        // (start, end, category, polarity, strength, negated, quote, target)
        py::list out;
        for (size_t i = 0; i < d.doc.cues.size(); ++i) {
          const StanceCue& c = d.doc.cues[i];
          out.append(py::make_tuple(d.cue_offsets[2 * i], d.cue_offsets[2 * i + 1],
                                    d.doc.cue_categories[c.category], static_cast<int>(c.polarity),
                                    c.strength, c.negated, c.quote, c.target));
        }
        return out;
      })
      .def("sentence_stance", [](const PyDoc& d) {
        // (subjectivity, polarity) per sentence
        py::list out;
        for (const SentenceStance& s : d.doc.sentence_stance) {
          out.append(py::make_tuple(s.subjectivity, s.polarity));
        }
        return out;
      })
      .def("scare_quotes", [](const PyDoc& d) {
        // (start, end, paragraph)
        py::list out;
        size_t k = d.quote_offsets.size() - 2 * d.doc.scare_quotes.size();
        for (const ScareQuote& q : d.doc.scare_quotes) {
          out.append(py::make_tuple(d.quote_offsets[k], d.quote_offsets[k + 1], q.paragraph));
          k += 2;
        }
        return out;
      })
      .def("clusters", [](const PyDoc& d) {
        // (label, canonical, [entity indexes]) in order of first mention
        py::list out;
        for (const EntityCluster& c : d.doc.clusters) {
          out.append(py::make_tuple(d.doc.entity_labels[c.label], c.canonical, c.mentions));
        }
        return out;
      });

  // Registered before EntityPatterns, whose constructor takes a Pipeline, so
  // that its signature names the Python class rather than the C++ type.
  py::class_<Pipeline> pipeline(m, "Pipeline");

  py::class_<EntityPatterns, std::shared_ptr<EntityPatterns>>(m, "EntityPatterns")
      .def(py::init([](const Pipeline& nlp,
                       const std::vector<std::tuple<std::string, std::string, bool, std::string>>& rows) {
             std::vector<EntityPattern> patterns;
             for (const auto& [phrase, label, ci, canonical] : rows) {
               patterns.push_back(EntityPattern{phrase, label, ci, canonical});
             }
             auto built = EntityPatterns::Build(std::move(patterns), nlp.tokenizer());
             ThrowIfError(built.status());
             return std::make_shared<EntityPatterns>(std::move(*built));
           }),
           py::arg("pipeline"), py::arg("patterns"))
      .def("__len__", &EntityPatterns::size)
      .def_static("check", [](const Pipeline& nlp, const std::string& phrase, const std::string& label) {
             // ValueError saying why one pattern cannot be used; the caller
             // names where the pattern came from.
             ThrowIfError(EntityPatterns::Check(EntityPattern{phrase, label}, nlp.tokenizer()));
           },
           py::arg("pipeline"), py::arg("phrase"), py::arg("label"));

  pipeline
      .def(py::init([](const std::string& model_dir) {
             auto nlp = Pipeline::Load(model_dir);
             ThrowIfError(nlp.status());
             return std::move(*nlp);
           }),
           py::arg("model_dir"))
      .def_property_readonly("model_dir", &Pipeline::model_dir)
      .def("analyze", &AnalyzeStr, py::arg("text"), py::arg("patterns") = nullptr)
      .def("analyze_bytes", &AnalyzeBytes, py::arg("data"), py::arg("patterns") = nullptr)
      .def("analyze_batch", &AnalyzeBatchStr, py::arg("texts"), py::arg("n_threads") = 1,
           py::arg("patterns") = nullptr, py::arg("first_record") = 0)
      .def("with_cues", [](const Pipeline& p,
                           const std::vector<std::tuple<std::string, std::string, int, float, std::string>>& cues,
                           const std::vector<std::string>& replace) {
             // A pipeline sharing this one's model, with user cues added to
             // (and categories in `replace` cleared from) its cue lexicon.
             CueLexicon lex = p.cue_lexicon() != nullptr ? *p.cue_lexicon() : CueLexicon();
             for (const std::string& c : replace) lex.ClearCategory(c);
             for (size_t i = 0; i < cues.size(); ++i) {
               const auto& [phrase, category, polarity, strength, use] = cues[i];
               absl::Status s = lex.Add(phrase, category, polarity, strength, p.tokenizer(), use);
               if (!s.ok()) {
                 Raise(PyExc_ValueError, "cue " + std::to_string(i) + " (" + phrase + "): " +
                                             std::string(s.message()));
               }
             }
             return p.WithCues(std::move(lex));
           },
           py::arg("cues"), py::arg("replace") = std::vector<std::string>{})
      .def_property_readonly("cue_categories", [](const Pipeline& p) {
        return p.cue_lexicon() ? p.cue_lexicon()->categories() : std::vector<std::string>{};
      })
      .def_property_readonly("entity_labels", [](const Pipeline& p) {
        return p.ner_model() ? p.ner_model()->labels() : std::vector<std::string>{};
      })
      .def("tag_words", [](const Pipeline& p, const std::vector<std::string>& words) {
        // BIO tags for pre-tokenized words (evaluation on gold tokens).
        if (p.ner_model() == nullptr) {
          Raise(PyExc_ValueError, "this model directory has no ner.model: run `make model`");
        }
        std::vector<std::string> tags;
        {
          py::gil_scoped_release release;
          std::vector<std::string_view> views(words.begin(), words.end());
          FeatureExtractor fx(p.gazetteer(), p.word_clusters());
          std::vector<uint64_t> feats;
          std::vector<uint32_t> offsets;
          std::vector<uint8_t> ids;
          std::vector<float> scratch;
          fx.Extract(views, &feats, &offsets);
          p.ner_model()->Tag(feats, offsets, &ids, &scratch);
          const auto& labels = p.ner_model()->labels();
          for (uint8_t t : ids) {
            tags.push_back(t == 0 ? "O" : (t % 2 == 1 ? "B-" : "I-") + labels[(t - 1) / 2]);
          }
        }
        return tags;
      }, py::arg("words"));

  m.def("train_ner", [](const Pipeline& base, const std::vector<std::tuple<std::string, std::vector<std::string>, int>>& corpora,
                        const std::vector<std::string>& labels, const std::string& out_path, int epochs,
                        uint64_t seed, int min_feature_count, float prune, py::object progress) {
    // Reads the corpora, trains, and writes the model; the GIL is released
    // except to call `progress(epoch, accuracy)`.
    std::vector<NerExample> examples;
    absl::Status status;
    size_t features = 0;
    {
      py::gil_scoped_release release;
      for (const auto& [path, annotated, repeat] : corpora) {
        auto part = ReadBio(path, labels, annotated);
        if (!part.ok()) {
          status = part.status();
          break;
        }
        for (int r = 0; r < std::max(repeat, 1); ++r) {
          examples.insert(examples.end(), part->begin(), part->end());
        }
      }
      if (status.ok()) {
        FeatureExtractor fx(base.gazetteer(), base.word_clusters());
        NerTrainOptions opt;
        opt.epochs = epochs;
        opt.seed = seed;
        opt.min_feature_count = min_feature_count;
        opt.prune = prune;
        if (!progress.is_none()) {
          opt.progress = [&progress](int epoch, double acc) {
            py::gil_scoped_acquire acquire;
            progress(epoch, acc);
          };
        }
        auto model = TrainNer(examples, fx, labels, opt);
        if (!model.ok()) {
          status = model.status();
        } else {
          features = model->num_features();
          status = model->Save(out_path);
        }
      }
    }
    ThrowIfError(status);
    py::dict stats;
    stats["sentences"] = examples.size();
    stats["features"] = features;
    return stats;
  }, py::arg("base"), py::arg("corpora"), py::arg("labels"), py::arg("out_path"), py::arg("epochs") = 10,
     py::arg("seed") = 1, py::arg("min_feature_count") = 2, py::arg("prune") = 1e-3f,
     py::arg("progress") = py::none());

  m.attr("TOKEN_FLAGS") = py::dict(
      py::arg("url") = static_cast<int>(kFlagUrl), py::arg("email") = static_cast<int>(kFlagEmail),
      py::arg("handle") = static_cast<int>(kFlagHandle), py::arg("hashtag") = static_cast<int>(kFlagHashtag),
      py::arg("quote") = static_cast<int>(kFlagQuote), py::arg("open") = static_cast<int>(kFlagOpen),
      py::arg("close") = static_cast<int>(kFlagClose), py::arg("apostrophe") = static_cast<int>(kFlagApostrophe),
      py::arg("abbreviation") = static_cast<int>(kFlagAbbrev), py::arg("terminal") = static_cast<int>(kFlagTerminal),
      py::arg("clitic") = static_cast<int>(kFlagClitic), py::arg("space_before") = static_cast<int>(kFlagSpaceBefore),
      py::arg("dash") = static_cast<int>(kFlagDash), py::arg("bracket") = static_cast<int>(kFlagBracket));
  m.attr("MAX_TEXT_BYTES") = static_cast<uint64_t>(kMaxTextBytes);
}
