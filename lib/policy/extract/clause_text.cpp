#include "policy/extract/clause_text.h"

#include <algorithm>

#include "policy/core/strings.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace {

// What the scan does with a character besides the automaton, one table
// lookup per character: most are plain text.
enum CharKind : std::uint8_t { plain, digit, dot, cn_numeral, open, close, title_open, title_close, sentence_end };

struct CharKinds {
  std::vector<std::uint8_t> bmp = std::vector<std::uint8_t>(0x10000, plain);
  CharKinds() {
    // Chinese numerals a number run may hold (not 幺 萬 億, which mean more
    // than a digit in running text).
    for (char32_t k = 0x80; k < 0x10000; ++k)
      if (text::is_chinese_numeral_char(k) && k != U'幺' && k != U'萬' && k != U'億') bmp[k] = cn_numeral;
    for (char32_t k = '0'; k <= '9'; ++k) bmp[k] = digit;
    bmp['.'] = dot;
    bmp['('] = open;
    bmp[')'] = close;
    bmp[U'《'] = title_open;
    bmp[U'》'] = title_close;
    for (char32_t k : {U'。', U'!', U'?', U';', U'\n'}) bmp[k] = sentence_end;
  }
  CharKind operator()(char32_t c) const {
    if (c < 0x10000) return static_cast<CharKind>(bmp[c]);
    return text::is_chinese_numeral_char(c) ? cn_numeral : plain;
  }
};

const CharKinds& char_kinds() {
  static const CharKinds kinds;
  return kinds;
}

// Top-level bracket pairs, ( and ) (the folded forms of （ and ）), from the
// offsets of every '(' and ')' in order; a list inside brackets may wrap over
// lines, and a bracket never closed runs to the end of its line (pairing then
// goes on after that line). Linear in the number of brackets.
std::vector<Bracket> pair_brackets(std::string_view t, const std::vector<std::uint32_t>& marks) {
  std::vector<Bracket> out;
  std::size_t k = 0;
  while (k < marks.size()) {
    int depth = 0;
    std::size_t open = 0;
    for (; k < marks.size(); ++k) {
      const std::uint32_t at = marks[k];
      if (t[at] == '(') {
        if (depth++ == 0) open = at;
      } else if (depth > 0 && --depth == 0) {
        out.push_back({static_cast<std::uint32_t>(open), at + 1u, true});
      }
    }
    if (depth == 0) break;
    std::size_t line_end = t.find('\n', open);
    if (line_end == std::string_view::npos) line_end = t.size();
    // Pairs closed after `open` were found while it was open: redo them.
    while (!out.empty() && out.back().begin > open) out.pop_back();
    out.push_back({static_cast<std::uint32_t>(open), static_cast<std::uint32_t>(line_end), false});
    k = static_cast<std::size_t>(std::lower_bound(marks.begin(), marks.end(), line_end) - marks.begin());
  }
  return out;
}

}  // namespace

ClauseText::ClauseText(std::string_view original, const lexicon::Lexicon& lexicon)
    : original_(original), lexicon_(lexicon), folded_(original) {
  scan();
  // An OCR slip (负-责) is read as the word meant, and the text read again.
  const auto slips = hits(lexicon::Class::slip);
  if (slips.empty()) return;
  std::vector<text::Folded::Edit> edits;
  for (const Hit& h : slips)
    if (edits.empty() || h.begin >= edits.back().end) edits.push_back({h.begin, h.end, lexicon.slip_meaning(h.value)});
  folded_.rewrite(edits);
  hits_.clear();
  numbers_.clear();
  brackets_.clear();
  sentences_.clear();
  titles_.clear();
  scan();
}

void ClauseText::scan() {
  const lexicon::Lexicon& lexicon = lexicon_;
  const std::string& t = folded_.text();
  const text::PhraseMatcher& m = lexicon.matcher();
  text::PhraseMatcher::State state = m.start();
  std::size_t i = 0;
  std::size_t number_start = 0;
  enum { none, arabic, chinese } number = none;
  const CharKinds& kind_of = char_kinds();
  // Sizes seen in policy texts, so that most clauses allocate once.
  hits_.reserve(t.size() / 24 + 8);
  numbers_.reserve(t.size() / 96 + 4);
  sentences_.reserve(t.size() / 96 + 2);
  std::vector<std::uint32_t> bracket_marks;  // offsets of ( and )
  int depth = 0;  // for sentences: brackets never cut one
  std::size_t sentence_start = 0, title_open_at = std::string::npos;
  auto end_number = [&](std::size_t at) {
    if (number != none)
      numbers_.push_back({static_cast<std::uint32_t>(number_start), static_cast<std::uint32_t>(at), number == arabic});
    number = none;
  };
  while (i < t.size()) {
    const std::size_t start = i;
    const char32_t c = utf8::next(t, i);
    state = m.step(state, c);
    if (m.matching(state)) {
      for (std::uint32_t id : m.matches(state)) {
        const auto b = static_cast<std::uint32_t>(i - m.phrase_bytes(id));
        for (const lexicon::Entry& e : lexicon.entries(id)) hits_.push_back({b, static_cast<std::uint32_t>(i), e.cls, e.value});
      }
    }
    const CharKind kind = kind_of(c);
    if (kind == plain) {
      end_number(start);
      continue;
    }
    // Numbers: digits with one decimal part, or Chinese numerals.
    if (kind == digit) {
      if (number != arabic) {
        end_number(start);
        number = arabic;
        number_start = start;
      }
    } else if (kind == dot && number == arabic && i < t.size() && t[i] >= '0' && t[i] <= '9' &&
               t.find('.', number_start) == start) {
      // 1.5: the decimal part belongs to the number (one point only).
    } else if (kind == cn_numeral) {
      if (number != chinese) {
        end_number(start);
        number = chinese;
        number_start = start;
      }
    } else {
      end_number(start);
    }
    switch (kind) {
      case open:
        ++depth;
        bracket_marks.push_back(static_cast<std::uint32_t>(start));
        break;
      case close:
        if (depth > 0) --depth;
        bracket_marks.push_back(static_cast<std::uint32_t>(start));
        break;
      case title_open: title_open_at = start; break;
      case title_close:
        if (title_open_at != std::string::npos) titles_.push_back({title_open_at, i});
        title_open_at = std::string::npos;
        break;
      case sentence_end:
        if (depth == 0) {
          sentences_.push_back({sentence_start, i});
          sentence_start = i;
        }
        break;
      default: break;
    }
  }
  end_number(t.size());
  if (sentence_start < t.size()) sentences_.push_back({sentence_start, t.size()});
  // Blank sentences go; one that opens with a bracket joins the sentence it
  // follows (…标准体系。（牵头单位：…）), not a line without an end (a table
  // cell before a cell that opens with a label: 市人民政府办公厅\n（二）…).
  std::vector<Range> merged;
  for (Range s : sentences_) {
    std::string_view trimmed = utf8::trim(folded(s));
    if (trimmed.empty()) continue;
    if (trimmed.front() == '(' && !merged.empty()) {
      const std::string_view before = utf8::trim_right(folded(merged.back()));
      if (ends_with(before, "。") || (!before.empty() && (before.back() == ';' || before.back() == '!' ||
                                                        before.back() == '?'))) {
        merged.back().end = s.end;
        continue;
      }
    }
    merged.push_back(s);
  }
  sentences_ = std::move(merged);

  if (!bracket_marks.empty()) brackets_ = pair_brackets(t, bracket_marks);
  // Group the hits by class, each class by begin (the longer first).
  std::sort(hits_.begin(), hits_.end(), [](const Hit& a, const Hit& b) {
    if (a.cls != b.cls) return a.cls < b.cls;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
  class_begin_.fill(0);
  for (const Hit& h : hits_) ++class_begin_[static_cast<std::size_t>(h.cls) + 1];
  for (std::size_t k = 1; k <= lexicon::kClassCount; ++k) class_begin_[k] += class_begin_[k - 1];
}

Span ClauseText::original_span(std::size_t folded_begin, std::size_t folded_end) const {
  return {static_cast<std::uint32_t>(to_original(folded_begin)),
          static_cast<std::uint32_t>(to_original(folded_end, true))};
}

std::string_view ClauseText::original_text(std::size_t folded_begin, std::size_t folded_end) const {
  const Span s = original_span(folded_begin, folded_end);
  return original_.substr(s.begin, s.end - s.begin);
}

std::span<const Hit> ClauseText::hits(lexicon::Class c) const {
  const auto k = static_cast<std::size_t>(c);
  return {hits_.data() + class_begin_[k], hits_.data() + class_begin_[k + 1]};
}

const Bracket* ClauseText::bracket_at(std::size_t p) const {
  auto it = std::upper_bound(brackets_.begin(), brackets_.end(), p,
                             [](std::size_t v, const Bracket& b) { return v < b.begin; });
  if (it == brackets_.begin()) return nullptr;
  --it;
  return p > it->begin && p < it->end ? &*it : nullptr;
}

std::size_t ClauseText::sentence_index(std::size_t p) const {
  auto it = std::upper_bound(sentences_.begin(), sentences_.end(), p,
                             [](std::size_t v, const Range& r) { return v < r.begin; });
  if (it == sentences_.begin()) return 0;
  return static_cast<std::size_t>(it - sentences_.begin()) - 1;
}

bool ClauseText::in_title(std::size_t p) const {
  auto it = std::upper_bound(titles_.begin(), titles_.end(), p,
                             [](std::size_t v, const Range& r) { return v < r.begin; });
  if (it == titles_.begin()) return false;
  --it;
  return p > it->begin && p < it->end;
}

}  // namespace policy::extract
