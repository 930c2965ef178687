#include "policy/structure/header.h"

#include "policy/core/strings.h"
#include "policy/text/fold.h"
#include "policy/text/utf8.h"

namespace policy::structure {

namespace {

using lexicon::Class;

// The key that ends right before a colon at byte `colon` of the line: the
// longest header key read backwards over at most ten characters, blanks
// inside it skipped (文　　号). Returns where the key starts, or npos.
std::size_t key_before(std::string_view line, std::size_t colon, const lexicon::Lexicon& lex,
                       std::string* key) {
  // The fold of the characters before the colon, blanks dropped, grown at
  // the front a character at a time: text::fold folds each code point on
  // its own, so the fold of the whole is the folds put together (and need
  // not be made again for each character).
  std::string folded;
  folded.reserve(48);
  std::string ch;
  std::size_t i = colon, best = std::string_view::npos;
  for (int n = 0; n < 10 && i > 0;) {
    std::size_t j = i;
    const char32_t c = utf8::prev(line, j);
    i = j;
    if (utf8::is_space(c)) {
      if (n > 0 && c == '\t') break;  // a TAB separates pairs
      continue;
    }
    ++n;
    ch.clear();
    if (!text::fold_code_point(c, ch)) utf8::append(ch, c);
    folded.insert(0, ch);
    if (lex.words(Class::header_key).find(folded)) {
      best = i;
      *key = folded;
    }
  }
  if (best == std::string_view::npos) return best;
  // A key stands at the line's start or after a separator (a TAB, blanks).
  std::string_view before = line.substr(0, best);
  if (!before.empty() && !utf8::is_space([&] {
        std::size_t k = before.size();
        return utf8::prev(before, k);
      }()))
    return std::string_view::npos;
  return best;
}

}  // namespace

const HeaderPair* Header::find(lexicon::HeaderField field) const {
  for (const auto& p : pairs)
    if (p.field == field && !p.value.empty()) return &p;
  return nullptr;
}

std::vector<HeaderPair> header_pairs(std::string_view line, const lexicon::Lexicon& lex) {
  std::vector<HeaderPair> out;
  const std::string_view l = utf8::trim(line);
  if (l.empty()) return out;
  // A bracketed key, no colon: 【法宝引证码】 CLI.12.4638041 (the brackets
  // are part of that key), 【发布部门】山东省人民政府 (any key in brackets, as
  // legal databases export them; a colon after the bracket is allowed).
  if (starts_with(l, "【")) {
    const std::size_t close = l.find("】");
    if (close != std::string_view::npos) {
      std::string key = text::fold(l.substr(0, close + 3));
      const auto* w = lex.words(Class::header_key).find(key);
      if (!w) {
        key = text::fold(utf8::squash(l.substr(3, close - 3)));
        w = lex.words(Class::header_key).find(key);
      }
      std::string_view value = utf8::trim(l.substr(close + 3));
      if (starts_with(value, "：")) value = utf8::trim(value.substr(3));
      else if (starts_with(value, ":")) value = utf8::trim(value.substr(1));
      if (w) out.push_back({static_cast<lexicon::HeaderField>(w->value), key, std::string(value), 0});
    }
    return out;
  }
  // Every colon that follows a key starts a pair; the text before the first
  // key must be empty.
  struct At {
    std::size_t key_begin, value_begin;
    std::string key;
  };
  std::vector<At> keys;
  for (std::size_t i = 0; i < l.size();) {
    const std::size_t at = i;
    const char32_t c = utf8::next(l, i);
    if (c != U'：' && c != ':') continue;
    std::string key;
    const std::size_t b = key_before(l, at, lex, &key);
    if (b == std::string_view::npos) continue;
    if (!keys.empty() && b < keys.back().value_begin) continue;
    keys.push_back({b, i, key});
  }
  if (keys.empty() || keys.front().key_begin != 0) return out;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const std::size_t end = k + 1 < keys.size() ? keys[k + 1].key_begin : l.size();
    const auto* w = lex.words(Class::header_key).find(keys[k].key);
    out.push_back({static_cast<lexicon::HeaderField>(w->value), keys[k].key,
                   std::string(utf8::trim(l.substr(keys[k].value_begin, end - keys[k].value_begin))), 0});
  }
  return out;
}

Header read_header(const text::Document& doc, const lexicon::Lexicon& lex) {
  Header h;
  const std::size_t lines = std::min<std::size_t>(doc.line_count(), 80);
  // Legal-database exports may print the title first and the header under
  // it: one line that is no pair, right before a pair, is passed over.
  bool passed_title = false;
  for (std::size_t n = 1; n <= lines; ++n) {
    const std::string_view line = utf8::trim(doc.line(n));
    if (line.empty()) continue;
    auto pairs = header_pairs(line, lex);
    if (pairs.empty() && h.empty() && !passed_title) {
      passed_title = true;
      std::size_t next = n + 1;
      while (next <= lines && utf8::trim(doc.line(next)).empty()) ++next;
      if (next <= lines && !header_pairs(utf8::trim(doc.line(next)), lex).empty()) continue;
    }
    if (pairs.empty()) {
      // 正文 closes a header; any other line ends it before.
      if (!h.empty() && lex.words(Class::marker_body_start).find(text::fold(line))) h.last_line = n;
      break;
    }
    if (h.empty()) h.first_line = n;
    h.last_line = n;
    for (auto& p : pairs) {
      p.line = n;
      h.pairs.push_back(std::move(p));
    }
  }
  return h;
}

}  // namespace policy::structure
