#include "policy/gazetteer/name_pairs.h"

#include <algorithm>

namespace policy::gazetteer {

bool NamePairs::add(std::string_view name, std::uint32_t id) {
  std::size_t at = 0;
  if (name.empty()) return false;
  const char32_t first = utf8::next(name, at);
  if (at >= name.size()) return false;
  const char32_t second = utf8::next(name, at);
  const std::uint64_t key = (std::uint64_t{first} << 21) | second;
  if (names_.empty()) names_.reserve(1024);
  names_.push_back({key, name, id, static_cast<std::uint32_t>(names_.size()), false});  // valid: see build()
  const std::size_t h = hash(key);
  bits_[h / 64] |= std::uint64_t{1} << (h % 64);
  return true;
}

void NamePairs::build() {
  std::sort(names_.begin(), names_.end(), [](const Name& a, const Name& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.name.size() != b.name.size()) return a.name.size() > b.name.size();
    return a.order < b.order;
  });
  // Two names that read as the same code points (bytes that are not UTF-8
  // read as U+FFFD) are one phrase to a matcher, which reports the one added
  // last: so here. Valid names never meet this.
  auto same_reading = [](const Name& a, const Name& b) {
    // UTF-8 both: the same code points are the same bytes.
    if (a.valid && b.valid) return a.name == b.name;
    const std::string_view x = a.name, y = b.name;
    std::size_t i = 0, j = 0;
    while (i < x.size() && j < y.size())
      if (utf8::next(x, i) != utf8::next(y, j)) return false;
    return i == x.size() && j == y.size();
  };
  // Whether each name is UTF-8, asked only where a key has several.
  for (std::size_t k = 0; k < names_.size(); ++k) {
    const bool shared = (k > 0 && names_[k - 1].key == names_[k].key) ||
                        (k + 1 < names_.size() && names_[k + 1].key == names_[k].key);
    if (shared) names_[k].valid = utf8::first_invalid(names_[k].name) == std::string_view::npos;
  }
  std::vector<Name> kept;
  kept.reserve(names_.size());
  for (std::size_t k = 0; k < names_.size(); ++k) {
    bool later = false;  // a name added after this one reads the same
    for (std::size_t j = k + 1; j < names_.size() && names_[j].key == names_[k].key && !later; ++j)
      later = names_[j].order > names_[k].order && same_reading(names_[j], names_[k]);
    for (std::size_t j = k; j-- > 0 && names_[j].key == names_[k].key && !later;)
      later = names_[j].order > names_[k].order && same_reading(names_[j], names_[k]);
    if (!later) kept.push_back(names_[k]);
  }
  names_ = std::move(kept);
}

void NamePairs::hits_at(std::string_view text, std::size_t begin, std::uint64_t key, std::vector<Hit>& out) const {
  auto it = std::lower_bound(names_.begin(), names_.end(), key,
                             [](const Name& e, std::uint64_t k) { return e.key < k; });
  for (; it != names_.end() && it->key == key; ++it) {
    std::size_t a = begin, b = 0;
    bool same = true;
    while (same && b < it->name.size()) {
      if (a >= text.size()) {
        same = false;
        break;
      }
      same = utf8::next(text, a) == utf8::next(it->name, b);
    }
    // Where a matcher would say it begins: its length back from its end.
    if (same)
      out.push_back({static_cast<std::uint32_t>(a - it->name.size()), static_cast<std::uint32_t>(a), it->id});
  }
}

void NamePairs::find(std::string_view text, std::vector<Hit>& out) const {
  // Read as utf8::next_inline reads (the same characters, the same bytes
  // for each), with the offset kept in a register.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const std::uint64_t* bits = bits_.data();
  std::size_t i = 0, first_at = 0;
  std::uint64_t first = std::uint64_t{1} << 42;  // no code point: no key starts with it
  while (i < n) {
    const std::size_t at = i;
    const unsigned b = p[i];
    char32_t c;
    if (b < 0x80) {
      c = b;
      ++i;
    } else if ((b & 0xF0) == 0xE0 && b != 0xE0 && b != 0xED && i + 3 <= n &&
               ((p[i + 1] ^ 0x80u) | (p[i + 2] ^ 0x80u)) < 0x40) {
      c = (char32_t(b & 0x0F) << 12) | (char32_t(p[i + 1] & 0x3F) << 6) | char32_t(p[i + 2] & 0x3F);
      i += 3;
    } else {
      std::size_t j = i;
      c = utf8::next_slow(text, j);
      i = j;
    }
    const std::uint64_t key = (first << 21) | c;
    const std::size_t h = hash(key);
    if ((bits[h / 64] >> (h % 64)) & 1) hits_at(text, first_at, key, out);
    first = c;
    first_at = at;
  }
}

}  // namespace policy::gazetteer
