// Laying text out for a terminal: how wide it is, where lines break, how a
// table's columns share the width. The text printer, the document card and
// --help use these.
//
//   std::size_t w = terminal_columns(STDOUT_FILENO);     // 0: not a terminal
//   wrap_text("到2025年，制定地方标准1200项以上。", 10)
//       -> {"到2025年，", "制定地方标", "准1200项以", "上。"}
//   fit_columns({8, 200, 30}, {4, 4, 4}, {40, 900, 100}, 76) -> {8, 56, 12}
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace policy::print {

// The width a text layout should fill: COLUMNS when it holds a positive
// number, else the size of the terminal `fd` is, else 0 (not a terminal).
std::size_t terminal_columns(int fd);

// Splits text into lines of at most `width` display columns (display_width):
// at its own line breaks, at spaces, between two CJK characters, never
// inside a Latin word or number unless the word alone is wider than a line.
// Chinese closing punctuation (，。、）) stays on the line of the character
// before it, opening punctuation (（《“) on the line of the one after it.
// ANSI colour sequences count zero columns; a colour open at a break is
// closed at the line's end and opened again on the next line.
std::vector<std::string> wrap_text(std::string_view text, std::size_t width);

// Column widths that fit `total` display columns. Each column wants its
// `natural` width (its widest line) and holds `bulk` columns of text in all
// (the sum over its cells). When they do not all fit, the width is shared in
// proportion to bulk, so the column with the most text gets the most room; a
// column whose share exceeds its natural width keeps just that, and none
// goes below its `minimum` (its header), so the sum may exceed `total` when
// there are too many columns.
std::vector<std::size_t> fit_columns(const std::vector<std::size_t>& natural,
                                     const std::vector<std::size_t>& minimum,
                                     const std::vector<std::size_t>& bulk, std::size_t total);

}  // namespace policy::print
