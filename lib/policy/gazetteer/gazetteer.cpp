#include "policy/gazetteer/gazetteer.h"

#include <algorithm>
#include <bit>
#include <deque>
#include <filesystem>
#include <span>

#include <fmt/format.h>

#include "policy/core/strings.h"
#include "policy/core/tsv.h"
#include "policy/text/utf8.h"

namespace policy::gazetteer {

namespace embedded {
extern const std::string_view regions;
extern const std::string_view agency_codes;
extern const std::string_view units;
extern const std::string_view divisions;
extern const std::string_view division_words;
}  // namespace embedded

// The rows of every table before they are indexed, with the file and line
// each came from (for messages, and so an overlay can replace rows by key).
struct detail::Tables {
  struct Row {
    std::string_view file;
    std::size_t line = 0;
    std::span<std::string_view> cells;  // into cells below
  };
  std::vector<Row> divisions, regions, codes, units, words;
  // What the rows point into, never moved while rows are added or replaced:
  // each parsed table (with its text), a copy of its cells the rows may
  // rewrite, and the file names and cells an overlay makes.
  std::deque<tsv::Table> parsed;
  std::deque<std::vector<std::string_view>> cells;
  std::deque<std::string> strings;
};

namespace {

constexpr std::string_view kRegion = "{region}";
constexpr std::string_view kShort = "{short}";

// Where a name holds its region placeholder, and how long the placeholder is.
std::pair<std::size_t, std::size_t> region_slot(std::string_view name) {
  if (std::size_t p = name.find(kRegion); p != std::string_view::npos) return {p, kRegion.size()};
  if (std::size_t p = name.find(kShort); p != std::string_view::npos) return {p, kShort.size()};
  return {std::string_view::npos, 0};
}

bool has_slot(std::string_view name) { return region_slot(name).first != std::string_view::npos; }

using Row = std::span<std::string_view>;

const std::vector<std::string> kRegionsHeader = {"abbr", "name", "level", "parent"};
const std::vector<std::string> kCodesHeader = {"code", "body"};
const std::vector<std::string> kUnitsHeader = {"level", "region", "canonical", "aliases"};
const std::vector<std::string> kDivisionsHeader = {"code", "name", "level", "parent"};
const std::vector<std::string> kWordsHeader = {"word", "reading"};

// The five tables: file name, header, where their rows go, and whether a
// folder must hold the file (load).
struct TableSpec {
  const char* file;
  const std::vector<std::string>* header;
  std::vector<detail::Tables::Row> detail::Tables::*rows;
  const std::string_view* embedded;  // the built-in table
  bool required;
};
const TableSpec kTables[] = {
    {"regions.tsv", &kRegionsHeader, &detail::Tables::regions, &embedded::regions, true},
    {"agency_codes.tsv", &kCodesHeader, &detail::Tables::codes, &embedded::agency_codes, true},
    {"units.tsv", &kUnitsHeader, &detail::Tables::units, &embedded::units, true},
    {"divisions.tsv", &kDivisionsHeader, &detail::Tables::divisions, &embedded::divisions, false},
    {"division_words.tsv", &kWordsHeader, &detail::Tables::words, &embedded::division_words, false},
};

std::string replace_region(std::string text, std::string_view region) {
  auto [p, n] = region_slot(text);
  if (p != std::string::npos) text.replace(p, n, region);
  return text;
}

// Byte offsets after each of the first code points of s (at most 32), kept
// on the stack: body_for_code runs once per document number.
struct Cuts {
  std::array<std::size_t, 32> at{};
  std::size_t n = 0;
  Cuts(std::string_view s, std::size_t max) {
    std::size_t i = 0;
    while (i < s.size() && n < std::min(max, at.size())) {
      utf8::next(s, i);
      at[n++] = i;
    }
  }
  const std::size_t* begin() const { return at.data(); }
  const std::size_t* end() const { return at.data() + n; }
};

// The rows of a table, read into `out`; `tables` keeps what they point into.
// `file` must outlive `tables` (a literal, or one of tables.strings).
Result<bool> read_rows(std::string_view text, std::string_view file,
                       const std::vector<std::string>& header,
                       std::vector<detail::Tables::Row>& out, detail::Tables& tables) {
  auto t = tsv::parse(text, file, header);
  if (!t) return t.error();
  const tsv::Table& table = tables.parsed.emplace_back(std::move(t).value());
  std::vector<std::string_view>& cells = tables.cells.emplace_back(table.cells);
  out.reserve(out.size() + table.rows.size());
  for (const tsv::Row& r : table.rows)
    out.push_back({file, r.line,
                   Row(cells.data() + (r.cells.data() - table.cells.data()), r.cells.size())});
  return true;
}

Error row_error(const detail::Tables::Row& r, const std::string& message) {
  return Error::plain(fmt::format("{}: line {}: {}", r.file, r.line, message));
}

// Rows of `add` replace the rows of `base` with the same key; others are added.
template <class Key>
void overlay_by_key(std::vector<detail::Tables::Row>& base,
                    std::vector<detail::Tables::Row> add, Key key) {
  std::unordered_map<std::string_view, std::size_t> at;
  for (std::size_t i = 0; i < base.size(); ++i) at.emplace(key(base[i].cells), i);
  for (auto& r : add) {
    auto f = at.find(key(r.cells));
    if (f != at.end()) {
      base[f->second] = std::move(r);
    } else {
      at.emplace(key(r.cells), base.size());
      base.push_back(std::move(r));
    }
  }
}

// The value of a key, added empty when the map lacks it (operator[] without
// a std::string made for keys already there).
template <class M>
auto& entry(M& map, std::string_view key) {
  auto f = map.find(key);
  if (f == map.end()) f = map.emplace(std::string(key), typename M::mapped_type{}).first;
  return f->second;
}

bool is_space_byte_free(std::string_view s) {
  // Whitespace inside a name: ASCII blanks, U+3000 and the other spaces
  // utf8::squash removes all start with one of these bytes.
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0xE3 || c == 0xE2 || c == 0xC2) return false;
  return true;
}

}  // namespace

// ---------------------------------------------------------------- loading

Result<Gazetteer> Gazetteer::parse(std::string_view regions, std::string_view agency_codes,
                                   std::string_view units, std::string_view divisions,
                                   std::string_view division_words) {
  detail::Tables t;
  if (auto r = read_rows(regions, "regions.tsv", kRegionsHeader, t.regions, t); !r) return r.error();
  if (auto r = read_rows(agency_codes, "agency_codes.tsv", kCodesHeader, t.codes, t); !r)
    return r.error();
  if (auto r = read_rows(units, "units.tsv", kUnitsHeader, t.units, t); !r) return r.error();
  if (!divisions.empty())
    if (auto r = read_rows(divisions, "divisions.tsv", kDivisionsHeader, t.divisions, t); !r)
      return r.error();
  if (!division_words.empty())
    if (auto r = read_rows(division_words, "division_words.tsv", kWordsHeader, t.words, t); !r)
      return r.error();
  return build(std::move(t));
}

namespace {

// The rows of one table of a folder; no rows when an optional file is absent.
Result<bool> read_folder_table(const std::string& dir, const TableSpec& spec,
                               std::vector<detail::Tables::Row>& out, bool required,
                               detail::Tables& tables) {
  const std::string path = dir + "/" + spec.file;
  if (!required && !std::filesystem::exists(path)) return true;
  auto text = tsv::read_file(path);
  if (!text) return text.error();
  return read_rows(text.value(), tables.strings.emplace_back(path), *spec.header, out, tables);
}

// A user's units.tsv row takes over each of its names at its level and region
// from the built-in rows; a built-in row left without names goes.
void overlay_units(std::vector<detail::Tables::Row>& base, std::vector<detail::Tables::Row> add,
                   detail::Tables& tables) {
  for (auto& row : add) {
    const Row& a = row.cells;
    std::vector<std::string> names = tsv::split_cell(a[3]);
    if (!has_slot(a[2])) names.emplace_back(a[2]);
    for (auto it = base.begin(); it != base.end();) {
      Row& b = it->cells;
      if (b[0] != a[0] || b[1] != a[1]) {
        ++it;
        continue;
      }
      std::vector<std::string> kept;
      for (auto& alias : tsv::split_cell(b[3]))
        if (std::find(names.begin(), names.end(), alias) == names.end()) kept.push_back(alias);
      const bool self_named = !has_slot(b[2]);
      const bool canonical_taken =
          self_named && std::find(names.begin(), names.end(), b[2]) != names.end();
      if (canonical_taken || (kept.empty() && !self_named)) {
        it = base.erase(it);
        continue;
      }
      b[3] = tables.strings.emplace_back(join(kept, "|"));
      ++it;
    }
    base.push_back(std::move(row));
  }
}

}  // namespace

Result<Gazetteer> Gazetteer::load(const std::string& dir) {
  detail::Tables t;
  for (const TableSpec& spec : kTables)
    if (auto r = read_folder_table(dir, spec, t.*spec.rows, spec.required, t); !r) return r.error();
  return build(std::move(t));
}

Result<Gazetteer> Gazetteer::with_overlay(const std::string& dir) {
  if (!std::filesystem::is_directory(dir))
    return Error::plain(fmt::format("{}: no such folder", dir));
  detail::Tables t;
  for (const TableSpec& spec : kTables) {
    // The built-in rows (checked by the test suite), then the user's.
    (void)read_rows(*spec.embedded, spec.file, *spec.header, t.*spec.rows, t);
    std::vector<detail::Tables::Row> mine;
    if (auto r = read_folder_table(dir, spec, mine, false, t); !r) return r.error();
    if (spec.rows == &detail::Tables::units)
      overlay_units(t.units, std::move(mine), t);
    else  // keyed by the first column: code, abbreviation, agency code, word
      overlay_by_key(t.*spec.rows, std::move(mine), [](const Row& c) { return c[0]; });
  }
  return build(std::move(t));
}

const Gazetteer& Gazetteer::builtin() {
  // Never destroyed: freeing its thousands of strings and map nodes at exit
  // cost more than building some of them, and nothing needs it done.
  static const Gazetteer& g = *new Gazetteer([] {
    auto r = parse(embedded::regions, embedded::agency_codes, embedded::units,
                   embedded::divisions, embedded::division_words);
    // The embedded tables are checked by the test suite; a broken build falls
    // back to empty tables rather than crashing every program.
    return r ? std::move(r).value() : Gazetteer();
  }());
  return g;
}

Result<Gazetteer> Gazetteer::build(detail::Tables t) {
  Gazetteer g;
  auto level_of = [](std::string_view s) -> std::optional<Level> {
    if (s == "central") return kCentral;
    if (s == "province") return kProvince;
    if (s == "city") return kCity;
    if (s == "county") return kCounty;
    return std::nullopt;
  };
  auto add_name = [&g](std::string_view name, std::size_t idx) {
    // Most names are new: one hash for them (entry() would hash twice).
    auto& list = g.division_names_.try_emplace(std::string(name)).first->second;
    if (std::find(list.begin(), list.end(), idx) == list.end())
      list.push_back(static_cast<std::uint32_t>(idx));
  };

  // Divisions: every level, with the code of its parent. (Room for every
  // name at once: a map that grows hashes each key again.)
  g.regions_.reserve(t.divisions.size() + t.regions.size());
  if (!t.divisions.empty())
    g.by_code_.assign(std::bit_ceil(std::max<std::size_t>(2 * t.divisions.size(), 8)), kNoIndex);
  g.division_names_.reserve(t.divisions.size() + t.regions.size());
  g.region_by_abbr_.reserve(t.regions.size() + t.divisions.size() / 4);
  std::vector<std::string_view> parent_codes;
  parent_codes.reserve(t.divisions.size());
  for (const auto& r : t.divisions) {
    const Row& c = r.cells;
    auto lvl = level_of(c[2]);
    if (!lvl || *lvl == kCentral)
      return row_error(r, fmt::format("level `{}`: expected province, city or county", c[2]));
    if (c[0].empty() || c[1].empty()) return row_error(r, "a division needs a code and a name");
    std::uint32_t& slot = g.code_slot(c[0]);
    if (slot != kNoIndex) return row_error(r, fmt::format("code {} listed twice", c[0]));
    if ((*lvl == kProvince) != c[3].empty())
      return row_error(r, "a province has no parent; every other division has one");
    // Made in place: a Region moved in and destroyed was four strings more.
    Region& d = g.regions_.emplace_back();
    d.name = c[1];
    d.level = c[2];
    d.code = c[0];
    slot = static_cast<std::uint32_t>(g.regions_.size() - 1);
    parent_codes.push_back(c[3]);
  }
  g.parent_.resize(g.regions_.size());
  for (std::size_t i = 0; i < g.regions_.size(); ++i) {
    g.parent_[i] = static_cast<std::uint32_t>(i);
    if (parent_codes[i].empty()) continue;
    auto f = g.index_of_code(parent_codes[i]);
    const auto rank = [](const std::string& l) { return l == "province" ? 0 : l == "city" ? 1 : 2; };
    if (!f || rank(g.regions_[*f].level) >= rank(g.regions_[i].level))
      return row_error(t.divisions[i],
                       fmt::format("parent {} is no division above {}", parent_codes[i],
                                   g.regions_[i].name));
    g.parent_[i] = static_cast<std::uint32_t>(*f);
    g.regions_[i].parent = g.regions_[*f].name;
  }
  for (std::size_t i = 0; i < g.regions_.size(); ++i) {
    add_name(g.regions_[i].name, i);
    if (g.regions_[i].level != "county") g.region_by_abbr_.emplace(g.regions_[i].name, i);
  }

  // Regions: abbreviations and short forms, each naming one division.
  const bool have_divisions = !g.regions_.empty();
  for (const auto& r : t.regions) {
    const Row& c = r.cells;
    auto lvl = level_of(c[2]);
    if (!lvl || *lvl == kCentral)
      return row_error(r, fmt::format("level `{}`: expected province, city or county", c[2]));
    std::optional<std::size_t> idx;
    if (have_divisions) {
      auto f = g.division_names_.find(c[1]);
      if (f != g.division_names_.end())
        for (std::uint32_t i : f->second)
          if (g.regions_[i].level == c[2] && g.regions_[i].name == c[1] &&
              g.regions_[i].parent == c[3])
            idx = i;
      if (!idx)
        return row_error(r, fmt::format("no {} {}{} in divisions.tsv", c[2], c[1],
                                        c[3].empty() ? "" : " in " + std::string(c[3])));
    } else {
      // Without a divisions table the regions are the ones named here.
      for (std::size_t i = 0; i < g.regions_.size() && !idx; ++i)
        if (g.regions_[i].name == c[1] && g.regions_[i].level == c[2]) idx = i;
      if (!idx) {
        idx = g.regions_.size();
        g.regions_.push_back(Region{std::string(c[1]), std::string(c[2]), std::string(c[3]), ""});
        g.parent_.push_back(static_cast<std::uint32_t>(*idx));
        add_name(c[1], *idx);
        if (*lvl != kCounty) g.region_by_abbr_.emplace(c[1], *idx);
      }
    }
    add_name(c[0], *idx);
    if (*lvl == kCounty) {
      g.county_abbr_.emplace(c[0], *idx);
      g.max_county_abbr_ = std::max(g.max_county_abbr_, utf8::length(c[0]));
    } else {
      g.region_by_abbr_.emplace(c[0], *idx);
      g.max_abbr_ = std::max(g.max_abbr_, utf8::length(c[0]));
    }
  }
  // Short forms: the first name of two characters or more regions.tsv gives a
  // province or city (安徽 for 安徽省, 阿坝州), else its full name. (A county's
  // rows are code abbreviations or its own short name, never used in the name
  // of another body.)
  // (Empty where none is set: a copy of every name cost thousands of strings.)
  g.short_.resize(g.regions_.size());
  for (const auto& r : t.regions) {
    auto f = g.division_names_.find(r.cells[0]);
    if (utf8::length(r.cells[0]) < 2 || r.cells[2] == "county" || f == g.division_names_.end())
      continue;
    for (std::uint32_t i : f->second)
      if (g.short_[i].empty() && g.regions_[i].name == r.cells[1] && g.regions_[i].parent == r.cells[3])
        g.short_[i] = r.cells[0];  // two characters or more: never empty
  }
  if (!have_divisions) {
    // Parents by name (a city's province), as far as they are listed.
    for (std::size_t i = 0; i < g.regions_.size(); ++i)
      for (std::size_t j = 0; j < g.regions_.size(); ++j)
        if (i != j && !g.regions_[i].parent.empty() && g.regions_[j].name == g.regions_[i].parent)
          g.parent_[i] = static_cast<std::uint32_t>(j);
  }

  // Province and city names of two characters or more, for scanning prose.
  g.starts_name_.assign(0x10000, false);
  for (const auto& [name, idx] : g.region_by_abbr_) {
    if (utf8::length(name) < 2) continue;  // 鄂, 武: too short to read in prose
    std::size_t first = 0;
    char32_t ch = utf8::next(name, first);
    if (ch < 0x10000) g.starts_name_[ch] = true;
    std::size_t two = 0;
    utf8::next(name, two);
    utf8::next(name, two);
    g.by_first_two_[name.substr(0, two)].emplace_back(name, idx);
    if (std::find(g.name_lengths_.begin(), g.name_lengths_.end(), name.size()) == g.name_lengths_.end())
      g.name_lengths_.push_back(name.size());
  }
  std::sort(g.name_lengths_.rbegin(), g.name_lengths_.rend());
  for (auto& [key, list] : g.by_first_two_)  // longest first
    std::sort(list.begin(), list.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  // Every division name of two characters or more (one pass: the first
  // character, the length, and the scanner).
  g.starts_division_.assign(0x10000, false);
  g.division_by_id_.reserve(g.division_names_.size());
  for (const auto& entry : g.division_names_) {
    const std::string& name = entry.first;
    if (!g.division_pairs_.add(name, static_cast<std::uint32_t>(g.division_by_id_.size()))) continue;
    g.division_by_id_.push_back(&entry);
    std::size_t first = 0;
    const char32_t ch = utf8::next(name, first);
    if (ch < 0x10000) g.starts_division_[ch] = true;
    if (std::find(g.division_name_lengths_.begin(), g.division_name_lengths_.end(), name.size()) ==
        g.division_name_lengths_.end())
      g.division_name_lengths_.push_back(name.size());
  }
  std::sort(g.division_name_lengths_.rbegin(), g.division_name_lengths_.rend());
  g.division_pairs_.build();

  for (const auto& r : t.words) g.division_words_.emplace(r.cells[0], true);

  // Agency codes.
  for (const auto& r : t.codes) {
    const std::string_view code = r.cells[0];
    bool pattern = !code.empty() && (code.front() == '@' || code.back() == '*');
    if (!pattern) {
      g.exact_codes_.emplace(code, r.cells[1]);
      continue;
    }
    CodePattern p;
    p.prefix = code.back() == '*';
    p.before_star = p.prefix ? code.substr(0, code.size() - 1) : code;
    p.body = r.cells[1];
    g.patterns_.push_back(std::move(p));
  }
  // Longest patterns first; an exact template before a prefix one of equal length.
  std::stable_sort(g.patterns_.begin(), g.patterns_.end(),
                   [](const CodePattern& a, const CodePattern& b) {
                     if (a.before_star.size() != b.before_star.size())
                       return a.before_star.size() > b.before_star.size();
                     return !a.prefix && b.prefix;
                   });
  for (std::size_t rank = 0; rank < g.patterns_.size(); ++rank) {
    const CodePattern& p = g.patterns_[rank];
    const auto r32 = static_cast<std::uint32_t>(rank);
    if (!p.before_star.empty() && p.before_star.front() == '@') {
      std::string tail = p.before_star.substr(1);
      g.max_template_ = std::max(g.max_template_, utf8::length(tail));
      (p.prefix ? g.template_prefix_ : g.template_exact_).emplace(std::move(tail), r32);
    } else {
      g.max_plain_ = std::max(g.max_plain_, utf8::length(p.before_star));
      g.plain_prefix_.emplace(p.before_star, r32);
    }
  }

  // Units.
  g.units_.reserve(t.units.size());
  for (const auto& r : t.units) {
    const Row& c = r.cells;
    auto lvl = level_of(c[0]);
    if (!lvl)
      return row_error(r, fmt::format("level `{}`: expected central, province, city or county", c[0]));
    if (c[2].empty()) return row_error(r, "no canonical name");
    if (*lvl == kCentral && has_slot(c[2]))
      return row_error(r, "a central row has no {region} or {short}");
    UnitRow ur{std::string(c[0]), std::string(c[1]), std::string(c[2]), tsv::split_cell(c[3]), *lvl};
    const auto idx = static_cast<std::uint32_t>(g.units_.size());
    auto index = [&](std::string_view name) {
      const auto [slot, slot_size] = region_slot(name);
      if (slot != std::string::npos) {
        // 中共{region}委组织部, 人行{region}中心支行: keyed by the words around
        // the region; the words before it are read past to find a region.
        if (slot == 0) return;
        std::string lead(name.substr(0, slot));
        entry(g.lead_[*lvl], lead + std::string(name.substr(slot + slot_size))).push_back(idx);
        if (std::find(g.region_lead_words_.begin(), g.region_lead_words_.end(), lead) ==
            g.region_lead_words_.end())
          g.region_lead_words_.push_back(std::move(lead));
        return;
      }
      std::string_view marker;
      if (*lvl == kProvince && starts_with(name, "省")) marker = "省";
      if (*lvl == kCity && starts_with(name, "市")) marker = "市";
      if (*lvl == kCounty)
        for (std::string_view m : {"区", "县", "旗"})
          if (starts_with(name, m)) marker = m;
      if (!marker.empty() && name.size() > marker.size())
        entry(g.marked_[*lvl], name.substr(marker.size())).push_back(idx);
      else
        entry(g.plain_, name).push_back(idx);
    };
    for (const auto& a : ur.aliases) index(a);
    // The canonical name is a name of its row too: as written (region rows),
    // or with its words around {region} (中共{region}委组织部).
    if (!has_slot(c[2]))
      entry(g.plain_, c[2]).push_back(idx);
    else
      index(c[2]);
    g.units_.push_back(std::move(ur));
  }
  for (auto& list : g.plain_) {
    std::sort(list.second.begin(), list.second.end());
    list.second.truncate(std::unique(list.second.begin(), list.second.end()) - list.second.begin());
  }
  for (auto& m : g.lead_)
    for (auto& list : m) {
      std::sort(list.second.begin(), list.second.end());
      list.second.truncate(std::unique(list.second.begin(), list.second.end()) - list.second.begin());
    }
  // The longest lead words first (国家税务总局 before a shorter one it starts with).
  std::stable_sort(g.region_lead_words_.begin(), g.region_lead_words_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return g;
}

// ---------------------------------------------------------------- agency codes

std::optional<std::string> Gazetteer::body_for_code(std::string_view code) const {
  if (auto f = exact_codes_.find(code); f != exact_codes_.end()) return f->second;
  // The pattern that comes first in the rule's order (patterns_) among those
  // that match: plain prefixes by the code's own prefixes; templates by the
  // region abbreviations that start the code, then the tail's prefixes.
  std::size_t best = patterns_.size();
  std::size_t best_region = 0;
  if (max_plain_ > 0) {
    for (std::size_t cut : Cuts(code, max_plain_)) {
      auto f = plain_prefix_.find(code.substr(0, cut));
      if (f != plain_prefix_.end() && f->second < best) best = f->second;
    }
  }
  if (max_template_ > 0) {
    const Cuts abbr_cuts(code, max_abbr_);
    for (std::size_t k = abbr_cuts.n; k-- > 0;) {  // the longest abbreviation first
      const std::size_t cut = abbr_cuts.at[k];
      auto reg = region_by_abbr_.find(code.substr(0, cut));
      if (reg == region_by_abbr_.end()) continue;
      const std::string_view tail = code.substr(cut);
      // A pattern met again with a shorter abbreviation keeps the longer one.
      if (auto f = template_exact_.find(tail); f != template_exact_.end() && f->second < best) {
        best = f->second;
        best_region = reg->second;
      }
      for (std::size_t tail_cut : Cuts(tail, max_template_)) {
        auto f = template_prefix_.find(tail.substr(0, tail_cut));
        if (f != template_prefix_.end() && f->second < best) {
          best = f->second;
          best_region = reg->second;
        }
      }
    }
  }
  if (best == patterns_.size()) return std::nullopt;
  const CodePattern& p = patterns_[best];
  if (!p.before_star.empty() && p.before_star.front() == '@')
    return replace_region(p.body, regions_[best_region].name);
  return p.body;
}

// ---------------------------------------------------------------- provinces and cities

std::optional<Region> Gazetteer::region_of_abbr(std::string_view abbr) const {
  if (auto f = region_by_abbr_.find(abbr); f != region_by_abbr_.end()) return regions_[f->second];
  if (auto f = county_abbr_.find(abbr); f != county_abbr_.end()) return regions_[f->second];
  return std::nullopt;
}

std::optional<Region> Gazetteer::region_of_code(std::string_view code) const {
  const Cuts c(code, max_abbr_);
  for (std::size_t k = c.n; k-- > 0;) {  // the longest abbreviation first
    auto f = region_by_abbr_.find(code.substr(0, c.at[k]));
    if (f != region_by_abbr_.end()) return regions_[f->second];
  }
  return std::nullopt;
}

std::optional<Region> Gazetteer::region_prefix(std::string_view text, std::size_t* length) const {
  for (std::size_t len : name_lengths_) {  // longest first
    if (len > text.size()) continue;
    auto f = region_by_abbr_.find(text.substr(0, len));
    if (f == region_by_abbr_.end()) continue;
    if (length) *length = len;
    return regions_[f->second];
  }
  return std::nullopt;
}

std::vector<std::pair<Region, int>> Gazetteer::regions_in(std::string_view text) const {
  std::vector<std::pair<Region, int>> out;
  std::vector<int> slot(regions_.size(), -1);
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    char32_t c = utf8::next(text, i);
    if (i >= text.size() || c < 0x80 || c >= 0x10000 || !starts_name_[c]) continue;
    std::size_t two = i;
    utf8::next(text, two);
    auto f = by_first_two_.find(text.substr(start, two - start));
    if (f == by_first_two_.end()) continue;
    for (const auto& [name, idx] : f->second) {
      if (text.substr(start, name.size()) != name) continue;
      if (slot[idx] < 0) {
        slot[idx] = static_cast<int>(out.size());
        out.emplace_back(regions_[idx], 0);
      }
      ++out[slot[idx]].second;
      i = start + name.size();  // 湖北省 counts once, not also as 湖北
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------- divisions of every level

// The slot of a code in by_code_: the one holding its division, or the
// empty one where it would go. (The table is never full.)
std::uint32_t& Gazetteer::code_slot(std::string_view code) {
  const std::size_t mask = by_code_.size() - 1;
  for (std::size_t h = std::hash<std::string_view>{}(code) & mask;; h = (h + 1) & mask)
    if (by_code_[h] == kNoIndex || regions_[by_code_[h]].code == code) return by_code_[h];
}

std::optional<std::size_t> Gazetteer::index_of_code(std::string_view code) const {
  if (by_code_.empty()) return std::nullopt;
  const std::size_t mask = by_code_.size() - 1;
  for (std::size_t h = std::hash<std::string_view>{}(code) & mask;; h = (h + 1) & mask) {
    const std::uint32_t k = by_code_[h];
    if (k == kNoIndex) return std::nullopt;
    if (regions_[k].code == code) return k;
  }
}

bool Gazetteer::is_municipality(std::size_t idx) const {
  return regions_[idx].level == "province" && ends_with(regions_[idx].name, "市");
}

Context Gazetteer::context_of(const Region& r) const {
  Context c;
  std::optional<std::size_t> idx;
  if (!r.code.empty()) idx = index_of_code(r.code);
  for (std::size_t i = 0; i < regions_.size() && !idx; ++i)
    if (regions_[i].name == r.name && regions_[i].level == r.level && regions_[i].parent == r.parent)
      idx = i;
  if (!idx) {
    if (r.level == "province") c.province = r.name;
    if (r.level == "city") c = {r.parent, r.name, ""};
    if (r.level == "county") c.county = r.name;
    return c;
  }
  for (std::size_t i = *idx;; i = parent_[i]) {
    const Region& d = regions_[i];
    if (d.level == "county") c.county = d.name;
    if (d.level == "city") c.city = d.name;
    if (d.level == "province") {
      c.province = d.name;
      if (is_municipality(i) && c.city.empty()) c.city = d.name;  // its own city
    }
    if (parent_[i] == i) break;
  }
  return c;
}

bool Gazetteer::fits(std::size_t idx, const Context& ctx) const {
  if (ctx.province.empty() && ctx.city.empty()) return true;
  std::string_view province, city;
  for (std::size_t i = idx;; i = parent_[i]) {
    const Region& d = regions_[i];
    if (d.level == "city") city = d.name;
    if (d.level == "province") {
      province = d.name;
      if (city.empty() && is_municipality(i)) city = d.name;
    }
    if (parent_[i] == i) break;
  }
  if (!ctx.province.empty() && !province.empty() && province != ctx.province) return false;
  if (!ctx.city.empty() && regions_[idx].level != "province" && city != ctx.city) {
    // A municipality's document may leave its city slot empty or fill it.
    if (!(city.empty() && ctx.city == province)) return false;
  }
  return true;
}

std::optional<std::size_t> Gazetteer::choose(const Ids& candidates, const Context& ctx) const {
  if (candidates.size() == 1) return candidates.front();
  std::optional<std::size_t> hit;
  for (std::uint32_t i : candidates) {
    if (!fits(i, ctx)) continue;
    if (hit) return std::nullopt;  // two fit: ambiguous
    hit = i;
  }
  return hit;
}

std::optional<Region> Gazetteer::division_by_code(std::string_view gb_code) const {
  if (auto i = index_of_code(gb_code)) return regions_[*i];
  return std::nullopt;
}

std::vector<Region> Gazetteer::divisions_named(std::string_view name) const {
  std::vector<Region> out;
  if (auto f = division_names_.find(name); f != division_names_.end())
    for (std::uint32_t i : f->second) out.push_back(regions_[i]);
  return out;
}

std::optional<Region> Gazetteer::division(std::string_view name, const Context& ctx) const {
  auto f = division_names_.find(name);
  if (f == division_names_.end()) return std::nullopt;
  if (auto i = choose(f->second, ctx)) return regions_[*i];
  return std::nullopt;
}

std::optional<Region> Gazetteer::division_of_code(std::string_view code) const {
  const Cuts c(code, std::max(max_abbr_, max_county_abbr_));
  for (std::size_t k = c.n; k-- > 0;) {  // the longest abbreviation first
    const std::string_view head = code.substr(0, c.at[k]);
    if (auto f = county_abbr_.find(head); f != county_abbr_.end()) return regions_[f->second];
    if (auto f = region_by_abbr_.find(head); f != region_by_abbr_.end()) return regions_[f->second];
  }
  return std::nullopt;
}

namespace {
bool lies_in(const std::vector<std::uint32_t>& parent, std::size_t idx, std::size_t ancestor) {
  for (std::size_t i = idx; parent[i] != i;) {
    i = parent[i];
    if (i == ancestor) return true;
  }
  return false;
}
}  // namespace

// The divisions at the start of text, each inside the one before (广州市黄埔区).
// Returns the last one; *length is the bytes they take. A first name that
// several divisions share and ctx does not settle gives nullopt, with
// *length set to it when all of them are counties (the caller may keep it as
// written) and 0 otherwise.
std::optional<std::size_t> Gazetteer::chain_prefix(std::string_view text, const Context& ctx,
                                                   std::size_t* length) const {
  *length = 0;
  if (text.empty()) return std::nullopt;
  std::size_t first = 0;
  char32_t c = utf8::next(text, first);
  if (c >= 0x10000 || !starts_division_[c]) return std::nullopt;
  std::optional<std::size_t> last;
  std::size_t pos = 0;
  for (std::size_t len : division_name_lengths_) {  // longest first
    if (len > text.size()) continue;
    auto f = division_names_.find(text.substr(0, len));
    if (f == division_names_.end()) continue;
    last = choose(f->second, ctx);
    if (!last) {
      bool all_counties = std::all_of(f->second.begin(), f->second.end(), [&](std::uint32_t i) {
        return regions_[i].level == "county";
      });
      if (all_counties) *length = len;
      return std::nullopt;
    }
    pos = len;
    break;
  }
  if (!last) return std::nullopt;
  // Names inside the one before: 湖北省武汉市, 广州市黄埔区.
  for (bool more = true; more && pos < text.size() && regions_[*last].level != "county";) {
    more = false;
    const std::string_view rest = text.substr(pos);
    for (std::size_t len : division_name_lengths_) {
      if (len > rest.size()) continue;
      auto f = division_names_.find(rest.substr(0, len));
      if (f == division_names_.end()) continue;
      std::optional<std::size_t> child;
      for (std::uint32_t i : f->second)
        if (lies_in(parent_, i, *last)) child = i;
      if (!child) continue;
      last = child;
      pos += len;
      more = true;
      break;
    }
  }
  *length = pos;
  return last;
}

std::optional<Region> Gazetteer::division_prefix(std::string_view text, const Context& ctx,
                                                 std::size_t* length) const {
  std::size_t len = 0;
  auto idx = chain_prefix(text, ctx, &len);
  if (!idx) return std::nullopt;
  if (length) *length = len;
  return regions_[*idx];
}

std::vector<std::pair<Region, int>> Gazetteer::divisions_in(std::string_view text,
                                                            const Context& ctx) const {
  // Every name found in one pass, then read left to right, the longest at a
  // place first.
  using Found = NamePairs::Hit;
  std::vector<Found> found;
  division_pairs_.find(text, found);
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<std::pair<Region, int>> out;
  std::unordered_map<std::size_t, std::size_t> slot;
  std::optional<std::size_t> prev;  // the division that ends where the next starts
  std::size_t prev_end = std::string_view::npos;
  std::size_t next = 0;  // a name inside one just read is no name of its own
  for (std::size_t k = 0; k < found.size(); ++k) {
    const std::size_t start = found[k].begin;
    if (start < next) continue;
    const bool chained = prev && prev_end == start;
    std::optional<std::size_t> hit;
    std::size_t hit_end = 0;
    for (std::size_t j = k; j < found.size() && found[j].begin == start; ++j) {
      const auto& [name_string, list] = *division_by_id_[found[j].id];
      const std::string_view name = name_string;
      // 区域 and 县域 (the area of), 市场 (market): no division.
      const std::string_view after = text.substr(found[j].end, 3);
      if ((ends_with(name, "区") || ends_with(name, "县")) && after == "域") continue;
      if (ends_with(name, "市") && after == "场") continue;
      std::optional<std::size_t> pick;
      if (chained)
        for (std::uint32_t r : list)
          if (lies_in(parent_, r, *prev)) pick = r;
      if (!pick) {
        const bool county = std::all_of(list.begin(), list.end(), [&](std::uint32_t r) {
          return regions_[r].level == "county";
        });
        if (county) {
          // Alone, a county needs a name of its own that fits the context.
          if (utf8::length(name) < 3 || division_words_.count(name)) continue;
          pick = choose(list, ctx);
          if (pick && !fits(*pick, ctx)) pick.reset();
        } else {
          pick = choose(list, ctx);
        }
      }
      if (!pick) continue;
      hit = pick;
      hit_end = found[j].end;
      break;
    }
    if (!hit) continue;
    auto [at, fresh] = slot.emplace(*hit, out.size());
    if (fresh) out.emplace_back(regions_[*hit], 0);
    ++out[at->second].second;
    next = hit_end;
    prev = hit;
    prev_end = hit_end;
  }
  return out;
}

bool Gazetteer::fill_context(Context& ctx, const Region& r) const {
  const Context c = context_of(r);
  auto clash = [](const std::string& have, const std::string& add) {
    return !have.empty() && !add.empty() && have != add;
  };
  if (clash(ctx.province, c.province) || clash(ctx.city, c.city) || clash(ctx.county, c.county))
    return false;
  // A county no city holds (仙桃市 under 湖北省) lies in no city ctx names.
  if (r.level == "county" && c.city.empty() && !ctx.city.empty()) return false;
  if (ctx.province.empty()) ctx.province = c.province;
  if (ctx.city.empty()) ctx.city = c.city;
  if (ctx.county.empty()) ctx.county = c.county;
  return true;
}

std::string Gazetteer::qualified_name(const Region& r) const {
  // A district (区, not a 林区 or 特区) carries its city's name, or its
  // municipality's; counties, banners and county-level cities stand alone.
  if (r.level != "county" || !ends_with(r.name, "区") || ends_with(r.name, "林区") ||
      ends_with(r.name, "特区") || r.parent.empty())
    return r.name;
  return r.parent + r.name;
}

std::optional<std::size_t> Gazetteer::resolve_county(const Context& ctx) const {
  if (ctx.county.empty()) return std::nullopt;
  auto f = division_names_.find(ctx.county);
  if (f == division_names_.end()) return std::nullopt;
  return choose(f->second, ctx);
}

// ---------------------------------------------------------------- units

// The row among the candidates (two lists of row indexes, each ascending): a
// row of the document's own region first, then the first generic row.
const Gazetteer::UnitRow* Gazetteer::pick(const Ids* a, const Ids* b, const Context& ctx,
                                          Where where) const {
  static const Ids none;
  if (!a) a = &none;
  if (!b) b = &none;
  const UnitRow* generic = nullptr;
  auto ia = a->begin(), ib = b->begin();
  while (ia != a->end() || ib != b->end()) {
    std::uint32_t idx;
    if (ib == b->end() || (ia != a->end() && *ia <= *ib)) {
      idx = *ia++;
      if (ib != b->end() && *ib == idx) ++ib;
    } else {
      idx = *ib++;
    }
    const UnitRow& row = units_[idx];
    if (row.region.empty()) {
      if (!generic) generic = &row;
      continue;
    }
    if (row.region == ctx.city || row.region == ctx.province || row.region == ctx.county)
      return &row;
    // The division named in front, or one that holds it.
    for (std::size_t i = where ? *where : 0; where; i = parent_[i]) {
      if (row.region == regions_[i].name || row.region == qualified_name(regions_[i])) return &row;
      if (parent_[i] == i) break;
    }
  }
  return generic;
}

// The text that fills a placeholder: the division's full name ({region};
// a district with its city) or its short form ({short}: 安徽, 合肥).
std::string Gazetteer::region_text(std::size_t idx, bool short_form) const {
  if (!short_form) return qualified_name(regions_[idx]);
  return short_[idx].empty() ? regions_[idx].name : short_[idx];
}

std::optional<UnitInfo> Gazetteer::resolve(const UnitRow& row, const Context& ctx, Where where,
                                           std::string_view marker) const {
  UnitInfo info;
  info.level = row.level;
  info.aliases = row.aliases;
  const auto [slot, slot_size] = region_slot(row.canonical);
  if (slot == std::string::npos) {
    info.canonical = row.canonical;
    return info;
  }
  const bool short_form = slot_size == kShort.size();
  // The division of the row's level: the one named in front, else the context's.
  auto named = [&](const std::string& name) -> Where {
    if (name.empty()) return std::nullopt;
    auto f = division_names_.find(name);
    return f == division_names_.end() ? std::nullopt : choose(f->second, ctx);
  };
  std::string region;
  if (!where) {
    if (row.lvl == kProvince) {
      where = named(ctx.province);
      if (!where) region = !ctx.province.empty() ? ctx.province : std::string(marker.empty() ? "省" : marker);
    } else if (row.lvl == kCity) {
      where = named(ctx.city);
      if (!where && ctx.city.empty())
        if (auto p = named(ctx.province); p && is_municipality(*p)) where = p;  // 上海市: its own 市…
      if (!where) region = !ctx.city.empty() ? ctx.city : std::string(marker.empty() ? "市" : marker);
    } else if (row.lvl == kCounty) {
      where = resolve_county(ctx);
      if (!where) region = !ctx.county.empty() ? ctx.county : std::string(marker.empty() ? "区" : marker);
    }
  }
  if (where) region = region_text(*where, short_form);
  info.canonical = row.canonical;
  info.canonical.replace(slot, slot_size, region);
  return info;
}

std::optional<UnitInfo> Gazetteer::lookup_unit(std::string_view surface,
                                               const Context& ctx) const {
  std::string squashed;
  std::string_view s = surface;
  if (!is_space_byte_free(s)) {
    squashed = utf8::squash(s);
    s = squashed;
  }
  // 市发改委（市能源局）: the name is what stands before the parenthesis.
  for (std::string_view open : {"（", "("}) {
    std::size_t p = s.find(open);
    if (p != std::string_view::npos && p > 0) s = s.substr(0, p);
  }
  if (s.empty()) return std::nullopt;
  auto find = [](const auto& map, std::string_view key) -> const Ids* {
    auto f = map.find(key);
    return f == map.end() ? nullptr : &f->second;
  };

  // 1. As written: a plain name (市场监管总局), or a level marker and the rest
  //    (省经信厅, 市市场监管局, 区科技局) in the document's region.
  {
    const auto* plain = find(plain_, s);
    const Ids* marked = nullptr;
    Where where;
    std::string_view marker;
    auto after = [&](std::string_view m) { return s.size() > m.size() && starts_with(s, m); };
    if (after("省")) {
      marker = "省";
      marked = find(marked_[kProvince], s.substr(marker.size()));
    } else if (after("自治区") && ends_with(ctx.province, "自治区")) {
      marker = "自治区";  // 自治区政务服务局 in an Inner Mongolia document
      marked = find(marked_[kProvince], s.substr(marker.size()));
    } else if (after("市")) {
      marker = "市";
      // In a county-level city's document, 市… is that city's own.
      if (ends_with(ctx.county, "市"))
        if (auto k = resolve_county(ctx))
          if ((marked = find(marked_[kCounty], s.substr(marker.size())))) where = k;
      if (!marked) marked = find(marked_[kCity], s.substr(marker.size()));
    } else if ((after("州") && ends_with(ctx.city, "州")) ||
               (after("盟") && ends_with(ctx.city, "盟"))) {
      marker = s.substr(0, 3);  // 州政府办公室 in an autonomous prefecture's document
      marked = find(marked_[kCity], s.substr(marker.size()));
    } else {
      for (std::string_view m : {"区", "县", "旗"})
        if (after(m)) {
          marker = m;
          marked = find(marked_[kCounty], s.substr(marker.size()));
        }
    }
    if (plain || marked)
      if (const UnitRow* row = pick(plain, marked, ctx, where)) {
        const auto k = static_cast<std::uint32_t>(row - units_.data());
        if (marked && std::find(marked->begin(), marked->end(), k) != marked->end())
          return resolve(*row, ctx, where, marker);
        return resolve(*row, ctx, std::nullopt, "");
      }
  }

  auto level_of_region = [this](std::size_t idx) {
    const std::string& l = regions_[idx].level;
    return l == "province" ? kProvince : l == "city" ? kCity : kCounty;
  };

  // 2. Words before a division: 中共湖北省委组织部, 国家税务总局长沙市税务局,
  //    中国银行保险监督管理委员会安徽监管局. The canonical names put them back.
  for (const std::string& lead : region_lead_words_) {
    if (!starts_with(s, lead)) continue;
    const std::string_view rest = s.substr(lead.size());
    std::size_t len = 0;
    auto idx = chain_prefix(rest, ctx, &len);
    if (!idx) continue;
    const Level lvl = level_of_region(*idx);
    const std::string_view tail = rest.substr(len);
    std::string key;
    key.reserve(lead.size() + tail.size());
    key.append(lead).append(tail);
    const UnitRow* row = nullptr;
    if (const auto* hit = find(lead_[lvl], key)) row = pick(hit, nullptr, ctx, idx);
    // …or the words dropped: 中共湖北省委组织部 as 省委组织部 of 湖北省.
    if (!row)
      if (const auto* hit = find(marked_[lvl], tail)) row = pick(hit, nullptr, ctx, idx);
    if (row) return resolve(*row, ctx, idx, "");
  }

  // 3. A division in front: 湖北省市场监督管理局, 广州市黄埔区科技局, 黄埔区人民政府.
  std::size_t len = 0;
  auto idx = chain_prefix(s, ctx, &len);
  if (len == 0) return std::nullopt;
  const std::string_view tail = s.substr(len);
  if (!idx) {
    // A county name several divisions share: the department keeps the name
    // as written (朝阳区科学技术局), never one of them picked by chance.
    const auto* hit = find(marked_[kCounty], tail);
    if (!hit) return std::nullopt;
    for (std::uint32_t k : *hit)
      if (units_[k].region.empty())
        return UnitInfo{replace_region(units_[k].canonical, s.substr(0, len)), units_[k].aliases,
                        units_[k].level};
    return std::nullopt;
  }
  if (tail.empty()) {
    // A division named alone stands for itself: 达茂旗 -> 达尔罕茂明安联合旗.
    return UnitInfo{qualified_name(regions_[*idx]), {}, regions_[*idx].level};
  }
  const auto* hit = find(marked_[level_of_region(*idx)], tail);
  if (!hit) return std::nullopt;
  if (const UnitRow* row = pick(hit, nullptr, ctx, idx)) return resolve(*row, ctx, idx, "");
  return std::nullopt;
}

}  // namespace policy::gazetteer
