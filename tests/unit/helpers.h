// Shared by the unit tests: paths to the bundled samples, file reading, a
// scratch path, and a document built from a string.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "policy/text/document.h"
#include "policy/text/utf8.h"

namespace testing {

// A JSON string as the plain rule writes it, one byte at a time: the oracle
// the JSON writer's fast paths are compared with.
inline std::string json_escaped_byte_by_byte(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

inline std::string source_dir() { return POLICY_SOURCE_DIR; }

inline std::vector<std::string> sample_paths() {
  std::vector<std::string> out;
  for (auto& e : std::filesystem::directory_iterator(source_dir() + "/data/samples"))
    if (e.path().extension() == ".txt") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A path in a scratch folder of the system's temporary directory, one
// folder per process: ctest runs test cases in parallel processes.
inline std::string temp_path(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("policy-tests-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

// Bytes as hex digits (武 -> "E6ADA6"), for a failing test's message about
// text that may not be valid UTF-8.
inline std::string hex(std::string_view s) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

inline policy::text::Document doc(const std::string& text) {
  return policy::text::Document("t.txt", "UTF-8", text);
}

}  // namespace testing
