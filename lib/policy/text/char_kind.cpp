#include "policy/text/char_kind.h"

#include "policy/text/numeral.h"

namespace policy::text {

CharKind char_kind(char32_t c) {
  if (c >= '0' && c <= '9') return CharKind::digit;
  switch (c) {
    case '.': return CharKind::dot;
    case '(': return CharKind::open;
    case ')': return CharKind::close;
    case U'《': return CharKind::title_open;
    case U'》': return CharKind::title_close;
    case U'。': case U'!': case U'?': case U';': case U'\n': return CharKind::sentence_end;
    case U'幺': case U'萬': case U'億': return CharKind::plain;
    default: return is_chinese_numeral_char(c) ? CharKind::cn_numeral : CharKind::plain;
  }
}

}  // namespace policy::text
