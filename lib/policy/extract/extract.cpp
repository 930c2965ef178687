#include "policy/extract/extract.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <set>
#include <unordered_map>

#include "policy/core/strings.h"
#include "policy/extract/clause_text.h"
#include "policy/extract/deadlines.h"
#include "policy/extract/doc_fields.h"
#include "policy/extract/doc_numbers.h"
#include "policy/extract/governing.h"
#include "policy/structure/header.h"
#include "policy/extract/validity.h"
#include "policy/extract/targets.h"
#include "policy/extract/unit_names.h"
#include "policy/extract/units.h"
#include "policy/structure/clause.h"
#include "policy/text/fold.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace {

using lexicon::Class;
using lexicon::ColumnKind;

// The year a title is about: 关于2024年工作的通知, 2024年标准化工作要点. A plan
// period (2023—2025年) names no one year.
std::optional<int> title_year(std::string_view title) {
  const std::string t = text::fold(title);
  for (std::size_t p = t.find("年"); p != std::string::npos; p = t.find("年", p + 3)) {
    if (p < 4) continue;
    std::size_t b = p - 4;
    bool digits = true;
    for (std::size_t k = b; k < p; ++k) digits &= t[k] >= '0' && t[k] <= '9';
    if (!digits || (b > 0 && t[b - 1] >= '0' && t[b - 1] <= '9')) continue;
    const std::string_view before = std::string_view(t).substr(0, b);
    const std::string_view after = std::string_view(t).substr(p + 3);
    const bool range = ends_with(before, "-") || ends_with(before, "—") || ends_with(before, "至") ||
                       ends_with(before, "~") || ends_with(before, "～");
    if (range || starts_with(after, "-") || starts_with(after, "—")) continue;
    const int year = std::stoi(t.substr(b, 4));
    if (year >= 1949 && year <= 2100) return year;
  }
  return std::nullopt;
}

// A unit name's hash, for the resolver's map: a name is a few dozen bytes,
// mixed eight at a time here, not one at a time as std::hash does, and
// inline (every mention of a unit is looked up).
[[gnu::always_inline]] inline std::size_t hash_name(std::string_view s) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  const auto mix = [&](std::uint64_t h, std::uint64_t w) {
    h = (h ^ w) * kMul;
    return h ^ (h >> 32);
  };
  std::uint64_t h = s.size();
  std::size_t i = 0;
  std::uint64_t w;
  for (; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    h = mix(h, w);
  }
  if (i < s.size()) {
    w = 0;
    if (s.size() >= 8) {
      std::memcpy(&w, s.data() + s.size() - 8, 8);  // the last eight, some twice
    } else {
      for (; i < s.size(); ++i) w = w << 8 | static_cast<unsigned char>(s[i]);
    }
    h = mix(h, w);
  }
  return h;
}

// What a table column holds, read once per header (data/lexicon/columns.tsv).
struct ColumnInfo {
  bool doc_number = false, issuer = false, deadline = false, not_content = false;
  std::optional<UnitRole> role;
  bool names_units() const { return !issuer && !doc_number; }
  bool content() const { return !role && !doc_number && !issuer && !deadline && !not_content; }
};

// What the mentions of one name in one document share: the record's one
// copy of its canonical name and of its aliases (less the name itself), and
// the key two mentions of one department share: its canonical name when
// data/ knows it, else the name without an alias in brackets. The key views
// the record's copy of the canonical name or the cache's copy of the name
// (a node of a map, which stays put): it lives as long as the resolver.
struct KnownUnit {
  const std::string* canonical = nullptr;
  std::span<const std::string> aliases;
  std::string_view key;
};

// What the built-in tables answer, kept from one document to the next by
// each thread: the documents of a corpus name the same departments, columns
// and issuer cells again and again (sub2: 3,039 unit lookups of 188 names in
// their contexts). Only for the built-in gazetteer and lexicon, which live
// as long as the program. Emptied between documents (never during one: the
// resolvers hold pointers into it) once it holds more than kMax answers.
class Memo {
 public:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return hash_name(s); }
  };
  template <class V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;
  // A name's lookup, and what the document that last asked made of it.
  struct Unit {
    std::optional<gazetteer::UnitInfo> info;
    bool looked_up = false;
    std::uint64_t document = 0;  // which one (0: none yet)
    KnownUnit known;
  };
  using Units = Map<Unit>;

  static Memo& of_thread() {
    thread_local Memo m;
    return m;
  }
  // Called before a document is read.
  void start_document() {
    ++document_;
    if (units_held_ + columns.size() + issuers.size() + duty_headings.size() + numbers.size() <= kMax) return;
    units_.clear();
    columns.clear();
    issuers.clear();
    duty_headings.clear();
    numbers.clear();
    units_held_ = 0;
  }
  std::uint64_t document() const { return document_; }
  // The lookups made in one context (a region: 省… and 市… depend on it).
  Units& units(const gazetteer::Context& ctx) {
    std::string key;
    key.reserve(ctx.province.size() + ctx.city.size() + ctx.county.size() + 2);
    key.append(ctx.province).append(1, '\0').append(ctx.city).append(1, '\0').append(ctx.county);
    return units_[key];
  }
  void added_unit() { ++units_held_; }

  Map<ColumnInfo> columns;                    // by column name as written
  Map<std::vector<std::string>> issuers;      // by issuer cell as written
  Map<bool> duty_headings;                    // whether a heading names a division of duties
  Map<std::vector<std::string>> numbers;      // a document-number cell's numbers, normalized

 private:
  static constexpr std::size_t kMax = 50000;
  Map<Units> units_;
  std::size_t units_held_ = 0;
  std::uint64_t document_ = 0;
};

// Names resolved once per document: a department is named many times.
class UnitResolver {
 public:
  using Known = KnownUnit;
  // `memo`: where the answers of earlier documents are kept, or null.
  UnitResolver(const gazetteer::Gazetteer& g, const gazetteer::Context& ctx, TextStore& texts, Memo* memo)
      : g_(g), ctx_(ctx), texts_(texts), memo_(memo), shared_(memo ? &memo->units(ctx) : nullptr) {}
  const Known& known(std::string_view name) {
    if (shared_) {
      // The memo's entry holds this document's answer too, once made: one
      // lookup a mention, and no copy of the name of its own.
      auto f = shared_->find(name);
      if (f == shared_->end()) f = shared_->try_emplace(std::string(name)).first;
      Memo::Unit& e = f->second;
      if (e.document == memo_->document()) return e.known;
      if (!e.looked_up) {
        e.info = g_.lookup_unit(f->first, ctx_);
        e.looked_up = true;
        memo_->added_unit();
      }
      e.document = memo_->document();
      e.known = make(f->first, e.info);
      return e.known;
    }
    // A name seen before (most mentions) is found without a copy of it.
    if (auto f = cache_.find(name); f != cache_.end()) return f->second;
    auto [it, added] = cache_.try_emplace(std::string(name));
    it->second = make(it->first, g_.lookup_unit(it->first, ctx_));
    return it->second;
  }
  std::string_view key(std::string_view name) { return known(name).key; }

 private:
  // What the mentions of `own` (a string that outlives the resolver) share.
  Known make(const std::string& own, const std::optional<gazetteer::UnitInfo>& info) {
    Known k;
    if (info) {
      k.canonical = &texts_.keep(std::string(info->canonical));
      std::vector<std::string> aliases;
      for (const auto& a : info->aliases)
        if (a != own) aliases.push_back(a);
      if (!aliases.empty()) k.aliases = texts_.keep(std::move(aliases));
      k.key = *k.canonical;
    } else {
      k.key = own;
      for (std::string_view open : {"（", "("}) {
        const std::size_t p = k.key.find(open);
        if (p != std::string_view::npos && p > 0) k.key = k.key.substr(0, p);
      }
    }
    return k;
  }
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return hash_name(s); }
  };
  const gazetteer::Gazetteer& g_;
  const gazetteer::Context& ctx_;
  TextStore& texts_;
  Memo* memo_;
  Memo::Units* shared_;
  std::unordered_map<std::string, Known, Hash, std::equal_to<>> cache_;
};

// The (name key, role) pairs a clause has reported. A clause names a few
// units: a sorted vector finds a repeat without a tree node per pair, and
// keeps its block from one clause to the next.
class ReportedUnits {
 public:
  // Whether (key, role) is new, which adds it.
  bool add(std::string_view key, UnitRole role) {
    const std::pair<std::string_view, int> p{key, static_cast<int>(role)};
    auto at = std::lower_bound(pairs_.begin(), pairs_.end(), p);
    if (at != pairs_.end() && *at == p) return false;
    pairs_.insert(at, p);
    return true;
  }
  void clear() { pairs_.clear(); }

 private:
  std::vector<std::pair<std::string_view, int>> pairs_;  // sorted
};

// Keyed by the fields' own column names: views into the record's texts,
// which outlive it.
class Columns {
 public:
  // `shared`: the answers of earlier documents, or null.
  Columns(const lexicon::Lexicon& lex, Memo::Map<ColumnInfo>* shared) : lex_(lex), shared_(shared) {}
  const ColumnInfo& operator()(std::string_view header) {
    auto [it, added] = cache_.try_emplace(header);
    if (added) {
      if (!shared_) {
        it->second = read(header);
      } else {
        auto [m, first] = shared_->try_emplace(std::string(header));
        if (first) m->second = read(header);
        it->second = m->second;
      }
    }
    return it->second;
  }
  // The column of each field of a table row. The rows of one table carry
  // the same views of its column names: where the row before had this very
  // view at this place, its answer is taken without a lookup.
  const std::vector<const ColumnInfo*>& of_row(const Clause& c) {
    const std::size_t n = c.fields.size();
    if (row_.size() < n) {
      row_.resize(n, nullptr);
      names_.resize(n);
    }
    for (std::size_t k = 0; k < n; ++k) {
      const std::string_view h = c.fields[k].first;
      if (row_[k] && names_[k].data() == h.data() && names_[k].size() == h.size()) continue;
      row_[k] = &(*this)(h);
      names_[k] = h;
    }
    out_.assign(row_.begin(), row_.begin() + static_cast<std::ptrdiff_t>(n));
    return out_;
  }

 private:
  ColumnInfo read(std::string_view header) const {
    const std::string f = text::fold(header);
    ColumnInfo i;
    i.doc_number = lex_.column_has(f, ColumnKind::doc_number);
    i.issuer = lex_.column_has(f, ColumnKind::issuer);
    i.deadline = lex_.column_has(f, ColumnKind::deadline) && !lex_.column_has(f, ColumnKind::not_deadline);
    i.not_content = lex_.column_has(f, ColumnKind::not_content);
    i.role = column_role(f, lex_);
    return i;
  }
  const lexicon::Lexicon& lex_;
  Memo::Map<ColumnInfo>* shared_;
  std::unordered_map<std::string_view, ColumnInfo> cache_;  // nodes stay put: row_ points into it
  std::vector<const ColumnInfo*> row_;  // the last answer at each place
  std::vector<std::string_view> names_;  // the view it was for
  std::vector<const ColumnInfo*> out_;
};

// Issuer cells repeat down a summary table (and from one document to the
// next): each is split once.
class IssuerCells {
 public:
  // `shared`: the cells of earlier documents, or null.
  IssuerCells(const lexicon::Lexicon& lex, Memo::Map<std::vector<std::string>>* shared)
      : lex_(lex), cache_(shared ? *shared : own_) {}
  const std::vector<std::string>& operator()(std::string_view cell) {
    auto [it, added] = cache_.try_emplace(std::string(cell));
    if (added) it->second = split_bodies(cell, lex_);
    return it->second;
  }

 private:
  const lexicon::Lexicon& lex_;
  Memo::Map<std::vector<std::string>> own_;
  Memo::Map<std::vector<std::string>>& cache_;
};

// The numbers a document-number cell lists, normalized.
std::vector<std::string> numbers_in(std::string_view cell, const gazetteer::Gazetteer& g, const lexicon::Lexicon& lex) {
  std::vector<std::string> out;
  for (auto& m : find_doc_numbers(cell, g, lex)) out.push_back(std::move(m.number.normalized));
  return out;
}
// The same, kept in `memo` for the documents after this one, or made in
// `own` without one.
const std::vector<std::string>& listed_numbers(std::string_view cell, const gazetteer::Gazetteer& g,
                                               const lexicon::Lexicon& lex, Memo* memo, std::vector<std::string>& own) {
  if (!memo) return own = numbers_in(cell, g, lex);
  auto [m, first] = memo->numbers.try_emplace(std::string(cell));
  if (first) m->second = numbers_in(cell, g, lex);
  return m->second;
}

// The issuers a summary-table row names; 同上 repeats the row above.
// `columns`: the column of each field.
std::vector<std::string> row_issuers(const Clause& c, const std::vector<std::string>& previous,
                                     const std::vector<const ColumnInfo*>& columns, IssuerCells& issuers) {
  for (std::size_t k = 0; k < c.fields.size(); ++k) {
    if (!columns[k]->issuer) continue;
    const std::string_view cell = c.fields[k].second;
    std::string_view v = utf8::trim(cell);
    if (v == "同上" || v == "同上。") return previous;
    return issuers(cell);
  }
  return {};
}

// How a number stands on its line at the top of the document: alone, blanks
// aside, or in brackets ((皖政办秘〔2021〕82号)); or after the key of a
// document-number header (发文字号：, headers.tsv), which counts only where
// the body does not state the number (SPEC §1: the body wins over a header).
// Anything longer is neither, so a long line (a document saved as one line)
// is read no further than the longest key.
enum class OnLine { other, alone, after_header_key };
OnLine how_on_line(const text::Document& doc, std::size_t begin, std::size_t end, const lexicon::Lexicon& lex) {
  std::size_t line = doc.line_of(begin);
  std::size_t lb = doc.line_begin(line), le = doc.line_end(doc.line_of(end > begin ? end - 1 : end));
  const lexicon::WordSet& keys = lex.words(Class::header_key);
  const std::size_t longest = std::max<std::size_t>(keys.longest() + 1, 2);
  const std::string_view all = doc.text();
  std::string before, after;
  if (!text::append_bare_folded(all.substr(lb, begin - lb), before, longest)) return OnLine::other;
  // (What follows is read as far as a header key and its colon, at most.)
  const bool after_whole = text::append_bare_folded(all.substr(end, le > end ? le - end : 0), after, longest);
  if (after_whole && ((before.empty() && after.empty()) || (before == "(" && after == ")"))) return OnLine::alone;
  // 文号：…〔2025〕18号    发布日期：…: another pair of the header may follow.
  const auto* next_key = keys.starts(after);
  const bool next_pair = next_key && after.size() > next_key->text.size() && after[next_key->text.size()] == ':';
  if ((!after.empty() && !next_pair) || before.size() < 2 || before.back() != ':') return OnLine::other;
  const lexicon::WordSet::Word* key = keys.find(std::string_view(before).substr(0, before.size() - 1));
  return key && static_cast<lexicon::HeaderField>(key->value) == lexicon::HeaderField::doc_number
             ? OnLine::after_header_key
             : OnLine::other;
}

// Whether a clause stands in a section on the division of duties: its
// heading, or an enclosing clause's, names one (二、职责分工). Each heading
// is read once per document: `names_duty` remembers the answers (-1: not
// read yet), which the clauses under one heading all ask for.
// `shared`: the headings of earlier documents, or null.
bool in_duty_section(const std::vector<Clause>& clauses, const std::vector<int>& parent, std::size_t i,
                     const lexicon::Lexicon& lex, std::vector<signed char>& names_duty, Memo::Map<bool>* shared) {
  auto names = [&](const std::string& heading) {
    return lex.words(Class::role_section).occurs_in(text::fold(heading));
  };
  for (int k = static_cast<int>(i); k >= 0; k = parent[static_cast<std::size_t>(k)]) {
    signed char& known = names_duty[static_cast<std::size_t>(k)];
    if (known < 0) {
      const std::string& heading = clauses[static_cast<std::size_t>(k)].heading;
      if (!shared) {
        known = names(heading);
      } else {
        auto [m, first] = shared->try_emplace(heading);
        if (first) m->second = names(heading);
        known = m->second;
      }
    }
    if (known) return true;
  }
  return false;
}

// s.rfind(c), found forward a memchr at a time: rfind reads a long text
// back one byte at a time, and c is seldom there more than a few times.
std::size_t last_of(std::string_view s, char c) {
  std::size_t at = s.find(c);
  if (at == std::string_view::npos) return at;
  for (std::size_t q; (q = s.find(c, at + 1)) != std::string_view::npos;) at = q;
  return at;
}

// Where each cell of a table row stands in the row's text (folded offsets):
// its first line, looked up from where the previous cell ended, to its last.
std::vector<Range> cell_ranges(const Clause& c, const ClauseText& ct) {
  std::vector<Range> out;
  out.reserve(c.fields.size());
  const std::string_view text = c.text;
  std::size_t cursor = 0;
  for (const auto& [col, cell] : c.fields) {
    const std::string_view v = utf8::trim(cell);
    if (v.empty()) {
      out.push_back({ct.to_folded(cursor), ct.to_folded(cursor)});
      continue;
    }
    const std::size_t nl = v.find('\n');
    const std::string_view first = v.substr(0, nl);
    const std::string_view last = nl == std::string_view::npos ? first : v.substr(last_of(v, '\n') + 1);
    std::size_t b = text.find(first, cursor);
    if (b == std::string_view::npos) b = text.find(first);
    if (b == std::string_view::npos) {
      out.push_back({ct.to_folded(cursor), ct.to_folded(cursor)});
      continue;
    }
    std::size_t e = b + first.size();
    if (nl != std::string_view::npos) {
      const std::size_t l = text.find(last, e);
      if (l != std::string_view::npos) e = l + last.size();
    }
    cursor = e;
    out.push_back({ct.to_folded(b), ct.to_folded(e)});
  }
  return out;
}

// The sentence a unit's task is told in: the one the unit stands in, and
// the one before when this one only names who (牵头责任部门：市市场监管局;
// 省商务厅、省文化和旅游厅按职责分工负责。).
Range task_sentence(const ClauseText& ct, std::size_t where) {
  const auto& ss = ct.sentences();
  if (ss.empty()) return {0, ct.folded().size()};
  const std::size_t k = ct.sentence_index(where);
  Range s = ss[k];
  if (k == 0) return s;
  std::string_view body = utf8::trim(ct.folded(s));
  auto strip_end = [&] {
    while (!body.empty() && (ends_with(body, "。") || body.back() == ';' || body.back() == ',' || body.back() == '.'))
      body = utf8::trim_right(ends_with(body, "。") ? body.substr(0, body.size() - 3) : body.substr(0, body.size() - 1));
  };
  strip_end();
  // A bracket after it (（完成时限：2025年底）) says when, not what.
  if (!body.empty() && body.back() == ')') {
    const std::size_t open = last_of(body, '(');
    if (open != std::string_view::npos && open > 0) {
      body = utf8::trim_right(body.substr(0, open));
      strip_end();
    }
  }
  const Lexicon& lex = ct.lexicon();
  bool who_only = lex.words(Class::role_label).starts(body) != nullptr;
  if (!who_only && body.size() <= 240 && utf8::length(body) <= 60) {
    const auto* w = lex.words(Class::role_suffix).ends(body);
    const auto* b = lex.words(Class::role_bracket).ends(body);
    if (!w || (b && b->text.size() > w->text.size())) w = b;
    if (w && w->value != lexicon::kNoRole) {
      const std::size_t begin = static_cast<std::size_t>(body.data() - ct.folded().data());
      who_only = !split_unit_list(ct, Range{begin, begin + body.size() - w->text.size()}, ListMode::strict).empty();
    }
  }
  if (who_only) s.begin = ss[k - 1].begin;
  return s;
}

Span trimmed_span(const ClauseText& ct, Range r) {
  const std::string_view s = utf8::trim(ct.folded(r));
  const std::size_t b = static_cast<std::size_t>(s.data() - ct.folded().data());
  return ct.original_span(b, b + s.size());
}

}  // namespace

DocumentRecord analyze(const text::Document& doc, const Options& options) {
  DocumentRecord r;
  r.file = doc.name();
  r.encoding = doc.encoding();
  const gazetteer::Gazetteer& g0 = options.gazetteer ? *options.gazetteer : gazetteer::Gazetteer::builtin();
  const lexicon::Lexicon& lex0 = options.lexicon ? *options.lexicon : lexicon::Lexicon::builtin();
  structure::Structure s = structure::analyze(doc, lex0);
  r.clauses = std::move(s.clauses);
  r.texts = s.texts;
  if (!options.items) return r;
  const gazetteer::Gazetteer& g = g0;
  const lexicon::Lexicon& lex = lex0;

  // 1. Document numbers first: the document's own number tells its region.
  // The document's own number sits at the top (the preamble or an
  // attachment's head); the other clauses are read once, further down.
  std::string self_code;
  std::optional<DocNumber> from_header;  // a header's number, for want of the body's
  for (const Clause& c : r.clauses) {
    if (c.kind != ClauseKind::preamble && c.kind != ClauseKind::attachment) continue;
    for (const auto& m : find_doc_numbers(c.text, g, lex)) {
      const OnLine how = how_on_line(doc, c.begin + m.begin, c.begin + m.end, lex);
      if (how == OnLine::other || (how == OnLine::after_header_key && from_header)) continue;
      DocNumber& d = how == OnLine::alone ? r.doc_number.emplace(m.number) : from_header.emplace(m.number);
      d.role = DocNumberRole::self;
      d.line = doc.line_of(c.begin + m.begin);
      if (how == OnLine::alone) break;
    }
    if (r.doc_number) break;
  }
  if (!r.doc_number) r.doc_number = std::move(from_header);
  if (r.doc_number) self_code = r.doc_number->code;
  const structure::Header& header = s.header;
  DocFields f = find_doc_fields(doc, r.clauses, s.tables, header, g, lex, self_code);
  // The tables are in the clauses now (their rows, fields and texts): free
  // them before the items of a large document are read.
  std::vector<structure::Table>().swap(s.tables);
  std::vector<structure::Structure::RowSource>().swap(s.row_sources);
  r.title = f.title;
  r.date = f.date;
  r.addressees = f.addressees;
  r.issuers = f.issuers;
  r.attachments = f.attachments;
  // The answers of earlier documents, where the tables are the built-in ones.
  Memo* memo = nullptr;
  if (&g == &gazetteer::Gazetteer::builtin() && &lex == &lexicon::Lexicon::builtin()) {
    memo = &Memo::of_thread();
    memo->start_document();
  }
  UnitResolver resolver(g, f.region, *s.texts, memo);
  ReportedUnits seen;  // per clause

  // The year 年底前 means when no year is written: the signing date's, else
  // one in the title (2022年工作要点).
  std::optional<int> doc_year;
  if (r.date) doc_year = year_of(*r.date);
  if (!doc_year && r.title) doc_year = title_year(*r.title);

  std::vector<std::string> previous_issuers;
  std::vector<ValidityStatement> validity;
  Columns columns(lex, memo ? &memo->columns : nullptr);
  IssuerCells issuer_cells(lex, memo ? &memo->issuers : nullptr);
  const std::vector<int> parent = parents_of(r.clauses);
  std::vector<signed char> names_duty(r.clauses.size(), -1);
  for (std::size_t i = 0; i < r.clauses.size(); ++i) {
    Clause& c = r.clauses[i];
    const bool row = c.kind == ClauseKind::table_row;
    // The year of the nearest enclosing deadline: 年底前 in a child clause.
    const std::optional<int> inherited = last_year(inherited_deadlines(r.clauses, parent, i));
    if (options.only && !options.only(c)) {
      // Not wanted: still the deadlines its children may inherit.
      if (c.kind == ClauseKind::heading) {
        const ClauseText ct(c.text, lex);
        for (auto& d : find_deadlines(ct, inherited ? inherited : doc_year)) c.deadlines.push_back(std::move(d.deadline));
      }
      if (row) previous_issuers = c.issuers = row_issuers(c, previous_issuers, columns.of_row(c), issuer_cells);
      continue;
    }
    const ClauseText ct(c.text, lex);  // shared by the extractors of this clause
    for (auto& v : find_validity(ct)) validity.push_back(std::move(v));
    // A metadata header at the top of the preamble names no unit, target or
    // deadline (its 牵头单位：组织部 is the office that publishes the page).
    Range items{0, ct.folded().size()};
    if (c.kind == ClauseKind::preamble && !header.empty() && c.line_start <= header.last_line) {
      const std::size_t after = header.last_line < doc.line_count() ? doc.line_begin(header.last_line + 1) : doc.text().size();
      if (after > c.begin) items.begin = ct.to_folded(std::min(after - c.begin, c.text.size()));
    }
    // An article's bracketed title (第五条　（管理机构）) names its subject:
    // no list of units.
    if (!c.label.empty() && starts_with(c.text, c.label)) {
      std::size_t p = ct.to_folded(c.label.size());
      const std::string& f = ct.folded();
      while (p < f.size() && (f[p] == ' ' || f[p] == '\t')) ++p;
      if (const Bracket* b = p < f.size() && f[p] == '(' ? ct.bracket_at(p + 1) : nullptr; b && b->begin == p && b->closed)
        items.begin = std::max<std::size_t>(items.begin, b->end);
    }
    std::vector<Range> cells;
    if (row) cells = cell_ranges(c, ct);
    // Each column's kind, looked up once per row (it is asked for many times).
    static const std::vector<const ColumnInfo*> kNoColumns;
    const std::vector<const ColumnInfo*>& column_of = row ? columns.of_row(c) : kNoColumns;
    auto column = [&](std::size_t k) -> const ColumnInfo& { return *column_of[k]; };
    auto sentence_of = [&](std::size_t folded_pos) { return trimmed_span(ct, ct.sentences().empty() ? Range{0, ct.folded().size()} : ct.sentences()[ct.sentence_index(folded_pos)]); };

    // Document numbers and their roles.
    std::set<std::string> listed;
    std::vector<std::string> numbers;
    if (row)
      for (std::size_t k = 0; k < c.fields.size(); ++k)
        if (column(k).doc_number)
          for (const std::string& n : listed_numbers(c.fields[k].second, g, lex, memo, numbers)) listed.insert(n);
    // Each list gets a block of its own size: held to the end of a large
    // document, room grown by doubling was a share of its peak.
    auto numbers_found = find_doc_numbers(ct, g);
    c.doc_numbers.reserve(numbers_found.size());
    for (auto& m : numbers_found) {
      DocNumber d = std::move(m.number);  // the list is spent: no copy
      d.line = doc.line_of(c.begin + m.begin);
      if (listed.erase(d.normalized)) d.role = DocNumberRole::listed;
      else if ((c.kind == ClauseKind::preamble || c.kind == ClauseKind::attachment) &&
               how_on_line(doc, c.begin + m.begin, c.begin + m.end, lex) != OnLine::other)
        d.role = DocNumberRole::self;
      else d.role = DocNumberRole::cited;
      if (d.role == DocNumberRole::self && !r.doc_number) r.doc_number = d;
      c.doc_numbers.push_back(std::move(d));
    }

    // Deadlines, with the year of the nearest enclosing deadline as context.
    const std::optional<int> context = inherited ? inherited : doc_year;
    auto deadlines = find_deadlines(ct, context);
    // A 完成时限 column is a deadline slot: 2024年6月 and 持续推进 count there.
    if (row) {
      for (std::size_t k = 0; k < c.fields.size(); ++k) {
        if (!column(k).deadline || cells[k].empty())
          continue;
        for (auto& m : find_deadlines_in_slot(ct, cells[k], context)) {
          const bool known = std::any_of(deadlines.begin(), deadlines.end(), [&](const auto& d) {
            return d.deadline.at.begin < m.deadline.at.end && m.deadline.at.begin < d.deadline.at.end;
          });
          if (!known) deadlines.push_back(std::move(m));
        }
      }
      std::stable_sort(deadlines.begin(), deadlines.end(),
                       [](const auto& a, const auto& b) { return a.deadline.at.begin < b.deadline.at.begin; });
    }
    c.deadlines.reserve(c.deadlines.size() + deadlines.size());
    for (auto& d : deadlines) {
      d.deadline.sentence = sentence_of(d.folded);
      c.deadlines.push_back(std::move(d.deadline));
    }

    // Targets: the governing year is the last deadline before the number in
    // this clause, else the first after it (a task's own time limit may
    // follow it: …（完成时限：2024年12月底前）), else the nearest ancestor's.
    const GoverningYear governing(c.deadlines);
    auto targets_found = find_targets(ct);
    c.targets.reserve(targets_found.size());
    for (auto& t : targets_found) {
      Target tg = std::move(t.target);
      tg.year = governing.at(tg.at.begin);
      if (!tg.year) tg.year = inherited;
      tg.sentence = sentence_of(t.folded);
      c.targets.push_back(std::move(tg));
    }

    // Units: table columns that name them, then the text of every cell (or
    // of the clause).
    // (name key, role) pairs: the keys are the resolver's, which outlives the clause.
    seen.clear();
    // A row's task (its columns' units are told it); other clauses have none.
    Span row_task = row ? trimmed_span(ct, Range{0, ct.folded().size()}) : Span{};
    // The task sentence depends on the sentence a name stands in only, and a
    // list names many units in one sentence: each is worked out once.
    std::vector<std::optional<Span>> task_of_sentence(ct.sentences().size());
    auto task_span = [&](std::size_t where) {
      if (task_of_sentence.empty()) return trimmed_span(ct, task_sentence(ct, where));
      std::optional<Span>& known = task_of_sentence[ct.sentence_index(where)];
      if (!known) known = trimmed_span(ct, task_sentence(ct, where));
      return *known;
    };
    auto add_units = [&](std::vector<UnitMention> mentions, std::vector<Unit>& into, bool in_column) {
      // One block for a clause's units, not one per doubling (and most
      // clauses report all their mentions, so the block is not trimmed).
      if (into.empty()) into.reserve(mentions.size());
      for (UnitMention& m : mentions) {
        const auto& known = resolver.known(m.name);
        if (!seen.add(known.key, m.role)) continue;
        Unit u;
        u.name = std::move(m.name);
        u.role = m.role;
        u.at = m.at;
        u.sentence = in_column ? row_task : task_span(m.where);
        u.canonical = known.canonical;
        u.aliases = known.aliases;
        into.push_back(std::move(u));
      }
    };
    if (row) {
      c.issuers = row_issuers(c, previous_issuers, column_of, issuer_cells);
      // The task: the cells that say what is to be done (not who, not when).
      // A cell that repeats the row's heading is its subject (a summary
      // table's 文件名称): the task is in the others, else in that one.
      std::optional<Range> content, subject;
      const std::string heading = utf8::squash(c.heading);
      for (std::size_t k = 0; k < c.fields.size(); ++k) {
        if (!column(k).content() || cells[k].empty()) continue;
        if (utf8::same_but_blanks(c.fields[k].second, heading)) {
          if (!subject) subject = cells[k];
          continue;
        }
        if (!content) content = cells[k];
        else content->end = std::max(content->end, cells[k].end);
      }
      if (!content) content = subject;
      if (content) row_task = trimmed_span(ct, *content);
      std::vector<Unit> from_columns;
      for (std::size_t k = 0; k < c.fields.size(); ++k) {
        if (!column(k).names_units()) continue;
        if (auto role = column(k).role) add_units(units_in_cell(ct, cells[k], *role), from_columns, true);
      }
      // Units written inside the cells come before the column's summary.
      seen.clear();
      for (std::size_t k = 0; k < c.fields.size(); ++k) {
        if (column(k).names_units() && !column(k).role)
          add_units(find_units(ct, cells[k]), c.units, false);
      }
      // A unit a column names that the task's cells also name is told its
      // task in that sentence (…（牵头单位：市经信局、市市场监管局…）).
      std::unordered_map<std::string_view, Span> named_in_cells;
      for (const Unit& u : c.units) named_in_cells.try_emplace(resolver.key(u.name), u.sentence);
      for (auto& u : from_columns) {
        const std::string_view key = resolver.key(u.name);  // the resolver keeps it
        if (auto f = named_in_cells.find(key); f != named_in_cells.end()) {
          u.sentence = f->second;
        } else if (content) {  // named there without a role word: 由市教育局申报
          const std::size_t p = find_bytes(ct.folded(*content), text::fold(u.name));
          if (p != std::string_view::npos) u.sentence = task_span(content->begin + p);
        }
        if (seen.add(key, u.role)) c.units.push_back(std::move(u));
      }
      previous_issuers = c.issuers;
    } else {
      add_units(find_units(ct, items, in_duty_section(r.clauses, parent, i, lex, names_duty, memo ? &memo->duty_headings : nullptr)), c.units, false);
    }
    c.units.shrink_to_fit();  // held to the end: no room to grow
  }

  r.validity = assemble_validity(validity, r.date, header, lex);
  if (!r.doc_number && f.header_doc_number) {
    auto nums = find_doc_numbers(*f.header_doc_number, g, lex);
    if (!nums.empty()) {
      r.doc_number = nums.front().number;
      r.doc_number->role = DocNumberRole::self;
    }
  }
  return r;
}

}  // namespace policy::extract
