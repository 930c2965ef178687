// Which deadlines govern what: one rule for the extractor (the year of a
// target) and the report (the deadline of a task).
//
//   A clause's own deadlines govern what it says; a clause that states none
//   is governed by the nearest enclosing clause that does:
//     一、到2025年，…            (2025)
//       （一）培育企业200家。      -> its target's year: 2025
//
//   GoverningYear(c.deadlines).at(p) the last dated deadline written before
//                                     `at` in the clause, else the first after
//                                     it (…200家（完成时限：2024年底）)
//   inherited_deadlines(clauses, i)   the nearest enclosing clause's, or null
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "policy/core/record.h"

namespace policy::extract {

// Each clause's parent index: Clause::parent, or for records read back from
// JSON (which carry no indexes) from the ids (二/（三） is under 二).
std::vector<int> parents_of(const std::vector<Clause>& clauses);

// The deadlines of the nearest enclosing clause of clauses[i] that states
// any; null when none does.
const std::vector<Deadline>* inherited_deadlines(const std::vector<Clause>& clauses, const std::vector<int>& parent,
                                                 std::size_t i);

// The year of the last dated deadline among `deadlines`; nullopt when none
// is dated (null list included).
std::optional<int> last_year(const std::vector<Deadline>* deadlines);

// The year that governs an item at a byte offset of its clause's text:
// built once per clause, asked for each target.
class GoverningYear {
 public:
  explicit GoverningYear(const std::vector<Deadline>& deadlines);
  std::optional<int> at(std::uint32_t offset) const;

 private:
  std::vector<std::pair<std::uint32_t, int>> dated_;  // (where, year), by where
};

// The deadlines that govern a stretch (a task's sentence) of clauses[i]:
// those written inside it, else the clause's own, else the inherited ones.
std::vector<const Deadline*> governing_deadlines(const std::vector<Clause>& clauses, const std::vector<int>& parent,
                                                 std::size_t i, Span within);

// The year of a date string ("2025-04" -> 2025), or nullopt for "ongoing".
std::optional<int> year_of(const std::string& date);

}  // namespace policy::extract
