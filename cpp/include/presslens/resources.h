// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0
//
// resources: reads the plain-text data files of a model directory (word
// lists, tables). Lexicons are data, loaded at start-up, never literals in
// code; this is the one place that knows their format.

#ifndef PRESSLENS_RESOURCES_H_
#define PRESSLENS_RESOURCES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace presslens {

// Reads a UTF-8 text file whole. NotFound if it does not exist.
absl::StatusOr<std::string> ReadFile(const std::string& path);

// Reads the rows of a tab-separated file. Lines starting with "#" and blank
// lines are skipped; a trailing CR is dropped. A row with fewer than
// `min_columns` fields is an InvalidArgument naming the file and line.
// If `line_numbers` is given, it receives the 1-based file line of each row.
absl::StatusOr<std::vector<std::vector<std::string>>> ReadTable(
    const std::string& path, int min_columns = 1, std::vector<int>* line_numbers = nullptr);

}  // namespace presslens

#endif  // PRESSLENS_RESOURCES_H_
