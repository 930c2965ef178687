// Document numbers, deadlines and document fields, from the SPEC's rules
// (each bracket form and date form), plus the negative cases; targets are in
// test_targets.cpp, but for the year a record gives them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <tuple>

#include "helpers.h"
#include "policy/extract/deadlines.h"
#include "policy/extract/doc_fields.h"
#include "policy/extract/doc_numbers.h"
#include "policy/extract/extract.h"
#include "policy/gazetteer/gazetteer.h"
#include "policy/text/fold.h"

using namespace policy;
using namespace policy::extract;

namespace {

const gazetteer::Gazetteer& G() { return gazetteer::Gazetteer::builtin(); }
const lexicon::Lexicon& lex() { return lexicon::Lexicon::builtin(); }

// The extractors take a ClauseText; these take the text as written.
std::vector<DocNumberMention> find_doc_numbers(std::string_view text, const gazetteer::Gazetteer& g) {
  return extract::find_doc_numbers(text, g, lex());
}
std::vector<DeadlineMention> find_deadlines(std::string_view text, std::optional<int> year) {
  const ClauseText ct(text, lex());
  return extract::find_deadlines(ct, year);
}
std::vector<DeadlineMention> find_deadlines_in_slot(std::string_view cell, std::optional<int> year) {
  const ClauseText ct(cell, lex());
  return extract::find_deadlines_in_slot(ct, Range{0, ct.folded().size()}, year);
}
bool is_deadline_column(std::string_view column) {
  const std::string f = text::fold(column);
  return lex().column_has(f, lexicon::ColumnKind::deadline) && !lex().column_has(f, lexicon::ColumnKind::not_deadline);
}

std::vector<std::string> normalized(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : find_doc_numbers(text, G())) out.push_back(m.number.normalized);
  return out;
}

std::vector<std::string> dates(std::string_view text, std::optional<int> year = std::nullopt) {
  std::vector<std::string> out;
  for (const auto& m : find_deadlines(text, year)) out.push_back(m.deadline.date);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("document numbers: every bracket form and full-width digits") {
  for (const char* text : {"国办发〔2021〕51号", "国办发[2021]51号", "国办发［2021］51号",
                           "国办发【2021】51号", "国办发（2021）51号", "国办发(2021)51号",
                           "国办发〖2021〗51号", "国办发〔２０２１〕５１号"}) {
    INFO(text);
    CHECK(normalized(text) == V{"国办发〔2021〕51号"});
  }
}

TEST_CASE("document numbers: blanks and line breaks inside, the code boundary") {
  CHECK(normalized("〔2025〕12 号") == V{});  // no agency code: no number
  CHECK(normalized("鄂政办发〔2025〕12 号") == V{"鄂政办发〔2025〕12号"});
  CHECK(normalized("中网办秘字〔2021〕\n\t820号") == V{"中网办秘字〔2021〕820号"});
  CHECK(normalized("关于印发国办发〔2021〕51号文件") == V{"国办发〔2021〕51号"});
  CHECK(normalized("按照（商资发〔2024〕314号）原文") == V{"商资发〔2024〕314号"});
  CHECK(normalized("转发国市监综发〔2022〕80号") == V{"国市监综发〔2022〕80号"});
  // A provincial code the tables do not list keeps its region abbreviation.
  CHECK(normalized("印发鄂财建〔2023〕5号") == V{"鄂财建〔2023〕5号"});
  auto m = find_doc_numbers("见工信部联科〔2021〕23号", G());
  REQUIRE(m.size() == 1);
  CHECK(m[0].number.code == "工信部联科");
  CHECK(m[0].number.year == 2021);
  CHECK(m[0].number.serial == 23);
  CHECK(m[0].number.text == "工信部联科〔2021〕23号");
  // A line break between the code and its year.
  auto wrapped = find_doc_numbers("以及浙政办发\n〔2020〕47号文件精神", G());
  REQUIRE(wrapped.size() == 1);
  CHECK(wrapped[0].number.normalized == "浙政办发〔2020〕47号");
  CHECK(wrapped[0].number.text == "浙政办发\n〔2020〕47号");
}

TEST_CASE("document numbers: a code that opens with a region's abbreviation is whole though a lead word's characters stand inside it") {
  // 经 leads a code in 经国办发…, and stands inside 京经信发 and 浙经信企业.
  CHECK(normalized("根据《若干措施》（京经信发〔2022〕87号）") == V{"京经信发〔2022〕87号"});
  CHECK(normalized("按照浙经信企业〔2024〕88号文件") == V{"浙经信企业〔2024〕88号"});
  CHECK(normalized("川经信产业〔2023〕12号") == V{"川经信产业〔2023〕12号"});
}

TEST_CASE("document numbers: an issuer's whole name written right before an unknown code is no part of it") {
  CHECK(normalized("执行市政府办公室宜府办发〔2024〕8号文件") == V{"宜府办发〔2024〕8号"});
  CHECK(normalized("根据市人民政府宜府发〔2024〕6号文件") == V{"宜府发〔2024〕6号"});
  // A code that holds a unit word keeps it: no whole name stands before.
  CHECK(normalized("印发国卫办医政发〔2024〕9号") == V{"国卫办医政发〔2024〕9号"});
}

TEST_CASE("document numbers: a date written just before an order is no part of its code") {
  auto m = find_doc_numbers("根据2019年8月1日省人民政府令第208号", G());
  REQUIRE(m.size() == 1);
  CHECK(m[0].number.code == "省人民政府令");
  CHECK(m[0].number.normalized == "省人民政府令第208号");
}

TEST_CASE("document numbers: government orders without a year") {
  CHECK(normalized("上海市人民政府令第19号") == V{"上海市人民政府令第19号"});
  CHECK(normalized("根据《条例》（国务院令第732号）") == V{"国务院令第732号"});
  auto m = find_doc_numbers("上海市人民政府令\n（第19号）", G());
  REQUIRE(m.size() == 1);
  CHECK(m[0].number.normalized == "上海市人民政府令第19号");
  CHECK(m[0].number.code == "上海市人民政府令");
  CHECK_FALSE(m[0].number.year.has_value());
  CHECK(normalized("责令第3号整改").empty());
  // The ） after 号 closes the citation's own bracket: no part of the number.
  auto cited = find_doc_numbers("（国务院令第 732 号）和", G());
  REQUIRE(cited.size() == 1);
  CHECK(cited[0].number.text == "国务院令第 732 号");
}

TEST_CASE("document numbers: roles self, cited and listed in a record") {
  std::string text =
      "省人民政府关于加强标准化工作的意见\n\n鄂政发〔2022〕21号\n\n各市、州、县人民政府：\n"
      "根据《国务院办公厅关于印发国家标准化体系建设发展规划的通知》（国办发〔2015〕89号），"
      "提出如下意见。\n一、总体要求\n";
  auto r = extract::analyze(testing::doc(text));
  REQUIRE(r.doc_number);
  CHECK(r.doc_number->normalized == "鄂政发〔2022〕21号");
  CHECK(r.doc_number->role == DocNumberRole::self);
  CHECK(r.doc_number->line == 3);
  std::vector<std::pair<std::string, DocNumberRole>> all;
  for (const auto& c : r.clauses)
    for (const auto& d : c.doc_numbers) all.emplace_back(d.normalized, d.role);
  CHECK(all == std::vector<std::pair<std::string, DocNumberRole>>{
                   {"鄂政发〔2022〕21号", DocNumberRole::self},
                   {"国办发〔2015〕89号", DocNumberRole::cited}});
  CHECK(r.issuers == V{"省人民政府"});
}

// SPEC §1: a header feeds the document fields only where the body does not
// state them. Its document-number keys are headers.tsv's (doc_number), so a
// user's own key counts as well as 发文字号 and 政策文号.
TEST_CASE("document numbers: a header's number is the document's own only where the body does not state it") {
  const std::string header = "政策文号：穗埔组通〔2024〕6号\n实施日期：2024-02-08\n正文\n";
  const std::string body = "穗埔组通〔2024〕6号\n\n关于做好人才工作的通知\n\n各有关单位：\n现将有关事项通知如下。\n";
  auto both = extract::analyze(testing::doc(header + body));
  REQUIRE(both.doc_number);
  CHECK(both.doc_number->normalized == "穗埔组通〔2024〕6号");
  CHECK(both.doc_number->line == 4);  // the body's line, not the header's
  std::vector<std::pair<std::size_t, DocNumberRole>> roles;
  for (const auto& c : both.clauses)
    for (const auto& d : c.doc_numbers) roles.emplace_back(d.line, d.role);
  CHECK(roles == std::vector<std::pair<std::size_t, DocNumberRole>>{{1, DocNumberRole::self}, {4, DocNumberRole::self}});

  auto keyed = extract::analyze(testing::doc("发文字号：穗埔组通〔2024〕6号\n正文\n" + body));
  REQUIRE(keyed.doc_number);
  CHECK(keyed.doc_number->line == 3);

  // Only the header states it (keys may be spaced out): the header's number.
  auto header_only = extract::analyze(testing::doc("文　　号：某政发〔2023〕6号\n正文\n关于做好人才工作的通知\n各有关单位：\n"));
  REQUIRE(header_only.doc_number);
  CHECK(header_only.doc_number->normalized == "某政发〔2023〕6号");
  CHECK(header_only.doc_number->line == 1);

  // Another pair of the header may follow on the number's line.
  auto paired = extract::analyze(testing::doc(
      "发布机构：某某市人民政府办公厅    成文日期：2025-03-12\n文　　号：某府办函〔2025〕18号    发布日期：2025-03-20\n\n"
      "各区人民政府，市政府直属各单位：\n　　现印发给你们。\n"));
  REQUIRE(paired.doc_number);
  CHECK(paired.doc_number->normalized == "某府办函〔2025〕18号");
  CHECK(paired.doc_number->line == 2);
  CHECK(paired.clauses.front().doc_numbers.front().role == DocNumberRole::self);

  // A key that is no document-number key (索引号) makes no number the document's own.
  auto other_key = extract::analyze(testing::doc("来源：某政发〔2023〕6号\n关于做好人才工作的通知\n各有关单位：\n"));
  CHECK_FALSE(other_key.doc_number);

  // A user's data folder adds a key of her own.
  const std::string dir = testing::temp_path("header-key-overlay");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/headers.tsv", std::ios::binary) << "key\tfield\n发文编号\tdoc_number\n";
  auto lexicon = lexicon::Lexicon::with_overlay(dir);
  REQUIRE(lexicon);
  const std::string own_key = "发文编号：某政发〔2023〕6号\n关于做好人才工作的通知\n各有关单位：\n";
  Options with_key;
  with_key.lexicon = &lexicon.value();
  auto added = extract::analyze(testing::doc(own_key), with_key);
  REQUIRE(added.doc_number);
  CHECK(added.doc_number->normalized == "某政发〔2023〕6号");
  auto role_of_first = [](const DocumentRecord& r) {
    for (const auto& c : r.clauses)
      if (!c.doc_numbers.empty()) return c.doc_numbers.front().role;
    return DocNumberRole::listed;
  };
  CHECK(role_of_first(added) == DocNumberRole::self);
  const auto plain = extract::analyze(testing::doc(own_key));
  CHECK_FALSE(plain.doc_number);
  CHECK(role_of_first(plain) == DocNumberRole::cited);
}

TEST_CASE("deadlines: every SPEC form") {
  CHECK(dates("到2025年，基本建成") == V{"2025"});
  CHECK(dates("到2020年底，完成改造") == V{"2020-12"});
  CHECK(dates("2025年前，初步建立") == V{"2025"});
  CHECK(dates("（完成时限：2025年4月）") == V{"2025-04"});
  CHECK(dates("2022年10月底前完成") == V{"2022-10"});
  CHECK(dates("2025年6月30日前报送") == V{"2025-06-30"});
  CHECK(dates("年底前完成", 2023) == V{"2023-12"});
  CHECK(dates("6月底前完成", 2023) == V{"2023-06"});
  CHECK(dates("进度安排：2022年") == V{"2022"});
  CHECK(dates("（2023.12市城管委，市市场监管局）") == V{"2023-12"});
  CHECK(dates("（竞争协调司负责，2022年10月底前完成）") == V{"2022-10"});
  CHECK(dates("（标准创新司负责，持续推进）") == V{"ongoing"});
  CHECK(dates("（牵头单位：市经信局。责任单位：各区人民政府。持续实施）") == V{"ongoing"});
  CHECK(dates("（5月底取得阶段性成效并持续推进）", 2023) == V{"2023-05", "ongoing"});
  CHECK(dates("到“十三五”期末，参与研制国际标准") == V{"2020"});
  CHECK(dates("到二〇二五年，基本建成") == V{"2025"});
  CHECK(dates("时限：持续推进") == V{"ongoing"});
}

TEST_CASE("deadlines: blanks and line breaks may stand between a year and 年") {
  // The cheap test before the date pattern skips the same blanks it does.
  CHECK(dates("到2025 年底，完成改造") == V{"2025-12"});
  CHECK(dates("2025\t年6月底前完成") == V{"2025-06"});
  CHECK(dates("到2024\n年上半年，建成") == V{"2024-06"});
  CHECK(dates("到二〇二五 年，基本建成") == V{"2025"});
  CHECK(dates("到2025，基本建成").empty());  // no 年: no date
}

TEST_CASE("deadlines: each expression once — periods and prose verbs are none") {
  CHECK(dates("到2025年……到2025年") == V{"2025", "2025"});
  CHECK(dates("湖北省标准化体系建设发展规划（2016-2020年）").empty());
  CHECK(dates("持续推进国家技术标准创新基地建设").empty());
  CHECK(dates("2024年前三季度，全市生产总值增长").empty());
  CHECK(dates("《2025年度武汉市地方标准立项指南》").empty());
  CHECK(dates("年底前完成").empty());  // no year anywhere: nothing to say
  CHECK(dates("每年底前向省政府报告", 2023).empty());  // recurring
}

TEST_CASE("deadlines: a month without a year takes the year the title is about") {
  auto dates = [](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& c : extract::analyze(testing::doc(text)).clauses)
      for (const auto& d : c.deadlines) out.push_back(d.date);
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(dates("关于做好2024年标准化工作的通知\n一、任务\n1.推进试点。（进度安排：5月底取得阶段性成效并持续推进）\n") ==
        V{"2024-05", "ongoing"});
  // A plan period names no one year: the month stays unread.
  CHECK(dates("标准化行动方案（2023—2025年）\n一、任务\n1.推进试点。（进度安排：5月底取得阶段性成效）\n").empty());
}

TEST_CASE("deadlines: 力争 before a date makes it a deadline, as 到 does") {
  CHECK(dates("力争2020年底完成") == V{"2020-12"});
  CHECK(dates("力争2025年上半年完成首批试点验收") == V{"2025-06"});
  CHECK(dates("力争到2025年底完成") == V{"2025-12"});  // one expression, not two
  CHECK(dates("力争实现新突破").empty());
}

TEST_CASE("deadlines: 上旬, 中旬 and 下旬 date the month they are in") {
  CHECK(dates("2025年11月中旬前出台实施细则") == V{"2025-11"});
  CHECK(dates("到2026年3月下旬，完成验收") == V{"2026-03"});
  CHECK(dates("（完成时限：2025年6月上旬）") == V{"2025-06"});
  CHECK(dates("9月中旬前报送", 2024) == V{"2024-09"});
  CHECK(dates("2025年11月中旬，召开推进会").empty());  // no 到, no 前: a time, not a limit
}

TEST_CASE("deadlines: a phase's window in a bracket, and a window from today, are one deadline, its end") {
  CHECK(dates("（一）动员部署阶段（2025年4月1日—4月15日）。") == V{"2025-04-15"});
  CHECK(dates("（2025年4月1日至2025年5月31日）") == V{"2025-05-31"});
  CHECK(dates("受理时间：即日起至2025年6月30日。") == V{"2025-06-30"});
}

TEST_CASE("deadlines: a date in a bracket that a span starts from is no deadline") {
  CHECK(dates("年龄不超过45周岁（1980年1月1日以后出生）").empty());
  CHECK(dates("（2024年1月1日起）").empty());
  CHECK(dates("（市商务局负责，2025年6月底前）") == V{"2025-06"});
}

TEST_CASE("deadlines: 2025年年底 and 2025年年末 end the year, as 2025年底 does") {
  CHECK(dates("（完成时限：2025年年底）") == V{"2025-12"});
  CHECK(dates("到2025年年底，完成建设") == V{"2025-12"});
  CHECK(dates("（完成时限：2025年年末）") == V{"2025-12"});
  CHECK(dates("2025年年底前完成") == V{"2025-12"});
}

TEST_CASE("deadlines: a month's date with 前 and no year takes the year of the date before it, else the context's") {
  CHECK(dates("（进度安排：2025年7月底前完成方案，12月底前完成验收）") == V{"2025-07", "2025-12"});
  CHECK(dates("各单位于10月31日前报送工作总结", 2025) == V{"2025-10-31"});
  CHECK(dates("各单位于10月31日前报送工作总结").empty());  // no year anywhere
}

TEST_CASE("deadlines: each date of a list in a slot is an item, in the year of the one before") {
  CHECK(dates("（市生态环境局负责，2025年6月、12月）") == V{"2025-06", "2025-12"});
  CHECK(dates("（市生态环境局负责，2025年第一季度、第三季度）") == V{"2025-03", "2025-09"});
  CHECK(dates("（市生态环境局负责，2025年上半年、2026年上半年）") == V{"2025-06", "2026-06"});
  CHECK(dates("（完成时限：2024年6月、9月、12月）") == V{"2024-06", "2024-09", "2024-12"});
  // A list of units after the date is no list of dates.
  CHECK(dates("（2024.6市生态环境局、市市场监管局）") == V{"2024-06"});
}

TEST_CASE("deadlines: quarters and halves end with their last month") {
  CHECK(dates("2024年第三季度前完成平台建设") == V{"2024-09"});
  CHECK(dates("到2024年上半年，建成") == V{"2024-06"});
  CHECK(dates("2025年下半年前完成") == V{"2025-12"});
  CHECK(dates("（完成时限：2024年四季度末）") == V{"2024-12"});
  CHECK(dates("2024年三季度，全市增长").empty());  // no 到, no 前: a period
  CHECK(dates("2024年前三季度，全市生产总值增长").empty());
}

TEST_CASE("deadlines: a 完成时限 column is a slot — 发文时间 is no deadline column") {
  CHECK(is_deadline_column("完成时限"));
  CHECK(is_deadline_column("完成时间"));
  CHECK(is_deadline_column("时间节点"));
  CHECK(is_deadline_column("进度安排"));
  CHECK_FALSE(is_deadline_column("发文时间"));
  CHECK_FALSE(is_deadline_column("牵头单位"));
  auto slot = [](std::string_view cell) {
    V out;
    for (const auto& m : find_deadlines_in_slot(cell, 2024))
      out.push_back(m.deadline.date + "|" + m.deadline.text + "|" + std::to_string(m.deadline.at.begin));
    return out;
  };
  CHECK(slot("2024年6月") == V{"2024-06|2024年6月|0"});
  CHECK(slot("持续推进") == V{"ongoing|持续推进|0"});
  CHECK(slot("年底前") == V{"2024-12|年底前|0"});
  // Only the date that opens the cell is read as the slot's; the others
  // are deadlines of their own (found with the row's text).
  CHECK(slot("2024年6月底前完成初稿，2024年12月底前发布") == V{"2024-06|2024年6月底前|0"});
  CHECK(slot("各区人民政府").empty());

  // In a task table, each row's 完成时限 cell gives its deadline, once.
  auto r = extract::analyze(testing::doc(
      "序号\t重点任务\t牵头单位\t完成时限\n"
      "1\t制定地方标准\t市市场监管局\t2024年6月\n"
      "2\t建设公共服务平台\t市数据局\t持续推进\n"
      "3\t开展评估\t市经信局\t2024年12月底前\n"));
  V got;
  for (const auto& c : r.clauses)
    for (const auto& d : c.deadlines) got.push_back(c.id + " " + d.date + " " + d.text);
  CHECK(got == V{"1 2024-06 2024年6月", "2 ongoing 持续推进", "3 2024-12 2024年12月底前"});
}

TEST_CASE("document fields: title over two lines, draft marker, attachment label") {
  auto r = extract::analyze(
      testing::doc(" 武汉市推进服务业扩大开放标准化建设\n实施方案\n（征求意见稿）\n\n为加快推进标准化建设，制定本方案。\n一、总体要求\n"));
  CHECK(r.title == "武汉市推进服务业扩大开放标准化建设实施方案");
  auto a = extract::analyze(testing::doc("附件2：\n\n鄂州市标准化协调推进工作联席会议制度\n为推进工作，决定建立本制度。\n一、主要职能\n"));
  CHECK(a.title == "鄂州市标准化协调推进工作联席会议制度");
}

TEST_CASE("document fields: a regulation's adoption note is its date, not its title") {
  auto a = extract::analyze(testing::doc(
      "武汉市标准化条例\n（2022年9月28日武汉市第十五届人民代表大会常务委员会第四次会议通过）\n\n"
      "第一章　总则\n第一条　为了加强标准化工作，制定本条例。\n"));
  CHECK(a.title == "武汉市标准化条例");
  CHECK(a.date == "2022-09-28");
  // A plan period on the line under the title belongs to the title.
  auto plan = extract::analyze(testing::doc("湖北省标准化发展行动方案\n（2023—2025年）\n\n一、总体要求\n"));
  CHECK(plan.title == "湖北省标准化发展行动方案（2023—2025年）");
  CHECK_FALSE(plan.date.has_value());
}

TEST_CASE("document fields: joint issuers side by side in the signature") {
  auto r = extract::analyze(testing::doc(
      "关于印发某某行动方案的通知\n各省、自治区、直辖市市场监管局：\n　　现印发给你们，请认真贯彻落实。\n\n"
      "市场监管总局　国家发展改革委　工业和信息化部\n2023年9月12日\n"));
  CHECK(r.issuers == V{"市场监管总局", "国家发展改革委", "工业和信息化部"});
  CHECK(r.date == "2023-09-12");
}

TEST_CASE("document fields: the agency code names the issuer only when nothing else does") {
  auto titled = extract::analyze(testing::doc(
      "四川省人民政府办公厅关于推进质量强省建设的实施意见\n川办发〔2024〕7号\n\n一、提升产品质量\n"));
  CHECK(titled.issuers == V{"四川省人民政府办公厅"});
  auto bare = extract::analyze(testing::doc("湖北省标准化工作要点\n鄂政发〔2022〕21号\n\n一、总体要求\n"));
  CHECK(bare.issuers == V{"湖北省人民政府"});
}

TEST_CASE("document fields: a covering notice takes the title of the plan it transmits") {
  auto r = extract::analyze(testing::doc(
      "各市、州、县人民政府，省政府各部门：\n\n　　《湖北省标准化体系建设发展规划（2016-2020年）》已经省人民政府同意，现印发给你们，请认真组织实施。\n\n"
      "　　二〇一六年十一月三十日\n\n湖北省标准化体系建设发展规划\n（2016-2020年）\n\n　　为推动实施标准化战略，制定本规划。\n　　一、总体要求\n"));
  CHECK(r.title == "湖北省标准化体系建设发展规划（2016-2020年）");
  CHECK(r.date == "2016-11-30");
  CHECK(r.addressees == V{"各市、州、县人民政府", "省政府各部门"});
}

TEST_CASE("document fields: addressees keep collectives whole") {
  auto r = extract::analyze(testing::doc(
      "国务院关于加强质量认证体系建设的意见\n\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n现提出如下意见。\n一、总体要求\n"));
  CHECK(r.addressees == V{"各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"});
  CHECK(r.issuers == V{"国务院"});
}

TEST_CASE("document fields: signature block and date — header lines fill the gaps") {
  auto r = extract::analyze(testing::doc(
      "关于做好标准化工作的通知\n各区人民政府：\n现将有关事项通知如下。\n一、工作要求\n认真落实。\n\n"
      "武汉市人民政府办公厅\n2022年5月6日\n"));
  CHECK(r.date == "2022-05-06");
  CHECK(r.issuers == V{"武汉市人民政府办公厅"});
  auto h = extract::analyze(testing::doc(
      "标题：关于印发某某办法的通知\n发文机关：湖南省人民政府\n发文字号：湘政发〔2021〕3号\n成文日期：2021年3月1日\n"
      "【法宝引证码】CLI.12.345\n\n一、总则\n"));
  CHECK(h.title == "关于印发某某办法的通知");
  CHECK(h.date == "2021-03-01");
  REQUIRE(h.doc_number);
  CHECK(h.doc_number->normalized == "湘政发〔2021〕3号");
  CHECK(h.issuers == V{"湖南省人民政府"});
}

TEST_CASE("summary tables: 文号 is listed, 发文单位 splits, 同上 repeats the row above") {
  std::string text =
      "\t文件汇总\n"
      "\t\t序号\n\t\t文件名称\n\t\t文号\n\t\t发文单位\n\t\t行业主管部门\n\t\n"
      "\t\t1\n\t\t关于印发某方案的通知\n\t\t国办发〔2021〕51号\n\t\t市委办公厅、\n\t市人民政府\n\t办公厅\n\t\t市经信局、市商务局等相关部门\n\t\n"
      "\t\t2\n\t\t公布名单\n\t\t官网公布\n\t\t同上\n\t\t市体育局\n";
  auto r = extract::analyze(testing::doc(text));
  std::vector<const Clause*> rows;
  for (const auto& c : r.clauses)
    if (c.kind == ClauseKind::table_row) rows.push_back(&c);
  REQUIRE(rows.size() == 2);
  REQUIRE(rows[0]->doc_numbers.size() == 1);
  CHECK(rows[0]->doc_numbers[0].role == DocNumberRole::listed);
  CHECK(rows[0]->issuers == V{"市委办公厅", "市人民政府办公厅"});
  CHECK(rows[1]->issuers == V{"市委办公厅", "市人民政府办公厅"});
  std::vector<std::string> names;
  for (const auto& u : rows[0]->units) names.push_back(u.name);
  CHECK(names == V{"市经信局", "市商务局"});
  CHECK(rows[0]->units[0].role == UnitRole::responsible);
}

TEST_CASE("within a clause each department and role is reported once, aliases merged") {
  auto r = extract::analyze(testing::doc(
      "一、任务\n加强标准体系建设。（责任单位：市市场监督管理局、市统计局）推动落实。（市市场监管局、市统计局按职责分工负责）\n"));
  const Clause* c = nullptr;
  for (const auto& cl : r.clauses)
    if (cl.id == "一") c = &cl;
  REQUIRE(c);
  REQUIRE(c->units.size() == 2);
  CHECK(c->units[0].name == "市市场监督管理局");
  CHECK(c->units[1].name == "市统计局");
}

TEST_CASE("targets take the year of the deadline that governs them") {
  auto r = extract::analyze(testing::doc(
      "（二）发展目标。\n到2025年，制定地方标准1200项以上。\n1.具体指标。培育团体标准800项以上。\n"));
  std::vector<std::optional<int>> years;
  for (const auto& c : r.clauses)
    for (const auto& t : c.targets) years.push_back(t.year);
  CHECK(years == std::vector<std::optional<int>>{2025, 2025});
}

TEST_CASE("deadlines: an application window is one deadline, its end") {
  CHECK(dates("补贴由企业申请，申请期限至2026年6月底。") == V{"2026-06"});
  CHECK(dates("申报时间：2024年12月24日～2025年1月14日17:00") == V{"2025-01-14"});
  CHECK(dates("受理时间为2024年3月1日至3月31日") == V{"2024-03-31"});  // the end takes the start's year
}

TEST_CASE("deadlines: a window's end without a year takes the start's, else the context's, else the window keeps its start") {
  // 持续推进至3月31日: the start is no date of a year. The end once took the
  // start's first four characters for its year and stopped the document
  // with "internal error: stoi".
  const V alone = dates("申报时间：持续推进至3月31日。");
  CHECK(alone.size() <= 1);
  for (const auto& d : alone) CHECK(d == "ongoing");
  CHECK(dates("申报时间：持续推进至3月31日。", 2024) == V{"2024-03-31"});
  // An end without a year takes the start's, not the context's.
  CHECK(dates("受理时间为2024年3月1日至3月31日", 2023) == V{"2024-03-31"});
  CHECK(dates("申报时间：2024年3月1日至5月") == V{"2024-05"});
  CHECK(dates("申报时间：2024年3月1日至5月", 2023) == V{"2024-05"});
  CHECK_NOTHROW(extract::analyze(testing::doc("一、申报工作\n申报时间：持续推进至3月31日。\n")));
}

TEST_CASE("deadlines: a month's end that opens a phrase is the time limit of what follows") {
  CHECK(dates("7月底前完成前期手续。10月底完善平台各项功能。", 2022) == V{"2022-07", "2022-10"});
  CHECK(dates("2023年6月底建成投用。") == V{"2023-06"});
  CHECK(dates("截至2022年10月底，全市累计建成基站5000个。").empty());  // a count taken then
  CHECK(dates("10月底的统计显示", 2022).empty());
}

TEST_CASE("deadlines: the checks before each date pattern skip the blanks the pattern does") {
  // RE2 is asked only where a pattern's fixed part stands: these hold it
  // with blanks between, and the last ones do not hold it at all.
  CHECK(dates("2024年 第 3 季度前完成平台建设") == V{"2024-09"});
  CHECK(dates("到2025年\n下半年，建成") == V{"2025-12"});
  CHECK(dates("到 “十四五”末，建成") == V{"2025"});
  CHECK(dates("（2024 . 6 市生态环境局）") == V{"2024-06"});
  CHECK(dates("6 月底前完成", 2023) == V{"2023-06"});
  CHECK(dates("年底 以前完成", 2023) == V{"2023-12"});
  CHECK(dates("到2025年5月 份底前完成") == V{"2025-05"});
  CHECK(dates("123月底前完成", 2023).empty());
  CHECK(dates("2024年 三季度，全市增长").empty());
  CHECK(dates("（2023.13市城管委）").empty());
}

TEST_CASE("a clause's units are the same whatever clauses came before it: the name cache changes nothing") {
  // The resolver keeps what it learnt of each name for the document; keys
  // and canonical names are views into what it keeps. A clause read after
  // others (its names met before, in other forms and roles) reports what
  // it reports read alone.
  const std::vector<std::string> names = {"市市场监督管理局", "市市场监管局", "市统计局", "市发改委", "市发改委（市能源局）",
                                          "省经信厅", "市商务局", "市财政局", "市教育局", "工业和信息化部", "市场监管总局",
                                          "某某办公室", "某某办公室（某某中心）", "各区人民政府"};
  const std::vector<std::string> roles = {"牵头", "配合", "按职责分工负责"};
  const std::vector<std::string> numerals = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  std::mt19937 rng(29);
  auto list = [&] {
    std::string s;
    const int n = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < n; ++k) s += (k ? "、" : "") + names[rng() % names.size()];
    return s;
  };
  using Seen = std::vector<std::tuple<std::string, UnitRole, std::string, std::vector<std::string>>>;
  auto seen = [](const Clause& c) {
    Seen out;
    for (const Unit& u : c.units)
      out.emplace_back(u.name, u.role, u.canonical ? *u.canonical : std::string("-"),
                       std::vector<std::string>(u.aliases.begin(), u.aliases.end()));
    return out;
  };
  int units = 0;
  for (int round = 0; round < 20; ++round) {
    std::vector<std::string> clauses;
    for (const auto& numeral : numerals) {
      std::string c = numeral + "、加强标准建设。（" + list() + roles[rng() % roles.size()] + "）";
      if (rng() % 2) c += "推动落实。（责任单位：" + list() + "）";
      clauses.push_back(c + "\n");
    }
    std::string whole;
    for (const auto& c : clauses) whole += c;
    const auto r = extract::analyze(testing::doc(whole));
    std::map<std::string, Seen> in_whole;
    for (const Clause& c : r.clauses) in_whole[c.id] = seen(c);
    for (std::size_t k = 0; k < clauses.size(); ++k) {
      const auto alone = extract::analyze(testing::doc(clauses[k]));
      const Clause* c = nullptr;
      for (const auto& cl : alone.clauses)
        if (cl.id == numerals[k]) c = &cl;
      REQUIRE(c);
      INFO(clauses[k]);
      REQUIRE(in_whole.count(numerals[k]) == 1);
      CHECK(in_whole[numerals[k]] == seen(*c));
      units += static_cast<int>(c->units.size());
    }
  }
  CHECK(units > 400);
}
