// Copyright 2026 The presslens Authors. SPDX-License-Identifier: Apache-2.0

#include "presslens/resources.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "presslens/text.h"

namespace presslens {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot open ", path));
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("error reading ", path));
  return std::move(buf).str();
}

absl::StatusOr<std::vector<std::vector<std::string>>> ReadTable(
    const std::string& path, int min_columns, std::vector<int>* line_numbers) {
  absl::StatusOr<std::string> content = ReadFile(path);
  if (!content.ok()) return content.status();
  if (absl::Status s = ValidateUtf8(*content); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", s.message()));
  }
  std::vector<std::vector<std::string>> rows;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(*content, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> row = absl::StrSplit(line, '\t');
    if (static_cast<int>(row.size()) < min_columns) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", line_no, ": expected ", min_columns,
          " tab-separated columns, found ", row.size()));
    }
    rows.push_back(std::move(row));
    if (line_numbers != nullptr) line_numbers->push_back(line_no);
  }
  return rows;
}

}  // namespace presslens
