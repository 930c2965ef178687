#include "policy/structure/clause.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>

#include "policy/structure/label.h"
#include "policy/text/utf8.h"

namespace policy::structure {

namespace {

// A place where a clause starts. Only where: the label and heading are
// read again when the clause is made, so that a large document's events
// hold no strings (they were a sixth of its peak memory).
struct Event {
  enum Type : std::uint8_t { label, table_start, group_row, data_row, table_end } type;
  std::uint32_t from = 0;  // label: where on its line the label is read from
  std::size_t offset = 0;  // byte offset in the document
  std::size_t line = 0;    // label: its line
  int table = -1, row = -1;
};

// Rank of a label kind within one ladder: the order kinds first appear in.
// 第…章, 第…节 and 第…条 keep their own order whenever they appear (a section
// introduced after articles still sits above them). Unlabeled table group
// rows count as a kind of their own.
class Ladder {
 public:
  int rank(int kind) const {
    for (std::size_t i = 0; i < order_.size(); ++i)
      if (order_[i] == kind) return static_cast<int>(i);
    return -1;
  }
  void add(int kind) {
    if (rank(kind) >= 0) return;
    const int depth = regulation_depth(kind);
    if (depth >= 0) {
      for (std::size_t i = 0; i < order_.size(); ++i) {
        if (regulation_depth(order_[i]) > depth) {
          order_.insert(order_.begin() + static_cast<std::ptrdiff_t>(i), kind);
          return;
        }
      }
    }
    order_.push_back(kind);
  }

 private:
  static int regulation_depth(int kind) {
    switch (static_cast<LabelKind>(kind)) {
      case LabelKind::chapter: return 0;
      case LabelKind::section: return 1;
      case LabelKind::article: return 2;
      default: return -1;
    }
  }
  std::vector<int> order_;
};
constexpr int kUnlabeledGroup = 100;

// The clause ids given so far, as views of the clauses' own strings (which
// stay where they are), in one open-addressing table sized for all of them
// at once: a node-based set allocated once an id. Each clause adds one id.
class IdSet {
 public:
  explicit IdSet(std::size_t ids) {
    std::size_t room = 16;
    while (room < 2 * ids + 16) room <<= 1;  // at most half full
    slots_.resize(room);
    mask_ = room - 1;
  }
  // False when s is in already.
  bool insert(std::string_view s) {
    std::string_view& slot = slots_[find(s)];
    if (slot.data() != nullptr) return false;
    slot = s;
    return true;
  }
  bool contains(std::string_view s) const { return slots_[find(s)].data() != nullptr; }

 private:
  // s's slot, or the empty one where it would go (a view of a string never
  // has a null data(): null marks an empty slot).
  std::size_t find(std::string_view s) const {
    // Eight bytes a step (ids share long parent prefixes, so every byte
    // counts, but a byte at a time cost more than the rest of the lookup).
    std::uint64_t h = 14695981039346656037ull ^ s.size();
    std::size_t k = 0;
    for (; k + 8 <= s.size(); k += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + k, 8);
      h = (h ^ w) * 0x9E3779B97F4A7C15ull;
      h ^= h >> 32;
    }
    if (k < s.size()) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + k, s.size() - k);
      h = (h ^ w) * 0x9E3779B97F4A7C15ull;
      h ^= h >> 32;
    }
    h *= 0xBF58476D1CE4E5B9ull;
    std::size_t i = static_cast<std::size_t>(h ^ (h >> 29)) & mask_;
    while (slots_[i].data() != nullptr && slots_[i] != s) i = (i + 1) & mask_;
    return i;
  }
  std::vector<std::string_view> slots_;
  std::size_t mask_ = 0;
};

// Title lines right after an attachment label: short lines without closing
// punctuation, joined (a title may wrap).
std::string attachment_title(const text::Document& doc, std::size_t line_no,
                             const std::vector<int>& table_at) {
  std::string title;
  std::size_t n = line_no + 1;
  int blanks = 0;
  for (; n <= doc.line_count(); ++n) {
    if (table_at[n] >= 0) break;
    std::string_view l = utf8::trim(doc.line(n));
    if (l.empty()) {
      if (!title.empty() || ++blanks > 2) break;
      continue;
    }
    if (recognize_label(l)) break;
    if (utf8::length(l) > 50) break;
    std::string_view tail = l.substr(l.size() >= 3 ? l.size() - 3 : 0);
    if (tail == "。" || tail == "；" || tail == "：") break;
    title += std::string(l);
  }
  return title;
}

std::string row_heading(const Table& t, const Row& r) {
  // The first cell that is not the serial number: the task or document name.
  for (std::size_t c = 0; c < r.cells.size(); ++c) {
    const std::string_view col = c < t.columns.size() ? t.columns[c] : std::string_view();
    if (col.find("序号") != std::string::npos || col.find("编号") != std::string::npos) continue;
    std::string_view text = utf8::trim(r.cells[c].text);
    if (text.empty() || text == "-") continue;
    // Without its line breaks, copied a line at a time.
    std::string joined;
    joined.reserve(text.size());
    for (std::size_t at = 0; at <= text.size();) {
      const std::size_t nl = std::min(text.find('\n', at), text.size());
      joined.append(text.substr(at, nl - at));
      at = nl + 1;
    }
    return joined;
  }
  return {};
}

std::string row_serial(const Table& t, const Row& r) {
  if (r.cells.empty() || t.columns.empty()) return {};
  const std::string_view col = t.columns.front();
  if (col.find("序号") == std::string::npos && col.find("编号") == std::string::npos &&
      col != "序")
    return {};
  std::string s(utf8::trim(r.cells.front().text));
  for (std::string_view tail : {"、", "．", "."})
    if (s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0)
      s.resize(s.size() - tail.size());
  return s.find('\n') == std::string::npos && utf8::length(s) <= 6 ? s : std::string();
}

}  // namespace

Structure analyze(const text::Document& doc, const lexicon::Lexicon& lex) {
  Structure out;
  out.texts = std::make_shared<TextStore>(doc.shared_text());
  out.header = read_header(doc, lex);
  out.tables = find_tables(doc, *out.texts);
  // A header's TAB-separated pairs are no table.
  out.tables.erase(std::remove_if(out.tables.begin(), out.tables.end(),
                                  [&](const Table& t) { return t.line_first <= out.header.last_line; }),
                   out.tables.end());
  std::vector<int> table_at(doc.line_count() + 2, -1);
  for (std::size_t t = 0; t < out.tables.size(); ++t)
    for (std::size_t n = out.tables[t].line_first; n <= out.tables[t].line_last; ++n)
      table_at[n] = static_cast<int>(t);

  // 1. Where clauses start.
  std::vector<Event> events;
  // Room for the usual share of label lines (about one line in three), so
  // that the events are seldom moved to a larger vector as they come.
  events.reserve(doc.line_count() / 3 + 16);
  for (std::size_t n = out.header.last_line + 1; n <= doc.line_count(); ++n) {
    if (table_at[n] >= 0) {
      const int t = table_at[n];
      const Table& table = out.tables[t];
      events.push_back(Event{Event::table_start, 0, doc.line_begin(n), n, t, -1});
      for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const Row& row = table.rows[r];
        if (row.kind != RowKind::group && row.kind != RowKind::data) continue;
        events.push_back(Event{row.kind == RowKind::group ? Event::group_row : Event::data_row, 0,
                               doc.line_begin(row.line_first), row.line_first, t, static_cast<int>(r)});
      }
      events.push_back(Event{Event::table_end, 0, doc.line_end(table.line_last), table.line_last, t, -1});
      n = table.line_last;
      continue;
    }
    std::string_view line = doc.line(n);
    auto lab = recognize_label(line);
    if (!lab) continue;
    events.push_back(Event{Event::label, 0, doc.line_begin(n) + lab->begin, n, -1, -1});
    // A second label on the line (第一章 总则 第一条 …) starts a clause of its own.
    if (std::size_t second = next_label_on_line(line, *lab); second != std::string_view::npos)
      if (recognize_label(line.substr(second)))
        events.push_back(Event{Event::label, static_cast<std::uint32_t>(second), doc.line_begin(n) + second, n, -1, -1});
  }

  // 2. The tree.
  struct Open {
    int clause;
    int kind;  // a LabelKind, kUnlabeledGroup, or one of the two below
  };
  constexpr int kAttachment = -1, kBox = -2;
  std::vector<Open> stack;
  std::vector<Ladder> ladders(1);
  std::vector<std::size_t> ladder_stack{0};  // which ladder is current
  std::vector<std::size_t> floors{0};        // a table may not pop past its start
  std::vector<int> child_count;
  std::vector<std::size_t> group_counter, row_counter;
  auto& clauses = out.clauses;
  clauses.reserve(events.size() + 1);  // at most one clause an event (and a preamble): no regrowth

  // Ranks are looked up when compared: a ladder may insert a kind above
  // others later. A box ranks just below the clause it sits in.
  auto rank_at = [&](std::size_t pos) {
    double bonus = 0;
    while (stack[pos].kind == kBox) {
      bonus = 0.5;
      if (pos == 0 || pos == floors.back()) return bonus - 1.0;
      --pos;
    }
    if (stack[pos].kind == kAttachment) return -1.0 + bonus;
    return ladders[ladder_stack.back()].rank(stack[pos].kind) + bonus;
  };
  // A new clause at the end of `clauses`, under the open one; the caller
  // fills it in there. Made in place: a Clause is large, and building one
  // aside to move it in cost a move and a destructor each.
  auto add = [&]() {
    const int parent = stack.empty() ? -1 : stack.back().clause;
    const int level = parent < 0 ? 1 : clauses[parent].level + 1;
    if (parent >= 0) child_count[parent]++;
    Clause& c = clauses.emplace_back();
    c.parent = parent;
    c.level = level;
    child_count.push_back(0);
    return static_cast<int>(clauses.size()) - 1;
  };
  // Opens a labelled clause of `kind`: closes every open clause of the same
  // rank or below, then nests the new one under what is left.
  auto open_labelled = [&](int kind) {
    Ladder& ladder = ladders[ladder_stack.back()];
    ladder.add(kind);
    const double r = ladder.rank(kind);
    while (stack.size() > floors.back() && rank_at(stack.size() - 1) >= r) stack.pop_back();
    int idx = add();
    stack.push_back(Open{idx, kind});
    return idx;
  };

  // The name a field carries for column k of table t: the header cell without
  // line breaks, or 列N past the header's width; made once a table, kept
  // in out.texts when it is not the header cell as written.
  std::vector<std::vector<std::string_view>> column_names(out.tables.size());
  auto column_name = [&](int t, std::size_t k) {
    std::vector<std::string_view>& names = column_names[static_cast<std::size_t>(t)];
    const std::vector<std::string_view>& columns = out.tables[static_cast<std::size_t>(t)].columns;
    while (names.size() <= k) {
      const std::size_t n = names.size();
      if (n < columns.size() && columns[n].find('\n') == std::string_view::npos) {
        names.push_back(columns[n]);
        continue;
      }
      std::string made = n < columns.size() ? std::string(columns[n]) : "列" + std::to_string(n + 1);
      made.erase(std::remove(made.begin(), made.end(), '\n'), made.end());
      names.push_back(out.texts->keep(std::move(made)));
    }
    return names[k];
  };

  std::size_t first_start = doc.text().size();
  for (const Event& e : events) {
    if (e.type == Event::label || e.type == Event::group_row || e.type == Event::data_row) {
      first_start = e.offset;
      break;
    }
  }
  if (!utf8::trim(std::string_view(doc.text()).substr(0, first_start)).empty()) {
    Clause pre;
    pre.id = "0";
    pre.kind = ClauseKind::preamble;
    pre.begin = 0;
    clauses.push_back(std::move(pre));
    child_count.push_back(0);
    clauses.back().level = 0;
  }

  for (const Event& e : events) {
    switch (e.type) {
      case Event::label: {
        // The label read again from where the first pass found it.
        const std::string_view line = doc.line(e.line);
        const std::string_view from = line.substr(e.from);
        Label l = *recognize_label(from);
        // A bare 附件 takes its title from the lines after it.
        std::string heading = e.from == 0 && l.kind == LabelKind::attachment && utf8::trim(from.substr(l.body)).empty()
                                  ? attachment_title(doc, e.line, table_at)
                                  : heading_after(from, l);
        int idx;
        ClauseKind kind;
        if (l.kind == LabelKind::attachment) {
          stack.clear();
          ladders.emplace_back();
          ladder_stack.back() = ladders.size() - 1;
          kind = ClauseKind::attachment;
          idx = add();
          stack.push_back(Open{idx, kAttachment});
        } else if (l.kind == LabelKind::box) {
          while (stack.size() > floors.back() && stack.back().kind == kBox) stack.pop_back();
          kind = ClauseKind::box;
          idx = add();
          stack.push_back(Open{idx, kBox});
        } else {
          kind = ClauseKind::item;
          idx = open_labelled(static_cast<int>(l.kind));
        }
        Clause& c = clauses[idx];
        c.label = std::move(l.text);
        c.heading = std::move(heading);
        c.begin = e.offset;
        c.kind = kind;
        break;
      }
      case Event::table_start:
        floors.push_back(stack.size());
        ladders.emplace_back();
        ladder_stack.push_back(ladders.size() - 1);
        group_counter.push_back(0);
        row_counter.push_back(0);
        break;
      case Event::group_row: {
        ++group_counter.back();
        const std::string_view cell = out.tables[e.table].rows[e.row].cells.front().text;
        std::optional<Label> lab = recognize_label(cell);
        const std::string_view first_line = cell.substr(0, cell.find('\n'));
        const int idx = open_labelled(lab ? static_cast<int>(lab->kind) : kUnlabeledGroup);
        Clause& c = clauses[idx];
        c.kind = ClauseKind::heading;
        c.begin = e.offset;
        c.heading = lab ? heading_after(first_line, *lab) : std::string(first_line);
        if (lab) c.label = std::move(lab->text);
        else c.id = "g" + std::to_string(group_counter.back());
        out.row_sources.push_back({idx, e.table, e.row});
        break;
      }
      case Event::data_row: {
        const Table& t = out.tables[e.table];
        const Row& row = t.rows[e.row];
        ++row_counter.back();
        const int idx = add();
        Clause& c = clauses[idx];
        c.kind = ClauseKind::table_row;
        c.begin = e.offset;
        c.heading = row_heading(t, row);
        std::string serial = row_serial(t, row);
        c.id = serial.empty() ? "r" + std::to_string(row_counter.back()) : std::move(serial);
        c.fields.reserve(row.cells.size());
        for (std::size_t k = 0; k < row.cells.size(); ++k)
          c.fields.emplace_back(column_name(e.table, k), row.cells[k].text);
        out.row_sources.push_back({idx, e.table, e.row});
        break;
      }
      case Event::table_end:
        while (stack.size() > floors.back()) stack.pop_back();
        floors.pop_back();
        ladder_stack.pop_back();
        group_counter.pop_back();
        row_counter.pop_back();
        break;
    }
  }

  std::vector<Event>().swap(events);  // spent: a large document has many

  // 3. Ids, kinds, texts and lines.
  // The ids given so far, as views of the clauses' own: an id is final once
  // it is in, and the clauses stay where they are.
  IdSet used(clauses.size());
  std::unordered_map<std::string, int> next_suffix;  // id -> next #k to try
  const std::string_view all(doc.text());
  // Document::line_of, found from the line asked before on: the offsets asked
  // grow clause by clause, so a few steps forward replace a search; an
  // offset before that line is searched for.
  std::size_t line = 0;
  auto line_at = [&](std::size_t offset) {
    const std::size_t count = doc.line_count();
    if (line < 1 || line > count || doc.line_begin(line) > offset) return line = doc.line_of(offset);
    while (line < count && doc.line_begin(line + 1) <= offset) ++line;
    return line;
  };
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    Clause& c = clauses[i];
    if (c.kind != ClauseKind::preamble) {
      // parent/own, made in one string of the right size.
      const std::string& own = c.id.empty() ? c.label : c.id;
      if (c.parent >= 0) {
        const std::string& parent = clauses[c.parent].id;
        if (c.id.empty()) {  // own is the label: written straight into the id
          c.id.resize(parent.size() + 1 + own.size());
          char* w = c.id.data();
          std::memcpy(w, parent.data(), parent.size());
          w[parent.size()] = '/';
          std::memcpy(w + parent.size() + 1, own.data(), own.size());
        } else {
          std::string id;
          id.reserve(parent.size() + 1 + own.size());
          id.append(parent).append(1, '/').append(own);
          c.id = std::move(id);
        }
      } else if (c.id.empty()) {
        c.id = c.label;
      }
      if (c.kind == ClauseKind::item && child_count[i] > 0) c.kind = ClauseKind::heading;
    }
    if (!used.insert(c.id)) {
      int& k = next_suffix.try_emplace(c.id, 2).first->second;
      while (true) {
        std::string alt = c.id + "#" + std::to_string(k++);
        if (!used.contains(alt)) {
          c.id = std::move(alt);
          used.insert(c.id);
          break;
        }
      }
    }
    std::size_t end = i + 1 < clauses.size() ? clauses[i + 1].begin : all.size();
    std::string_view raw = all.substr(c.begin, end - c.begin);
    std::string_view left = utf8::trim_left(raw);
    std::string_view text = utf8::trim_right(left);
    c.begin += static_cast<std::size_t>(left.data() - raw.data());
    c.end = c.begin + text.size();
    c.text = text;  // a view: out.texts keeps the document's text
    c.line_start = line_at(c.begin);
    c.line_end = line_at(c.end > c.begin ? c.end - 1 : c.begin);
  }
  return out;
}

}  // namespace policy::structure
