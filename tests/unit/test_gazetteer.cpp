// The data/ tables: the loader's checks, codes, regions and unit names.
#include <catch2/catch.hpp>

#include "helpers.h"
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
