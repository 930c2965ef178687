#include "policy/gazetteer/name_pairs.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace policy::gazetteer {

std::uint32_t NamePairs::packed(char32_t c) {
  if (c < 0x80) return c;
  if (c < 0x800) return (0xC0 | (c >> 6)) | ((0x80 | (c & 0x3F)) << 8);  // low byte C2-DF
  if (c < 0x10000) return (0xE0 | (c >> 12)) | ((0x80 | ((c >> 6) & 0x3F)) << 8) | ((0x80 | (c & 0x3F)) << 16);
  // Beyond the BMP (at most 0x13FFFF, as four bytes decode): a low byte
  // 80-BF, which no other character's has, and 16 bits above it.
  const std::uint32_t d = c - 0x10000;
  return (0x80 | (d & 0x3F)) | ((d >> 6) << 8);
}

bool NamePairs::add(std::string_view name, std::uint32_t id) {
  std::size_t at = 0;
  if (name.empty()) return false;
  const char32_t first = utf8::next(name, at);
  if (at >= name.size()) return false;
  const char32_t second = utf8::next(name, at);
  const std::uint64_t key = pair_key(packed(first), packed(second));
  if (names_.empty()) names_.reserve(1024);
  names_.push_back({key, name, id, static_cast<std::uint32_t>(names_.size()), false,  // valid: see build()
                    static_cast<std::uint32_t>(at)});
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
  std::size_t slots = 16;
  while (slots < 2 * names_.size()) slots *= 2;
  first_of_key_.assign(slots, 0);
  for (std::size_t k = 0; k < names_.size(); ++k) {
    if (k > 0 && names_[k - 1].key == names_[k].key) continue;
    std::size_t s = hash(names_[k].key) & (slots - 1);
    while (first_of_key_[s]) s = (s + 1) & (slots - 1);
    first_of_key_[s] = static_cast<std::uint32_t>(k + 1);
  }
}

void NamePairs::hits_at(std::string_view text, std::size_t after_pair, std::uint64_t key, std::size_t h,
                        std::vector<Hit>& out) const {
  if (first_of_key_.empty()) return;  // not built
  const std::size_t mask = first_of_key_.size() - 1;
  std::size_t s = h & mask;
  while (first_of_key_[s] && names_[first_of_key_[s] - 1].key != key) s = (s + 1) & mask;
  if (!first_of_key_[s]) return;
  for (auto it = names_.begin() + (first_of_key_[s] - 1); it != names_.end() && it->key == key; ++it) {
    // The first two characters are the same: the key says so (a name that
    // is not UTF-8 may take other bytes for them than the text).
    std::size_t a = after_pair, b = it->skip;
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

namespace {

inline std::uint64_t load64(const unsigned char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
inline std::uint32_t load32(const unsigned char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

// How many three-byte characters under leads E1-EF (E0 may be an overlong
// form, whose bytes are not its packed()) start the 48 bytes at p, up to 16:
// a lead at every third byte, continuation bytes between.
inline std::size_t three_byte_run(const unsigned char* p) {
#if defined(__SSE2__)
  // As signed bytes, a continuation (80-BF) is below -64 and E1-EF is -31 to -17.
  const __m128i below_cont = _mm_set1_epi8(-64), lead_low = _mm_set1_epi8(-32), lead_high = _mm_set1_epi8(-16);
  auto leads = [&](const __m128i v) {
    return static_cast<std::uint64_t>(static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, lead_low), _mm_cmpgt_epi8(lead_high, v)))));
  };
  auto conts = [&](const __m128i v) {
    return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpgt_epi8(below_cont, v))));
  };
  const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)),
                b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16)),
                c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 32));
  // Leads at bytes 0, 3, ... 45; the first byte out of that pattern ends the run.
  constexpr std::uint64_t kLeads = 0x249249249249ull, kConts = 0xDB6DB6DB6DB6ull;
  const std::uint64_t off = ((leads(a) | leads(b) << 16 | leads(c) << 32) ^ kLeads) |
                            ((conts(a) | conts(b) << 16 | conts(c) << 32) ^ kConts) | (std::uint64_t{1} << 48);
  return static_cast<std::size_t>(__builtin_ctzll(off)) / 3;
#else
  std::size_t k = 0;
  for (; k < 48; k += 3)
    if (p[k] < 0xE1 || p[k] > 0xEF || (p[k + 1] & 0xC0) != 0x80 || (p[k + 2] & 0xC0) != 0x80) break;
  return k / 3;
#endif
}

}  // namespace

void NamePairs::find(std::string_view text, std::vector<Hit>& out) const {
  // Read as utf8::next reads (the same characters, the same bytes for
  // each); a character's key is its packed() bytes.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const std::uint64_t* bits = bits_.data();
  auto test = [&](std::size_t after_pair, std::uint64_t key) {
    const std::size_t h = hash(key);
    if ((bits[h / 64] >> (h % 64)) & 1) hits_at(text, after_pair, key, h, out);
  };
  // The pair of three-byte characters at first_at, from its bytes.
  auto test_bytes = [&](std::size_t first_at) {
    const std::uint64_t w = load64(p + first_at);
    const std::size_t h = hash_at(w);
    if ((bits[h / 64] >> (h % 64)) & 1) hits_at(text, first_at + 6, w << 16, h, out);
  };
  std::size_t i = 0;
  std::uint32_t first = 0xFFFFFF;  // no character's packed(): no key starts with it
  while (i < n) {
    // A run of three-byte characters (most of a Chinese text): their bytes
    // are their keys; the first pairs with the character before the run.
    if (n - i >= 64) {
      const std::size_t run = three_byte_run(p + i);
      if (run) {
        test(i + 3, pair_key(first, load32(p + i) & 0xFFFFFF));
        const std::size_t last = i + 3 * (run - 1);
        for (std::size_t at = i; at < last; at += 3) test_bytes(at);
        first = load32(p + last) & 0xFFFFFF;
        i = last + 3;
        if (run == 16) continue;
      }
    }
    // The character that ended the run, and those after it up to the next
    // that may start one, one at a time.
    do {
      const unsigned b = p[i];
      std::uint32_t c;
      if (b < 0x80) {
        c = b;
        ++i;
      } else if (b - 0xE1 < 0x0F && i + 3 <= n && ((p[i + 1] ^ 0x80u) | (p[i + 2] ^ 0x80u)) < 0x40) {
        c = b | (std::uint32_t{p[i + 1]} << 8) | (std::uint32_t{p[i + 2]} << 16);
        i += 3;
      } else {
        std::size_t j = i;
        c = packed(utf8::next_slow(text, j));
        i = j;
      }
      test(i, pair_key(first, c));
      first = c;
    } while (i < n && p[i] - 0xE1u >= 0x0F);
  }
}

}  // namespace policy::gazetteer
