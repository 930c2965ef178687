// The data/ tables: the loader's checks, codes, regions and unit names.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

#include "helpers.h"
#include "policy/core/strings.h"
#include "policy/core/tsv.h"
#include "policy/gazetteer/gazetteer.h"

using namespace policy;
using namespace policy::gazetteer;

TEST_CASE("the tables in data/ load, built in and from the folder") {
  const Gazetteer& g = Gazetteer::builtin();
  CHECK(g.unit_rows() > 300);
  CHECK(g.code_rows() > 150);
  auto loaded = Gazetteer::load(testing::source_dir() + "/data");
  REQUIRE(loaded);
  CHECK(loaded.value().unit_rows() == g.unit_rows());
}

TEST_CASE("agency codes: exact, region templates, prefix patterns") {
  const Gazetteer& g = Gazetteer::builtin();
  CHECK(g.body_for_code("国办发") == "国务院办公厅");
  CHECK(g.body_for_code("鄂政发") == "湖北省人民政府");
  CHECK(g.body_for_code("鄂政办发") == "湖北省人民政府办公厅");
  CHECK(g.body_for_code("湘政办发") == "湖南省人民政府办公厅");
  CHECK(g.body_for_code("武政办") == "武汉市人民政府办公厅");
  // 办发 is the party committee's general office, except where a province
  // numbers its government's that way.
  CHECK(g.body_for_code("粤办发") == "中共广东省委员会办公厅");
  CHECK(g.body_for_code("川办发") == "四川省人民政府办公厅");
  CHECK(g.body_for_code("国市监综发") == "国家市场监督管理总局");
  CHECK(g.body_for_code("鄂市监质监") == "湖北省市场监督管理局");
  CHECK_FALSE(g.body_for_code("某某发").has_value());
  CHECK(g.region_of_code("鄂政发")->name == "湖北省");
  CHECK(g.region_of_code("武政办")->name == "武汉市");
  CHECK(g.region_of_code("武政办")->parent == "湖北省");
}

TEST_CASE("unit lookups: aliases and level are the row's own, and stay valid through later lookups") {
  const Gazetteer& g = Gazetteer::builtin();
  const Context hubei{"湖北省", "武汉市"};
  const auto first = g.lookup_unit("市市场监管局", hubei);
  REQUIRE(first);
  CHECK(first->level == "city");
  const std::vector<std::string> aliases(first->aliases.begin(), first->aliases.end());
  CHECK(std::find(aliases.begin(), aliases.end(), "市市场监管局") != aliases.end());
  // Many lookups later (each building its answer) the first answer reads the same.
  for (const char* n : {"省经信厅", "市发改委", "市教育局", "国家发展改革委", "区科技局", "某某不存在的单位"})
    for (int k = 0; k < 50; ++k) (void)g.lookup_unit(n, hubei);
  CHECK(std::vector<std::string>(first->aliases.begin(), first->aliases.end()) == aliases);
  CHECK(first->level == "city");
  CHECK(first->canonical == "武汉市市场监督管理局");
}

TEST_CASE("unit names resolve to full names in the document's region") {
  const Gazetteer& g = Gazetteer::builtin();
  Context hubei{"湖北省", "武汉市"};
  CHECK(g.lookup_unit("省经信厅", hubei)->canonical == "湖北省经济和信息化厅");
  CHECK(g.lookup_unit("市市场监管局", hubei)->canonical == "武汉市市场监督管理局");
  CHECK(g.lookup_unit("市市场监督管理局", hubei)->canonical == "武汉市市场监督管理局");
  CHECK(g.lookup_unit("湖北省市场监督管理局", {})->canonical == "湖北省市场监督管理局");
  CHECK(g.lookup_unit("市场监管总局", hubei)->canonical == "国家市场监督管理总局");
  // Without a region the generic full name stands.
  CHECK(g.lookup_unit("省市场监管局", {})->canonical == "省市场监督管理局");
  // 中共湖北省委… is the 省委 row of Hubei.
  auto party = g.lookup_unit("中共湖北省委组织部", {});
  REQUIRE(party);
  CHECK(party->canonical.find("湖北省") != std::string::npos);
  // A national body's local branch: the branch of the region it names.
  auto tax = g.lookup_unit("国家税务总局长沙市税务局", {});
  REQUIRE(tax);
  CHECK(tax->canonical == "国家税务总局长沙市税务局");
  CHECK(g.lookup_unit("市税务局", {"湖南省", "长沙市"})->canonical == "国家税务总局长沙市税务局");
  // Every prefecture-level city is a region, by full name or short form.
  CHECK(g.region_of_abbr("合肥")->name == "合肥市");
  CHECK(g.region_of_abbr("合肥")->parent == "安徽省");
  CHECK(g.region_of_abbr("大同市")->parent == "山西省");
  CHECK_FALSE(g.region_of_abbr("大同").has_value());  // a common word: full name only
  CHECK_FALSE(g.lookup_unit("某某协会", hubei).has_value());
}

TEST_CASE("the loader names the file and line of a bad table") {
  auto bad_header = Gazetteer::parse("abbr\tname\n", "code\tbody\n", "level\tregion\tcanonical\taliases\n");
  REQUIRE_FALSE(bad_header);
  CHECK(bad_header.error().message.find("regions.tsv") != std::string::npos);
  auto bad_row = Gazetteer::parse("abbr\tname\tlevel\tparent\n鄂\t湖北省\tprovince\t\n",
                                  "code\tbody\n国发\n",
                                  "level\tregion\tcanonical\taliases\n");
  REQUIRE_FALSE(bad_row);
  CHECK(bad_row.error().message.find("agency_codes.tsv") != std::string::npos);
  CHECK(bad_row.error().describe() == "agency_codes.tsv: line 2: 1 cells, expected 2 (code, body)");
}

// ---------------------------------------------------------------- divisions

TEST_CASE("divisions: every province-, prefecture- and county-level division, with its code and parent") {
  const Gazetteer& g = Gazetteer::builtin();
  CHECK(g.division_rows() > 3000);
  auto huangpu = g.division_by_code("440112");
  REQUIRE(huangpu);
  CHECK(huangpu->name == "黄埔区");
  CHECK(huangpu->level == "county");
  CHECK(huangpu->parent == "广州市");
  CHECK(g.division_by_code("440100")->parent == "广东省");
  // A municipality's districts and a province's own county-level cities hang
  // from the province.
  CHECK(g.division_by_code("110105")->parent == "北京市");
  CHECK(g.division_by_code("429004")->name == "仙桃市");
  CHECK(g.division_by_code("429004")->parent == "湖北省");
  // Prefecture-level divisions other than cities are cities here too.
  CHECK(g.division_by_code("513200")->name == "阿坝藏族羌族自治州");
  CHECK(g.division_by_code("513200")->level == "city");
  // Development zones are no divisions.
  CHECK_FALSE(g.division_by_code("340176").has_value());
  CHECK_FALSE(g.division_by_code("999999").has_value());
}

TEST_CASE("divisions: a name several divisions share resolves only where the context settles it") {
  const Gazetteer& g = Gazetteer::builtin();
  auto gulou = g.divisions_named("鼓楼区");
  REQUIRE(gulou.size() >= 2);
  for (std::size_t i = 1; i < gulou.size(); ++i) CHECK(gulou[i].parent != gulou[0].parent);
  CHECK_FALSE(g.division("鼓楼区", {}).has_value());
  CHECK_FALSE(g.division("鼓楼区", {.province = "江苏省"}).has_value());  // 南京, 徐州
  CHECK(g.division("鼓楼区", {.province = "江苏省", .city = "徐州市"})->parent == "徐州市");
  CHECK(g.division("鼓楼区", {.city = "南京市"})->parent == "南京市");
  CHECK(g.division("朝阳区", {.province = "北京市"})->parent == "北京市");
  CHECK(g.division("朝阳区", {.province = "吉林省"})->parent == "长春市");
  CHECK_FALSE(g.division("朝阳区", {.province = "湖北省"}).has_value());
  // A name only one division has stands in any context.
  CHECK(g.division("汶川县", {})->parent == "阿坝藏族羌族自治州");
  CHECK(g.division("汶川县", {.province = "广东省"})->parent == "阿坝藏族羌族自治州");
  // Short forms of regions.tsv name divisions too.
  CHECK(g.division("阿坝州", {})->name == "阿坝藏族羌族自治州");
  CHECK(g.division("达茂旗", {})->name == "达尔罕茂明安联合旗");
}

TEST_CASE("divisions: the names at the start of a text, each inside the one before") {
  const Gazetteer& g = Gazetteer::builtin();
  std::size_t len = 0;
  auto d = g.division_prefix("广州市黄埔区科技局", {}, &len);
  REQUIRE(d);
  CHECK(d->name == "黄埔区");
  CHECK(len == std::string("广州市黄埔区").size());
  d = g.division_prefix("湖北省武汉市江汉区", {}, &len);
  REQUIRE(d);
  CHECK(d->name == "江汉区");
  CHECK(len == std::string("湖北省武汉市江汉区").size());
  // The longest name: 长沙县 (a county), not 长沙 (the city) and 县….
  d = g.division_prefix("长沙县人民政府", {}, &len);
  REQUIRE(d);
  CHECK(d->level == "county");
  CHECK(d->parent == "长沙市");
  // A county of another city does not continue the chain.
  d = g.division_prefix("武汉市天河区", {}, &len);
  REQUIRE(d);
  CHECK(d->name == "武汉市");
  CHECK_FALSE(g.division_prefix("朝阳区人民政府", {}, &len).has_value());
  CHECK(g.division_prefix("朝阳区人民政府", {.province = "北京市"}, &len)->parent == "北京市");
  CHECK_FALSE(g.division_prefix("各区人民政府", {}, &len).has_value());
}

TEST_CASE("divisions in prose: a gazetteer moved, and moved again, reads prose as the one it came from") {
  // The matcher's ids lead to entries of the gazetteer's own name map, which
  // must survive moves (a Result's value, a vector that grows).
  auto made = Gazetteer::with_overlay(testing::source_dir() + "/tests/golden/data-overlay/mydata");
  REQUIRE(made);
  std::vector<Gazetteer> held;
  held.push_back(std::move(made).value());
  for (int k = 0; k < 5; ++k) held.push_back(Gazetteer::with_overlay(testing::source_dir() + "/data").value());
  Gazetteer moved = std::move(held.front());
  held.clear();
  const Gazetteer& builtin = Gazetteer::builtin();
  for (const std::string_view text : {"广州市黄埔区、天河区和黄埔区", "北京市朝阳区", "洛阳市老城区", "湖北省武汉市江岸区"}) {
    INFO(text);
    const auto a = moved.divisions_in(text, {}), b = builtin.divisions_in(text, {});
    REQUIRE(a.size() == b.size());
    CHECK(!a.empty());
    for (std::size_t k = 0; k < a.size(); ++k) {
      CHECK(a[k].first.code == b[k].first.code);
      CHECK(a[k].second == b[k].second);
    }
  }
}

TEST_CASE("divisions in prose: a county after its city, or alone by a name of its own") {
  const Gazetteer& g = Gazetteer::builtin();
  auto names = [&](std::string_view text, const Context& ctx) {
    std::vector<std::string> out;
    for (const auto& [r, n] : g.divisions_in(text, ctx)) out.push_back(r.name + "×" + std::to_string(n));
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(names("广州市黄埔区、天河区和黄埔区", {}) == V{"广州市×1", "黄埔区×2", "天河区×1"});
  // Shared names: only where the context settles them.
  CHECK(names("朝阳区人民政府", {}) == V{});
  CHECK(names("朝阳区人民政府", {.province = "北京市"}) == V{"朝阳区×1"});
  CHECK(names("北京市朝阳区", {}) == V{"北京市×1", "朝阳区×1"});
  // A county alone must fit the context the caller knows.
  CHECK(names("汶川县", {}) == V{"汶川县×1"});
  CHECK(names("汶川县", {.province = "广东省"}) == V{});
  // Ordinary words and names of two characters: only after their city.
  CHECK(names("推进老城区改造", {}) == V{});
  CHECK(names("洛阳市老城区", {}) == V{"洛阳市×1", "老城区×1"});
  CHECK(names("在易县设点", {}) == V{});
  CHECK(names("保定市易县", {}) == V{"保定市×1", "易县×1"});
  // 区域, 县域 and 市场 are no divisions.
  CHECK(names("推进海南区域合作", {}) == V{"海南省×1"});
  CHECK(names("义乌市场", {}) == V{});
  CHECK(names("义乌市市场监管局", {}) == V{"义乌市×1"});
}

TEST_CASE("divisions: a division's context, and filling a document's context from it") {
  const Gazetteer& g = Gazetteer::builtin();
  auto same = [](const Context& a, const Context& b) {
    return a.province == b.province && a.city == b.city && a.county == b.county;
  };
  CHECK(same(g.context_of(*g.division_by_code("440112")), {"广东省", "广州市", "黄埔区"}));
  CHECK(same(g.context_of(*g.division_by_code("110105")), {"北京市", "北京市", "朝阳区"}));
  CHECK(same(g.context_of(*g.division_by_code("429004")), {"湖北省", "", "仙桃市"}));
  CHECK(same(g.context_of(*g.division_by_code("420100")), {"湖北省", "武汉市", ""}));
  Context ctx{.province = "广东省"};
  CHECK(g.fill_context(ctx, *g.division_of_code("穗埔组通")));
  CHECK(same(ctx, {"广东省", "广州市", "黄埔区"}));
  Context hubei{.province = "湖北省"};
  CHECK_FALSE(g.fill_context(hubei, *g.division_by_code("440112")));
  CHECK(same(hubei, {"湖北省", "", ""}));
  Context wuhan{"湖北省", "武汉市"};
  CHECK_FALSE(g.fill_context(wuhan, *g.division_by_code("429004")));  // 仙桃市 is no part of Wuhan
}

TEST_CASE("divisions: a district's abbreviation in a code — province and city functions stay above it") {
  const Gazetteer& g = Gazetteer::builtin();
  CHECK(g.division_of_code("穗埔组通")->name == "黄埔区");
  CHECK(g.division_of_code("穗天发改规字")->name == "天河区");
  CHECK(g.division_of_code("穗工信函")->name == "广州市");
  CHECK(g.division_of_code("鄂政发")->name == "湖北省");
  CHECK_FALSE(g.division_of_code("某某发").has_value());
  CHECK(g.region_of_code("穗埔组通")->name == "广州市");
  CHECK(g.region_of_abbr("穗天")->name == "天河区");
  CHECK_FALSE(g.region_of_abbr("朝阳区").has_value());
  std::size_t len = 0;
  CHECK(g.region_prefix("黄埔区人民政府", &len) == std::nullopt);
  for (const auto& [r, n] : g.regions_in("广州市黄埔区")) CHECK(r.level != "county");
}

TEST_CASE("divisions: a district carries its city's name, a county stands alone") {
  const Gazetteer& g = Gazetteer::builtin();
  auto q = [&](const char* code) { return g.qualified_name(*g.division_by_code(code)); };
  CHECK(q("440112") == "广州市黄埔区");
  CHECK(q("110105") == "北京市朝阳区");
  CHECK(q("310115") == "上海市浦东新区");
  CHECK(q("513221") == "汶川县");
  CHECK(q("510181") == "都江堰市");
  CHECK(q("429021") == "神农架林区");
  CHECK(q("420100") == "武汉市");
}

TEST_CASE("divisions: a row naming no division is an error with its file and line") {
  const std::string divisions =
      "code\tname\tlevel\tparent\n420000\t湖北省\tprovince\t\n420100\t武汉市\tcity\t420000\n";
  const std::string codes = "code\tbody\n";
  const std::string units = "level\tregion\tcanonical\taliases\n";
  auto ok = Gazetteer::parse("abbr\tname\tlevel\tparent\n武汉\t武汉市\tcity\t湖北省\n", codes, units,
                             divisions);
  REQUIRE(ok);
  CHECK(ok.value().region_of_abbr("武汉")->parent == "湖北省");
  auto bad = Gazetteer::parse("abbr\tname\tlevel\tparent\n# c\n汉口\t汉口市\tcity\t湖北省\n", codes,
                              units, divisions);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().describe() == "regions.tsv: line 3: no city 汉口市 in 湖北省 in divisions.tsv");
  auto orphan = Gazetteer::parse("abbr\tname\tlevel\tparent\n", codes, units,
                                 divisions + "420102\t江岸区\tcounty\t429900\n");
  REQUIRE_FALSE(orphan);
  CHECK(orphan.error().describe().find("divisions.tsv: line 4:") == 0);
}

// ---------------------------------------------------------------- units below the city

TEST_CASE("county rows: 区… names are the document's district's, named with its city") {
  const Gazetteer& g = Gazetteer::builtin();
  Context huangpu{"广东省", "广州市", "黄埔区"};
  auto canon = [&](std::string_view name, const Context& ctx) {
    auto u = g.lookup_unit(name, ctx);
    return u ? u->canonical : std::string("-");
  };
  CHECK(canon("区科技局", huangpu) == "广州市黄埔区科学技术局");
  CHECK(canon("区科学技术局", huangpu) == "广州市黄埔区科学技术局");
  CHECK(canon("区人社局", huangpu) == "广州市黄埔区人力资源和社会保障局");
  CHECK(canon("区住建局", huangpu) == "广州市黄埔区住房和城乡建设局");
  CHECK(canon("区委组织部", huangpu) == "中共广州市黄埔区委组织部");
  CHECK(canon("团区委", huangpu) == "共青团广州市黄埔区委员会");
  CHECK(canon("区税务局", huangpu) == "国家税务总局广州市黄埔区税务局");
  // The city's own departments stay the city's.
  CHECK(canon("市科技局", huangpu) == "广州市科学技术局");
  CHECK(canon("省科技厅", huangpu) == "广东省科学技术厅");
  // Without a district the name keeps its marker.
  CHECK(canon("区科技局", {}) == "区科学技术局");
  CHECK(canon("县科技局", {}) == "县科学技术局");
  CHECK(g.lookup_unit("区科技局", huangpu)->level == "county");
}

TEST_CASE("county rows: a district named in front is the region, written alone or after its city") {
  const Gazetteer& g = Gazetteer::builtin();
  Context huangpu{"广东省", "广州市", "黄埔区"};
  CHECK(g.lookup_unit("黄埔区科技局", {})->canonical == "广州市黄埔区科学技术局");
  CHECK(g.lookup_unit("广州市黄埔区科技局", {})->canonical == "广州市黄埔区科学技术局");
  CHECK(g.lookup_unit("黄埔区科技局", huangpu)->canonical == "广州市黄埔区科学技术局");
  CHECK(g.lookup_unit("天河区人民政府", huangpu)->canonical == "广州市天河区人民政府");
  CHECK(g.lookup_unit("中共广州市天河区委组织部", {})->canonical == "中共广州市天河区委组织部");
  CHECK(g.lookup_unit("湖北省武汉市市场监督管理局", {})->canonical == "武汉市市场监督管理局");
  // A division named alone stands for itself.
  CHECK(g.lookup_unit("达茂旗", {})->canonical == "达尔罕茂明安联合旗");
}

TEST_CASE("county rows: a name several districts share is kept as written, never one picked by chance") {
  const Gazetteer& g = Gazetteer::builtin();
  CHECK(g.lookup_unit("朝阳区科技局", {})->canonical == "朝阳区科学技术局");
  CHECK(g.lookup_unit("朝阳区科技局", {.province = "北京市"})->canonical == "北京市朝阳区科学技术局");
  CHECK(g.lookup_unit("朝阳区科技局", {"吉林省", "长春市"})->canonical == "长春市朝阳区科学技术局");
}

TEST_CASE("county rows: 县… and 旗… read like 区… — a county's name stands alone") {
  const Gazetteer& g = Gazetteer::builtin();
  CHECK(g.lookup_unit("县发改局", {"湖南省", "长沙市", "长沙县"})->canonical == "长沙县发展和改革局");
  CHECK(g.lookup_unit("县委", {"湖南省", "长沙市", "长沙县"})->canonical == "中共长沙县委员会");
  CHECK(g.lookup_unit("旗委", {"内蒙古自治区", "包头市", "达尔罕茂明安联合旗"})->canonical ==
        "中共达尔罕茂明安联合旗委员会");
  CHECK(g.lookup_unit("团县委", {"湖南省", "长沙市", "长沙县"})->canonical == "共青团长沙县委员会");
}

TEST_CASE("county rows: in a county-level city's document 市… is that city's own") {
  const Gazetteer& g = Gazetteer::builtin();
  Context dujiangyan{"四川省", "成都市", "都江堰市"};
  CHECK(g.lookup_unit("市科技局", dujiangyan)->canonical == "都江堰市科学技术局");
  CHECK(g.lookup_unit("市委组织部", dujiangyan)->canonical == "中共都江堰市委组织部");
  CHECK(g.lookup_unit("成都市科技局", dujiangyan)->canonical == "成都市科学技术局");
  // A district's document: 市… is the city's.
  CHECK(g.lookup_unit("市科技局", {"广东省", "广州市", "天河区"})->canonical == "广州市科学技术局");
}

TEST_CASE("region markers: a municipality's 市…, an autonomous region's 自治区…, a prefecture's 州…") {
  const Gazetteer& g = Gazetteer::builtin();
  CHECK(g.lookup_unit("市发展改革委", {.province = "上海市"})->canonical == "上海市发展和改革委员会");
  CHECK(g.lookup_unit("自治区市场监管局", {"内蒙古自治区", "包头市"})->canonical ==
        "内蒙古自治区市场监督管理局");
  CHECK_FALSE(g.lookup_unit("自治区市场监管局", {.province = "湖北省"}).has_value());
  Context aba{"四川省", "阿坝藏族羌族自治州"};
  CHECK(g.lookup_unit("州政府办公室", aba)->canonical == "阿坝藏族羌族自治州人民政府办公室");
  CHECK(g.lookup_unit("阿坝州人民政府办公室", {})->canonical == "阿坝藏族羌族自治州人民政府办公室");
  CHECK_FALSE(g.lookup_unit("州政府办公室", {"湖北省", "武汉市"}).has_value());
}

TEST_CASE("{short}: a body named with its region's short form") {
  const Gazetteer& g = Gazetteer::builtin();
  CHECK(g.lookup_unit("安徽证监局", {})->canonical == "中国证券监督管理委员会安徽监管局");
  CHECK(g.lookup_unit("省证监局", {.province = "安徽省"})->canonical == "中国证券监督管理委员会安徽监管局");
  CHECK(g.lookup_unit("中国证券监督管理委员会湖北监管局", {})->canonical ==
        "中国证券监督管理委员会湖北监管局");
  CHECK(g.lookup_unit("湖北银保监局", {})->canonical == "中国银行保险监督管理委员会湖北监管局");
  // {region} keeps the full name where a body is named so.
  CHECK(g.lookup_unit("省外汇管理局", {.province = "安徽省"})->canonical == "国家外汇管理局安徽省分局");
}

// ---------------------------------------------------------------- a user's own rows

namespace {
// The built-in tables with a user's folder (a fresh one under the scratch
// directory, named `name`) that holds `files`; *dir is set to its path.
Result<Gazetteer> overlay(const std::string& name,
                          const std::vector<std::pair<std::string, std::string>>& files,
                          std::string* dir) {
  std::filesystem::path d = testing::temp_path(name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  for (const auto& [file, text] : files) std::ofstream(d / file, std::ios::binary) << text;
  *dir = d.string();
  return Gazetteer::with_overlay(*dir);
}
const std::string kUnitsHead = "level\tregion\tcanonical\taliases\n";
}  // namespace

TEST_CASE("overlay: a user's units.tsv adds a department to the built-in tables") {
  const Context hefei{"安徽省", "合肥市"};
  REQUIRE_FALSE(Gazetteer::builtin().lookup_unit("市数据资源局", hefei).has_value());
  std::string dir;
  auto g = overlay("overlay-units",
                   {{"units.tsv", kUnitsHead + "# Hefei\ncity\t合肥市\t合肥市数据资源局\t市数据资源局\n"}}, &dir);
  REQUIRE(g);
  CHECK(g.value().lookup_unit("市数据资源局", hefei)->canonical == "合肥市数据资源局");
  CHECK(g.value().lookup_unit("合肥市数据资源局", {})->canonical == "合肥市数据资源局");
  // Only in its region; the built-in rows are all still there.
  CHECK_FALSE(g.value().lookup_unit("市数据资源局", {"湖北省", "武汉市"}).has_value());
  CHECK(g.value().lookup_unit("市发改委", hefei)->canonical == "合肥市发展和改革委员会");
  CHECK(g.value().unit_rows() == Gazetteer::builtin().unit_rows() + 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("overlay: a row with a built-in row's key replaces it") {
  std::string dir;
  auto g = overlay("overlay-keys",
                   {{"units.tsv", kUnitsHead + "city\t\t{region}科技创新局\t市科技局\n"
                                               "city\t\t中国人民银行{short}中心支行\t人行{short}中心支行\n"},
                    {"agency_codes.tsv", "code\tbody\n国办发\t某某办公厅\n合政办\t合肥市人民政府办公室\n"},
                    {"regions.tsv", "abbr\tname\tlevel\tparent\n合\t合肥市\tcity\t安徽省\n"}},
                   &dir);
  REQUIRE(g);
  const Context wuhan{"湖北省", "武汉市"};
  // The alias moved to the user's row; the built-in row keeps its other names.
  CHECK(g.value().lookup_unit("市科技局", wuhan)->canonical == "武汉市科技创新局");
  CHECK(g.value().lookup_unit("市科学技术局", wuhan)->canonical == "武汉市科学技术局");
  // A name with words before its region: 人行 is read past like 中共.
  CHECK(g.value().lookup_unit("人行合肥中心支行", {})->canonical == "中国人民银行合肥中心支行");
  CHECK(g.value().lookup_unit("中国人民银行合肥中心支行", {})->canonical == "中国人民银行合肥中心支行");
  CHECK(g.value().body_for_code("国办发") == "某某办公厅");
  CHECK(g.value().body_for_code("合政办") == "合肥市人民政府办公室");
  CHECK(g.value().body_for_code("国发") == "国务院");
  CHECK(g.value().region_of_abbr("合")->name == "合肥市");
  CHECK(g.value().region_of_code("合政发")->name == "合肥市");
  std::filesystem::remove_all(dir);
}

TEST_CASE("overlay: a bad row is an error naming the user's file and line") {
  struct Case {
    std::string file, text, message;
  };
  for (const Case& c :
       {Case{"units.tsv", kUnitsHead + "city\t合肥市\t合肥市数据资源局\t市数据资源局\ncity\t合肥市\t合肥市大数据中心\n",
             "/units.tsv: line 3: 3 cells, expected 4 (level, region, canonical, aliases)"},
        Case{"units.tsv", kUnitsHead + "town\t\t{region}镇人民政府\t镇政府\n",
             "/units.tsv: line 2: level `town`: expected central, province, city or county"},
        Case{"regions.tsv", "abbr\tname\tlevel\tparent\n肥\t合肥县\tcity\t安徽省\n",
             "/regions.tsv: line 2: no city 合肥县 in 安徽省 in divisions.tsv"}}) {
    std::string dir;
    auto g = overlay("overlay-bad", {{c.file, c.text}}, &dir);
    REQUIRE_FALSE(g);
    CHECK(g.error().describe() == dir + c.message);
    CHECK_FALSE(Gazetteer::with_overlay(dir + "/no-such-folder"));
    std::filesystem::remove_all(dir);
  }
}

// ---------------------------------------------------------------- the TSV reader

TEST_CASE("the TSV reader without a string per cell: rows, lines and bad rows as before") {
  std::string text = "\xEF\xBB\xBF# a comment\r\nword\treading\r\n\n区域\tqūyù\n市场\t\n# another\n县域\tx";
  auto parsed = tsv::parse(text, "mine/division_words.tsv", {"word", "reading"});
  REQUIRE(parsed);
  tsv::Table table = std::move(parsed).value();
  text.assign(text.size(), '?');  // the table keeps its own copy
  tsv::Table moved = std::move(table);
  CHECK(moved.file == "mine/division_words.tsv");
  CHECK(moved.header == std::vector<std::string>{"word", "reading"});
  REQUIRE(moved.rows.size() == 3);
  std::vector<std::tuple<std::size_t, std::string, std::string>> rows;
  for (const tsv::Row& r : moved.rows) {
    REQUIRE(r.cells.size() == 2);
    rows.emplace_back(r.line, std::string(r.cells[0]), std::string(r.cells[1]));
  }
  CHECK(rows == std::vector<std::tuple<std::size_t, std::string, std::string>>{
                    {4, "区域", "qūyù"}, {5, "市场", ""}, {7, "县域", "x"}});

  auto message = [](std::string_view t) {
    auto r = tsv::parse(t, "my/units.tsv", {"level", "region", "canonical", "aliases"});
    return r ? std::string("no error") : r.error().describe();
  };
  CHECK(message("level\tregion\tcanonical\taliases\ncity\t武汉市\t武汉市数据局\n") ==
        "my/units.tsv: line 2: 3 cells, expected 4 (level, region, canonical, aliases)");
  CHECK(message("# x\n\nlevel\tregion\tcanonical\taliases\tmore\n") ==
        "my/units.tsv: line 3: the header must be level<TAB>region<TAB>canonical<TAB>aliases");
  CHECK(message("level\tregion\tcanonical\n") ==
        "my/units.tsv: line 1: the header must be level<TAB>region<TAB>canonical<TAB>aliases");
  CHECK(message("# only a comment\n") == "my/units.tsv: no header line");
  CHECK(message("level\tregion\tcanonical\taliases\ncity\t\t\t\t\n") ==
        "my/units.tsv: line 2: 5 cells, expected 4 (level, region, canonical, aliases)");
  CHECK(tsv::split_cell("|a||b|") == std::vector<std::string>{"a", "b"});
  CHECK(tsv::split_cell("").empty());
  CHECK(tsv::split_cell("省科技厅") == std::vector<std::string>{"省科技厅"});
}

// ---------------------------------------------------------------- agency codes, indexed

// The rule of data/README.md, read straight: patterns longest first (an exact
// template before a prefix one of equal length, then file order); a template's
// `@` is the longest province or city abbreviation that lets its tail match.
TEST_CASE("agency codes: the indexed lookup gives what the rule gives, on every code the tables make") {
  const Gazetteer& g = Gazetteer::builtin();
  auto read = [](const char* name, std::vector<std::string> header) {
    auto t = tsv::parse(testing::read_file(testing::source_dir() + "/data/" + name), name, header);
    REQUIRE(t);
    return std::move(t).value();  // (its rows point into it)
  };
  auto codes = read("agency_codes.tsv", {"code", "body"});
  auto regions = read("regions.tsv", {"abbr", "name", "level", "parent"});
  auto divisions = read("divisions.tsv", {"code", "name", "level", "parent"});
  std::map<std::string, std::string> abbr;  // abbreviation -> full name
  for (const auto& r : divisions.rows)
    if (r.cells[2] != "county") abbr.emplace(r.cells[1], r.cells[1]);
  for (const auto& r : regions.rows)
    if (r.cells[2] != "county") abbr.emplace(r.cells[0], r.cells[1]);
  struct P {
    std::string text;
    bool prefix, region;
    std::string body;
  };
  std::map<std::string, std::string> exact;
  std::vector<P> patterns;
  for (const auto& r : codes.rows) {
    const std::string c(r.cells[0]);
    if (c.front() != '@' && c.back() != '*') {
      exact.emplace(c, r.cells[1]);
      continue;
    }
    P p{c.back() == '*' ? c.substr(0, c.size() - 1) : c, c.back() == '*', c.front() == '@', std::string(r.cells[1])};
    patterns.push_back(p);
  }
  std::stable_sort(patterns.begin(), patterns.end(), [](const P& a, const P& b) {
    if (a.text.size() != b.text.size()) return a.text.size() > b.text.size();
    return !a.prefix && b.prefix;
  });
  auto rule = [&](const std::string& code) -> std::optional<std::string> {
    if (auto f = exact.find(code); f != exact.end()) return f->second;
    for (const P& p : patterns) {
      const std::string want = p.region ? p.text.substr(1) : p.text;
      auto matches = [&](std::string_view rest) {
        return p.prefix ? starts_with(rest, want) : rest == want;
      };
      if (!p.region) {
        if (matches(code)) return p.body;
        continue;
      }
      for (std::size_t cut = code.size(); cut > 0; --cut) {  // the longest abbreviation first
        auto f = abbr.find(code.substr(0, cut));
        if (f != abbr.end() && matches(std::string_view(code).substr(cut)))
          return std::string(p.body).replace(p.body.find("{region}"), 8, f->second);
      }
    }
    return std::nullopt;
  };
  std::vector<std::string> probes = {"某某发", "", "发", "政发", "鄂", "鄂州", "国"};
  for (const auto& [code, body] : exact) probes.push_back(code);
  for (const P& p : patterns) {
    const std::string tail = p.region ? p.text.substr(1) : p.text;
    for (const char* more : {"", "发", "综发", "函"}) {
      if (!p.region) probes.push_back(tail + more);
      for (const char* a : {"鄂", "武", "穗", "湖北", "武汉", "鄂州", "广州市", "宁", "川", "内", "阿坝州"})
        probes.push_back(a + tail + more);
    }
  }
  std::size_t agree = 0;
  for (const auto& code : probes) {
    INFO(code);
    CHECK(g.body_for_code(code) == rule(code));
    agree += g.body_for_code(code) == rule(code);
  }
  CHECK(agree == probes.size());
  CHECK(probes.size() > 2000);
}
