// Responsible units and roles: every form SPEC §2 names, and the phrasings
// that assign nobody.
#include <catch2/catch.hpp>

#include <random>
#include <thread>

#include "helpers.h"
#include "policy/extract/extract.h"
#include "policy/extract/unit_names.h"
#include "policy/extract/units.h"
#include "policy/text/fold.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::extract;

namespace {

using Pair = std::pair<std::string, UnitRole>;

const lexicon::Lexicon& lex() { return lexicon::Lexicon::builtin(); }

std::vector<Pair> units(std::string_view text) {
  const ClauseText ct(text, lex());
  std::vector<Pair> out;
  for (const auto& m : find_units(ct)) out.emplace_back(m.name, m.role);
  return out;
}

// The grammar takes folded text (（ -> (); these take it as written.
bool is_complete_unit(std::string_view name) { return extract::is_complete_unit(text::fold(name), lex()); }
bool is_admin_levels(std::string_view inner) { return extract::is_admin_levels(text::fold(inner), lex()); }
std::vector<std::string> split_unit_list(std::string_view list, ListMode mode) {
  return extract::split_unit_list(list, mode, lex());
}
std::optional<UnitRole> column_role(std::string_view column) { return extract::column_role(text::fold(column), lex()); }
std::vector<std::string> units_in_cell(std::string_view cell) {
  const ClauseText ct(cell, lex());
  std::vector<std::string> out;
  for (auto& m : extract::units_in_cell(ct, Range{0, ct.folded().size()}, UnitRole::responsible)) out.push_back(m.name);
  return out;
}

const auto L = UnitRole::lead;
const auto R = UnitRole::responsible;
const auto C = UnitRole::cooperate;

}  // namespace

TEST_CASE("unit names: complete, bare and generic") {
  CHECK(is_complete_unit("市市场监管局"));
  CHECK(is_complete_unit("国务院"));
  CHECK(is_complete_unit("中共中央"));
  CHECK(is_complete_unit("各市、州、县人民政府"));
  CHECK(is_complete_unit("市发改委（市能源局）"));
  CHECK(is_complete_unit("直属事业单位"));
  CHECK_FALSE(is_complete_unit("工业"));
  CHECK_FALSE(is_complete_unit("办公厅"));
  CHECK_FALSE(is_complete_unit("相关部门"));
  CHECK_FALSE(is_complete_unit("负责单位"));
  CHECK_FALSE(is_complete_unit("相关成员单位"));
  CHECK_FALSE(is_complete_unit("食用菌"));
}

TEST_CASE("lists split on every separator and on 和 only between whole names") {
  using V = std::vector<std::string>;
  CHECK(split_unit_list("省发改委、省科技厅,省经信厅，省商务厅;省财政厅；省民政厅", ListMode::strict) ==
        V{"省发改委", "省科技厅", "省经信厅", "省商务厅", "省财政厅", "省民政厅"});
  CHECK(split_unit_list("市委宣传部、市委网信办会同市市场监管局", ListMode::strict) ==
        V{"市委宣传部", "市委网信办", "市市场监管局"});
  CHECK(split_unit_list("市市场监管局会同相关单位", ListMode::strict) == V{"市市场监管局"});
  CHECK(split_unit_list("市场监管总局和各地方人民政府", ListMode::strict) ==
        V{"市场监管总局", "各地方人民政府"});
  CHECK(split_unit_list("工业和信息化部", ListMode::strict) == V{"工业和信息化部"});
  CHECK(split_unit_list("市文化和旅游局、市自然资源和城乡建设局", ListMode::strict) ==
        V{"市文化和旅游局", "市自然资源和城乡建设局"});
  CHECK(split_unit_list("省局标准化处、计量处和省知识产权局有关处室", ListMode::strict) ==
        V{"省局标准化处", "计量处", "省知识产权局有关处室"});
}

TEST_CASE("lists keep collectives whole and expand shared suffixes") {
  using V = std::vector<std::string>;
  CHECK(split_unit_list("各市、州、县人民政府", ListMode::strict) == V{"各市、州、县人民政府"});
  CHECK(split_unit_list("各市、州、直管市、神农架林区市场监管局", ListMode::strict) ==
        V{"各市、州、直管市、神农架林区市场监管局"});
  CHECK(split_unit_list("蔡甸区、黄陂区、新洲区人民政府", ListMode::strict) ==
        V{"蔡甸区人民政府", "黄陂区人民政府", "新洲区人民政府"});
  CHECK(split_unit_list("东湖高新区、武汉新港、武汉经开区、临空港开发区管委会", ListMode::strict) ==
        V{"东湖高新区管委会", "武汉新港管委会", "武汉经开区管委会", "临空港开发区管委会"});
}

TEST_CASE("lists drop 等 and a generic tail — names broken over lines are joined") {
  using V = std::vector<std::string>;
  CHECK(split_unit_list("省发改委、省卫健委等相关部门", ListMode::strict) == V{"省发改委", "省卫健委"});
  CHECK(split_unit_list("市民政局等有关部门", ListMode::strict) == V{"市民政局"});
  CHECK(split_unit_list("市委政法委、市公安局等相关行业主管部门", ListMode::strict) ==
        V{"市委政法委", "市公安局"});
  CHECK(split_unit_list("市委办公厅、\n市人民政府\n办公厅", ListMode::strict) ==
        V{"市委办公厅", "市人民政府办公厅"});
  CHECK(split_unit_list("中共中央\n国务院", ListMode::strict) == V{"中共中央", "国务院"});
  CHECK(split_unit_list("广东省通信管理局广州市通信建设管理办公室", ListMode::strict) ==
        V{"广东省通信管理局", "广州市通信建设管理办公室"});
  // A national body's branch is one name, not two run together.
  CHECK(split_unit_list("市教育局、国家税务总局长沙市税务局", ListMode::strict) ==
        V{"市教育局", "国家税务总局长沙市税务局"});
  CHECK(split_unit_list("市发改委（市能源局）、市经信局", ListMode::strict) ==
        V{"市发改委（市能源局）", "市经信局"});
}

TEST_CASE("strict lists refuse ordinary parentheses — liberal lists keep short names") {
  CHECK(split_unit_list("食用菌、莲", ListMode::strict).empty());
  CHECK(split_unit_list("2016-2020年", ListMode::strict).empty());
  CHECK(split_unit_list("市场监管等", ListMode::liberal) == std::vector<std::string>{"市场监管"});
}

TEST_CASE("labelled lists in brackets, any separator, lead and responsible") {
  CHECK(units("推动关键技术标准研制。(牵头单位:省科技厅、省经信厅;责任单位:省委网信办,省发改委等,各市、州、县人民政府)") ==
        std::vector<Pair>{{"省科技厅", L}, {"省经信厅", L}, {"省委网信办", R}, {"省发改委", R},
                          {"各市、州、县人民政府", R}});
  CHECK(units("参与国际标准合作。（牵头单位：省市场监管局，责任单位：省商务厅）") ==
        std::vector<Pair>{{"省市场监管局", L}, {"省商务厅", R}});
  CHECK(units("（配合单位：省发改委、省粮食局）") ==
        std::vector<Pair>{{"省发改委", C}, {"省粮食局", C}});
  CHECK(units("（牵头部门：市场监管等）") == std::vector<Pair>{{"市场监管", L}});
}

TEST_CASE("labelled lists outside brackets, and lists that wrap inside a bracket") {
  CHECK(units("牵头责任部门：市市场监管局\n进度安排：2022年") == std::vector<Pair>{{"市市场监管局", L}});
  CHECK(units("（牵头单位：市经信局、市生态环境局。责任单位：各区人民政府。持续实施）") ==
        std::vector<Pair>{{"市经信局", L}, {"市生态环境局", L}, {"各区人民政府", R}});
  CHECK(units("推动落实。（责任单位：\n市商务局、市市场监管局，蔡甸区、黄陂区人民政府）") ==
        std::vector<Pair>{{"市商务局", R}, {"市市场监管局", R}, {"蔡甸区人民政府", R},
                          {"黄陂区人民政府", R}});
}

TEST_CASE("role phrases: 按职责分工负责, 负责, 分工职责, 按职责落实, 牵头/率头, 配合") {
  CHECK(units("适时修订标准。(市场监管总局、工业和信息化部按职责分工负责）") ==
        std::vector<Pair>{{"市场监管总局", R}, {"工业和信息化部", R}});
  CHECK(units("（市场监管总局和各地方人民政府按照职责分工负责）") ==
        std::vector<Pair>{{"市场监管总局", R}, {"各地方人民政府", R}});
  CHECK(units("制定标准。（商务部负责）") == std::vector<Pair>{{"商务部", R}});
  CHECK(units("市发改委、市经信局按照各自职责负责相关工作。") ==
        std::vector<Pair>{{"市发改委", R}, {"市经信局", R}});
  CHECK(units("（市场监管总局、国家邮政局按职责分工负-责）") ==
        std::vector<Pair>{{"市场监管总局", R}, {"国家邮政局", R}});
  CHECK(units("（市文化和旅游局、市发改委（市能源局）等有关部门分工职责）") ==
        std::vector<Pair>{{"市文化和旅游局", R}, {"市发改委（市能源局）", R}});
  CHECK(units("（省局标准化处和省知识产权局有关处室率头，各相关处室、直属事业单位配合，各市、州、县市场监管局按职责落实）") ==
        std::vector<Pair>{{"省局标准化处", L}, {"省知识产权局有关处室", L}, {"各相关处室", C},
                          {"直属事业单位", C}, {"各市、州、县市场监管局", R}});
  CHECK(units("在专班统一领导下，市商务局、市市场监管局牵头推进标准化建设工作") ==
        std::vector<Pair>{{"市商务局", L}, {"市市场监管局", L}});
  // …负责专业指导 in prose names nobody (SPEC: 负责 alone is no trigger).
  CHECK(units("整体工作由市商务局、市市场监督管理局共同牵头推进，市市场监督管理局负责专业指导。") ==
        std::vector<Pair>{{"市商务局", L}, {"市市场监督管理局", L}});
  CHECK(units("（标准创新司负责，持续推进）") == std::vector<Pair>{{"标准创新司", R}});
}

TEST_CASE("collectives with a bracket of levels: 各市（州）, 各县（市、区）") {
  CHECK(is_admin_levels("州"));
  CHECK(is_admin_levels("市、区"));
  CHECK_FALSE(is_admin_levels("市能源局"));
  CHECK_FALSE(is_admin_levels(""));
  CHECK(units("加强建设。各市（州）人民政府负责。") == std::vector<Pair>{{"各市（州）人民政府", R}});
  CHECK(units("省市场监管局负责，各市（州）人民政府按职责分工落实。") ==
        std::vector<Pair>{{"省市场监管局", R}, {"各市（州）人民政府", R}});
  CHECK(units("（省发改委、各县（市、区）人民政府按职责分工负责）") ==
        std::vector<Pair>{{"省发改委", R}, {"各县（市、区）人民政府", R}});
  CHECK(units("（责任单位：省发改委，各县（市、区）人民政府）") ==
        std::vector<Pair>{{"省发改委", R}, {"各县（市、区）人民政府", R}});
  // A bracket that is no list of levels still ends the name before it.
  CHECK(units("推进标准化（试点）工作负责。").empty());
}

TEST_CASE("a role marked after a name overrides its list's") {
  CHECK(units("（责任单位：市发改委（牵头）、市财政局）") ==
        std::vector<Pair>{{"市发改委", L}, {"市财政局", R}});
  CHECK(units("（市发改委（牵头），市财政局、市商务局按职责分工负责）") ==
        std::vector<Pair>{{"市发改委", L}, {"市财政局", R}, {"市商务局", R}});
  CHECK(units("（市发改委（牵头）、市财政局）") == std::vector<Pair>{{"市发改委", L}, {"市财政局", R}});
  // An alias in brackets is no role.
  CHECK(units("（市发改委（市能源局）负责）") == std::vector<Pair>{{"市发改委（市能源局）", R}});
  const std::string cell = "市教育局（配合）、市财政局";
  const text::Folded folded(cell);
  const auto names = extract::split_unit_list(Written{cell, folded}, Range{0, folded.text().size()},
                                              ListMode::liberal, lex());
  REQUIRE(names.size() == 2);
  CHECK(names[0].name == "市教育局");
  CHECK(names[0].marked == C);
  CHECK_FALSE(names[1].marked);
  // Alone in prose, a marked name takes its mark's role.
  CHECK(units("市发改委（牵头）。") == std::vector<Pair>{{"市发改委", L}});
}

TEST_CASE("bare bracket lists: responsible — after a date the first leads") {
  CHECK(units("形成评价依据。（省卫健委、省农业农村厅、省市场监管局）") ==
        std::vector<Pair>{{"省卫健委", R}, {"省农业农村厅", R}, {"省市场监管局", R}});
  CHECK(units("编制技术指南（2024.6市生态环境局，市市场监管局）。") ==
        std::vector<Pair>{{"市生态环境局", L}, {"市市场监管局", R}});
  CHECK(units("编制地方标准（2023.12市城管委，市市场监管局、市城建局）。") ==
        std::vector<Pair>{{"市城管委", L}, {"市市场监管局", R}, {"市城建局", R}});
  // A bracket glued to a name is that name's alias, not a list.
  CHECK(units("由市发改委（市能源局）统筹。").empty());
  // Mismatched bracket widths still pair.
  CHECK(units("加强监管。(市场监管总局负责）") == std::vector<Pair>{{"市场监管总局", R}});
}

TEST_CASE("duty lists: every 单位：职责 line") {
  CHECK(units("市发改委：主要负责将标准化工作纳入规划。\n市财政局：对标准化工作给予经费支持。") ==
        std::vector<Pair>{{"市发改委", R}, {"市财政局", R}});
  CHECK(units("各区人民政府，葛店经开区、临空经济区管委会：主要负责协调推进。") ==
        std::vector<Pair>{{"各区人民政府", R}, {"葛店经开区管委会", R}, {"临空经济区管委会", R}});
}

TEST_CASE("sentences without a role word, member lists and 负责 idioms assign nobody") {
  CHECK(units("联席会议由市发改委、市教育局、市科技局等部门（单位）组成。").empty());
  CHECK(units("市市场监管局会同相关单位，加快推进地方标准建设。").empty());
  CHECK(units("市商务局、市市场监管局启动首批工作任务清单落实工作。").empty());
  CHECK(units("成员单位有关负责同志为联席会议成员。").empty());
  CHECK(units("联席会议按照分工负责的原则，由负责单位牵头组织推动，相关成员单位协同配合。").empty());
  CHECK(units("主要任务：健全固体废物环境管理技术标准体系。").empty());
  CHECK(units("各市、州、县人民政府，省政府各部门：").empty());
  CHECK(units("本意见由市市场监管局负责解释，自2023年10月1日起施行。").empty());
  CHECK(units("聚焦优质稻米、特色淡水产品（小龙虾）、蔬菜（食用菌、莲）等重点产业").empty());
}

TEST_CASE("table columns assign roles — their cells are lists") {
  CHECK(column_role("牵头单位") == L);
  CHECK(column_role("责任单位") == R);
  CHECK(column_role("行业主管部门") == R);
  CHECK(column_role("责任部门") == R);
  CHECK(column_role("配合单位") == C);
  CHECK_FALSE(column_role("发文单位").has_value());
  CHECK_FALSE(column_role("试点城市").has_value());
  CHECK(units_in_cell("市供销社、市商务局") == std::vector<std::string>{"市供销社", "市商务局"});
  CHECK(units_in_cell("-").empty());
  CHECK(units_in_cell("市生态环境局\n、市市场监管局") ==
        std::vector<std::string>{"市生态环境局", "市市场监管局"});
}

TEST_CASE("table columns: role words inside a unit cell give their own roles, the column's the rest") {
  auto in_cell = [](std::string_view cell) {
    const ClauseText ct(cell, lex());
    std::vector<Pair> out;
    for (auto& m : extract::units_in_cell(ct, Range{0, ct.folded().size()}, UnitRole::responsible))
      out.emplace_back(m.name, m.role);
    return out;
  };
  CHECK(in_cell("省商务厅牵头，南昌海关配合") == std::vector<Pair>{{"省商务厅", L}, {"南昌海关", C}});
  CHECK(in_cell("市发展改革局牵头，市工业和信息化局、市自然资源局按职责分工负责") ==
        std::vector<Pair>{{"市发展改革局", L}, {"市工业和信息化局", R}, {"市自然资源局", R}});
  CHECK(in_cell("牵头单位：市工业和信息化局；责任单位：各区人民政府") ==
        std::vector<Pair>{{"市工业和信息化局", L}, {"各区人民政府", R}});
  CHECK(in_cell("市工业和信息化局（牵头）、市科技局") == std::vector<Pair>{{"市工业和信息化局", L}, {"市科技局", R}});
  CHECK(in_cell("市供销社、市商务局") == std::vector<Pair>{{"市供销社", R}, {"市商务局", R}});
}

TEST_CASE("units: 负责 alone assigns only where its list opens the sentence") {
  CHECK(units("推进某某建设。市教育局、市科技局负责。") == std::vector<Pair>{{"市教育局", R}, {"市科技局", R}});
  CHECK(units("复核由市统计局负责。").empty());
  CHECK(units("市财政局负责经费保障。").empty());
  // A chain of who-statements: 市发改委负责，各区政府配合。
  CHECK(units("市发改委负责，各区人民政府配合。") == std::vector<Pair>{{"市发改委", R}, {"各区人民政府", C}});
}

TEST_CASE("units: a collective standing in a role slot is a unit") {
  CHECK(units("（各地区、各部门按职责分工负责）") == std::vector<Pair>{{"各地区", R}, {"各部门", R}});
  CHECK(units("（牵头单位：市商务局；责任单位：各区）") == std::vector<Pair>{{"市商务局", L}, {"各区", R}});
}

TEST_CASE("units: 相关/有关 before a unit is a collective of such units — before a bare word nobody") {
  CHECK(units("（责任单位：省经信厅，相关市人民政府）") == std::vector<Pair>{{"省经信厅", R}, {"相关市人民政府", R}});
  CHECK(units("（责任单位：省经信厅，相关部门）") == std::vector<Pair>{{"省经信厅", R}});
}

TEST_CASE("units: a generic tail after 等 may itself be a list") {
  CHECK(units("（牵头单位：区科技局、区投资促进局等各产业、招商主管部门）") ==
        std::vector<Pair>{{"区科技局", L}, {"区投资促进局", L}});
  // A collective after the tail is a unit of its own.
  CHECK(units("（市发改委等相关部门，各区人民政府按职责分工负责）") ==
        std::vector<Pair>{{"市发改委", R}, {"各区人民政府", R}});
}

TEST_CASE("units: beside a complete name, a list's places, collectives and names of their own kind stand too") {
  CHECK(units("（市交通运输局、双流区按职责分工负责）") == std::vector<Pair>{{"市交通运输局", R}, {"双流区", R}});
  CHECK(units("（市交通运输局、四川天府新区成都直管区按职责分工负责）") ==
        std::vector<Pair>{{"市交通运输局", R}, {"四川天府新区成都直管区", R}});
  CHECK(units("（牵头单位：市交通运输局；配合单位：各园区、简阳市）") ==
        std::vector<Pair>{{"市交通运输局", L}, {"各园区", C}, {"简阳市", C}});
  CHECK(units("（市交通运输局牵头，市总工会、双流区配合）") ==
        std::vector<Pair>{{"市交通运输局", L}, {"市总工会", C}, {"双流区", C}});
  // Without a complete name beside them, places and bare words are no list.
  CHECK(units("（双流区、简阳市配合）").empty());
  CHECK(units("（市发改委牵头，有关企业配合）") == std::vector<Pair>{{"市发改委", L}});
}

TEST_CASE("units: a collective with a bracket of levels is whole — 各县（市、区）, 各区（市）县, 各镇（街道）") {
  CHECK(units("（市发展改革委牵头，各县（市、区）配合）") == std::vector<Pair>{{"市发展改革委", L}, {"各县（市、区）", C}});
  CHECK(units("（各区（市）县负责）") == std::vector<Pair>{{"各区（市）县", R}});
  CHECK(units("（区发展改革局牵头，各镇（街道）配合）") == std::vector<Pair>{{"区发展改革局", L}, {"各镇（街道）", C}});
  CHECK(units("（市总工会负责）") == std::vector<Pair>{{"市总工会", R}});  // 工会 ends a name
}

TEST_CASE("units: schools, party schools, broadcasters and their collectives are units — 高等 is no 等 of a list") {
  CHECK(units("（市委组织部、市委党校负责）") == std::vector<Pair>{{"市委组织部", R}, {"市委党校", R}});
  CHECK(units("（市教育局牵头，各高校、市广播电视台配合）") ==
        std::vector<Pair>{{"市教育局", L}, {"各高校", C}, {"市广播电视台", C}});
  CHECK(units("（市教育局、各高等院校、各中小学校）") ==
        std::vector<Pair>{{"市教育局", R}, {"各高等院校", R}, {"各中小学校", R}});
  CHECK(units("（市科技局牵头，三峡大学配合）") == std::vector<Pair>{{"市科技局", L}, {"三峡大学", C}});
  CHECK(units("（市民政局牵头，各村（社区）配合）") == std::vector<Pair>{{"市民政局", L}, {"各村（社区）", C}});
  // A list's 等 still drops its generic tail.
  CHECK(units("（市发改委等相关部门按职责分工负责）") == std::vector<Pair>{{"市发改委", R}});
}

TEST_CASE("unit lists: a bank written without 中国 before its branch is one name") {
  using V = std::vector<std::string>;
  CHECK(split_unit_list("人民银行宜昌市分行", ListMode::strict) == V{"人民银行宜昌市分行"});
  CHECK(split_unit_list("农业发展银行宜昌市分行、人民银行宜昌市中心支行", ListMode::strict) ==
        V{"农业发展银行宜昌市分行", "人民银行宜昌市中心支行"});
}

TEST_CASE("units: a place alone in a role slot stands for its government") {
  CHECK(units("按分工交由某某旗牵头落实。") == std::vector<Pair>{{"某某旗", L}});
  CHECK(units("由园区牵头推进。").empty());  // two characters: a word, not a place
}

TEST_CASE("units: a sentence is no name, an article's bracketed title no list, 会 alone no unit word") {
  CHECK(units("（海关总署负责。以下均需地方人民政府负责，不再列出）") == std::vector<Pair>{{"海关总署", R}});
  auto r = extract::analyze(testing::doc("第一章　总则\n第五条　（管理机构）市商务局负责园区建设。\n"));
  for (const Clause& c : r.clauses) CHECK(c.units.empty());
  CHECK(units("（全运会和残特奥会执委会负责）") == std::vector<Pair>{{"全运会和残特奥会执委会", R}});
  CHECK(units("（市消费者协会、省贸促会配合）") == std::vector<Pair>{{"市消费者协会", C}, {"省贸促会", C}});
  CHECK(units("（人行某某中心支行负责）") == std::vector<Pair>{{"人行某某中心支行", R}});
}

TEST_CASE("units: in （X牵头，Y配合） and （X牵头，Y按职责分工负责） each list takes its own role") {
  CHECK(units("（市发改委牵头，市财政局、市统计局配合）") ==
        std::vector<Pair>{{"市发改委", L}, {"市财政局", C}, {"市统计局", C}});
  CHECK(units("（市发改委牵头，市财政局按职责分工负责）") == std::vector<Pair>{{"市发改委", L}, {"市财政局", R}});
  CHECK(units("（市发改委牵头，市财政局按职责分工配合）") == std::vector<Pair>{{"市发改委", L}, {"市财政局", C}});
}

TEST_CASE("units: a labelled list's segment that ends with its own role word takes that role") {
  // As each list of a bracket does (the test above); the other segments keep
  // the label's role.
  CHECK(units("（责任单位：市商务局、市经信局，各区（市）县政府按职责分工负责）") ==
        std::vector<Pair>{{"市商务局", R}, {"市经信局", R}, {"各区（市）县政府", R}});
  CHECK(units("牵头单位：省发展改革委，省财政厅、省统计局配合。") ==
        std::vector<Pair>{{"省发展改革委", L}, {"省财政厅", C}, {"省统计局", C}});
  CHECK(units("（责任单位：区住建局；区城管局按职责分工配合）") == std::vector<Pair>{{"区住建局", R}, {"区城管局", C}});
  // Without a role word of its own a segment is the label's: nothing changes.
  CHECK(units("（责任单位：市商务局，市经信局）") == std::vector<Pair>{{"市商务局", R}, {"市经信局", R}});
}

TEST_CASE("units: in a section on the division of duties, a line that opens with units and 负责 is a duty line") {
  auto r = extract::analyze(testing::doc(
      "三、职责分工\n"
      "市发展改革委负责统筹协调，将标准化工作纳入规划。\n"
      "市财政局、市统计局主要负责经费保障和数据支撑。\n"
      "四、保障措施\n"
      "市商务局负责组织实施。\n"));
  std::vector<Pair> duties, elsewhere;
  for (const Clause& c : r.clauses)
    for (const Unit& u : c.units) (c.id == "三" ? duties : elsewhere).emplace_back(u.name, u.role);
  CHECK(duties == std::vector<Pair>{{"市发展改革委", R}, {"市财政局", R}, {"市统计局", R}});
  CHECK(elsewhere.empty());  // outside the section, prose 负责 names nobody
}

TEST_CASE("unit lists: a joining 、 inserted between collective pieces maps to no written character") {
  // Each name is read where it was written: its span holds what was written
  // for it (blanks and line breaks too), its text is that less the blanks.
  struct Name {
    std::string name, at;
  };
  auto names = [](const std::string& written, ListMode mode) {
    const text::Folded folded(written);
    std::vector<Name> out;
    const Range all{0, folded.text().size()};
    for (const auto& n : extract::split_unit_list(Written{written, folded}, all, mode, lex()))
      out.push_back({n.name, written.substr(n.at.begin, n.at.end - n.at.begin)});
    return out;
  };
  auto one = [&](const std::string& written, ListMode mode) {
    const auto n = names(written, mode);
    REQUIRE(n.size() == 1);
    return n[0];
  };
  // The 、 the grammar writes between the levels are the ones written.
  CHECK(one("各市、州、县人民政府", ListMode::strict).at == "各市、州、县人民政府");
  const Name broken = one("各市、 州、\n县 人民政府", ListMode::strict);
  CHECK(broken.name == "各市、州、县人民政府");
  CHECK(broken.at == "各市、 州、\n县 人民政府");
  // A shared suffix taken from a collective right after a joining 、 starts
  // where its first written character stands, not on the 、 before it.
  const auto shared = names("蔡甸区、各市、 州、\n人民政府", ListMode::liberal);
  REQUIRE(shared.size() == 2);
  CHECK(shared[0].name == "蔡甸区人民政府");
  CHECK(shared[0].at == "蔡甸区");
  CHECK(shared[1].name == "各市、州、人民政府");
  CHECK(shared[1].at == "各市、 州、\n人民政府");
}

namespace {

// is_complete_unit as first written: may_end_unit, then the suffix word
// looked up again after the generic and bare tests.
bool complete_as_written_first(std::string_view name, const lexicon::Lexicon& lex) {
  using lexicon::Class;
  if (name.size() < 6) return false;
  if (lex.words(Class::name_whole).find(name)) return true;
  const bool may_end = name.back() == ')' || lex.words(Class::name_suffix).ends(name) ||
                       lex.words(Class::name_whole).ends(name);
  if (!may_end || extract::is_generic_unit(name, lex)) return false;
  if (name.back() == ')') {
    const std::size_t p = name.find('(');
    if (p != std::string_view::npos && p > 0) name = name.substr(0, p);
  }
  if (name.size() <= 15) {
    const auto& bare = lex.words(Class::name_bare);
    std::string_view after_each = name.substr(0, 3) == "各" ? name.substr(3) : std::string_view();
    if (bare.find(name) || (!after_each.empty() && bare.find(after_each))) return false;
  }
  return lex.words(Class::name_suffix).ends_after_head(name) != nullptr;
}

}  // namespace

TEST_CASE("unit names: is_complete_unit agrees with its first form on names built from the lexicon's words") {
  using lexicon::Class;
  // Heads, middles and the words names end with: a name may be a unit word
  // alone, a bare word, a generic phrase, or carry a bracket after it.
  std::vector<std::string> parts = {"省", "市", "各", "区", "相关", "有关", "国家", "广州市", "市场监管", "发展改革",
                                    "工业", "和", "(", ")", "(市能源局)", "(牵头)", "、", "等"};
  for (Class c : {Class::name_suffix, Class::name_bare, Class::name_whole, Class::name_generic,
                  Class::name_generic_start, Class::name_collective})
    for (const auto& w : lex().words(c).all()) parts.push_back(w.text);
  std::mt19937 rng(7);
  int complete = 0;
  for (int n = 0; n < 30000; ++n) {
    std::string name;
    const int len = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < len; ++k) name += parts[rng() % parts.size()];
    const bool expected = complete_as_written_first(name, lex());
    complete += expected;
    INFO(name);
    REQUIRE(extract::is_complete_unit(name, lex()) == expected);
  }
  CHECK(complete > 3000);
  CHECK(complete < 27000);
}

TEST_CASE("unit lists: 等 is found from the end past other characters that end in its last byte") {
  using V = std::vector<std::string>;
  // 吉 ends in the byte 等 ends in (0x89): a candidate that is no 等.
  CHECK(split_unit_list("吉林省发改委、吉林省科技厅等相关部门", ListMode::strict) == V{"吉林省发改委", "吉林省科技厅"});
  CHECK(split_unit_list("市民政局等有关部门吉", ListMode::strict) == V{"市民政局"});
  CHECK(split_unit_list("等吉林省发改委", ListMode::liberal) == V{"等吉林省发改委"});
}

TEST_CASE("unit names: clean_name removes what utf8::squash removes, blanks spelled overlong too") {
  // Blanks of every kind, overlong spellings of a space and of U+3000, bytes
  // that are no UTF-8, and characters that share a lead byte with a blank.
  const std::vector<std::string> parts = {"市", "发改委", "（", "）", "、", " ", "\t", "\n", "\x1C", "\xC2\xA0", "\xC2\x85",
                                          "\xC2\xA9", "\xE1\x9A\x80", "\xE1\x80\x80", "\xE2\x80\x82", "\xE2\x80\x94",
                                          "\xE3\x80\x80", "\xE3\x80\x81", "\xEF\xBB\xBF", "\xEF\xBC\x88", "\xE0\x80\xA0",
                                          "\xF0\x80\x80\xA0", "\xF0\x83\x80\x80", "\xFF", "\x80", "A", "\xE5"};
  std::mt19937 rng(3);
  int changed = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string name;
    const int len = static_cast<int>(rng() % 6);
    for (int k = 0; k < len; ++k) name += parts[rng() % parts.size()];
    const std::string squashed = utf8::squash(name);
    changed += squashed != name;
    INFO(name);
    REQUIRE(clean_name(name) == squashed);
  }
  CHECK(changed > 2000);
  CHECK(changed < 18000);
}

TEST_CASE("unit lists: a list splits the same whatever lists the thread split before it") {
  // split_unit_list keeps its pieces in vectors of the thread, reused from
  // one list to the next: lists of many pieces, of none, strict lists that
  // stop early and liberal ones, split in one order on one thread and in
  // the other order on another, each read alone on a new thread too.
  const std::vector<std::string> parts = {"市发改委", "省科技厅", "蔡甸区", "黄陂区", "新洲区人民政府", "各市", "州", "县人民政府",
                                          "市场监管总局", "各地方人民政府", "工业和信息化部", "相关部门", "(牵头)", "（市能源局）",
                                          "等", "等有关单位", "和", "及", "与", "、", "，", "；", "。", "\n", " ", "(", ")",
                                          "广东省通信管理局", "广州市通信建设管理办公室", "负责", "2024年", "市民政局"};
  std::mt19937 rng(23);
  struct Case {
    std::string text;
    ListMode mode;
  };
  std::vector<Case> cases;
  for (int n = 0; n < 1500; ++n) {
    std::string s;
    const int len = static_cast<int>(rng() % 9);
    for (int k = 0; k < len; ++k) s += parts[rng() % parts.size()];
    cases.push_back({s, rng() % 2 ? ListMode::strict : ListMode::liberal});
  }
  using Names = std::vector<std::string>;
  auto split_all = [&](bool reversed) {
    std::vector<Names> out(cases.size());
    for (std::size_t k = 0; k < cases.size(); ++k) {
      const std::size_t i = reversed ? cases.size() - 1 - k : k;
      out[i] = split_unit_list(cases[i].text, cases[i].mode);
    }
    return out;
  };
  std::vector<Names> forward, backward;
  std::thread a([&] { forward = split_all(false); });
  std::thread b([&] { backward = split_all(true); });
  a.join();
  b.join();
  int lists = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO(cases[i].text);
    REQUIRE(forward[i] == backward[i]);
    lists += forward[i].size() > 1;
    if (i % 50 == 0) {  // alone on a thread of its own
      Names alone;
      std::thread([&] { alone = split_unit_list(cases[i].text, cases[i].mode); }).join();
      REQUIRE(alone == forward[i]);
    }
  }
  CHECK(lists > 100);  // lists of several names are among them
}

TEST_CASE("unit lists: every opener before a whole name is dropped, after the quick no on the piece's start") {
  // The opener loop runs only where some opener starts the piece: each of
  // the lexicon's openers, before names in a list, still goes.
  const std::vector<std::string> names = {"市发改委", "省科技厅", "市场监管总局", "各区人民政府", "工业和信息化部"};
  int tried = 0;
  for (const auto& opener : lex().words(lexicon::Class::name_opener).all()) {
    for (const auto& name : names) {
      INFO(opener.text + name);
      CHECK(split_unit_list(opener.text + name, ListMode::strict) == std::vector<std::string>{name});
      CHECK(split_unit_list("市财政局、" + opener.text + name, ListMode::liberal) ==
            std::vector<std::string>{"市财政局", name});
      ++tried;
    }
  }
  CHECK(tried >= 5 * 5);
  // No opener: the piece stays as it is.
  CHECK(split_unit_list("市财政局、市发改委", ListMode::strict) == std::vector<std::string>{"市财政局", "市发改委"});
}
