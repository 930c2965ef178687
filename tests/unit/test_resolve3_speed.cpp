// The answers analyze() keeps from one document to the next (unit lookups
// by context, table columns, issuer cells) and from one table row to the
// next (the columns of the same views) are the answers the document gets
// read alone, against tables of its own that no other document shares.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "helpers.h"
#include "policy/extract/doc_fields.h"
#include "policy/extract/extract.h"
#include "policy/text/fold.h"
#include "policy/print/document_json.h"

using namespace policy;

namespace {

// Documents of several regions that name the same departments (省… 市… 区…
// read differently in each), with task tables and summary tables whose
// columns and issuer cells repeat from row to row and document to document.
std::vector<std::string> random_documents(std::size_t count, unsigned seed) {
  const std::vector<std::string> regions = {"湖北省武汉市", "广东省广州市黄埔区", "江苏省南京市", "安徽省合肥市",
                                            "北京市朝阳区", "湖北省", "", "四川省成都市", "鄂州市", "吉林省长春市"};
  const std::vector<std::string> units = {
      "市发改委",   "省科技厅", "市财政局",     "区科技局",           "市市场监管局", "省经信厅",
      "市教育局",   "县政府",   "市卫健委",     "市发改委（市能源局）", "朝阳区科技局", "市数据局",
      "各区人民政府", "市商务局", "市人社局",   "广州市黄埔区科技局", "省人民政府",   "市 财政局"};
  const std::vector<std::string> role_columns = {"牵头单位", "责任单位", "配合单位", "责任部门", "牵头部门"};
  const std::vector<std::string> issuers = {"市委办公厅、\n市人民政府办公厅", "市发改委", "省科技厅、省财政厅",
                                            "同上", "市人民政府", "市经信局、市商务局"};
  std::mt19937 rng(seed);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& { return v[rng() % v.size()]; };
  auto unit_list = [&] {
    std::string s = pick(units);
    for (int n = static_cast<int>(rng() % 3); n > 0; --n) s += "、" + pick(units);
    return s;
  };
  std::vector<std::string> out;
  for (std::size_t d = 0; d < count; ++d) {
    const std::string region = pick(regions);
    std::string t = region + "人民政府办公厅关于印发标准化工作要点的通知\n\n";
    t += "各区人民政府，" + unit_list() + "：\n";
    t += "一、总体要求\n由" + unit_list() + "负责，" + unit_list() + "配合。\n";
    // A line that opens with units and 负责 names them only in a section on
    // the division of duties.
    t += std::string(rng() % 2 ? "二、职责分工" : "二、工作措施") + "\n（一）" + unit_list() + "牵头，2024年底前完成。\n";
    t += "（二）" + pick(units) + "负责统筹协调。\n";
    // A task table: its columns in one of two orders, the rows repeating them.
    const std::string role = pick(role_columns);
    const bool swapped = rng() % 2;
    t += "\n序号\t重点任务\t" + (swapped ? "完成时限\t" + role : role + "\t完成时限") + "\n";
    for (int r = 1 + static_cast<int>(rng() % 4); r > 0; --r) {
      const std::string who = unit_list(), task = "开展评估，由" + pick(units) + "申报";
      t += std::to_string(r) + "\t" + task + "\t" + (swapped ? "2024年6月\t" + who : who + "\t2024年6月") + "\n";
    }
    if (rng() % 2) {
      t += "\n附件\n\t文件汇总\n\t\t序号\n\t\t文件名称\n\t\t文号\n\t\t发文单位\n\t\t行业主管部门\n\t\n";
      for (int r = 1; r <= 1 + static_cast<int>(rng() % 3); ++r)
        t += "\t\t" + std::to_string(r) + "\n\t\t关于印发某方案的通知\n\t\t国办发〔2021〕" + std::to_string(r) +
             "号\n\t\t" + pick(issuers) + "\n\t\t" + unit_list() + "\n\t\n";
    }
    t += "\n" + region + "人民政府办公厅\n2024年3月1日\n";
    out.push_back(std::move(t));
  }
  return out;
}

// The issuers of each table row as the plain rule reads them: the cell of
// the first column the lexicon calls an issuer column, split; 同上 repeats
// the row before.
std::vector<std::vector<std::string>> row_issuers(const DocumentRecord& r) {
  const auto& lex = lexicon::Lexicon::builtin();
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> previous;
  for (const Clause& c : r.clauses) {
    if (c.kind != ClauseKind::table_row) continue;
    std::vector<std::string> issuers;
    for (const auto& [column, cell] : c.fields) {
      if (!lex.column_has(text::fold(column), lexicon::ColumnKind::issuer)) continue;
      const std::string_view v = utf8::trim(cell);
      issuers = v == "同上" || v == "同上。" ? previous : extract::split_bodies(cell, lex);
      break;
    }
    out.push_back(issuers);
    previous = std::move(issuers);
  }
  return out;
}

std::vector<std::vector<std::string>> issuers_of_rows(const DocumentRecord& r) {
  std::vector<std::vector<std::string>> out;
  for (const Clause& c : r.clauses)
    if (c.kind == ClauseKind::table_row) out.push_back(c.issuers);
  return out;
}

std::string json(const DocumentRecord& r) {
  std::string s;
  print::append_document_json(s, r);
  return s;
}

}  // namespace

TEST_CASE("extract: what earlier documents and rows answered is what the document's own tables answer") {
  // The same tables as the built-in ones, in objects of their own: analyze()
  // reads each document afresh with them.
  const std::string empty = testing::temp_path("resolve3-empty");
  std::filesystem::create_directories(empty);
  auto own_gazetteer = gazetteer::Gazetteer::with_overlay(empty);
  auto own_lexicon = lexicon::Lexicon::with_overlay(empty);
  REQUIRE(own_gazetteer);
  REQUIRE(own_lexicon);
  extract::Options alone;
  alone.gazetteer = &own_gazetteer.value();
  alone.lexicon = &own_lexicon.value();

  const auto texts = random_documents(400, 7);
  std::vector<std::string> expected;
  for (const auto& t : texts) expected.push_back(json(extract::analyze(testing::doc(t), alone)));
  // With the built-in tables, in one order and then the other: every
  // document after the first meets answers kept from others.
  std::size_t units = 0, issuers = 0;
  for (std::size_t k = 0; k < texts.size(); ++k) {
    const DocumentRecord r = extract::analyze(testing::doc(texts[k]));
    for (const Clause& c : r.clauses) {
      units += c.units.size();
      issuers += c.issuers.size();
    }
    INFO(texts[k]);
    REQUIRE(json(r) == expected[k]);
    // Each row's columns, whatever table came before it.
    REQUIRE(issuers_of_rows(r) == row_issuers(r));
  }
  for (std::size_t k = texts.size(); k-- > 0;) {
    INFO(texts[k]);
    REQUIRE(json(extract::analyze(testing::doc(texts[k]))) == expected[k]);
  }
  CHECK(units > 2000);  // the documents do name units
  CHECK(issuers > 100);  // and issuers
}
