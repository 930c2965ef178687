// The data/ tables: administrative divisions, agency codes, and the names of
// government departments. Built into the programs at compile time; `load(dir)`
// reads a folder of the same files instead (for tests), and
// `with_overlay(dir)` adds a user's own rows to the built-in ones.
//
//   const Gazetteer& g = Gazetteer::builtin();
//   g.body_for_code("国办发")                       -> "国务院办公厅"
//   g.body_for_code("鄂政办发")                     -> "湖北省人民政府办公厅"
//   Context hubei{.province = "湖北省", .city = "武汉市"};
//   g.lookup_unit("省经信厅", hubei)->canonical     -> "湖北省经济和信息化厅"
//   g.lookup_unit("市市场监督管理局", hubei)->canonical
//                                                   -> "武汉市市场监督管理局"
//   Context huangpu{"广东省", "广州市", "黄埔区"};
//   g.lookup_unit("区科技局", huangpu)->canonical   -> "广州市黄埔区科学技术局"
//   g.division("鼓楼区", {.city = "南京市"})->code  -> "320106"
//
// File formats are described in data/README.md.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "policy/core/result.h"
#include "policy/gazetteer/name_pairs.h"
#include "policy/text/phrase_matcher.h"

namespace policy::gazetteer {

namespace detail {
struct Tables;  // the rows of every table before they are indexed
}  // namespace detail

// One administrative division (data/divisions.tsv).
struct Region {
  std::string name;    // 湖北省, 武汉市, 黄埔区: the official name
  std::string level;   // province | city (any prefecture-level division) | county
  std::string parent;  // a city's province; a county's city, or its province where
                       // no city stands between (北京市 for 朝阳区, 湖北省 for 仙桃市)
  std::string code;    // GB/T 2260: 420000, 420100, 440112
};

// Where a document comes from, so 省… 市… 区… names resolve to full names.
struct Context {
  std::string province = {};  // e.g. 湖北省; empty when unknown
  std::string city = {};      // e.g. 武汉市 (also a 自治州, 地区, 盟); empty when unknown
  std::string county = {};    // e.g. 黄埔区 (a district, county, banner or county-level
                              // city); empty when unknown
};

// What lookup_unit answers. aliases and level are views into the
// gazetteer's own rows, valid while it lives (they were copied for every
// name of every document).
struct UnitInfo {
  std::string canonical;                   // full name, region filled in when known
  std::span<const std::string> aliases;    // surface names the row merges (region-free)
  std::string_view level;                  // central | province | city | county
};

class Gazetteer {
 public:
  Gazetteer() = default;
  Gazetteer(Gazetteer&&) = default;
  Gazetteer& operator=(Gazetteer&&) = default;
  // Not copied (division_by_id_ points into its own map): shared by reference.
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  // The tables compiled into the programs from data/.
  static const Gazetteer& builtin();
  // Reads the tables from a folder: regions.tsv, agency_codes.tsv and
  // units.tsv must be there, divisions.tsv and division_words.tsv are read
  // when present.
  static Result<Gazetteer> load(const std::string& dir);
  // The built-in tables plus the rows of any of the same-named files found in
  // `dir` (divisions.tsv, regions.tsv, agency_codes.tsv, units.tsv,
  // division_words.tsv; each optional). A row with the key of a built-in row
  // replaces it: a division's code, an abbreviation, an agency code, an alias
  // at the same level and region. A bad row is an error naming file and line.
  //
  //   // my-data/units.tsv:
  //   //   level  region  canonical  aliases
  //   //   city   合肥市  合肥市数据资源局  市数据资源局
  //   auto g = Gazetteer::with_overlay("my-data");
  //   if (!g) die(g.error().describe());  // "my-data/units.tsv: line 3: …"
  //   g.value().lookup_unit("市数据资源局", {"安徽省", "合肥市"})->canonical
  //                                                   -> "合肥市数据资源局"
  static Result<Gazetteer> with_overlay(const std::string& dir);
  // Parses the tables from memory (file names are used in messages). Without
  // a divisions table, only the regions that regions.tsv names exist.
  static Result<Gazetteer> parse(std::string_view regions, std::string_view agency_codes,
                                 std::string_view units, std::string_view divisions = {},
                                 std::string_view division_words = {});

  // The issuing body behind an agency code: exact codes, then `@` region
  // templates and `*` prefix patterns (longest first).
  std::optional<std::string> body_for_code(std::string_view code) const;

  // Provinces and prefecture-level divisions, by name, short form or code
  // abbreviation; counties are left to the division functions below.
  //
  // The region an abbreviation or short name stands for, exactly (鄂 -> 湖北省);
  // also a district's code abbreviation (穗天 -> 天河区), so that a code reader
  // keeps 穗天发改规字 whole. Never a county's name.
  std::optional<Region> region_of_abbr(std::string_view abbr) const;
  // The province or city whose abbreviation starts a code (鄂政发 -> 湖北省).
  std::optional<Region> region_of_code(std::string_view code) const;
  // A province or city named at the start of a text (湖北省人民政府 -> 湖北省,
  // length of "湖北省"); the longest name or short form wins.
  std::optional<Region> region_prefix(std::string_view text, std::size_t* length) const;
  // Every province or city whose full name or short form occurs in the text,
  // in order of first occurrence, with how often it occurs.
  std::vector<std::pair<Region, int>> regions_in(std::string_view text) const;

  // Divisions of every level, the county level included. County names repeat
  // (朝阳区 in Beijing and Changchun, 鼓楼区 in four cities): a name is
  // resolved only when one division of that name fits the context, else not.
  //
  // The division with a GB/T 2260 code ("440112" -> 黄埔区).
  std::optional<Region> division_by_code(std::string_view gb_code) const;
  // Every division a name or short form can stand for (鼓楼区 -> four).
  std::vector<Region> divisions_named(std::string_view name) const;
  // The one division of that name that lies in ctx's province and city (a
  // name only one division has stands anyway); nullopt when none or several.
  //   division("朝阳区", {.province = "吉林省"})->parent   -> "长春市"
  //   division("朝阳区", {})                               -> nullopt
  std::optional<Region> division(std::string_view name, const Context& ctx) const;
  // The division whose abbreviation starts an agency code, the longest first:
  // 穗埔组通 -> 黄埔区 (of 广州市), 穗工信函 -> 广州市, 鄂政发 -> 湖北省.
  std::optional<Region> division_of_code(std::string_view code) const;
  // The divisions named at the start of a text, each inside the one before:
  // 广州市黄埔区科技局 -> 黄埔区, length of "广州市黄埔区"; 黄埔区… alone too
  // (one division of that name). The last one named is returned.
  std::optional<Region> division_prefix(std::string_view text, const Context& ctx,
                                        std::size_t* length) const;
  // Every division named in the text, in order of first occurrence, with how
  // often. A county counts where it is written after its city or province
  // (广州市黄埔区), or alone where its name is at least three characters, is
  // not an ordinary word (division_words.tsv) and fits ctx; 区域 and 县域 are
  // no districts, 市场 no city.
  std::vector<std::pair<Region, int>> divisions_in(std::string_view text,
                                                   const Context& ctx) const;
  // The context a division stands in: 黄埔区 -> {广东省, 广州市, 黄埔区};
  // 朝阳区 of Beijing -> {北京市, 北京市, 朝阳区} (a municipality is its own city).
  Context context_of(const Region& r) const;
  // Fills the empty slots of ctx from a division that fits what ctx already
  // holds; false (ctx untouched) when it lies elsewhere.
  //   Context ctx; fill_context(ctx, *division_of_code("穗埔组通"))
  //                                     -> ctx = {广东省, 广州市, 黄埔区}
  bool fill_context(Context& ctx, const Region& r) const;
  // The name a division's departments carry: 广州市黄埔区 (a district with its
  // city), 北京市朝阳区, 汶川县 and 都江堰市 (counties and county-level cities
  // stand alone), 武汉市, 湖北省.
  std::string qualified_name(const Region& r) const;

  // A department name as written -> its row, with {region} filled from ctx:
  // 省… (自治区… in an autonomous region) a province row, 市… a city row (州…
  // and 盟… in a prefecture's document; in a county-level city's own document
  // that city's), 区… 县… 旗… a county row. A division named in front
  // (湖北省…, 武汉市…, 广州市黄埔区…) is the region; a county name that several
  // divisions share and ctx does not settle is kept as written (朝阳区科技局 ->
  // 朝阳区科学技术局). A division named alone stands for itself (达茂旗 ->
  // 达尔罕茂明安联合旗).
  std::optional<UnitInfo> lookup_unit(std::string_view surface, const Context& ctx) const;

  std::size_t unit_rows() const { return units_.size(); }
  std::size_t code_rows() const { return exact_codes_.size() + patterns_.size(); }
  std::size_t division_rows() const { return regions_.size(); }

 private:
  // Heterogeneous lookup: find(std::string_view) without building a string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;
  // The divisions or unit rows a name stands for. Most names have one: up
  // to three are kept in place (a vector each cost an allocation per name
  // at every start).
  class Ids {
   public:
    void push_back(std::uint32_t id) {
      if (more_.empty() && n_ < kInline) {
        in_place_[n_++] = id;
        return;
      }
      if (more_.empty()) more_.assign(in_place_.begin(), in_place_.begin() + n_);
      more_.push_back(id);
      ++n_;
    }
    const std::uint32_t* begin() const { return more_.empty() ? in_place_.data() : more_.data(); }
    const std::uint32_t* end() const { return begin() + n_; }
    std::uint32_t* begin() { return more_.empty() ? in_place_.data() : more_.data(); }
    std::uint32_t* end() { return begin() + n_; }
    std::size_t size() const { return n_; }
    std::uint32_t front() const { return *begin(); }
    // Keeps the first n.
    void truncate(std::size_t n) {
      n_ = static_cast<std::uint32_t>(n);
      if (!more_.empty()) more_.resize(n);
    }

   private:
    static constexpr std::uint32_t kInline = 3;
    std::uint32_t n_ = 0;
    std::array<std::uint32_t, kInline> in_place_{};
    std::vector<std::uint32_t> more_;  // all of them, once there are more than kInline
  };
  enum Level : std::uint8_t { kCentral, kProvince, kCity, kCounty, kLevels };
  struct UnitRow {
    std::string level, region, canonical;
    std::vector<std::string> aliases;
    Level lvl = kCentral;
  };
  struct CodePattern {
    std::string before_star;  // the code up to '*' (with '@' kept)
    bool prefix = false;      // ended in '*'
    std::string body;
  };
  static Result<Gazetteer> build(detail::Tables t);

  using Where = std::optional<std::size_t>;  // the division a name was found in
  std::optional<UnitInfo> resolve(const UnitRow& row, const Context& ctx, Where where,
                                  std::string_view marker) const;
  const UnitRow* pick(const Ids* a, const Ids* b, const Context& ctx, Where where) const;
  std::string region_text(std::size_t idx, bool short_form) const;
  bool fits(std::size_t idx, const Context& ctx) const;
  std::optional<std::size_t> choose(const Ids& candidates, const Context& ctx) const;
  std::optional<std::size_t> chain_prefix(std::string_view text, const Context& ctx,
                                          std::size_t* length) const;
  std::optional<std::size_t> resolve_county(const Context& ctx) const;
  bool is_municipality(std::size_t idx) const;
  std::optional<std::size_t> index_of_code(std::string_view code) const;
  std::uint32_t& code_slot(std::string_view code);

  std::vector<Region> regions_;  // every division (without divisions.tsv: those regions.tsv names)
  // GB/T 2260 code -> regions_ index: open addressing over the divisions'
  // own codes, a power of two long and at most half full (a map's node per
  // division was thousands of allocations at every start).
  static constexpr std::uint32_t kNoIndex = 0xFFFFFFFF;
  std::vector<std::uint32_t> by_code_;
  // Provinces and cities: every abbreviation, short form and full name.
  Map<std::size_t> region_by_abbr_;
  // Counties' code abbreviations (穗埔).
  Map<std::size_t> county_abbr_;
  // Every name and short form of every level -> the divisions it can name.
  Map<Ids> division_names_;
  Map<bool> division_words_;  // county names that are ordinary words
  std::vector<std::uint32_t> parent_;  // regions_ index -> parent index (or self)
  // regions_ index -> short form (安徽, 合肥, 阿坝州); empty where it is the name.
  std::vector<std::string> short_;

  Map<std::string> exact_codes_;
  std::vector<CodePattern> patterns_;  // longest first (the rule's order)
  // The patterns indexed: plain prefix patterns by their text; templates by
  // the text after '@', exact and prefix apart; each to its rank in patterns_.
  Map<std::uint32_t> plain_prefix_, template_exact_, template_prefix_;
  std::size_t max_plain_ = 0, max_template_ = 0;  // longest, in code points

  std::vector<UnitRow> units_;
  // Aliases -> rows. marked_[L] holds the aliases of level-L rows that start
  // with their level's marker (省, 市, 区), keyed without it; plain_ every other
  // alias, as written; lead_[L] the names with words before {region}
  // (中共{region}委组织部), keyed by those words and what follows the region.
  Map<Ids> plain_;
  std::array<Map<Ids>, kLevels> marked_, lead_;
  // What stands before {region} in a name (中共, 国家税务总局, 人行): written
  // before a region, it is read past to find the region.
  std::vector<std::string> region_lead_words_;
  std::size_t max_abbr_ = 1;  // longest province/city abbreviation, in code points
  std::size_t max_county_abbr_ = 1;
  // Names of two characters or more, keyed by their first two characters, for
  // scanning prose; and their byte lengths.
  Map<std::vector<std::pair<std::string, std::size_t>>> by_first_two_;
  std::vector<std::size_t> name_lengths_;  // distinct, longest first
  std::vector<bool> starts_name_;          // per BMP code point: some name starts with it
  std::vector<std::size_t> division_name_lengths_;  // all levels, distinct, longest first
  std::vector<bool> starts_division_;
  // Every division name of two characters or more, for reading prose in
  // one pass; id -> the name's entry.
  NamePairs division_pairs_;
  // Entries of division_names_: its nodes stay where they are when the map
  // grows or the gazetteer moves (division_pairs_ holds views of their keys).
  std::vector<const std::pair<const std::string, Ids>*> division_by_id_;
};

}  // namespace policy::gazetteer
