// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// Regression tests for what the fuzz targets in fuzz/ found: each test is the
// smallest input that showed the problem, and checks the promise it broke.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "invariants.h"
#include "presslens/document.h"
#include "presslens/pipeline.h"
#include "presslens/tokenize.h"
#include "test_util.h"

namespace presslens {
namespace {

Document Analyze(std::string_view text) {
  absl::StatusOr<Document> doc = test::ShippedPipeline().Analyze(text);
  EXPECT_TRUE(doc.ok()) << doc.status();
  return doc.ok() ? *std::move(doc) : Document();
}

// fuzz_analyze: "$5\nmillion" made one MONEY mention across a line break:
// the unit search ran on past the end of the sentence.
TEST(FuzzRegressionTest, AmountUnitStaysInItsSentence) {
  std::string text;
  for (int i = 0; i < 12; ++i) text += "$5\nmillion\n";
  const Document doc = Analyze(text);
  EXPECT_EQ(test::CheckDocument(doc), "");
  for (const Entity& e : doc.entities) {
    EXPECT_EQ(e.span.In(doc.text).find('\n'), std::string_view::npos) << e.span.In(doc.text);
  }
  // Still joined inside one line.
  const Document one = Analyze("The council approved a $5 million grant on Tuesday.");
  bool found = false;
  for (const Entity& e : one.entities) found |= e.span.In(one.text) == "$5 million";
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace presslens
