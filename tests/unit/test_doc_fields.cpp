// Document fields as documents really arrive (SPEC §1, §2): metadata
// headers of web pages and legal databases, titles printed twice or wrapped,
// red-header issuer lines, signatures, and validity. Each test is one rule,
// on texts written for it.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "policy/extract/doc_fields.h"
#include "policy/extract/extract.h"
#include "policy/extract/validity.h"
#include "policy/structure/clause.h"
#include "policy/structure/header.h"

using namespace policy;
using V = std::vector<std::string>;

namespace {

DocumentRecord record(const std::string& text) { return extract::analyze(testing::doc(text)); }

const lexicon::Lexicon& lex() { return lexicon::Lexicon::builtin(); }

}  // namespace

TEST_CASE("header: key：value pairs, several on a line, spaced-out keys — 正文 closes it") {
  const auto doc = testing::doc(
      "索 引 号：11440000/2024-00031\t主题分类：科技\n"
      "文　　号：粤科规字〔2024〕3号\n"
      "发布机构：广东省科学技术厅    成文日期：2024年03月05日\n"
      "正文\n"
      "广东省科学技术厅关于印发某某办法的通知\n");
  const auto h = structure::read_header(doc, lex());
  CHECK(h.first_line == 1);
  CHECK(h.last_line == 4);
  REQUIRE(h.pairs.size() == 5);
  CHECK(h.pairs[0].key == "索引号");
  CHECK(h.pairs[0].value == "11440000/2024-00031");
  CHECK(h.pairs[1].key == "主题分类");
  CHECK(h.pairs[2].field == lexicon::HeaderField::doc_number);
  CHECK(h.pairs[2].value == "粤科规字〔2024〕3号");
  CHECK(h.pairs[3].field == lexicon::HeaderField::issuers);
  CHECK(h.pairs[3].value == "广东省科学技术厅");
  CHECK(h.pairs[4].field == lexicon::HeaderField::date);
  // A line that merely holds a colon is no header.
  CHECK(structure::header_pairs("为推进工作：现通知如下", lex()).empty());
  CHECK(structure::header_pairs("【法宝引证码】 CLI.12.123", lex()).size() == 1);
}

TEST_CASE("header: its lines are no table, no clause, no unit and no title") {
  const auto r = record(
      "标　　题：某市人民政府办公室关于印发某某方案的通知\t\n"
      "发文机关：某市人民政府办公室\t成文日期：2024年05月06日\n"
      "牵头单位：市委组织部\n"
      "某市人民政府办公室关于印发某某方案的通知\n"
      "一、工作任务\n"
      "（一）推进建设。（牵头单位：市商务局）\n");
  CHECK(r.title == "某市人民政府办公室关于印发某某方案的通知");
  REQUIRE(!r.clauses.empty());
  CHECK(r.clauses[0].kind == ClauseKind::preamble);
  CHECK(r.clauses[0].units.empty());  // 牵头单位：市委组织部 publishes the page
  for (const Clause& c : r.clauses) CHECK(c.kind != ClauseKind::table_row);
  CHECK(r.date == "2024-05-06");  // the body has no date line: the header's
}

TEST_CASE("header: any key in 【】 brackets, as legal databases export it, under the title") {
  CHECK(structure::header_pairs("【发文字号】某政发〔2023〕6号", lex()).size() == 1);
  CHECK(structure::header_pairs("【时效性】：现行有效", lex())[0].value == "现行有效");
  CHECK(structure::header_pairs("【强化用地保障】将用地纳入规划", lex()).empty());  // an article's title
  const auto r = record(
      "某省人民政府关于印发某某行动计划的通知\n"
      "【发布部门】某省人民政府\n"
      "【发文字号】某政字〔2023〕56号\n"
      "【实施日期】2023.03.20\n"
      "【时效性】现行有效\n"
      "\n"
      "各市人民政府：\n"
      "现将《某某行动计划》印发给你们。\n"
      "某省人民政府\n"
      "2023年3月16日\n"
      "一、主要任务\n"
      "（一）建设平台。（牵头单位：省商务厅）\n");
  CHECK(r.title == "某省人民政府关于印发某某行动计划的通知");
  REQUIRE(r.doc_number);
  CHECK(r.doc_number->normalized == "某政字〔2023〕56号");
  CHECK(r.validity.from == "2023-03-20");
  CHECK(r.validity.status == "in force");
  CHECK(r.date == "2023-03-16");
}

TEST_CASE("title: a title printed twice (half- and full-width brackets) is one title") {
  const auto r = record(
      "某省人民政府办公厅关于印发某某行动计划(2024—2026年)的通知\n"
      "某省人民政府办公厅关于印发某某行动计划（2024-2026年）的通知\n"
      "（某政办〔2024〕5号）\n"
      "各市人民政府：\n"
      "现印发给你们。\n");
  CHECK(r.title == "某省人民政府办公厅关于印发某某行动计划(2024—2026年)的通知");
  REQUIRE(r.doc_number);  // in brackets on its own line: the document's own
  CHECK(r.doc_number->normalized == "某政办〔2024〕5号");
  CHECK(r.doc_number->role == DocNumberRole::self);
}

TEST_CASE("title: a title wrapped over a blank line is one title") {
  const auto r = record(
      "国务院办公厅关于进一步做好\n\n"
      "某某工作的通知\n\n"
      "国办发〔2024〕9号\n\n"
      "各省、自治区、直辖市人民政府：\n");
  CHECK(r.title == "国务院办公厅关于进一步做好某某工作的通知");
}

TEST_CASE("title: a red-header issuer line, an order line and a publication marker are no title") {
  auto issuer = record(
      "国家发展改革委办公厅\n"
      "国家发展改革委办公厅关于开展某某试点的通知\n"
      "发改办高技〔2024〕12号\n");
  CHECK(issuer.title == "国家发展改革委办公厅关于开展某某试点的通知");
  auto order = record(
      "某某市标准化管理办法\n"
      "某某市人民政府令\n"
      "（第123号）\n"
      "《某某市标准化管理办法》已经市政府常务会议通过，现予公布。\n"
      "市长　某某\n"
      "2024年1月2日\n");
  CHECK(order.title == "某某市标准化管理办法");
  REQUIRE(order.doc_number);
  CHECK(order.doc_number->normalized == "某某市人民政府令第123号");
  auto marker = record("（此件主动公开）\n某县人民政府关于某某的意见\n某政发〔2024〕1号\n");
  CHECK(marker.title == "某县人民政府关于某某的意见");
}

TEST_CASE("title: a bracketed date under the title dates the document — the title and its issuers stand, no deadline") {
  auto dated = record(
      "中共某某市委 某某市人民政府\n"
      "关于实施某某行动的意见\n"
      "（2025年4月8日）\n"
      "\n"
      "各县（市、区）党委和人民政府：\n"
      "　　现提出如下意见。\n");
  CHECK(dated.title == "中共某某市委 某某市人民政府关于实施某某行动的意见");
  CHECK(dated.issuers == std::vector<std::string>{"中共某某市委", "某某市人民政府"});
  REQUIRE(dated.date);
  CHECK(*dated.date == "2025-04-08");
  for (const auto& c : dated.clauses) CHECK(c.deadlines.empty());
  // A task's bracket holding a date is still its deadline.
  auto task = record("一、任务\n推进工作。（2025年6月30日前）\n");
  REQUIRE(task.clauses.size() == 1);
  REQUIRE(task.clauses[0].deadlines.size() == 1);
  CHECK(task.clauses[0].deadlines[0].date == "2025-06-30");
}

TEST_CASE("title: a web page's trail of links is no title and no masthead, though it ends in 文件") {
  auto saved = record(
      "首页 > 政务公开 > 政策文件 > 市政府办公室文件\n"
      "某某市人民政府办公室\n"
      "关于印发某某行动方案的通知\n"
      "某政办字〔2025〕15号\n"
      "各区县人民政府，市政府各部门：\n"
      "　　现印发给你们，请认真组织实施。\n"
      "某某市人民政府办公室\n"
      "2025年4月8日\n");
  CHECK(saved.title == "某某市人民政府办公室关于印发某某行动方案的通知");
  CHECK(saved.issuers == std::vector<std::string>{"某某市人民政府办公室"});
  auto arrows = record("首页 » 信息公开 | 政策文件\n某县人民政府关于某某的意见\n某政发〔2024〕1号\n");
  CHECK(arrows.title == "某县人民政府关于某某的意见");
}

TEST_CASE("title: a covering notice without a title of its own takes the plan's — the header's only when the body has none") {
  auto covering = record(
      "某工信〔2024〕3号\n"
      "各有关单位：\n"
      "　　《某市支持某某产业发展行动计划》已经市政府同意，现印发给你们，请认真组织实施。\n"
      "某市工业和信息化局\n"
      "2024年3月3日\n"
      "某市支持某某产业发展行动计划\n"
      "一、总体要求\n");
  CHECK(covering.title == "某市支持某某产业发展行动计划");
  CHECK(covering.issuers == V{"某市工业和信息化局"});  // the signature
  CHECK(covering.date == "2024-03-03");
  auto header_only = record(
      "标题：市某局关于某某的通知\n"
      "正文\n"
      "各区政府：\n"
      "　　现就有关事项通知如下。\n"
      "一、工作要求\n");
  CHECK(header_only.title == "市某局关于某某的通知");
}

TEST_CASE("issuers: bodies side by side in a title, a signature whose lines stand apart, the header's 发文机关") {
  auto joint = record(
      "某市发展和改革局 某市科学技术局 某市商务局关于印发某某措施的通知\n"
      "各区人民政府：\n");
  CHECK(joint.issuers == V{"某市发展和改革局", "某市科学技术局", "某市商务局"});
  auto signature = record(
      "各街道办事处：\n"
      "　　现将有关事项通知如下，请遵照执行。\n\n"
      "某区发展和改革局\n\n"
      "某区市场监督管理局\n\n"
      "2024年4月24日\n");
  CHECK(signature.issuers == V{"某区发展和改革局", "某区市场监督管理局"});
  auto header = record(
      "发布机关：某市市场监督管理局\n"
      "某市促进某某产业发展的扶持办法\n"
      "第一条　为促进发展，制定本办法。\n");
  CHECK(header.issuers == V{"某市市场监督管理局"});
}

TEST_CASE("addressees: split on ，, and on 、 between complete addressees — a word alone widens the one before") {
  const auto& l = lex();
  CHECK(extract::split_addressees("各省、自治区、直辖市人民政府，国务院各部委、各直属机构", l) ==
        V{"各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"});
  CHECK(extract::split_addressees("各县（区）人民政府，市直有关部门、单位", l) ==
        V{"各县（区）人民政府", "市直有关部门、单位"});
  CHECK(extract::split_addressees("各街道办事处、区府直属各单位", l) == V{"各街道办事处", "区府直属各单位"});
}

TEST_CASE("addressees: a collective whose parts share one tail is kept whole, never completed") {
  const auto& l = lex();
  CHECK(extract::split_addressees("各市州、县市区人民政府，省政府各厅委", l) ==
        V{"各市州、县市区人民政府", "省政府各厅委"});
  CHECK(extract::split_addressees("各盟市、旗县区人民政府", l) == V{"各盟市、旗县区人民政府"});
  CHECK(extract::split_addressees("各市农业农村局、财政局、水利局", l) == V{"各市农业农村局、财政局、水利局"});
  // Heads that are no names on their own share the last one's tail.
  CHECK(extract::split_addressees("各省、自治区、直辖市及计划单列市、新疆生产建设兵团工业和信息化主管部门", l) ==
        V{"各省、自治区、直辖市及计划单列市、新疆生产建设兵团工业和信息化主管部门"});
  CHECK(extract::split_addressees("各市人民政府，省政府各部门、各直属机构", l) ==
        V{"各市人民政府", "省政府各部门", "各直属机构"});
  // A unit word alone (管委会) widens the name before it, as 单位 does.
  CHECK(extract::split_addressees("宜昌高新区党工委、管委会", l) == V{"宜昌高新区党工委、管委会"});
}

TEST_CASE("issuers: a signature after the attachment list — 等N部门 in the title is a count, no name") {
  const auto r = record(
      "某省农业农村厅等3部门关于推进某某工作的通知\n"
      "各市农业农村局、财政局、水利局：\n"
      "一、目标任务\n"
      "2024年新建项目30个。\n"
      "附件：2024年任务分配表\n"
      "\n"
      "某省农业农村厅　　某省财政厅\n"
      "某省水利厅\n"
      "2024年2月18日\n");
  CHECK(r.issuers == V{"某省农业农村厅", "某省财政厅", "某省水利厅"});
  CHECK(r.date == "2024-02-18");
  CHECK(r.addressees == V{"各市农业农村局、财政局、水利局"});
}

TEST_CASE("validity: a period's start may carry 起, an end may follow the start, 试行 starts and 试行期 is a term") {
  struct Case {
    const char* text;
    const char* from;
    const char* until;
  };
  for (const Case& c : {Case{"第一条　本办法有效期自2025年1月1日起至2029年12月31日止。\n", "2025-01-01", "2029-12-31"},
                        Case{"第一条　本办法有效期为2025年1月1日至2029年12月31日。\n", "2025-01-01", "2029-12-31"},
                        Case{"一、本通知自2025年1月1日起执行，至2025年12月31日止。\n", "2025-01-01", "2025-12-31"},
                        Case{"第一条　本办法自2025年3月1日起试行，试行期两年。\n", "2025-03-01", "2027-03-01"}}) {
    INFO(c.text);
    const Validity v = record(c.text).validity;
    CHECK(v.from == std::optional<std::string>(c.from));
    CHECK(v.until == std::optional<std::string>(c.until));
  }
  // The term is the document's, no target.
  for (const auto& cl : record("第一条　本办法自2025年3月1日起试行，试行期两年。\n").clauses) CHECK(cl.targets.empty());
}

TEST_CASE("validity: every form of coming into force and lapsing") {
  auto v = [](const std::string& text, std::optional<std::string> date = std::nullopt) {
    DocumentRecord r = record(text);
    if (date) {  // the signed date, as a signature line gives it
      r = record(text + "\n某某局\n" + *date + "\n");
    }
    return r.validity;
  };
  auto a = v("第二十条　本办法自2025年3月1日起施行。\n");
  CHECK(a.from == "2025-03-01");
  CHECK_FALSE(a.until);
  auto b = v("一、总则\n（一）本方案自印发之日起施行，有效期至2028年6月30日止。", "2025年6月30日");
  CHECK(b.from == "2025-06-30");  // 印发之日: the document's own date
  CHECK(b.until == "2028-06-30");
  auto c = v("一、总则\n（一）本措施自发布之日起施行，有效期两年。", "2024年2月29日");
  CHECK(c.from == "2024-02-29");
  CHECK(c.until == "2026-02-29");  // the second anniversary, as sites record it
  auto d = v("一、任务\n（一）加大补贴力度，政策执行期限至2026年6月底。\n");
  CHECK(d.until == "2026-06");
  auto e = v("一、总则\n（一）本办法执行期自2024年1月1日至2025年12月31日。\n");
  CHECK(e.from == "2024-01-01");
  CHECK(e.until == "2025-12-31");
  auto f = v("一、附则\n（一）本政策自2023年开始执行。\n");
  CHECK(f.from == "2023");
}

TEST_CASE("validity: 有效期…的 qualifies a noun and 有效期内 a span: no validity there") {
  auto r = record(
      "一、措施\n（一）签发最长有效期5年的工作类居留许可。政策有效期内最多奖励3个项目。\n");
  CHECK(r.validity.empty());
}

TEST_CASE("validity: the header fills what the body does not say — the body wins") {
  auto r = record(
      "政策文号：某府规〔2024〕2号\n"
      "实施日期：2024-05-01\n"
      "失效日期：2025-01-01\n"
      "文件状态：已失效\n"
      "正文\n"
      "某区促进某某发展的若干措施\n"
      "一、措施\n"
      "（一）本措施自印发之日起施行，有效期3年。\n");
  CHECK(r.validity.from == "2024-05-01");   // 印发之日 with no date in the body: the header's
  CHECK(r.validity.until == "2027-05-01");  // the body's 3 years, not the header's date
  CHECK(r.validity.status == "expired");
}

TEST_CASE("region: a district's document resolves 区… names to that district's bodies") {
  auto r = record(
      "广州市黄埔区人民政府关于某某的通知\n"
      "各街道办事处：\n"
      "一、任务\n"
      "（一）推进建设。（牵头单位：区科技局）\n");
  const Clause* c = nullptr;
  for (const Clause& k : r.clauses)
    if (!k.units.empty()) c = &k;
  REQUIRE(c);
  REQUIRE(c->units[0].canonical);
  CHECK(*c->units[0].canonical == "广州市黄埔区科学技术局");
}

TEST_CASE("date: the signing date line is found under lines with 年 or 日 alone, or their bytes in other characters") {
  // 年 is E5 B9 B4, 日 E6 97 A5: 幵 (E5 B9 B5) and 旦 (E6 97 A6) share all
  // but their last byte with them, 弴 (E5 BC B4) that last byte; a date line
  // needs both whole characters.
  auto r = record(
      "某市人民政府关于某事项的通知\n"
      "各区人民政府：\n"
      "现将有关事项通知如下。\n"
      "某市人民政府\n"
      "二〇二三年十二月五日\n"
      "（此件公开发布）\n"
      "幵弴旦\n"
      "年月\n"
      "日\n");
  CHECK(r.date == "2023-12-05");
  auto ascii_first = record(
      "某市人民政府关于某事项的通知\n"
      "各区人民政府：\n"
      "现将有关事项通知如下。\n"
      "某市人民政府\n"
      "2024年1月9日\n");
  CHECK(ascii_first.date == "2024-01-09");
}

TEST_CASE("title: draft markers go in either bracket — a title without brackets keeps the word") {
  auto half = record("某市数据条例(草案)\n\n为规范数据管理，制定本条例。\n第一条 目的\n");
  CHECK(half.title == "某市数据条例");
  auto full = record("某市数据条例（送审稿）\n\n为规范数据管理，制定本条例。\n第一条 目的\n");
  CHECK(full.title == "某市数据条例");
  auto none = record("某市草案管理办法\n\n为规范草案管理，制定本办法。\n第一条 目的\n");
  CHECK(none.title == "某市草案管理办法");
}
