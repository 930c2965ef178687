#include "policy/extract/doc_fields.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "policy/core/strings.h"
#include "policy/extract/doc_numbers.h"
#include "policy/extract/unit_names.h"
#include "policy/structure/label.h"
#include "policy/text/fold.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace {

using lexicon::Class;


const RE2& date_re() {
  static const RE2 re(
      R"(((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,4})\s*日)");
  return re;
}
const RE2& dashed_date_re() {
  static const RE2 re(R"(((?:19|20)\d{2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2}))");
  return re;
}

int number_of(std::string_view s) {
  if (auto v = text::parse_digits(s)) return static_cast<int>(*v);
  if (auto v = text::parse_chinese_integer(s)) return static_cast<int>(*v);
  return 0;
}

struct Header {
  std::string key, value;
};

// A header line of a legal database or web page: a key of
// data/lexicon/headers.tsv, then ：.
std::optional<Header> header_line(std::string_view line, const Lexicon& lex) {
  std::string_view l = utf8::trim(line);
  if (starts_with(l, "【法宝引证码】")) return Header{"法宝引证码", std::string(l)};
  const auto* k = lex.words(Class::header_key).starts(text::fold(l.substr(0, 60)));
  if (!k) return std::nullopt;
  std::size_t i = 0;  // past the key as written (its characters fold one to one)
  for (std::size_t n = utf8::length(k->text); n > 0 && i < l.size(); --n) utf8::next(l, i);
  std::string_view rest = utf8::trim_left(l.substr(i));
  if (starts_with(rest, "：")) rest.remove_prefix(3);
  else if (starts_with(rest, ":")) rest.remove_prefix(1);
  else return std::nullopt;
  return Header{k->text, std::string(utf8::trim(rest))};
}

bool is_date_only(std::string_view line) {
  // A full date has 年, 月 and 日; most lines have not (checked before folding).
  if (line.find("年") == std::string_view::npos || line.find("日") == std::string_view::npos)
    return false;
  std::string f = text::fold(utf8::trim(line));
  re2::StringPiece m;
  if (!date_re().Match(f, 0, f.size(), RE2::UNANCHORED, &m, 1)) return false;
  std::string rest = f.substr(0, m.data() - f.data()) + f.substr(m.data() - f.data() + m.size());
  for (char c : rest)
    if (c != ' ' && c != '(' && c != ')') return false;
  return true;
}

bool is_doc_number_only(std::string_view line, const gazetteer::Gazetteer& g, const Lexicon& lex) {
  auto nums = find_doc_numbers(line, g, lex);
  if (nums.empty()) return false;
  std::string rest(line.substr(0, nums.front().begin));
  rest += line.substr(nums.front().end);
  std::string_view r = utf8::trim(rest);
  return r.empty() || r == "发文字号：" || r == "文号：";
}

// 各市、州、县人民政府，省政府各部门：
bool is_addressee_line(std::string_view line, const Lexicon& lex) {
  std::string_view l = utf8::trim(line);
  if (!(ends_with(l, "：") || ends_with(l, ":"))) return false;
  l = ends_with(l, "：") ? l.substr(0, l.size() - 3) : l.substr(0, l.size() - 1);
  if (l.empty() || utf8::length(l) > 100 || l.find("。") != std::string_view::npos) return false;
  if (header_line(line, lex)) return false;
  return starts_with(l, "各") || !split_unit_list(l, ListMode::strict, lex).empty();
}

bool is_marker(std::string_view l, const Lexicon& lex) {
  const std::string f = text::fold(l);
  const auto& markers = lex.words(Class::marker_publication);
  return markers.starts(f) || (starts_with(f, "(") && markers.occurs_in(f));
}

// （2022年9月28日武汉市第十五届人民代表大会常务委员会第四次会议通过）: the
// note under a regulation's title says when it was adopted; it is no part of
// the title (unlike a plan period on its own line, （2023—2025年）).
bool is_adoption_note(std::string_view l, const Lexicon& lex) {
  const std::string f = text::fold(l);
  const bool bracketed = starts_with(f, "(") && ends_with(f, ")");
  if (!bracketed || !parse_full_date(l)) return false;
  return lex.words(Class::marker_adoption).occurs_in(f);
}

bool is_title_like(std::string_view l) {
  if (l.empty() || utf8::length(l) > 60) return false;
  if (l.find("。") != std::string_view::npos) return false;
  if (ends_with(l, "：") || ends_with(l, ":") || ends_with(l, "；") || ends_with(l, "，")) return false;
  return true;
}

std::string strip_draft(std::string s, const Lexicon& lex) {
  for (const auto& word : lex.words(Class::marker_draft).all()) {
    const std::string_view w = word.text;
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"（", "）"}, {"(", ")"}}) {
      std::string marker = std::string(open) + std::string(w) + std::string(close);
      std::size_t p;
      while ((p = s.find(marker)) != std::string::npos) s.erase(p, marker.size());
    }
  }
  return std::string(utf8::trim(s));
}

// Joint issuers written side by side, blanks between them:
// 市场监管总局　国家发展改革委　工业和信息化部.
std::vector<std::string> side_by_side_bodies(std::string_view line, const Lexicon& lex) {
  std::string list;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t s = i;
    char32_t c = utf8::next(line, i);
    if (utf8::is_space(c)) {
      if (!list.empty() && !ends_with(list, "、")) list += "、";
    } else {
      list.append(line.substr(s, i - s));
    }
  }
  return split_unit_list(list, ListMode::strict, lex);
}

// Issuers before 关于 in a title: 省人民政府关于… / 中共中央 国务院关于….
std::vector<std::string> title_issuers(std::string_view title, const Lexicon& lex) {
  std::size_t p = title.find("关于");
  if (p == std::string_view::npos || p == 0) return {};
  return side_by_side_bodies(utf8::trim(title.substr(0, p)), lex);
}

std::string name_key(const std::string& name, const gazetteer::Gazetteer& g,
                     const gazetteer::Context& ctx) {
  if (auto u = g.lookup_unit(name, ctx)) return u->canonical;
  std::string s = utf8::squash(name);
  std::size_t len = 0;
  if (auto reg = g.region_prefix(s, &len)) {
    // 湖北省人民政府 and 省人民政府 in a Hubei document are one body.
    s = reg->name + s.substr(len);
  } else if (starts_with(s, "省") && !ctx.province.empty()) {
    s = ctx.province + s.substr(3);
  } else if (starts_with(s, "市") && !ctx.city.empty()) {
    s = ctx.city + s.substr(3);
  }
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"省政府", "省人民政府"},
                          {"市政府", "市人民政府"}}) {
    std::size_t p = s.find(from);
    if (p != std::string::npos) s.replace(p, from.size(), to);
  }
  return s;
}

gazetteer::Context find_region(const text::Document& doc, const std::string& title,
                               const gazetteer::Gazetteer& g, const std::string& self_code) {
  gazetteer::Context ctx;
  auto apply = [&](const gazetteer::Region& r) {
    if (r.level == "city") {
      if (ctx.city.empty()) ctx.city = r.name;
      if (ctx.province.empty()) ctx.province = r.parent;
    } else if (ctx.province.empty()) {
      ctx.province = r.name;
    }
  };
  if (!self_code.empty())
    if (auto r = g.region_of_code(self_code)) apply(*r);
  for (const auto& [r, n] : g.regions_in(title)) apply(r);
  // Otherwise the region the text names most often (in its first part).
  auto counts = g.regions_in(std::string_view(doc.text()).substr(0, 8000));
  const gazetteer::Region* best_city = nullptr;
  const gazetteer::Region* best_province = nullptr;
  int city_n = 1, province_n = 0;  // a city must be named at least twice
  for (const auto& [region, n] : counts) {
    if (region.level == "city" && n > city_n) {
      city_n = n;
      best_city = &region;
    } else if (region.level == "province" && n > province_n) {
      province_n = n;
      best_province = &region;
    }
  }
  if (best_city) apply(*best_city);
  if (best_province) apply(*best_province);
  return ctx;
}

}  // namespace

std::optional<std::string> parse_full_date(std::string_view text) {
  std::string f = text::fold(text);
  re2::StringPiece y, m, d;
  if (RE2::PartialMatch(f, date_re(), &y, &m, &d) ||
      RE2::PartialMatch(f, dashed_date_re(), &y, &m, &d)) {
    int year = number_of({y.data(), y.size()});
    int month = number_of({m.data(), m.size()});
    int day = number_of({d.data(), d.size()});
    if (year >= 1949 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)
      return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
  }
  return std::nullopt;
}

std::vector<std::string> split_bodies(std::string_view list, const Lexicon& lex) {
  std::string s(utf8::trim(list));
  if (const auto* tail = lex.words(Class::marker_joint_tail).ends(s); tail && s.size() > tail->text.size())
    s.resize(s.size() - tail->text.size());
  return split_unit_list(s, ListMode::liberal, lex);
}

DocFields find_doc_fields(const text::Document& doc, const std::vector<Clause>& clauses,
                          const std::vector<structure::Table>& tables,
                          const gazetteer::Gazetteer& g, const Lexicon& lex, const std::string& self_code) {
  DocFields out;
  // The top of the document: up to the first clause that is body text, or
  // the first table.
  std::size_t last_line = std::min<std::size_t>(doc.line_count(), 60);
  if (!tables.empty() && tables.front().line_first > 0)
    last_line = std::min(last_line, tables.front().line_first - 1);
  for (const Clause& c : clauses) {
    if (c.kind == ClauseKind::preamble || c.kind == ClauseKind::attachment) continue;
    last_line = std::min(last_line, c.line_start > 0 ? c.line_start - 1 : 0);
    break;
  }

  std::map<std::string, std::string> headers;
  std::vector<std::string> blocks;  // title-like blocks, in order
  std::string block;
  std::vector<std::string> masthead;
  bool covering = false;
  std::size_t blocks_before_addressee = 0;
  std::optional<std::string> adopted;  // the date of an adoption note under the title
  auto flush = [&]() {
    if (!block.empty()) blocks.push_back(block);
    block.clear();
  };
  // Lines a document number covers, also one broken over lines (…令\n（第19号）).
  std::vector<bool> number_line(last_line + 2, false);
  if (last_line > 0) {
    std::size_t top_end = last_line < doc.line_count() ? doc.line_begin(last_line + 1) : doc.text().size();
    for (const auto& m : find_doc_numbers(std::string_view(doc.text()).substr(0, top_end), g, lex)) {
      std::size_t a = doc.line_of(m.begin), b = doc.line_of(m.end > m.begin ? m.end - 1 : m.begin);
      // Only lines that hold nothing else: a number cited in a sentence does not count.
      std::string rest(std::string_view(doc.text()).substr(doc.line_begin(a), m.begin - doc.line_begin(a)));
      rest += std::string_view(doc.text()).substr(m.end, doc.line_end(b) - std::min(doc.line_end(b), m.end));
      std::string_view r = utf8::trim(rest);
      if (r.empty() || r == "发文字号：" || r == "文号：")
        for (std::size_t n = a; n <= b && n < number_line.size(); ++n) number_line[n] = true;
    }
  }
  std::size_t block_end = 0;  // last line of the block being collected
  for (std::size_t n = 1; n <= last_line; ++n) {
    std::string_view line = utf8::trim(doc.line(n));
    if (line.empty()) {
      flush();
      continue;
    }
    if (number_line[n]) {
      flush();
      continue;
    }
    if (is_date_only(line)) {
      // Short lines right above a date are a signature, not a title.
      if (!block.empty() && block_end + 1 == n) block.clear();
      flush();
      continue;
    }
    if (auto l = structure::recognize_label(line)) {
      if (l->kind != structure::LabelKind::attachment) break;
      line = utf8::trim(line.substr(l->body));
      flush();
      if (line.empty()) continue;
    }
    if (auto h = header_line(line, lex)) {
      headers.emplace(h->key, h->value);
      flush();
      continue;
    }
    if (const auto* m = lex.words(Class::marker_masthead).ends(line);
        m && utf8::length(line) <= 30 && blocks.empty() && block.empty()) {
      masthead.emplace_back(line.substr(0, line.size() - m->text.size()));
      continue;
    }
    if (is_doc_number_only(line, g, lex) || is_marker(line, lex)) {
      flush();
      continue;
    }
    if (is_adoption_note(line, lex)) {
      flush();
      if (!adopted) adopted = parse_full_date(line);
      continue;
    }
    if (is_addressee_line(line, lex)) {
      flush();
      if (out.addressees.empty()) {
        std::string_view body = ends_with(line, "：") ? line.substr(0, line.size() - 3)
                                                      : line.substr(0, line.size() - 1);
        out.addressees = split_bodies(body, lex);
        if (blocks.empty()) covering = true;
        blocks_before_addressee = blocks.size();
      }
      continue;
    }
    if (is_title_like(line)) {
      block += std::string(line);
      block_end = n;
      continue;
    }
    flush();
  }
  flush();

  // The title: the first block; for a covering notice, the plan it transmits.
  std::optional<std::string> title;
  if (!covering && !blocks.empty()) title = blocks.front();
  if (covering && blocks.size() > blocks_before_addressee) title = blocks[blocks_before_addressee];
  if (!title) {
    auto h = headers.find("标题");
    if (h != headers.end()) title = h->second;
  }
  if (!title && covering) {
    // …《湖北省标准化体系建设发展规划（2016-2020年）》已经省人民政府同意，现印发给你们
    std::string_view top = std::string_view(doc.text()).substr(
        0, last_line < doc.line_count() ? doc.line_begin(last_line + 1) : doc.text().size());
    std::size_t a = top.find("《"), b = top.find("》");
    if (a != std::string_view::npos && b != std::string_view::npos && b > a)
      title = std::string(top.substr(a + 3, b - a - 3));
  }
  if (title) {
    std::string t = strip_draft(*title, lex);
    if (!t.empty()) out.title = t;
  }

  // The signing date: the last date line before the first attachment (a
  // covering notice dates itself before the plan it carries).
  std::size_t body_end = doc.line_count();
  for (const Clause& c : clauses) {
    if (c.kind == ClauseKind::attachment && c.line_start > 1) {
      body_end = c.line_start - 1;
      break;
    }
  }
  std::size_t date_line = 0;
  for (std::size_t n = body_end; n >= 1; --n) {
    std::string_view l = doc.line(n);
    if (utf8::length(l) <= 40 && is_date_only(l)) {
      date_line = n;
      break;
    }
  }
  if (date_line) out.date = parse_full_date(doc.line(date_line));
  if (!out.date) {
    for (const char* k : {"成文日期", "印发日期", "发布日期"}) {
      auto h = headers.find(k);
      if (h != headers.end())
        if ((out.date = parse_full_date(h->second))) break;
    }
  }
  // A regulation carries no signature; the date it was adopted stands in.
  if (!out.date) out.date = adopted;
  if (auto h = headers.find("发文字号"); h != headers.end()) out.header_doc_number = h->second;
  else if (auto h2 = headers.find("文号"); h2 != headers.end()) out.header_doc_number = h2->second;

  out.region = find_region(doc, out.title.value_or(""), g, self_code);

  // Issuers: the title, the signature above the date, the masthead, a header
  // line; failing those, the agency code of the document's own number.
  std::vector<std::string> candidates;
  if (out.title) {
    auto t = title_issuers(*out.title, lex);
    candidates.insert(candidates.end(), t.begin(), t.end());
  }
  if (date_line) {
    std::vector<std::string> signature;
    std::size_t seen = 0;
    for (std::size_t n = date_line - 1; n >= 1 && seen < 3; --n) {
      std::string_view l = utf8::trim(doc.line(n));
      if (l.empty()) {
        if (!signature.empty()) break;
        continue;
      }
      ++seen;
      if (utf8::length(l) > 40 || l.find("。") != std::string_view::npos) break;
      auto names = side_by_side_bodies(l, lex);
      if (names.empty()) break;
      signature.insert(signature.begin(), names.begin(), names.end());
    }
    candidates.insert(candidates.end(), signature.begin(), signature.end());
  }
  for (const auto& m : masthead) {
    auto names = split_unit_list(m, ListMode::strict, lex);
    candidates.insert(candidates.end(), names.begin(), names.end());
  }
  for (const char* k : {"发文机关", "发布机关", "发文单位", "发布部门"}) {
    auto h = headers.find(k);
    if (h == headers.end()) continue;
    auto names = split_bodies(h->second, lex);
    candidates.insert(candidates.end(), names.begin(), names.end());
  }
  // The agency code only when nothing names the issuer: what a code stands
  // for differs between provinces (川办发 is the government's general office,
  // 鄂办发 the party committee's).
  if (!self_code.empty() && candidates.empty()) {
    if (auto body = g.body_for_code(self_code)) candidates.push_back(*body);
    // An order is numbered by its issuer: 南京市人民政府令 -> 南京市人民政府.
    else if (ends_with(self_code, "令") && is_complete_unit(text::fold(self_code.substr(0, self_code.size() - 3)), lex))
      candidates.push_back(self_code.substr(0, self_code.size() - 3));
  }
  std::vector<std::string> keys;
  for (const auto& c : candidates) {
    std::string key = name_key(c, g, out.region);
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    keys.push_back(key);
    out.issuers.push_back(c);
  }

  for (const Clause& c : clauses)
    if (c.kind == ClauseKind::attachment) out.attachments.push_back(c.heading.empty() ? c.label : c.heading);
  return out;
}

}  // namespace policy::extract
