#include "policy/extract/doc_fields.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "policy/core/scratch.h"
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
using lexicon::HeaderField;

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

// A line that holds a document number and nothing else: 国办发〔2021〕51号,
// （皖开放办〔2022〕6号）, 发文字号：…
bool is_doc_number_only(std::string_view line, const gazetteer::Gazetteer& g, const Lexicon& lex) {
  auto nums = find_doc_numbers(line, g, lex);
  if (nums.empty()) return false;
  std::string rest(line.substr(0, nums.front().begin));
  rest += line.substr(nums.front().end);
  const std::string r = utf8::squash(text::fold(rest));
  return r.empty() || r == "()" || !structure::header_pairs(line, lex).empty();
}

// 各市、州、县人民政府，省政府各部门：
bool is_addressee_line(std::string_view line, const Lexicon& lex) {
  std::string_view l = utf8::trim(line);
  if (!(ends_with(l, "：") || ends_with(l, ":"))) return false;
  l = ends_with(l, "：") ? l.substr(0, l.size() - 3) : l.substr(0, l.size() - 1);
  if (l.empty() || l.size() > 400 || utf8::length(l) > 100 || l.find("。") != std::string_view::npos) return false;
  if (!structure::header_pairs(line, lex).empty()) return false;
  return starts_with(l, "各") || !split_unit_list(l, ListMode::strict, lex).empty();
}

// A top line folded once for the several tests that read it so. A line of
// megabytes (a document saved as one line) may drop its fold and fold again
// later: kept alive beside the line's document-number reading, which holds
// a fold of its own, it raised a one-line document's peak by 22 MB.
class FoldedLine {
 public:
  explicit FoldedLine(std::string_view line) : line_(line) {}
  std::string_view get() {
    if (!folded_) folded_ = text::fold(line_);
    return *folded_;
  }
  void drop_if_long() {
    if (line_.size() > kScratchKeepBytes) folded_.reset();
  }

 private:
  std::string_view line_;
  std::optional<std::string> folded_;
};

// On the line folded.
bool is_marker(std::string_view f, const Lexicon& lex) {
  const auto& markers = lex.words(Class::marker_publication);
  return markers.starts(f) || (starts_with(f, "(") && markers.occurs_in(f));
}

// （2022年9月28日武汉市第十五届人民代表大会常务委员会第四次会议通过）: the
// note under a regulation's title says when it was adopted; it is no part of
// the title (unlike a plan period on its own line, （2023—2025年）).
// `f` is the line `l` folded.
bool is_adoption_note(std::string_view l, std::string_view f, const Lexicon& lex) {
  const bool bracketed = starts_with(f, "(") && ends_with(f, ")");
  if (!bracketed || !parse_full_date(l)) return false;
  return lex.words(Class::marker_adoption).occurs_in(f);
}

// A line a title may be made of: not a sentence, not a list's head.
bool is_title_like(std::string_view l) {
  if (l.empty() || l.size() > 600 || utf8::length(l) > 160) return false;
  if (l.find("。") != std::string_view::npos) return false;
  if (ends_with(l, "：") || ends_with(l, ":") || ends_with(l, "；") || ends_with(l, "，")) return false;
  return true;
}

std::string strip_draft(std::string s, const Lexicon& lex) {
  // Every marker opens with a bracket: a title without one (most) has none,
  // and the markers need not be spelled out.
  if (s.find('(') == std::string::npos && s.find("（") == std::string::npos) return std::string(utf8::trim(s));
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

// A block that is only names of bodies: a red-header issuer line above the
// title, or a signature.
bool only_bodies(std::string_view block, const Lexicon& lex) {
  if (block.find("关于") != std::string_view::npos) return false;
  const auto names = side_by_side_bodies(block, lex);
  if (names.empty()) return false;
  std::string joined;
  for (const auto& n : names) joined += n;
  return utf8::squash(text::fold(joined)) == utf8::squash(text::fold(block));
}

// Two lines that say the same title (a database prints it twice, once with
// half-width brackets): the same after folding, blanks and dash kinds aside.
std::string folded_title_key(std::string_view folded) {
  std::string f = utf8::squash(folded);
  std::string out;
  std::size_t i = 0;
  while (i < f.size()) {
    const std::size_t b = i;
    const char32_t c = utf8::next(f, i);
    if (c == U'—' || c == U'–' || c == U'―' || c == U'－' || c == '-' || c == U'~' || c == U'〜') out += '-';
    else out.append(f, b, i - b);
  }
  return out;
}

std::string title_key(std::string_view s) { return folded_title_key(text::fold(s)); }

std::string name_key(const std::string& name, const gazetteer::Gazetteer& g, const gazetteer::Context& ctx) {
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
  return s;
}

// A title-like block at the top of the document.
struct Block {
  std::string text;
  std::size_t first = 0, last = 0;  // lines
  bool before_date = false;         // right above a date line: a signature
};

}  // namespace

bool is_date_only(std::string_view line) {
  // A full date has 年, 月 and 日; most lines have not (checked before folding).
  if (line.size() > 160 || !has_char3(line, "年") || !has_char3(line, "日")) return false;
  std::string f = text::fold(utf8::trim(line));
  re2::StringPiece m;
  if (!date_re().Match(f, 0, f.size(), RE2::UNANCHORED, &m, 1)) return false;
  std::string rest = f.substr(0, m.data() - f.data()) + f.substr(m.data() - f.data() + m.size());
  for (char c : rest)
    if (c != ' ' && c != '(' && c != ')') return false;
  return true;
}

std::size_t last_date_line(const text::Document& doc, std::size_t first, std::size_t last) {
  // A date line has 日 (E6 97 A5): only the lines that hold one are read,
  // found from the end by their last byte.
  first = std::max<std::size_t>(first, 1);
  if (first > last || last > doc.line_count()) return 0;
  const char* const text = doc.text().data();
  const std::size_t begin = doc.line_begin(first);
  std::size_t end = doc.line_end(last);
  while (end > begin) {
    const void* hit = memrchr(text + begin, 0xA5, end - begin);
    if (!hit) return 0;
    const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - text);
    // Another character's last byte (亥 is E4 BA A5): looked past, not its
    // line read (a line without 日 is no date line; one with it is found
    // by it).
    if (at < begin + 2 || text[at - 2] != '\xE6' || text[at - 1] != '\x97') {
      end = at;
      continue;
    }
    const std::size_t n = doc.line_of(at);
    if (is_date_only(doc.line(n))) return n;
    end = doc.line_begin(n);
  }
  return 0;
}

std::optional<std::string> parse_full_date(std::string_view text) {
  std::string f = text::fold(text);
  re2::StringPiece y, m, d;
  if (RE2::PartialMatch(f, date_re(), &y, &m, &d) || RE2::PartialMatch(f, dashed_date_re(), &y, &m, &d)) {
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

std::vector<std::string> split_addressees(std::string_view list, const Lexicon& lex) {
  // Each group between ， is one addressee or a list of them (国务院各部委、
  // 各直属机构); a bare word after 、 (市直有关部门、单位) belongs to the one before.
  std::vector<std::string> out;
  std::size_t start = 0;
  const std::string f(list);
  while (start <= f.size()) {
    std::size_t comma = std::string::npos;
    for (std::string_view sep : {"，", ",", "；", ";"}) comma = std::min(comma, f.find(sep, start));
    const std::string_view group =
        utf8::trim(std::string_view(f).substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!group.empty()) {
      auto names = split_bodies(group, lex);
      // Split only between complete addressees as written: a name the list
      // splitter made up by sharing a tail (各市州、县市区人民政府 → 各市州人民政府)
      // means the group is one collective, kept whole.
      const std::string squashed = utf8::squash(group);
      if (std::any_of(names.begin(), names.end(),
                      [&](const std::string& n) { return squashed.find(n) == std::string::npos; }))
        names.clear();
      // Nor does a group whose heads the splitter left out (各省、自治区、直辖市
      // 及计划单列市、新疆生产建设兵团工业和信息化主管部门: the heads share the
      // last one's tail): what the names leave is more than separators.
      if (!names.empty()) {
        std::string rest = squashed;
        for (const std::string& n : names)
          if (const std::size_t p = rest.find(n); p != std::string::npos) rest.erase(p, n.size());
        for (std::string_view sep : {"、", "和", "及", "与", ","})
          for (std::size_t p = rest.find(sep); p != std::string::npos; p = rest.find(sep)) rest.erase(p, sep.size());
        if (utf8::length(rest) > 2) names.clear();
      }
      // 各市农业农村局、财政局、水利局: bare departments after a 各… name are
      // that collective's too (each city's 财政局), not bodies of their own.
      auto bare_department = [&](std::string_view n) {
        const std::string f = text::fold(n);
        if (starts_with(f, "各") || lex.words(Class::name_admin).starts(f) || lex.words(Class::name_head).starts(f))
          return false;  // scoped: 省…, 区府…, 国家…
        return lex.words(Class::name_suffix).ends(f) && !lex.words(Class::name_place_end).ends(f);
      };
      if (names.size() > 1 && starts_with(names.front(), "各") &&
          std::any_of(names.begin() + 1, names.end(), bare_department))
        names.clear();
      if (names.empty()) names.emplace_back(squashed);
      // 部门、单位, 党工委、管委会: a word alone names nobody; it widens the
      // name before it.
      std::vector<std::string> merged;
      std::size_t at = 0;
      for (auto& n : names) {
        const std::size_t p = group.find(n, at);
        // (Also a unit word alone: 宜昌高新区党工委、管委会.)
        const bool bare = utf8::length(n) <= 2 || lex.words(Class::name_suffix).find(text::fold(n)) != nullptr;
        if (!merged.empty() && bare && p != std::string_view::npos) {
          merged.back() = utf8::squash(group.substr(group.find(merged.back().substr(0, 3)), p + n.size()));
        } else {
          merged.push_back(n);
        }
        if (p != std::string_view::npos) at = p + n.size();
      }
      // …、单位 after the last name.
      if (!merged.empty()) {
        const std::size_t last = group.rfind(names.back());
        if (last != std::string_view::npos) {
          std::string_view rest = group.substr(last + names.back().size());
          while (starts_with(rest, "、")) rest.remove_prefix(3);
          rest = utf8::trim(rest);
          if (!rest.empty() && utf8::length(rest) <= 2) merged.back() += "、" + std::string(rest);
        }
      }
      out.insert(out.end(), merged.begin(), merged.end());
    }
    if (comma == std::string::npos) break;
    start = comma + (f[comma] == ',' || f[comma] == ';' ? 1 : 3);
  }
  return out;
}

DocFields find_doc_fields(const text::Document& doc, const std::vector<Clause>& clauses,
                          const std::vector<structure::Table>& tables, const structure::Header& header,
                          const gazetteer::Gazetteer& g, const Lexicon& lex, const std::string& self_code) {
  DocFields out;
  // The top of the document: after its metadata header, up to the first
  // clause that is body text, or the first table.
  const std::size_t first_line = header.last_line + 1;
  std::size_t last_line = std::min<std::size_t>(doc.line_count(), header.last_line + 60);
  if (!tables.empty() && tables.front().line_first > 0)
    last_line = std::min(last_line, tables.front().line_first - 1);
  for (const Clause& c : clauses) {
    if (c.kind == ClauseKind::preamble || c.kind == ClauseKind::attachment) continue;
    last_line = std::min(last_line, c.line_start > 0 ? c.line_start - 1 : 0);
    break;
  }

  // Lines a document number covers, also one broken over lines (…令\n（第19号）).
  std::vector<bool> number_line(last_line + 2, false);
  if (last_line >= first_line) {
    const std::size_t top_begin = doc.line_begin(first_line);
    const std::size_t top_end = last_line < doc.line_count() ? doc.line_begin(last_line + 1) : doc.text().size();
    const std::string_view top = std::string_view(doc.text()).substr(top_begin, top_end - top_begin);
    for (const auto& m : find_doc_numbers(top, g, lex)) {
      const std::size_t a = doc.line_of(top_begin + m.begin), b = doc.line_of(top_begin + (m.end > m.begin ? m.end - 1 : m.begin));
      // Only lines that hold nothing else but brackets: a number cited in a
      // sentence does not count (nor is a long line read to its end).
      const std::string_view all = doc.text();
      std::string r;
      if (text::append_bare_folded(all.substr(doc.line_begin(a), top_begin + m.begin - doc.line_begin(a)), r, 2) &&
          text::append_bare_folded(all.substr(top_begin + m.end, doc.line_end(b) - std::min(doc.line_end(b), top_begin + m.end)), r, 2) &&
          (r.empty() || r == "()"))
        for (std::size_t n = a; n <= b && n < number_line.size(); ++n) number_line[n] = true;
    }
  }

  std::vector<Block> blocks;  // title-like blocks, in order
  Block block;
  std::vector<std::string> masthead;
  std::optional<std::size_t> addressee_at;  // blocks before the addressee line
  std::optional<std::string> adopted;        // the date of an adoption note under the title
  auto flush = [&] {
    if (!block.text.empty()) blocks.push_back(block);
    block = Block{};
  };
  // A title printed above the header (legal-database exports) is read too;
  // the header's own lines never are.
  const bool title_above = !header.empty() && header.first_line > 1;
  for (std::size_t n = title_above ? 1 : first_line; n <= last_line; ++n) {
    if (title_above && n >= header.first_line && n <= header.last_line) {
      flush();
      n = header.last_line;
      continue;
    }
    std::string_view line = utf8::trim(doc.line(n));
    if (line.empty() || number_line[n]) {
      flush();
      continue;
    }
    if (is_date_only(line)) {
      // （2025年4月8日） under a title dates it: the title stands.
      if (starts_with(line, "（") || starts_with(line, "(")) {
        flush();
        continue;
      }
      // Short lines right above a date are a signature, not a title.
      if (!block.text.empty()) block.before_date = true;
      else if (!blocks.empty() && blocks.back().last + 3 >= n) blocks.back().before_date = true;
      flush();
      continue;
    }
    if (auto l = structure::recognize_label(line)) {
      if (l->kind != structure::LabelKind::attachment) break;
      line = utf8::trim(line.substr(l->body));
      flush();
      if (line.empty()) continue;
    }
    // Read folded by several tests below: folded once.
    FoldedLine folded(line);
    if (lex.words(Class::marker_body_start).find(folded.get())) {
      flush();
      continue;
    }
    // A web page's trail of links (首页 > 政策文件 > 市政府办公室文件) is no
    // title, and no masthead though it may end like one.
    if (folded.get().find_first_of(">|") != std::string_view::npos || folded.get().find("»") != std::string_view::npos) {
      flush();
      continue;
    }
    if (const auto* m = lex.words(Class::marker_masthead).ends(line);
        m && utf8::length(line) <= 30 && blocks.empty() && block.text.empty()) {
      masthead.emplace_back(line.substr(0, line.size() - m->text.size()));
      continue;
    }
    folded.drop_if_long();  // (not alive beside the line's document-number reading)
    if (is_doc_number_only(line, g, lex) || is_marker(folded.get(), lex)) {
      flush();
      continue;
    }
    if (is_adoption_note(line, folded.get(), lex)) {
      flush();
      if (!adopted) adopted = parse_full_date(line);
      continue;
    }
    if (is_addressee_line(line, lex)) {
      flush();
      if (!addressee_at) {
        const std::string_view body = ends_with(line, "：") ? line.substr(0, line.size() - 3) : line.substr(0, line.size() - 1);
        out.addressees = split_addressees(body, lex);
        addressee_at = blocks.size();
      }
      continue;
    }
    if (is_title_like(line)) {
      // A title printed twice (a legal database's export) is one title.
      const std::string key = folded_title_key(folded.get());
      if (!block.text.empty() && title_key(block.text) == key) continue;
      if (block.text.empty() && !blocks.empty() && blocks.back().last + 2 >= n && title_key(blocks.back().text) == key)
        continue;
      // A red-header issuer line right above a title that names its issuer
      // itself is a block of its own; above 关于… it is the title's start.
      const std::size_t about = line.find("关于");
      if (!block.text.empty() && about != std::string_view::npos && about > 0 && only_bodies(block.text, lex)) flush();
      if (block.text.empty()) block.first = n;
      block.text += std::string(line);
      block.last = n;
      continue;
    }
    flush();
  }
  flush();

  // A title wrapped over two blocks (a blank line inside it) is one: the
  // first does not end like a title, the second does.
  auto ends_like_title = [&](std::string_view s) {
    return lex.words(Class::marker_title_end).ends(text::fold(utf8::trim(s))) != nullptr;
  };
  for (std::size_t k = 0; k + 1 < blocks.size(); ++k) {
    Block& a = blocks[k];
    const Block& b = blocks[k + 1];
    if (a.before_date || b.before_date || b.first > a.last + 3 || ends_like_title(a.text) || !ends_like_title(b.text))
      continue;
    if (addressee_at && *addressee_at == k + 1) continue;  // the addressee stands between them
    if (a.text.find("关于") == std::string::npos) continue;
    a.text += b.text;
    a.last = b.last;
    blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(k + 1));
    if (addressee_at && *addressee_at > k + 1) --*addressee_at;
  }

  // The title: the first block that is not a signature or a red-header
  // issuer line; for a covering notice that arrives without its own title
  // (the addressee comes first), the plan it transmits.
  std::optional<std::string> title;
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    const Block& b = blocks[k];
    if (b.before_date) continue;
    if (k + 1 < blocks.size() && only_bodies(b.text, lex)) {
      // 山东省人民政府办公厅 / 关于印发…的通知: the issuer opens the title.
      if (starts_with(utf8::trim(blocks[k + 1].text), "关于") && !blocks[k + 1].before_date) {
        title = b.text + blocks[k + 1].text;
        break;
      }
      continue;
    }
    title = b.text;
    break;
  }
  if (!title)
    if (const auto* h = header.find(HeaderField::title)) title = h->value;
  const std::size_t top_first = title_above ? 1 : first_line;
  if (!title && addressee_at && top_first <= last_line) {
    // …《湖北省标准化体系建设发展规划（2016-2020年）》已经省人民政府同意，现印发给你们
    const std::size_t top_end = last_line < doc.line_count() ? doc.line_begin(last_line + 1) : doc.text().size();
    const std::string_view top = std::string_view(doc.text()).substr(doc.line_begin(top_first), top_end - doc.line_begin(top_first));
    const std::size_t a = top.find("《"), b = top.find("》");
    if (a != std::string_view::npos && b != std::string_view::npos && b > a) title = std::string(top.substr(a + 3, b - a - 3));
  }
  if (title) {
    std::string t = strip_draft(*title, lex);
    if (!t.empty()) out.title = t;
  }

  // The signing date: the last date line before the first attachment (a
  // covering notice dates itself before the plan it carries).
  std::size_t body_end = doc.line_count();
  for (const Clause& c : clauses) {
    if (c.kind == ClauseKind::attachment && c.line_start > 1 && c.line_start > last_line) {
      body_end = c.line_start - 1;
      break;
    }
  }
  std::size_t date_line = last_date_line(doc, first_line, body_end);
  // No date above the attachment list: the signature may follow the list
  // (附件：…, then the issuers and the date), a few short lines under it.
  if (!date_line && body_end < doc.line_count()) {
    std::size_t short_lines = 0;
    for (std::size_t n = body_end + 2; n <= doc.line_count() && short_lines <= 8; ++n) {
      const std::string_view l = utf8::trim(doc.line(n));
      if (l.empty()) continue;
      if (is_date_only(l)) {
        date_line = n;
        break;
      }
      if (utf8::length(l) > 40 || l.find("。") != std::string_view::npos) break;
      ++short_lines;
    }
  }
  if (date_line) out.date = parse_full_date(doc.line(date_line));
  if (!out.date)
    if (const auto* h = header.find(HeaderField::date)) out.date = parse_full_date(h->value);
  // A regulation carries no signature; the date it was adopted stands in.
  if (!out.date) out.date = adopted;
  if (const auto* h = header.find(HeaderField::doc_number)) out.header_doc_number = h->value;

  // Issuers: the title, the signature above the date (its lines may stand
  // apart), the masthead; a header's 发文机关 when the body names none; the
  // agency code of the document's own number when nothing does.
  std::vector<std::string> candidates;
  if (out.title) {
    auto t = title_issuers(*out.title, lex);
    candidates.insert(candidates.end(), t.begin(), t.end());
  }
  std::vector<std::string> signature_lines;
  if (date_line) {
    std::vector<std::string> signature;
    std::size_t seen = 0, blank = 0;
    for (std::size_t n = date_line - 1; n >= first_line && n >= 1 && seen < 10; --n) {
      std::string_view l = utf8::trim(doc.line(n));
      if (l.empty()) {
        if (++blank > 2) break;
        continue;
      }
      blank = 0;
      ++seen;
      if (utf8::length(l) > 40 || l.find("。") != std::string_view::npos) break;
      auto names = side_by_side_bodies(l, lex);
      if (names.empty()) break;
      signature.insert(signature.begin(), names.begin(), names.end());
      signature_lines.insert(signature_lines.begin(), std::string(l));
    }
    candidates.insert(candidates.end(), signature.begin(), signature.end());
  }
  for (const auto& m : masthead) {
    auto names = split_unit_list(m, ListMode::strict, lex);
    candidates.insert(candidates.end(), names.begin(), names.end());
  }
  if (candidates.empty())
    for (const auto& p : header.pairs)
      if (p.field == HeaderField::issuers && !p.value.empty()) {
        auto names = side_by_side_bodies(p.value, lex);
        if (names.empty()) names = split_bodies(p.value, lex);
        candidates.insert(candidates.end(), names.begin(), names.end());
      }
  // The agency code only when nothing names the issuer: what a code stands
  // for differs between provinces (川办发 is the government's general office,
  // 鄂办发 the party committee's).
  if (!self_code.empty() && candidates.empty()) {
    if (auto body = g.body_for_code(self_code)) candidates.push_back(*body);
    // An order is numbered by its issuer: 南京市人民政府令 -> 南京市人民政府.
    else if (ends_with(self_code, "令") &&
             is_complete_unit(text::fold(self_code.substr(0, self_code.size() - 3)), lex))
      candidates.push_back(self_code.substr(0, self_code.size() - 3));
  }

  // The region: the title, the issuers and signature, the header, the agency
  // code, in that order; the first that names one settles it, the later ones
  // fill in only what fits.
  gazetteer::Context& ctx = out.region;
  if (out.title)
    for (const auto& [r, n] : g.divisions_in(*out.title, ctx)) g.fill_context(ctx, r);
  for (const auto& c : candidates) {
    std::size_t len = 0;
    if (auto r = g.division_prefix(c, ctx, &len)) g.fill_context(ctx, *r);
  }
  for (const auto& p : header.pairs)
    if (p.field == HeaderField::issuers || p.field == HeaderField::title) {
      std::size_t len = 0;
      if (auto r = g.division_prefix(p.value, ctx, &len)) g.fill_context(ctx, *r);
    }
  if (!self_code.empty())
    if (auto r = g.division_of_code(self_code)) g.fill_context(ctx, *r);
  if (ctx.province.empty() || ctx.city.empty()) {
    // Otherwise the region the text names most often (in its first part); a
    // city must be named at least twice.
    auto counts = g.divisions_in(std::string_view(doc.text()).substr(0, 8000), ctx);
    const gazetteer::Region* best_city = nullptr;
    const gazetteer::Region* best_province = nullptr;
    int city_n = 1, province_n = 0;
    for (const auto& [region, n] : counts) {
      if (region.level == "city" && n > city_n) {
        city_n = n;
        best_city = &region;
      } else if (region.level == "province" && n > province_n) {
        province_n = n;
        best_province = &region;
      }
    }
    if (best_city) g.fill_context(ctx, *best_city);
    if (best_province) g.fill_context(ctx, *best_province);
  }

  std::vector<std::string> keys;
  for (const auto& c : candidates) {
    std::string key = name_key(c, g, ctx);
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    keys.push_back(key);
    out.issuers.push_back(c);
  }

  for (const Clause& c : clauses)
    if (c.kind == ClauseKind::attachment) out.attachments.push_back(c.heading.empty() ? c.label : c.heading);
  return out;
}

}  // namespace policy::extract
