#include "policy/print/text_layout.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <optional>

#include "policy/print/sink.h"
#include "policy/text/utf8.h"

namespace policy::print {

std::size_t terminal_columns(int fd) {
  if (const char* env = std::getenv("COLUMNS")) {
    char* end = nullptr;
    unsigned long n = std::strtoul(env, &end, 10);
    if (end != env && *end == '\0' && n > 0 && n < 100000) return n;
  }
  winsize ws{};
  if (::isatty(fd) == 1 && ::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 0;
}

namespace {

bool is_closing(char32_t c) {
  switch (c) {
    case U'，': case U'。': case U'、': case U'；': case U'：': case U'！': case U'？':
    case U'）': case U'》': case U'」': case U'』': case U'】': case U'〕': case U'”':
    case U'’': case U'…': case ')':
      return true;
    default:
      return false;
  }
}

bool is_opening(char32_t c) {
  switch (c) {
    case U'（': case U'《': case U'「': case U'『': case U'【': case U'〔': case U'“': case U'‘':
    case '(':
      return true;
    default:
      return false;
  }
}

// Length of the ANSI CSI sequence (ESC [ … final byte) at s[i], or 0.
std::size_t escape_length(std::string_view s, std::size_t i) {
  if (s[i] != '\x1b' || i + 1 >= s.size() || s[i + 1] != '[') return 0;
  for (std::size_t k = i + 2; k < s.size(); ++k)
    if (s[k] >= 0x40 && s[k] <= 0x7E) return k - i + 1;
  return s.size() - i;
}

// A piece the line filler never splits unless it is wider than a line: a
// Latin word, one CJK character with the punctuation glued to it, or blanks.
struct Token {
  std::string text;
  std::size_t width = 0;
  bool blank = false;
};

// Hands each token of `part` to on_token in order: words, runs of closing
// marks, single wide characters (an opening mark joins what follows), and a
// blank for each run of spaces. One at a time, not a vector: a cell of
// megabytes of Chinese is millions of tokens.
template <class OnToken>
void tokenize(std::string_view part, OnToken&& on_token) {
  enum class Kind { none, word, wide, open };
  Token cur;
  Kind kind = Kind::none;
  bool any = false, last_blank = false;  // of the tokens handed on so far
  auto hand_on = [&](Token&& t) {
    last_blank = t.blank;
    any = true;
    on_token(std::move(t));
  };
  auto flush = [&] {
    if (!cur.text.empty()) hand_on(std::move(cur));
    cur = Token{};
    kind = Kind::none;
  };
  std::size_t i = 0;
  while (i < part.size()) {
    if (std::size_t esc = escape_length(part, i)) {
      cur.text.append(part.substr(i, esc));
      i += esc;
      continue;
    }
    const std::size_t start = i;
    const char32_t c = utf8::next(part, i);
    const std::string_view ch = part.substr(start, i - start);
    const std::size_t w = display_width(ch);
    if (utf8::is_space(c)) {
      if (kind != Kind::none || !any || !last_blank) {
        flush();
        hand_on(Token{" ", 1, true});
      }
      continue;
    }
    if (is_closing(c)) {
      kind = Kind::wide;  // a break may follow it
    } else if (is_opening(c)) {
      if (kind != Kind::open) flush();
      kind = Kind::open;
    } else if (w >= 2) {
      if (kind != Kind::open) flush();
      kind = Kind::wide;
    } else {
      if (kind != Kind::word && kind != Kind::open) flush();
      kind = Kind::word;
    }
    cur.text.append(ch);
    cur.width += w;
  }
  flush();
}

// Cuts a token wider than a line into pieces of at most `width` columns,
// handed to on_piece in order.
template <class OnPiece>
void cut(const Token& t, std::size_t width, OnPiece&& on_piece) {
  Token piece;
  std::string_view s = t.text;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = escape_length(s, i);
    std::size_t w = 0;
    if (len == 0) {
      std::size_t j = i;
      utf8::next(s, j);
      len = j - i;
      w = display_width(s.substr(i, len));
    }
    if (w > 0 && piece.width + w > width && piece.width > 0) {
      on_piece(piece);
      piece = Token{};
    }
    piece.text.append(s.substr(i, len));
    piece.width += w;
    i += len;
  }
  on_piece(piece);
}

// A colour that is still on at the end of a line is switched off there and
// on again at the start of the next one, so padding and the next column
// stay plain.
void carry_colours(std::vector<std::string>& lines) {
  std::string open;
  for (std::string& line : lines) {
    std::string_view s = line;
    std::string last;
    bool any = false;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (std::size_t esc = escape_length(s, i)) {
        last = std::string(s.substr(i, esc));
        any = true;
        i += esc - 1;
      }
    std::string carried = open;
    if (any) open = (last == "\x1b[0m" || last == "\x1b[m") ? std::string() : last;
    if (!open.empty()) line += "\x1b[0m";
    line.insert(0, carried);
  }
}

}  // namespace

std::vector<std::string> wrap_text(std::string_view text, std::size_t width) {
  width = std::max<std::size_t>(width, 2);
  std::vector<std::string> lines;
  bool coloured = false;
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = text.find('\n', start);
    const std::string_view part =
        text.substr(start, nl == std::string_view::npos ? nl : nl - start);
    coloured |= part.find('\x1b') != std::string_view::npos;
    std::string line;
    std::size_t line_width = 0;
    bool pending_blank = false;
    auto put = [&](const Token& t) {
      if (line_width > 0 && line_width + (pending_blank ? 1 : 0) + t.width > width) {
        lines.push_back(std::move(line));
        line.clear();
        line_width = 0;
      } else if (pending_blank && line_width > 0) {
        line.push_back(' ');
        ++line_width;
      }
      pending_blank = false;
      line += t.text;
      line_width += t.width;
    };
    tokenize(part, [&](const Token& t) {
      if (t.blank) {
        pending_blank = true;
      } else if (t.width <= width) {
        put(t);
      } else {
        cut(t, width, put);
      }
    });
    lines.push_back(std::move(line));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  if (coloured) carry_colours(lines);
  return lines;
}

std::vector<std::size_t> fit_columns(const std::vector<std::size_t>& natural,
                                     const std::vector<std::size_t>& minimum,
                                     const std::vector<std::size_t>& bulk, std::size_t total) {
  const std::size_t n = natural.size();
  std::vector<std::size_t> widths = natural;
  if (std::accumulate(natural.begin(), natural.end(), std::size_t{0}) <= total) return widths;
  std::vector<bool> fixed(n, false);
  while (true) {
    // What is left for the columns not settled yet.
    std::size_t left = total, weight = 0, open = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (fixed[k]) {
        left = left > widths[k] ? left - widths[k] : 0;
      } else {
        weight += std::max<std::size_t>(bulk[k], 1);
        ++open;
      }
    }
    if (open == 0) return widths;
    auto share = [&](std::size_t k) {
      return static_cast<double>(left) * static_cast<double>(std::max<std::size_t>(bulk[k], 1)) /
             static_cast<double>(weight);
    };
    auto settle = [&](auto&& rule) {
      bool any = false;
      for (std::size_t k = 0; k < n; ++k) {
        if (fixed[k]) continue;
        if (auto w = rule(k)) {
          widths[k] = *w;
          fixed[k] = any = true;
        }
      }
      return any;
    };
    // Narrow columns first: one that fits an equal share keeps its width
    // (wrapping it would save nothing).
    const double equal = static_cast<double>(left) / static_cast<double>(open);
    if (settle([&](std::size_t k) -> std::optional<std::size_t> {
          if (static_cast<double>(natural[k]) <= equal) return natural[k];
          return std::nullopt;
        }))
      continue;
    // Then by bulk: a column that needs less than its share keeps what it
    // needs, one whose share is below its minimum gets the minimum.
    if (settle([&](std::size_t k) -> std::optional<std::size_t> {
          if (static_cast<double>(natural[k]) <= share(k)) return natural[k];
          if (share(k) < static_cast<double>(minimum[k])) return minimum[k];
          return std::nullopt;
        }))
      continue;
    std::size_t given = 0;
    for (std::size_t k = 0; k < n; ++k)
      if (!fixed[k]) given += widths[k] = static_cast<std::size_t>(share(k));
    // The columns lost to rounding go to the leftmost open columns.
    for (std::size_t k = 0; k < n && given < left; ++k)
      if (!fixed[k] && widths[k] < natural[k]) ++widths[k], ++given;
    return widths;
  }
}

}  // namespace policy::print
