// The label recognizer: every rung of the heading ladder, and the look-alikes
// that are not labels.
#include <catch2/catch.hpp>

#include "policy/structure/label.h"

using namespace policy::structure;

namespace {
LabelKind kind_of(std::string_view line) { return recognize_label(line)->kind; }
}  // namespace

TEST_CASE("labels of every rung are recognized, with the label as written") {
  struct Case {
    const char* line;
    LabelKind kind;
    long number;
    const char* text;
  } cases[] = {
      {"一、总体要求", LabelKind::cn, 1, "一"},
      {"十二、保障措施", LabelKind::cn, 12, "十二"},
      {"（三）突出关键技术领域标准研制。", LabelKind::paren_cn, 3, "（三）"},
      {"(二十一)优化标准供给结构。", LabelKind::paren_cn, 21, "(二十一)"},
      {"1.转变标准供给方式。", LabelKind::arabic, 1, "1"},
      {"17．加强寄递物流设施标准化建设。", LabelKind::arabic, 17, "17"},
      {"3、编制发布", LabelKind::arabic, 3, "3"},
      {"4﹒推进", LabelKind::arabic, 4, "4"},
      {"１．全角数字", LabelKind::arabic, 1, "１"},
      {"（1）资金支持", LabelKind::paren_arabic, 1, "（1）"},
      {"(12)其他", LabelKind::paren_arabic, 12, "(12)"},
      {"①一是", LabelKind::circled, 1, "①"},
      {"第一章　总则", LabelKind::chapter, 1, "第一章"},
      {"第二节 标准制定", LabelKind::section, 2, "第二节"},
      {"第二十三条 本办法自发布之日起施行。", LabelKind::article, 23, "第二十三条"},
      {"第5条 数字写的条", LabelKind::article, 5, "第5条"},
      {"专栏一 农业农村标准化重点", LabelKind::box, 1, "专栏一"},
      {"附件", LabelKind::attachment, 0, "附件"},
      {"附件2：", LabelKind::attachment, 2, "附件2"},
      {"附件2    2021-2023各行业文件汇总", LabelKind::attachment, 2, "附件2"},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    auto l = recognize_label(c.line);
    REQUIRE(l);
    CHECK(l->kind == c.kind);
    CHECK(l->number == c.number);
    CHECK(l->text == c.text);
  }
}

TEST_CASE("indentation before a label is allowed — the body starts after the punctuation") {
  std::string line = "\t　　（一）指导思想。";
  auto l = recognize_label(line);
  REQUIRE(l);
  CHECK(line.substr(l->begin, l->end - l->begin) == "（一）");
  CHECK(line.substr(l->body) == "指导思想。");
  CHECK(heading_after(line, *l) == "指导思想");
}

TEST_CASE("look-alikes are not labels") {
  for (const char* line : {"一是加强组织领导", "1.5万家企业", "2025年前完成", "2023.12市城管委",
                           "一、二、三产业融合发展", "第一次会议", "第三方机构", "附件所列清单",
                           "十分重要", "（2016-2020年）", "98%以上", "专栏", "注：本表"}) {
    INFO(line);
    CHECK_FALSE(recognize_label(line).has_value());
  }
}

TEST_CASE("a note block labels the item after 注：") {
  std::string line = "注：1.标准化建设整体工作由市商务局负责。";
  auto l = recognize_label(line);
  REQUIRE(l);
  CHECK(l->kind == LabelKind::arabic);
  CHECK(l->text == "1");
  CHECK(line.substr(0, l->begin) == "注：");
}

TEST_CASE("stray characters after an article label stay out of it") {
  std::string line = "第一条?为了规范标准化工作";
  auto l = recognize_label(line);
  REQUIRE(l);
  CHECK(l->text == "第一条");
  CHECK(line.substr(l->body) == "为了规范标准化工作");
}

TEST_CASE("an article title in brackets is the heading") {
  std::string line = "第五条 【强化用地保障】优先保障项目用地。";
  auto l = recognize_label(line);
  REQUIRE(l);
  CHECK(heading_after(line, *l) == "强化用地保障");
}

TEST_CASE("a chapter heading may share its line with the first article") {
  std::string line = "第一章　总则　　第一条　为了规范标准化工作，制定本办法。";
  auto l = recognize_label(line);
  REQUIRE(l);
  CHECK(l->kind == LabelKind::chapter);
  std::size_t next = next_label_on_line(line, *l);
  REQUIRE(next != std::string::npos);
  CHECK(line.substr(next, 9) == "第一条");
  CHECK(heading_after(line, *l) == "总则");
  CHECK(kind_of(line.substr(next)) == LabelKind::article);
  // An article mentioned mid-sentence is no label.
  std::string prose = "第二章 管理 依照第三条执行";
  auto p = recognize_label(prose);
  REQUIRE(p);
  CHECK(next_label_on_line(prose, *p) == std::string::npos);
}

TEST_CASE("labels: what the first 24 characters after the blanks decide, near and at that bound") {
  // Blanks after 附件 run past the 24 characters a label is read from: the
  // body starts where the reading stopped (2 + 22 characters, 28 bytes).
  auto l = recognize_label("附件" + std::string(30, ' ') + "标题");
  REQUIRE(l);
  CHECK(l->kind == LabelKind::attachment);
  CHECK(l->body == 28);
  // Blanks up to the line's end: the body is the end.
  auto bare = recognize_label("附件   ");
  REQUIRE(bare);
  CHECK(bare->body == 9);
  // A label that ends the line, and ones told apart at their second character.
  auto end = recognize_label("（十二）");
  REQUIRE(end);
  CHECK(end->number == 12);
  CHECK(end->body == 12);
  CHECK_FALSE(recognize_label("一一对应"));
  CHECK_FALSE(recognize_label("2023.12"));
  CHECK_FALSE(recognize_label("第"));
  // 第…章 with a section after blanks on the same line, found past the label.
  auto ch = recognize_label("第一章　总则　第一节　目的");
  REQUIRE(ch);
  CHECK(next_label_on_line("第一章　总则　第一节　目的", *ch) == 21);  // 9 + 3 + 6 + 3 bytes
}
