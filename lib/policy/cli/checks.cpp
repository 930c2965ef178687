#include "policy/cli/checks.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "policy/core/strings.h"
#include "policy/text/utf8.h"

namespace policy::cli {

bool is_partial_date(std::string_view s) {
  auto digits = [&](std::size_t at, std::size_t n) {
    if (s.size() < at + n) return -1;
    int v = 0;
    for (std::size_t k = at; k < at + n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(s[k]))) return -1;
      v = v * 10 + (s[k] - '0');
    }
    return v;
  };
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  const int year = digits(0, 4);
  if (year < 0) return false;
  if (s.size() == 4) return true;
  const int month = digits(5, 2);
  if (s[4] != '-' || month < 1 || month > 12) return false;
  if (s.size() == 7) return true;
  const int day = digits(8, 2);
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = days[month - 1] + (month == 2 && leap ? 1 : 0);
  return s[7] == '-' && day >= 1 && day <= last;
}

namespace {

std::u32string code_points(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) out.push_back(utf8::next(s, i));
  return out;
}

// Levenshtein distance over code points.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::vector<std::string> closest_names(std::string_view want, const std::set<std::string>& known,
                                       std::size_t n) {
  const std::u32string w = code_points(want);
  struct Scored {
    bool apart;  // neither name holds the other
    std::size_t distance;
    const std::string* name;
  };
  std::vector<Scored> scored;
  for (const std::string& name : known) {
    const bool apart = name.find(want) == std::string::npos && want.find(name) == std::string_view::npos;
    scored.push_back({apart, edit_distance(w, code_points(name)), &name});
  }
  const std::size_t keep = std::min(n, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(),
                    [](const Scored& a, const Scored& b) {
                      if (a.apart != b.apart) return !a.apart;
                      if (a.distance != b.distance) return a.distance < b.distance;
                      return *a.name < *b.name;
                    });
  std::vector<std::string> out;
  for (std::size_t k = 0; k < keep; ++k) out.push_back(*scored[k].name);
  return out;
}

namespace {

std::string lower_extension(std::string_view name) {
  std::string ext = std::filesystem::path(std::string(name)).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

}  // namespace

std::string office_extension(std::string_view name) {
  std::string ext = lower_extension(name);
  for (std::string_view office : {".doc", ".docx", ".wps", ".pdf", ".rtf"})
    if (ext == office) return ext;
  return {};
}

std::string office_file_kind(std::string_view name, std::string_view bytes) {
  const std::string ext = lower_extension(name);
  const bool zip = starts_with(bytes, "PK\x03\x04");
  const bool ole = starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  if (starts_with(bytes, "%PDF-")) return "a PDF file";
  if (starts_with(bytes, "{\\rtf")) return "an RTF document";
  if (!zip && !ole) return {};
  if (ext == ".docx" || ext == ".doc") return "a Word document (" + ext + ")";
  if (ext == ".wps") return "a WPS document (.wps)";
  if (zip) return "a zip archive (a .docx, .wps or .xlsx file?)";
  return "an Office document (a .doc or .wps file?)";
}

}  // namespace policy::cli
