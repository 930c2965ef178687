#include "policy/gazetteer/gazetteer.h"

#include <algorithm>

#include <fmt/format.h>

#include "policy/core/strings.h"
#include "policy/core/tsv.h"
#include "policy/text/utf8.h"

namespace policy::gazetteer {

namespace embedded {
extern const std::string_view regions;
extern const std::string_view agency_codes;
extern const std::string_view units;
}  // namespace embedded

namespace {

std::string replace_region(std::string text, const std::string& region) {
  const std::string key = "{region}";
  std::size_t p = text.find(key);
  if (p != std::string::npos) text.replace(p, key.size(), region);
  return text;
}


}  // namespace

Result<Gazetteer> Gazetteer::parse(std::string_view regions, std::string_view agency_codes,
                                   std::string_view units) {
  Gazetteer g;
  auto r = tsv::parse(regions, "regions.tsv", {"abbr", "name", "level", "parent"});
  if (!r) return r.error();
  for (auto& [line, row] : r.value().rows) {
    Region reg{row[1], row[2], row[3]};
    // One Region per full name; every abbreviation points at it.
    std::size_t idx = g.regions_.size();
    for (std::size_t i = 0; i < g.regions_.size(); ++i)
      if (g.regions_[i].name == reg.name) idx = i;
    if (idx == g.regions_.size()) g.regions_.push_back(reg);
    g.region_by_abbr_.emplace(row[0], idx);
    g.region_by_abbr_.emplace(reg.name, idx);
    g.max_abbr_ = std::max(g.max_abbr_, utf8::length(row[0]));
  }
  g.starts_name_.assign(0x10000, false);
  for (const auto& [name, idx] : g.region_by_abbr_) {
    if (utf8::length(name) < 2) continue;  // 鄂, 武: too short to read in prose
    std::size_t first = 0;
    char32_t c = utf8::next(name, first);
    if (c < 0x10000) g.starts_name_[c] = true;
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

  auto c = tsv::parse(agency_codes, "agency_codes.tsv", {"code", "body"});
  if (!c) return c.error();
  for (auto& [line, row] : c.value().rows) {
    const std::string& code = row[0];
    bool pattern = !code.empty() && (code.front() == '@' || code.back() == '*');
    if (!pattern) {
      g.exact_codes_.emplace(code, row[1]);
      continue;
    }
    CodePattern p;
    p.prefix = code.back() == '*';
    p.before_star = p.prefix ? code.substr(0, code.size() - 1) : code;
    p.body = row[1];
    g.patterns_.push_back(std::move(p));
  }
  // Longest patterns first; an exact template before a prefix one of equal length.
  std::stable_sort(g.patterns_.begin(), g.patterns_.end(),
                   [](const CodePattern& a, const CodePattern& b) {
                     if (a.before_star.size() != b.before_star.size())
                       return a.before_star.size() > b.before_star.size();
                     return !a.prefix && b.prefix;
                   });

  auto u = tsv::parse(units, "units.tsv", {"level", "region", "canonical", "aliases"});
  if (!u) return u.error();
  for (auto& [line, row] : u.value().rows) {
    UnitRow ur{row[0], row[1], row[2], {}};
    ur.aliases = tsv::split_cell(row[3]);
    std::size_t idx = g.units_.size();
    for (const auto& a : ur.aliases) g.unit_by_alias_[a].push_back(idx);
    // The canonical name is an alias of itself (region-specific rows).
    const std::size_t slot = ur.canonical.find("{region}");
    if (slot == std::string::npos) g.unit_by_alias_[ur.canonical].push_back(idx);
    if (slot != std::string::npos && slot > 0) {
      std::string lead = ur.canonical.substr(0, slot);
      if (std::find(g.region_lead_words_.begin(), g.region_lead_words_.end(), lead) == g.region_lead_words_.end())
        g.region_lead_words_.push_back(std::move(lead));
    }
    g.units_.push_back(std::move(ur));
  }
  return g;
}

Result<Gazetteer> Gazetteer::load(const std::string& dir) {
  auto read = [&](const char* name) { return tsv::read_file(dir + "/" + name); };
  auto regions = read("regions.tsv");
  if (!regions) return regions.error();
  auto codes = read("agency_codes.tsv");
  if (!codes) return codes.error();
  auto units = read("units.tsv");
  if (!units) return units.error();
  return parse(regions.value(), codes.value(), units.value());
}

const Gazetteer& Gazetteer::builtin() {
  static const Gazetteer g = [] {
    auto r = parse(embedded::regions, embedded::agency_codes, embedded::units);
    // The embedded tables are checked by the test suite; a broken build falls
    // back to empty tables rather than crashing every program.
    return r ? std::move(r).value() : Gazetteer();
  }();
  return g;
}

std::optional<Region> Gazetteer::region_of_abbr(std::string_view abbr) const {
  auto f = region_by_abbr_.find(std::string(abbr));
  if (f == region_by_abbr_.end()) return std::nullopt;
  return regions_[f->second];
}

std::optional<Region> Gazetteer::region_of_code(std::string_view code) const {
  // Try the longest abbreviation first.
  std::vector<std::size_t> cuts;
  std::size_t i = 0;
  while (i < code.size() && cuts.size() < max_abbr_) {
    utf8::next(code, i);
    cuts.push_back(i);
  }
  for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
    auto f = region_by_abbr_.find(std::string(code.substr(0, *it)));
    if (f != region_by_abbr_.end()) return regions_[f->second];
  }
  return std::nullopt;
}

std::optional<std::string> Gazetteer::body_for_code(std::string_view code) const {
  if (auto f = exact_codes_.find(std::string(code)); f != exact_codes_.end()) return f->second;
  for (const CodePattern& p : patterns_) {
    std::string_view rest = code;
    std::string region;
    std::string_view want = p.before_star;
    if (!want.empty() && want.front() == '@') {
      want.remove_prefix(1);
      // Every abbreviation that starts the code, longest first.
      std::optional<std::string> hit;
      std::size_t i = 0, n = 0;
      std::vector<std::size_t> cuts;
      while (i < code.size() && n++ < max_abbr_) {
        utf8::next(code, i);
        cuts.push_back(i);
      }
      for (auto it = cuts.rbegin(); it != cuts.rend() && !hit; ++it) {
        auto f = region_by_abbr_.find(std::string(code.substr(0, *it)));
        if (f == region_by_abbr_.end()) continue;
        std::string_view tail = code.substr(*it);
        bool ok = p.prefix ? starts_with(tail, want) : tail == want;
        if (ok) hit = replace_region(p.body, regions_[f->second].name);
      }
      if (hit) return hit;
      continue;
    }
    bool ok = p.prefix ? starts_with(rest, want) : rest == want;
    if (ok) return p.body;
  }
  return std::nullopt;
}

std::optional<Region> Gazetteer::region_prefix(std::string_view text, std::size_t* length) const {
  for (std::size_t len : name_lengths_) {  // longest first
    if (len > text.size()) continue;
    auto f = region_by_abbr_.find(std::string(text.substr(0, len)));
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
  std::string key;
  while (i < text.size()) {
    std::size_t start = i;
    char32_t c = utf8::next(text, i);
    if (i >= text.size() || c < 0x80 || c >= 0x10000 || !starts_name_[c]) continue;
    std::size_t two = i;
    utf8::next(text, two);
    key.assign(text.substr(start, two - start));
    auto f = by_first_two_.find(key);
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

std::optional<UnitInfo> Gazetteer::resolve(const UnitRow& row, const Context& ctx,
                                           const std::string& region_override) const {
  UnitInfo info;
  info.level = row.level;
  info.aliases = row.aliases;
  std::string region;
  if (row.level == "province") {
    region = !region_override.empty() ? region_override : ctx.province;
    if (region.empty()) region = "省";
  } else if (row.level == "city") {
    region = !region_override.empty() ? region_override : ctx.city;
    if (region.empty()) region = "市";
  } else if (row.level == "county") {
    region = region_override;
  }
  info.canonical = replace_region(row.canonical, region);
  return info;
}

std::optional<UnitInfo> Gazetteer::lookup_unit(std::string_view surface,
                                               const Context& ctx) const {
  std::string s = utf8::squash(surface);
  // 市发改委（市能源局）: the name is what stands before the parenthesis.
  for (std::string_view open : {"（", "("}) {
    std::size_t p = s.find(open);
    if (p != std::string::npos && p > 0) s.resize(p);
  }
  std::string override_region;
  std::size_t len = 0;
  // 中共湖北省委组织部 reads as 省委组织部 of 湖北省, 国家税务总局长沙市税务局 as
  // 市税务局 of 长沙市: the canonical names put the lead words back.
  for (const std::string& lead : region_lead_words_)
    if (starts_with(s, lead) && region_prefix(std::string_view(s).substr(lead.size()), &len)) {
      s.erase(0, lead.size());
      break;
    }
  if (auto reg = region_prefix(s, &len)) {
    std::string rest = s.substr(len);
    const bool province = reg->level == "province";
    const std::string marker = province ? "省" : "市";
    // 湖北省市场监督管理局 -> 省市场监督管理局; 湖北省委… -> 省委…
    if (!rest.empty()) {
      s = marker + rest;
      override_region = reg->name;
    }
  }
  auto f = unit_by_alias_.find(s);
  if (f == unit_by_alias_.end()) return std::nullopt;
  // A row of the document's own region first, then a generic row.
  const UnitRow* generic = nullptr;
  for (std::size_t idx : f->second) {
    const UnitRow& row = units_[idx];
    if (row.region.empty()) {
      if (!generic) generic = &row;
    } else if (row.region == ctx.city || row.region == ctx.province ||
               row.region == override_region) {
      return resolve(row, ctx, override_region);
    }
  }
  if (generic) return resolve(*generic, ctx, override_region);
  return std::nullopt;
}

}  // namespace policy::gazetteer
