// What a clause scan does with a character of folded text besides matching
// phrases: digits and Chinese numerals make numbers, brackets nest, 《》
// hold titles, and 。!?; and line breaks end sentences. Kept next to each
// character's phrase-matcher symbol (PhraseMatcher::set_tag), so one table
// lookup per character answers both.
#pragma once

#include <cstdint>

namespace policy::text {

enum class CharKind : std::uint8_t { plain, digit, dot, cn_numeral, open, close, title_open, title_close, sentence_end };

// The kind of a folded character. Chinese numerals are those a number run
// may hold: not 幺 萬 億, which mean more than a digit in running text.
CharKind char_kind(char32_t c);

}  // namespace policy::text
