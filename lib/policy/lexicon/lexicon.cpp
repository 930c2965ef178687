#include "policy/lexicon/lexicon.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "policy/core/tsv.h"
#include "policy/text/char_kind.h"
#include "policy/text/fold.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::lexicon {

namespace embedded {
extern const std::string_view lexicon_roles;
extern const std::string_view lexicon_operators;
extern const std::string_view lexicon_measures;
extern const std::string_view lexicon_targets;
extern const std::string_view lexicon_names;
extern const std::string_view lexicon_deadlines;
extern const std::string_view lexicon_columns;
extern const std::string_view lexicon_headers;
extern const std::string_view lexicon_markers;
extern const std::string_view lexicon_doc_numbers;
extern const std::string_view lexicon_slips;
extern const std::string_view lexicon_validity;
}  // namespace embedded

namespace {

struct KindName {
  std::string_view name;
  Class cls;
  std::uint8_t value;
};

// How each file's rows map to classes: the file, its header, and for each
// word in its kind column (or role/form, op/position pair) the class.
struct FileSpec {
  std::string_view name;
  std::vector<std::string> header;
  std::string_view builtin;
};

const std::vector<FileSpec>& specs() {
  static const std::vector<FileSpec> s = {
      {"roles.tsv", {"phrase", "role", "form", "example"}, embedded::lexicon_roles},
      {"operators.tsv", {"phrase", "op", "position", "example"}, embedded::lexicon_operators},
      {"measures.tsv", {"unit", "kind"}, embedded::lexicon_measures},
      {"targets.tsv", {"word", "kind"}, embedded::lexicon_targets},
      {"names.tsv", {"word", "kind"}, embedded::lexicon_names},
      {"deadlines.tsv", {"word", "kind"}, embedded::lexicon_deadlines},
      {"columns.tsv", {"word", "kind"}, embedded::lexicon_columns},
      {"headers.tsv", {"key", "field"}, embedded::lexicon_headers},
      {"markers.tsv", {"word", "kind"}, embedded::lexicon_markers},
      {"doc_numbers.tsv", {"word", "kind"}, embedded::lexicon_doc_numbers},
      {"slips.tsv", {"slip", "means"}, embedded::lexicon_slips},
      {"validity.tsv", {"word", "kind"}, embedded::lexicon_validity},
  };
  return s;
}

// The kind column's words, per file.
const std::vector<KindName>& kinds(std::string_view file) {
  static const std::vector<KindName> measures = {
      {"count", Class::measure, 0},  {"percent", Class::measure, 1}, {"money", Class::measure, 2},
      {"time", Class::measure, 3},   {"area", Class::measure, 4},    {"volume", Class::measure, 5},
      {"energy", Class::measure, 6}, {"length", Class::measure, 7},  {"weight", Class::measure, 8},
      {"score", Class::measure, 9},  {"age", Class::measure, 10},    {"times", Class::measure, 11},
      {"rate", Class::measure, 12},  {"session", Class::measure, 13},
      {"not-unit", Class::measure_not, 0}, {"tail", Class::measure_tail, 0},
  };
  static const std::vector<KindName> targets = {
      {"award-before", Class::award_before, 0}, {"award-after", Class::award_after, 0},
      {"award-qualifier", Class::award_qualifier, 0}, {"award-giver", Class::award_giver, 0},
      {"award-cap", Class::award_cap, 0},
      {"threshold-before", Class::threshold_before, 0}, {"verb", Class::verb, 0},
      {"noun", Class::noun, 0}, {"noun-tail", Class::noun_tail, 0}, {"between", Class::between, 0},
      {"preposition", Class::preposition, 0}, {"describes-before", Class::describes_before, 0},
      {"text-part", Class::text_part, 0}, {"validity", Class::target_validity, 0},
      {"population", Class::population, 0}, {"scope", Class::scope, 0},
      {"change-from", Class::change_from, 0}, {"change-to", Class::change_to, 0},
      {"change-base", Class::change_base, 0}, {"per", Class::per, 0}, {"slogan", Class::slogan, 0},
      {"plan-name", Class::plan_name, 0}, {"span-before", Class::span_before, 0},
  };
  static const std::vector<KindName> names = {
      {"suffix", Class::name_suffix, 0},         {"bare", Class::name_bare, 0},
      {"generic", Class::name_generic, 0},       {"generic-start", Class::name_generic_start, 0},
      {"collective", Class::name_collective, 0}, {"admin", Class::name_admin, 0},
      {"place-end", Class::name_place_end, 0},   {"etc-tail", Class::name_etc_tail, 0},
      {"etc-word", Class::name_etc_word, 0},
      {"joiner", Class::name_joiner, 0},         {"opener", Class::name_opener, 0},
      {"head", Class::name_head, 0},             {"branch-tail", Class::name_branch_tail, 0},
      {"not-in-name", Class::name_not, 0},       {"partner", Class::name_partner, 0},
      {"whole", Class::name_whole, 0},           {"branch-head", Class::name_branch_head, 0},
      {"never-in-name", Class::name_never, 0},   {"partner-joiner", Class::name_joiner, kJoinerBeforePartner},
  };
  static const std::vector<KindName> deadlines = {
      {"slot", Class::deadline_slot, 0}, {"ongoing", Class::deadline_ongoing, 0},
      {"to", Class::deadline_to, 0},     {"span", Class::deadline_span, 0},
      {"recurring", Class::deadline_recurring, 0}, {"year-end", Class::deadline_year_end, 0},
      {"window", Class::deadline_window, 0},
  };
  static const std::vector<KindName> columns = {
      {"not-deadline", Class::column, 0}, {"doc-number", Class::column, 1}, {"issuer", Class::column, 2},
      {"lead", Class::column, 3},         {"cooperate", Class::column, 4},  {"responsible", Class::column, 5},
      {"deadline", Class::column, 6},     {"not-content", Class::column, 7},
  };
  static const std::vector<KindName> headers = {
      {"title", Class::header_key, 0},          {"issuers", Class::header_key, 1},
      {"doc_number", Class::header_key, 2},     {"date", Class::header_key, 3},
      {"published", Class::header_key, 4},      {"validity_from", Class::header_key, 5},
      {"validity_until", Class::header_key, 6}, {"status", Class::header_key, 7},
      {"other", Class::header_key, 8},
  };
  static const std::vector<KindName> markers = {
      {"draft", Class::marker_draft, 0},         {"publication", Class::marker_publication, 0},
      {"adoption", Class::marker_adoption, 0},   {"joint-tail", Class::marker_joint_tail, 0},
      {"masthead", Class::marker_masthead, 0},     {"body-start", Class::marker_body_start, 0},
      {"title-end", Class::marker_title_end, 0},
  };
  static const std::vector<KindName> doc_numbers = {
      {"lead", Class::code_lead, 0}, {"order-body", Class::order_body, 0}};
  static const std::vector<KindName> validity = {
      {"start-verb", Class::validity_start_verb, 0}, {"start-event", Class::validity_start_event, 0},
      {"until", Class::validity_until, 0},           {"term", Class::validity_term, 0},
      {"period", Class::validity_period, 0},         {"in-force", Class::validity_in_force, 0},
      {"expired", Class::validity_expired, 0},
  };
  static const std::vector<KindName> none;
  if (file == "measures.tsv") return measures;
  if (file == "targets.tsv") return targets;
  if (file == "names.tsv") return names;
  if (file == "deadlines.tsv") return deadlines;
  if (file == "columns.tsv") return columns;
  if (file == "headers.tsv") return headers;
  if (file == "markers.tsv") return markers;
  if (file == "doc_numbers.tsv") return doc_numbers;
  if (file == "validity.tsv") return validity;
  return none;
}

std::string allowed(const std::vector<KindName>& list) {
  std::string out;
  for (const auto& k : list) out += (out.empty() ? "" : ", ") + std::string(k.name);
  return out;
}

std::optional<std::uint8_t> role_value(std::string_view s) {
  if (s == "lead") return 0;
  if (s == "responsible") return 1;
  if (s == "cooperate") return 2;
  if (s == "none") return kNoRole;
  return std::nullopt;
}

std::optional<std::uint8_t> op_value(std::string_view s) {
  // The order of TargetOp in core/record.h.
  static constexpr std::string_view ops[] = {"eq", "ge", "gt", "le", "lt"};
  for (std::uint8_t k = 0; k < 5; ++k)
    if (s == ops[k]) return k;
  return std::nullopt;
}

char32_t first_of(std::string_view s) {
  std::size_t i = 0;
  return s.empty() ? 0 : utf8::next(s, i);
}
char32_t last_of(std::string_view s) {
  std::size_t i = s.size();
  return s.empty() ? 0 : utf8::prev(s, i);
}

}  // namespace

bool scanned(Class c) {
  switch (c) {
    case Class::role_label: case Class::role_suffix: case Class::role_bracket:
    case Class::role_mark: case Class::role_block: case Class::role_duty:
    case Class::deadline_slot: case Class::deadline_ongoing: case Class::deadline_to: case Class::deadline_year_end:
    case Class::deadline_window:
    case Class::award_before: case Class::threshold_before: case Class::verb: case Class::noun:
    case Class::slogan: case Class::slip:
    case Class::validity_until: case Class::validity_term: case Class::validity_period:
    case Class::validity_start_verb:
      return true;
    default:
      return false;
  }
}

void WordSet::add(std::string folded, std::uint8_t value) {
  // Repeats are merged by index(), in one pass over a hash table, where a
  // search of the words added so far made loading quadratic.
  words_.push_back({std::move(folded), value});
}

void WordSet::CharIndex::build(const std::vector<std::pair<char32_t, std::uint32_t>>& keyed) {
  filter_.fill(0);
  keys_.clear();
  begin_.clear();
  words_of_.clear();
  keys_.reserve(keyed.size());
  begin_.reserve(keyed.size() + 1);
  words_of_.reserve(keyed.size());
  for (const auto& [c, word] : keyed) {
    filter_[(c >> 6) & 15] |= std::uint64_t{1} << (c & 63);
    if (keys_.empty() || keys_.back() != c) {
      keys_.push_back(c);
      begin_.push_back(static_cast<std::uint32_t>(words_of_.size()));
    }
    words_of_.push_back(word);
  }
  begin_.push_back(static_cast<std::uint32_t>(words_of_.size()));
}

std::span<const std::uint32_t> WordSet::CharIndex::lookup(char32_t c) const {
  auto it = std::lower_bound(keys_.begin(), keys_.end(), c);
  if (it == keys_.end() || *it != c) return {};
  const auto k = static_cast<std::size_t>(it - keys_.begin());
  return {words_of_.data() + begin_[k], words_of_.data() + begin_[k + 1]};
}

// The slot of s in slots_: the one holding its word, or the empty one
// where it would go.
std::uint32_t& WordSet::slot_of(std::string_view s) {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t h = std::hash<std::string_view>{}(s) & mask;; h = (h + 1) & mask)
    if (slots_[h] == kNoWord || words_[slots_[h]].text == s) return slots_[h];
}

void WordSet::index() {
  // Each word at its first row, with the value of its last (add() kept
  // every row); the table is made again if a repeat went.
  std::vector<bool> repeat;
  const auto fill_slots = [&] {
    slots_.assign(std::bit_ceil(std::max<std::size_t>(2 * words_.size(), 8)), kNoWord);
    for (std::uint32_t k = 0; k < words_.size(); ++k) {
      std::uint32_t& slot = slot_of(words_[k].text);
      if (slot == kNoWord) {
        slot = k;
      } else {
        words_[slot].value = words_[k].value;
        if (repeat.empty()) repeat.resize(words_.size(), false);
        repeat[k] = true;
      }
    }
  };
  fill_slots();
  if (!repeat.empty()) {
    std::size_t kept = 0;
    for (std::size_t k = 0; k < words_.size(); ++k)
      if (!repeat[k]) {
        if (kept != k) words_[kept] = std::move(words_[k]);
        ++kept;
      }
    words_.resize(kept);
    repeat.clear();
    fill_slots();
  }
  shortest_ = words_.empty() ? 0 : words_.front().text.size();
  longest_ = 0;
  std::vector<std::pair<char32_t, std::uint32_t>> firsts, lasts;
  firsts.reserve(words_.size());
  lasts.reserve(words_.size());
  for (std::uint32_t k = 0; k < words_.size(); ++k) {
    firsts.emplace_back(first_of(words_[k].text), k);
    lasts.emplace_back(last_of(words_[k].text), k);
    shortest_ = std::min(shortest_, words_[k].text.size());
    longest_ = std::max(longest_, words_[k].text.size());
  }
  // By code point, then the longest word first (the earlier row first at one length).
  auto order = [&](std::vector<std::pair<char32_t, std::uint32_t>>& v) {
    std::sort(v.begin(), v.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      const std::size_t la = words_[a.second].text.size(), lb = words_[b.second].text.size();
      return la != lb ? la > lb : a.second < b.second;
    });
  };
  order(firsts);
  order(lasts);
  by_first_.build(firsts);
  by_last_.build(lasts);
}

const WordSet::Word* WordSet::find_indexed(std::string_view s) const {
  if (slots_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t h = std::hash<std::string_view>{}(s) & mask;; h = (h + 1) & mask) {
    const std::uint32_t k = slots_[h];
    if (k == kNoWord) return nullptr;
    if (words_[k].text == s) return &words_[k];
  }
}

// The words tried share s's first (last) character, and most differ from
// s right next to it: one byte compared says so before a memcmp call. Any
// byte of the word would do; these differ most (no lead bytes).
const WordSet::Word* WordSet::search_starts(std::string_view s, char32_t first) const {
  for (std::uint32_t k : by_first_.at(first)) {
    const std::string& w = words_[k].text;
    const std::size_t m = w.size();
    if (s.size() < m || s[m - 1] != w[m - 1]) continue;
    if (std::memcmp(s.data(), w.data(), m) == 0) return &words_[k];
  }
  return nullptr;
}

const WordSet::Word* WordSet::search_ends(std::string_view s, char32_t last) const {
  for (std::uint32_t k : by_last_.at(last)) {
    const std::string& w = words_[k].text;
    const std::size_t m = w.size();
    if (s.size() < m) continue;
    const char* tail = s.data() + (s.size() - m);
    if (m >= 4 && tail[m - 4] != w[m - 4]) continue;
    if (std::memcmp(tail, w.data(), m) == 0) return &words_[k];
  }
  return nullptr;
}

const WordSet::Word* WordSet::ends_after_head(std::string_view s) const {
  for (std::uint32_t k : by_last_.at(last_of(s))) {
    const std::string& w = words_[k].text;
    if (s.size() > w.size() && s.substr(s.size() - w.size()) == w) return &words_[k];
  }
  return nullptr;
}

bool WordSet::occurs_in(std::string_view s) const {
  // starts(s.substr(i)) at every character, decoding each character once
  // (starts() would decode it again).
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto starts_at = [&](std::size_t i, char32_t c) {
    for (std::uint32_t k : by_first_.at(c))
      if (s.compare(i, words_[k].text.size(), words_[k].text) == 0) return true;
    return false;
  };
  std::size_t i = 0;
  while (i < s.size()) {
    // A three-byte character (most of a clause): the filter reads its last
    // two bytes, and the code point is put together only when it passes.
    // It steps as utf8::next does: a lead byte and two continuation bytes.
    if ((p[i] & 0xF0) == 0xE0 && i + 3 <= s.size() && ((p[i + 1] ^ 0x80u) | (p[i + 2] ^ 0x80u)) < 0x40) {
      const char32_t low = (char32_t(p[i + 1] & 0x3F) << 6) | char32_t(p[i + 2] & 0x3F);
      if (by_first_.may_hold(low) && starts_at(i, (char32_t(p[i] & 0x0F) << 12) | low)) return true;
      i += 3;
      continue;
    }
    std::size_t j = i;
    if (starts_at(i, utf8::next_inline(s, j))) return true;
    i = j;
  }
  return false;
}

const std::vector<std::string>& Lexicon::file_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& s : specs()) v.emplace_back(s.name);
    return v;
  }();
  return names;
}

Result<bool> Lexicon::add_file(std::string_view name, std::string_view text, std::string_view shown_as) {
  const FileSpec* spec = nullptr;
  for (const auto& s : specs())
    if (s.name == name) spec = &s;
  if (!spec) return Error::plain(fmt::format("{}: not a lexicon file", shown_as));
  auto table = tsv::parse(text, shown_as, spec->header);
  if (!table) return table.error();
  const bool roles = name == "roles.tsv", ops = name == "operators.tsv", slips = name == "slips.tsv";
  for (const tsv::Row& row : table.value().rows) {
    const auto& cells = row.cells;
    auto bad = [&](std::string what) {
      return Error::plain(fmt::format("{}: line {}: {}", shown_as, row.line, what));
    };
    if (utf8::trim(cells[0]).empty() || cells[0] != utf8::trim(cells[0]))
      return bad("the first cell is empty or has blanks around it");
    if (utf8::first_invalid(cells[0]) != std::string_view::npos) return bad("not UTF-8");
    Class cls{};
    std::uint8_t value = 0;
    if (roles) {
      auto role = role_value(cells[1]);
      if (!role) return bad(fmt::format("role '{}': expected lead, responsible, cooperate or none", cells[1]));
      static const std::pair<std::string_view, Class> forms[] = {
          {"label", Class::role_label}, {"suffix", Class::role_suffix}, {"bracket", Class::role_bracket},
          {"mark", Class::role_mark},   {"block", Class::role_block},   {"duty", Class::role_duty},
          {"section", Class::role_section}};
      const auto* form = std::find_if(std::begin(forms), std::end(forms),
                                      [&](const auto& f) { return f.first == cells[2]; });
      if (form == std::end(forms))
        return bad(fmt::format("form '{}': expected label, suffix, bracket, mark, block, duty or section", cells[2]));
      const bool roleless = form->second == Class::role_block || form->second == Class::role_section;
      if (roleless != (*role == kNoRole)) return bad("role none goes with forms block and section, and they with none");
      cls = form->second;
      value = *role;
    } else if (ops) {
      auto op = op_value(cells[1]);
      if (!op) return bad(fmt::format("op '{}': expected eq, ge, gt, le or lt", cells[1]));
      if (cells[2] == "before") cls = Class::op_before;
      else if (cells[2] == "adjacent") cls = Class::op_adjacent;
      else if (cells[2] == "after") cls = Class::op_after;
      else if (cells[2] == "inside") cls = Class::op_inside;
      else if (cells[2] == "bound") cls = Class::op_bound;
      else return bad(fmt::format("position '{}': expected before, adjacent, after, inside or bound", cells[2]));
      value = *op;
    } else if (slips) {
      const std::string means = text::fold(cells[1]);
      if (utf8::trim(means).empty()) return bad("the word meant is empty");
      auto known = std::find(slip_meanings_.begin(), slip_meanings_.end(), means);
      if (known == slip_meanings_.end()) {
        if (slip_meanings_.size() >= 255) return bad("more than 255 different words meant");
        slip_meanings_.push_back(means);
        known = slip_meanings_.end() - 1;
      }
      cls = Class::slip;
      value = static_cast<std::uint8_t>(known - slip_meanings_.begin());
    } else {
      const auto& list = kinds(name);
      const auto k = std::find_if(list.begin(), list.end(), [&](const KindName& n) { return n.name == cells[1]; });
      if (k == list.end()) return bad(fmt::format("kind '{}': expected one of {}", cells[1], allowed(list)));
      cls = k->cls;
      value = k->value;
    }
    std::string folded = text::fold(cells[0]);
    if (name == "headers.tsv") {  // 文　　号: blanks inside a key are not matched
      std::string squashed;
      for (char ch : folded)
        if (ch != ' ') squashed += ch;
      folded = squashed;
    }
    sets_[static_cast<std::size_t>(cls)].add(folded, value);
    if ((roles || ops) && !cells[3].empty())
      examples_.push_back({cls, value, std::string(cells[0]), std::string(cells[3]), fmt::format("{}: line {}", shown_as, row.line)});
  }
  return true;
}

void Lexicon::finish() {
  // Once per lexicon, on the matcher it was made with (making a new one
  // cleared another 256 KB table).
  for (auto& s : sets_) s.index();
  std::vector<std::vector<Entry>> by_phrase;
  for (std::size_t c = 0; c < kClassCount; ++c) {
    if (!scanned(static_cast<Class>(c))) continue;
    for (const auto& w : sets_[c].all()) {
      const std::uint32_t id = matcher_.add(w.text);
      if (id >= by_phrase.size()) by_phrase.resize(id + 1);
      by_phrase[id].push_back({static_cast<Class>(c), w.value});
    }
  }
  entries_.clear();
  entry_begin_.assign(1, 0);
  for (const auto& list : by_phrase) {
    entries_.insert(entries_.end(), list.begin(), list.end());
    entry_begin_.push_back(static_cast<std::uint32_t>(entries_.size()));
  }
  matcher_.build();
  // The clause scan reads a character's kind with its symbol, in one lookup.
  // Every character of a kind but plain is ASCII (digits, brackets, 。!?;)
  // or in U+3000–U+9FFF (《》。 and the Chinese numerals): asking char_kind
  // about the rest of the BMP cost 2 M instructions at every start. Past
  // the CJK punctuation (U+3000–U+303F), only the numerals among the kana
  // and ideographs are of a kind: char_kind is asked about them alone. (The
  // test suite checks every BMP code point's tag against char_kind.)
  for (const auto& [from, to] : {std::pair<char32_t, char32_t>{0, 0x80}, {0x3000, 0xA000}})
    for (char32_t c = from; c < to; ++c)
      if (c < 0x3040 || text::is_chinese_numeral_char(c))
        if (const text::CharKind k = text::char_kind(c); k != text::CharKind::plain)
          matcher_.set_tag(c, static_cast<std::uint8_t>(k));
}

const Lexicon& Lexicon::builtin() {
  // Never destroyed (nothing needs it at exit, and freeing it costs).
  static const Lexicon& lex = *new Lexicon([] {
    Lexicon l;
    for (const auto& s : specs()) {
      // The embedded tables are checked by the test suite; a broken one
      // leaves its classes empty rather than stopping every program.
      (void)l.add_file(s.name, s.builtin, std::string("data/lexicon/") + std::string(s.name));
    }
    l.finish();
    return l;
  }());
  return lex;
}

Result<Lexicon> Lexicon::with_overlay(const std::string& dir) {
  Lexicon l;
  for (const auto& s : specs()) {
    auto ok = l.add_file(s.name, s.builtin, std::string("data/lexicon/") + std::string(s.name));
    if (!ok) return ok.error();
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Error::plain(fmt::format("{}: not a folder", dir));
  for (const auto& s : specs()) {
    const std::string path = (std::filesystem::path(dir) / s.name).string();
    if (!std::filesystem::exists(path, ec)) continue;
    auto text = tsv::read_file(path);
    if (!text) return text.error();
    auto ok = l.add_file(s.name, text.value(), path);
    if (!ok) return ok.error();
  }
  l.finish();
  return l;
}

bool Lexicon::column_has(std::string_view folded_header, ColumnKind kind) const {
  for (const auto& w : words(Class::column).all())
    if (w.value == static_cast<std::uint8_t>(kind) && folded_header.find(w.text) != std::string_view::npos)
      return true;
  return false;
}

}  // namespace policy::lexicon
