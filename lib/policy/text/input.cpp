#include "policy/text/input.h"

#include <algorithm>
#include <filesystem>
#include <new>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "policy/text/utf8.h"

namespace policy::text {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStdinName = "<stdin>";

// nlohmann's parse error without its prefix: "[json.exception.parse_error.101]
// parse error at line 1, column 9: syntax error while parsing value - invalid
// string: ..." becomes "invalid string: ...".
std::string json_reason(const nlohmann::json::exception& e) {
  std::string what = e.what();
  if (std::size_t tag = what.find("] "); what.rfind("[json.exception", 0) == 0 && tag != std::string::npos)
    what.erase(0, tag + 2);
  std::size_t dash = what.find(" - ");
  std::string reason = dash == std::string::npos ? what : what.substr(dash + 3);
  // "; last read: '...'" repeats the line's bytes: cut it (it may hold anything).
  if (std::size_t last = reason.find("; last read:"); last != std::string::npos) reason.resize(last);
  return reason;
}

}  // namespace

InputStream::InputStream(InputOptions options) : options_(std::move(options)) {
  if (options_.paths.empty()) options_.paths.push_back("-");
}

InputStream::~InputStream() = default;

// Every *.txt (or *.jsonl for corpora) below `root`. One folder is open at a
// time (a deep tree cannot run out of file descriptors), and every folder that
// cannot be listed is reported by name, never skipped in silence. Links to
// folders are not followed, so a link loop cannot trap the walk.
void InputStream::walk(const std::string& root, std::vector<std::string>& found) {
  const char* want = options_.jsonl ? ".jsonl" : ".txt";
  std::vector<fs::path> folders{fs::path(root)};
  while (!folders.empty()) {
    fs::path dir = std::move(folders.back());
    folders.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    const fs::directory_iterator end;
    while (!ec && it != end) {
      const fs::directory_entry& e = *it;
      std::error_code ec2;
      if (e.is_symlink(ec2)) {
        // A link: listed when it has the extension and is no folder (a link
        // loop is reported when it is read).
        if (e.path().extension() == want && !e.is_directory(ec2)) found.push_back(e.path().string());
      } else if (e.is_directory(ec2)) {
        folders.push_back(e.path());
      } else if (e.path().extension() == want) {
        found.push_back(e.path().string());
      }
      it.increment(ec);
    }
    if (ec)
      pending_errors_.push_back(
          RawInput{utf8::escape_invalid(dir.string()), {}, false, Error::plain(ec.message()), 0});
  }
}

void InputStream::expand(const std::string& path) {
  queue_.clear();
  queue_pos_ = 0;
  std::error_code ec;
  if (path != "-" && fs::is_directory(path, ec)) {
    std::vector<std::string> found;
    walk(path, found);
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
  raw.name = source;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    // Say where and why: "line 3: not a JSON object: byte 12: invalid string: ...".
    raw.error = Error::at_line(fmt::format("not a JSON object: byte {}: {}", e.byte, json_reason(e)),
                               line_no);
    return raw;
  } catch (const nlohmann::json::exception& e) {
    // Not only parse_error: a number too large for a double is out_of_range.
    raw.error = Error::at_line(fmt::format("not a JSON object: {}", json_reason(e)), line_no);
    return raw;
  } catch (const std::bad_alloc&) {
    raw.error = Error::at_line("out of memory reading this record", line_no);
    return raw;
  }
  if (!j.is_object()) {
    raw.error = Error::at_line("not a JSON object", line_no);
    return raw;
  }
  raw.name = fmt::format("{}:{}", source, line_no);
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
  while (true) {
    const LineReader::Status status = json_file_->next(line);
    if (status == LineReader::Status::line) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (utf8::trim(line).empty()) continue;
      return parse_json_record(line, json_name_, json_file_->line_number());
    }
    if (status == LineReader::Status::end) {
      json_file_.reset();
      return std::nullopt;
    }
    // A line too long, or a read error: reported as this source's error.
    RawInput e;
    e.name = json_name_;
    e.from_json = true;
    e.error = json_file_->error();
    if (status == LineReader::Status::failed) json_file_.reset();
    return e;
  }
}

std::optional<RawInput> InputStream::next() {
  while (true) {
    if (!pending_errors_.empty()) {
      RawInput e = std::move(pending_errors_.front());
      pending_errors_.erase(pending_errors_.begin());
      e.ordinal = ordinal_++;
      return e;
    }
    if (json_file_) {
      if (auto r = next_json_line()) {
        r->ordinal = ordinal_++;
        return r;
      }
      continue;
    }
    if (queue_pos_ < queue_.size()) {
      const std::string path = queue_[queue_pos_++];
      const std::string name = path == "-" ? kStdinName : utf8::escape_invalid(path);
      if (options_.jsonl) {
        json_name_ = name;
        auto file = LineFile::open(path, options_.max_size);
        if (!file) return RawInput{name, {}, false, file.error(), ordinal_++};
        json_file_ = std::move(file).value();
        continue;
      }
      RawInput raw;
      raw.ordinal = ordinal_++;
      raw.name = name;
      auto data = path == "-" ? read_document(0, options_.max_size)
                              : read_document_file(path, !walked_, options_.max_size);
      if (!data) raw.error = data.error();
      else raw.bytes = std::move(data).value();
      return raw;
    }
    if (path_pos_ >= options_.paths.size()) return std::nullopt;
    expand(options_.paths[path_pos_++]);
  }
}

Result<Document> to_document(RawInput& raw, const std::string& encoding) {
  if (raw.from_json) return Document::adopt(raw.name, "UTF-8", std::move(raw.bytes));
  return load_document(raw.name, std::move(raw.bytes), encoding);
}

}  // namespace policy::text
