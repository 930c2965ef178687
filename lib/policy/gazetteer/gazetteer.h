// The data/ tables: regions, agency codes, and the names of government
// departments. Built into the programs at compile time; `load(dir)` reads a
// folder of the same files instead (for tests, or a user's own tables).
//
//   const Gazetteer& g = Gazetteer::builtin();
//   g.body_for_code("国办发")                       -> "国务院办公厅"
//   g.body_for_code("鄂政办发")                     -> "湖北省人民政府办公厅"
//   Context hubei{.province = "湖北省", .city = "武汉市"};
//   g.lookup_unit("省经信厅", hubei)->canonical     -> "湖北省经济和信息化厅"
//   g.lookup_unit("市市场监督管理局", hubei)->canonical
//                                                   -> "武汉市市场监督管理局"
//
// File formats are described in data/README.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "policy/core/result.h"

namespace policy::gazetteer {

struct Region {
  std::string name;    // 湖北省, 武汉市
  std::string level;   // province | city
  std::string parent;  // a city's province
};

// Where a document comes from, so 省… and 市… names resolve to full names.
struct Context {
  std::string province;  // e.g. 湖北省; empty when unknown
  std::string city;      // e.g. 武汉市; empty when unknown
};

struct UnitInfo {
  std::string canonical;             // full name, region filled in when known
  std::vector<std::string> aliases;  // surface names the row merges (region-free)
  std::string level;                 // central | province | city | county
};

class Gazetteer {
 public:
  // The tables compiled into the programs from data/.
  static const Gazetteer& builtin();
  // Reads regions.tsv, agency_codes.tsv and units.tsv from a folder.
  static Result<Gazetteer> load(const std::string& dir);
  // Parses the three tables from memory (file names are used in messages).
  static Result<Gazetteer> parse(std::string_view regions, std::string_view agency_codes,
                                 std::string_view units);

  // The issuing body behind an agency code: exact codes, then `@` region
  // templates and `*` prefix patterns (longest first).
  std::optional<std::string> body_for_code(std::string_view code) const;
  // The region an abbreviation or short name stands for, exactly (鄂 -> 湖北省).
  std::optional<Region> region_of_abbr(std::string_view abbr) const;
  // The region whose abbreviation starts a code (鄂政发 -> 湖北省).
  std::optional<Region> region_of_code(std::string_view code) const;
  // A region named at the start of a text (湖北省人民政府 -> 湖北省, length of
  // "湖北省"); the longest name or short form wins.
  std::optional<Region> region_prefix(std::string_view text, std::size_t* length) const;
  // Every region whose full name or short form occurs in the text, in order
  // of first occurrence, with how often it occurs.
  std::vector<std::pair<Region, int>> regions_in(std::string_view text) const;

  // A department name as written -> its row, with {region} filled from ctx.
  // A region prefix in the name (湖北省…, 武汉市…) is read as 省…/市….
  std::optional<UnitInfo> lookup_unit(std::string_view surface, const Context& ctx) const;

  std::size_t unit_rows() const { return units_.size(); }
  std::size_t code_rows() const { return exact_codes_.size() + patterns_.size(); }

 private:
  struct UnitRow {
    std::string level, region, canonical;
    std::vector<std::string> aliases;
  };
  struct CodePattern {
    std::string before_star;  // the code up to '*' (with '@' kept)
    bool prefix = false;      // ended in '*'
    std::string body;
  };
  std::optional<UnitInfo> resolve(const UnitRow& row, const Context& ctx,
                                  const std::string& region_override) const;

  std::vector<Region> regions_;
  std::unordered_map<std::string, std::size_t> region_by_abbr_;  // abbr -> regions_ index
  std::unordered_map<std::string, std::string> exact_codes_;
  std::vector<CodePattern> patterns_;  // longest first
  std::vector<UnitRow> units_;
  // alias -> rows with that alias (generic and region-specific)
  std::unordered_map<std::string, std::vector<std::size_t>> unit_by_alias_;
  // What stands before {region} in a full name (中共, 国家税务总局): written
  // before a region in a name, it is read past to find the region.
  std::vector<std::string> region_lead_words_;
  std::size_t max_abbr_ = 1;  // longest abbreviation, in code points
  // Names of two characters or more (湖北, 湖北省, 武汉市), keyed by their
  // first two characters, for scanning prose; and their byte lengths.
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::size_t>>> by_first_two_;
  std::vector<std::size_t> name_lengths_;  // distinct, longest first
  std::vector<bool> starts_name_;          // per BMP code point: some name starts with it
};

}  // namespace policy::gazetteer
