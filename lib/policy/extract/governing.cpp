#include "policy/extract/governing.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "policy/text/numeral.h"

namespace policy::extract {

std::optional<int> year_of(const std::string& date) {
  if (date.size() < 4) return std::nullopt;
  auto v = text::parse_digits(std::string_view(date).substr(0, 4));
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

std::vector<int> parents_of(const std::vector<Clause>& clauses) {
  std::vector<int> parent(clauses.size(), -1);
  bool have_parents = false;
  for (const Clause& c : clauses) have_parents |= c.parent >= 0;
  if (have_parents) {
    for (std::size_t i = 0; i < clauses.size(); ++i) parent[i] = clauses[i].parent;
    return parent;
  }
  std::unordered_map<std::string_view, int> by_id;
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    const std::string_view id = clauses[i].id;
    const std::size_t slash = id.rfind('/');
    if (slash != std::string_view::npos) {
      auto p = by_id.find(id.substr(0, slash));
      if (p != by_id.end()) parent[i] = p->second;
    }
    by_id.emplace(id, static_cast<int>(i));
  }
  return parent;
}

const std::vector<Deadline>* inherited_deadlines(const std::vector<Clause>& clauses, const std::vector<int>& parent,
                                                 std::size_t i) {
  for (int p = parent[i]; p >= 0; p = parent[static_cast<std::size_t>(p)])
    if (!clauses[static_cast<std::size_t>(p)].deadlines.empty()) return &clauses[static_cast<std::size_t>(p)].deadlines;
  return nullptr;
}

std::optional<int> last_year(const std::vector<Deadline>* deadlines) {
  if (!deadlines) return std::nullopt;
  std::optional<int> year;
  for (const Deadline& d : *deadlines)
    if (auto y = year_of(d.date)) year = y;
  return year;
}

GoverningYear::GoverningYear(const std::vector<Deadline>& deadlines) {
  for (const Deadline& d : deadlines)
    if (auto y = year_of(d.date)) dated_.emplace_back(d.at.begin, *y);
  std::stable_sort(dated_.begin(), dated_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

std::optional<int> GoverningYear::at(std::uint32_t offset) const {
  auto after = std::lower_bound(dated_.begin(), dated_.end(), offset,
                                [](const auto& d, std::uint32_t p) { return d.first < p; });
  if (after != dated_.begin()) return std::prev(after)->second;
  if (after != dated_.end()) return after->second;
  return std::nullopt;
}

std::vector<const Deadline*> governing_deadlines(const std::vector<Clause>& clauses, const std::vector<int>& parent,
                                                 std::size_t i, Span within) {
  std::vector<const Deadline*> out;
  const Clause& c = clauses[i];
  for (const Deadline& d : c.deadlines)
    if (d.at.begin >= within.begin && d.at.end <= within.end) out.push_back(&d);
  if (!out.empty()) return out;
  const std::vector<Deadline>* own = c.deadlines.empty() ? inherited_deadlines(clauses, parent, i) : &c.deadlines;
  if (own)
    for (const Deadline& d : *own) out.push_back(&d);
  return out;
}

}  // namespace policy::extract
