#include "policy/text/input.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "policy/text/utf8.h"

namespace policy::text {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStdinName = "<stdin>";

Result<std::string> read_stream(std::istream& in) {
  std::string data;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) data.append(buf, in.gcount());
  if (in.bad()) return Error::plain("read error");
  return data;
}

// `named` says the path was given on the command line: then a pipe such as
// <(zcat a.gz) is read too; a FIFO met while walking a folder is not (it
// could block the walk forever).
Result<std::string> read_file(const std::string& path, bool named) {
  std::error_code ec;
  auto st = fs::status(path, ec);
  if (ec) return Error::plain(ec.message());
  if (fs::is_directory(st)) return Error::plain("is a directory");
  if (!named && !fs::is_regular_file(st)) return Error::plain("not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::plain(std::strerror(errno ? errno : EACCES));
  return read_stream(in);
}

}  // namespace

InputStream::InputStream(InputOptions options) : options_(std::move(options)) {
  if (options_.paths.empty()) options_.paths.push_back("-");
}

InputStream::~InputStream() = default;

void InputStream::expand(const std::string& path) {
  queue_.clear();
  queue_pos_ = 0;
  std::error_code ec;
  if (path != "-" && fs::is_directory(path, ec)) {
    // Every *.txt (or *.jsonl for corpora) below, in a stable order. Links to
    // folders are not followed, so a link loop cannot trap the walk.
    const char* want = options_.jsonl ? ".jsonl" : ".txt";
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      pending_errors_.push_back(RawInput{path, {}, false, Error::plain(ec.message()), 0});
      return;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        pending_errors_.push_back(RawInput{path, {}, false, Error::plain(ec.message()), 0});
        break;
      }
      const fs::path& p = it->path();
      if (p.extension() != want) continue;
      std::error_code ec2;
      if (it->is_directory(ec2)) continue;
      found.push_back(p.string());
    }
    std::sort(found.begin(), found.end());
    queue_ = std::move(found);
    walked_ = true;
    return;
  }
  walked_ = false;
  queue_.push_back(path);
}

RawInput parse_json_record(std::string_view line, const std::string& source, std::size_t line_no) {
  RawInput raw;
  raw.from_json = true;
  raw.name = fmt::format("{}:{}", source, line_no);
  auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    raw.error = Error::at_line("not a JSON object", line_no);
    raw.name = source;
    return raw;
  }
  auto id = j.find("id");
  // An empty id names nothing: keep "source:line".
  if (id != j.end() && id->is_string() && !id->get<std::string>().empty()) raw.name = id->get<std::string>();
  else if (id != j.end() && id->is_number()) raw.name = id->dump();
  auto text = j.find("text");
  if (text == j.end() || !text->is_string()) {
    raw.error = Error::at_line("record has no \"text\" string", line_no);
    raw.name = source;
    return raw;
  }
  raw.bytes = text->get<std::string>();
  return raw;
}

std::optional<RawInput> InputStream::next_json_line() {
  std::string line;
  while (std::getline(*json_in_, line)) {
    ++json_line_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (utf8::trim(line).empty()) continue;
    return parse_json_record(line, json_name_, json_line_);
  }
  json_file_.reset();
  json_in_ = nullptr;
  return std::nullopt;
}

std::optional<RawInput> InputStream::next() {
  while (true) {
    if (!pending_errors_.empty()) {
      RawInput e = std::move(pending_errors_.front());
      pending_errors_.erase(pending_errors_.begin());
      e.ordinal = ordinal_++;
      return e;
    }
    if (json_in_) {
      if (auto r = next_json_line()) {
        r->ordinal = ordinal_++;
        return r;
      }
      continue;
    }
    if (queue_pos_ < queue_.size()) {
      const std::string path = queue_[queue_pos_++];
      if (options_.jsonl) {
        json_line_ = 0;
        if (path == "-") {
          json_name_ = kStdinName;
          json_in_ = &std::cin;
        } else {
          json_name_ = path;
          json_file_ = std::make_unique<std::ifstream>(path, std::ios::binary);
          if (!*json_file_) {
            json_file_.reset();
            RawInput e{path, {}, false, Error::plain(std::strerror(errno ? errno : ENOENT)),
                       ordinal_++};
            return e;
          }
          json_in_ = json_file_.get();
        }
        continue;
      }
      RawInput raw;
      raw.ordinal = ordinal_++;
      if (path == "-") {
        raw.name = kStdinName;
        auto data = read_stream(std::cin);
        if (!data) raw.error = data.error();
        else raw.bytes = std::move(data).value();
      } else {
        raw.name = path;
        auto data = read_file(path, !walked_);
        if (!data) raw.error = data.error();
        else raw.bytes = std::move(data).value();
      }
      return raw;
    }
    if (path_pos_ >= options_.paths.size()) return std::nullopt;
    expand(options_.paths[path_pos_++]);
  }
}

Result<Document> to_document(const RawInput& raw, const std::string& encoding) {
  if (raw.from_json) return Document(raw.name, "UTF-8", raw.bytes);
  return load_document(raw.name, raw.bytes, encoding);
}

}  // namespace policy::text
