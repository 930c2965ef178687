// Every occurrence of many names of two characters or more in a text, as
// text::PhraseMatcher::scan reports them (the same begin, end and id for
// every occurrence, overlapping ones included), found another way: a name
// can only start where its first two characters stand, so most places are
// passed over after one bit test (a bit per hashed pair of characters), and
// only the names under a pair that is there are compared, code point by
// code point. In prose, where most pairs start no name, that reads a text
// faster than an automaton stepping through every character, and is built
// in a fraction of the time (the gazetteer's division names, at start-up).
//
//   NamePairs p;
//   p.add("武汉市", 0); p.add("武汉", 1);   // the names must outlive p
//   p.build();
//   p.scan("在武汉市", [](std::size_t begin, std::size_t end, std::uint32_t id) {
//     // (3, 12, 0) then (3, 9, 1): byte offsets, end exclusive
//   });
//
// Hits come by where they begin, the longest first at a place (a phrase
// matcher's come by where they end), when the names are UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "policy/text/utf8.h"

namespace policy::gazetteer {

class NamePairs {
 public:
  // Adds a name (kept as a view) under the caller's id; a name of fewer than
  // two characters is not added (false). Only before build().
  bool add(std::string_view name, std::uint32_t id);
  void build();

  struct Hit {
    std::uint32_t begin, end, id;  // byte offsets, end exclusive
  };
  // Appends every hit in text to out.
  void find(std::string_view text, std::vector<Hit>& out) const;

  template <class OnHit>
  void scan(std::string_view text, OnHit&& on_hit) const {
    std::vector<Hit> hits;
    find(text, hits);
    for (const Hit& h : hits) on_hit(std::size_t{h.begin}, std::size_t{h.end}, h.id);
  }

 private:
  struct Name {
    std::uint64_t key;  // pair_key() of its first two characters
    std::string_view name;
    std::uint32_t id;
    std::uint32_t order;  // when added
    bool valid;           // UTF-8 throughout
    std::uint32_t skip;   // the bytes of its first two characters (the key's)
  };
  static constexpr std::size_t kBits = std::size_t{1} << 18;
  static std::size_t hash(std::uint64_t key) {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 46);
  }
  // A character as the scan keys it: its UTF-8 bytes as memory holds them
  // (the first byte lowest) when it is a three-byte character, and for the
  // others another value of 24 bits none of those has (see packed()). In a
  // run of three-byte characters, the key of two is then the six bytes they
  // take, read in one load, not decoded.
  static std::uint32_t packed(char32_t c);
  static std::uint64_t pair_key(std::uint32_t first, std::uint32_t second) {
    return (std::uint64_t{first} << 16) | (std::uint64_t{second} << 40);
  }
  // hash(w << 16) for the eight bytes w at a character (their first six the
  // key of a pair), the shift folded into the multiplier.
  static std::size_t hash_at(std::uint64_t w) {
    return static_cast<std::size_t>((w * (0x9E3779B97F4A7C15ull << 16)) >> 46);
  }
  // The names under key whose first two characters (the key's, read
  // already) end at after_pair in text; h: hash(key).
  void hits_at(std::string_view text, std::size_t after_pair, std::uint64_t key, std::size_t h,
               std::vector<Hit>& out) const;

  std::vector<Name> names_;  // by key, the longest first under a key
  std::vector<std::uint64_t> bits_ = std::vector<std::uint64_t>(kBits / 64, 0);
  // Where each key's names start in names_ (plus one; 0: no key), open
  // addressing from hash(key): a pair the bits let through is found without
  // a binary search.
  std::vector<std::uint32_t> first_of_key_;
};

}  // namespace policy::gazetteer
