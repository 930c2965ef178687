// Many phrases found in one pass (Aho–Corasick over code points). Built once
// from the lexicon; a scan reports every occurrence of every phrase,
// overlapping ones included, in the order their last character is read.
//
//   PhraseMatcher m;
//   auto lead = m.add("牵头"), label = m.add("牵头单位");
//   m.build();
//   m.scan("（牵头单位：市商务局）", [](std::size_t begin, std::size_t end, std::uint32_t id) {
//     // (3, 9, lead) then (3, 15, label): byte offsets, end exclusive
//   });
//
// For callers that read the text themselves (one loop that also finds
// numbers and brackets), step() advances one code point at a time:
//
//   PhraseMatcher::State s = m.start();
//   s = m.step(s, c);
//   for (std::uint32_t id : m.matches(s)) … // phrases ending at c
//
// A caller that also sorts characters into a few kinds of its own (digits,
// brackets…) keeps a tag (0–15) per BMP code point next to the symbol, so
// that one table lookup answers both:
//
//   m.set_tag(U'(', 5);
//   auto [symbol, tag] = m.look_up(c);
//   s = m.step_symbol(s, symbol);
//
// Building costs microseconds per phrase (measured in bench/README.md);
// scanning a few nanoseconds per character, whatever the number of phrases.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "policy/text/utf8.h"

namespace policy::text {

class PhraseMatcher {
 public:
  using State = std::uint32_t;

  // Adds a phrase (non-empty UTF-8) and returns its id; adding the same
  // phrase again returns the same id. Only before build().
  std::uint32_t add(std::string_view phrase);
  // Computes the failure links; the matcher is read-only afterwards. A
  // matcher whose table of every transition would hold at most
  // `dense_limit` entries (4 bytes each) gets that table.
  static constexpr std::size_t kDenseLimit = std::size_t{1} << 20;
  void build(std::size_t dense_limit = kDenseLimit);

  std::size_t phrase_count() const { return lengths_.size(); }
  // Length of phrase `id` in bytes.
  std::size_t phrase_bytes(std::uint32_t id) const { return lengths_[id]; }

  // Tags a BMP code point (tag < 16); code points above the BMP keep tag 0.
  void set_tag(char32_t c, std::uint8_t tag);

  struct Looked {
    std::uint32_t symbol;  // 0: no phrase holds the character
    std::uint8_t tag;
  };
  Looked look_up(char32_t c) const {
    if (c >= 0x10000) return {other_symbol(c), 0};
    const std::uint32_t packed = bmp_[c];
    return {packed & kSymbolMask, static_cast<std::uint8_t>(packed >> kTagShift)};
  }

  // A state is opaque: 0 is the start (the root), which no phrase ends at.
  State start() const { return 0; }
  State step(State s, char32_t c) const { return step_symbol(s, look_up(c).symbol); }
  State step_symbol(State s, std::uint32_t a) const { return dense() ? step_dense(s, a) : step_sparse(s, a); }
  // Whether some phrase ends at the character that led to state s.
  bool matching(State s) const {
    if (!dense_.empty()) return (s & kDenseMatching) != 0;
    return output_begin_[s] != output_begin_[s + 1];
  }
  // Phrases that end at the character that led to state s.
  std::span<const std::uint32_t> matches(State s) const {
    const std::uint32_t node = dense_.empty() ? s : (s & kDenseRow) >> dense_shift_;
    return {outputs_.data() + output_begin_[node], outputs_.data() + output_begin_[node + 1]};
  }
  // Whether steps are one lookup in a table of every transition (a matcher
  // of a few hundred characters and states, as the lexicon's) rather than
  // the trie's edges and failure links (the gazetteer's thousands).
  bool dense() const { return !dense_.empty(); }

  // A dense matcher's two tables as plain pointers, for a loop that steps
  // the matcher itself: a local copy stays in registers, where the
  // matcher's own members are loaded again after every store the loop
  // makes. Only when dense(); BMP code points only.
  struct DenseView {
    const std::uint32_t* packed;  // per BMP code point: symbol | tag << kTagShift
    const State* table;
    // The packed entry of c: its symbol when the tag is 0.
    std::uint32_t packed_of(char32_t c) const { return packed[c]; }
    static std::uint8_t tag_of(std::uint32_t packed) { return static_cast<std::uint8_t>(packed >> kTagShift); }
    static std::uint32_t symbol_of(std::uint32_t packed) { return packed & kSymbolMask; }
    State step(State s, std::uint32_t symbol) const { return table[(s & kDenseRow) + symbol]; }
    static bool matching(State s) { return (s & kDenseMatching) != 0; }
    // The packed entries again for a loop that reads three-byte sequences
    // without looking at their lead: entry c for the sequence that decodes
    // to c, whose tag is kHeld where c folds (fold.h) or no well-formed
    // sequence of three bytes gives c (below U+0800, the surrogates);
    // entry kAsciiAt + b for the ASCII byte b.
    const std::uint32_t* raw;
    static constexpr std::size_t kAsciiAt = 0x10000;
    static constexpr std::uint8_t kHeld = 15;
  };
  DenseView dense_view() const { return {bmp_.data(), dense_.data(), raw_.data()}; }

  template <class OnHit>
  void scan(std::string_view text, OnHit&& on_hit) const {
    // (Which kind of step is decided once, not at every character.)
    if (dense()) scan_with<true>(text, on_hit);
    else scan_with<false>(text, on_hit);
  }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;

  State step_dense(State s, std::uint32_t a) const { return dense_[(s & kDenseRow) + a]; }
  State step_sparse(State s, std::uint32_t a) const {
    if (a == 0) return 0;  // no phrase holds this character
    while (s != 0) {
      const std::uint32_t next = child(s, a);
      if (next != kNone) return next;
      s = fail_[s];
    }
    return root_[a];
  }
  template <bool kDense, class OnHit>
  void scan_with(std::string_view text, OnHit& on_hit) const {
    State s = 0;
    std::size_t i = 0;
    while (i < text.size()) {
      const std::uint32_t a = look_up(utf8::next_inline(text, i)).symbol;
      s = kDense ? step_dense(s, a) : step_sparse(s, a);
      if (kDense ? (s & kDenseMatching) != 0 : s != 0 && matching(s))  // the root is never a match
        for (std::uint32_t id : matches(s)) on_hit(i - lengths_[id], i, id);
    }
  }

  // bmp_ packs a code point's symbol (low 28 bits) and tag (high 4). (With
  // 16-bit entries, the gazetteer's thousands of characters overflowed
  // into a hash map that cost more than the smaller table saved.)
  static constexpr std::uint32_t kSymbolMask = 0x0FFFFFFF;
  static constexpr int kTagShift = 28;
  std::uint32_t other_symbol(char32_t c) const {
    auto f = other_symbol_.find(c);
    return f == other_symbol_.end() ? 0 : f->second;
  }
  std::uint32_t child(State s, std::uint32_t a) const {
    const auto* first = edges_.data() + edge_begin_[s];
    const auto* last = edges_.data() + edge_begin_[s + 1];
    if (last - first <= 8) {
      for (; first != last; ++first)
        if (first->first == a) return first->second;
      return kNone;
    }
    return child_sorted(first, last, a);
  }
  static std::uint32_t child_sorted(const std::pair<std::uint32_t, std::uint32_t>* first,
                                    const std::pair<std::uint32_t, std::uint32_t>* last, std::uint32_t a);
  std::uint32_t intern(char32_t c);

  // The trie while phrases are added: per node, its children (symbol, node).
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> building_;
  std::vector<std::uint32_t> phrase_of_node_;  // kNone or the phrase ending there
  std::unordered_map<std::string, std::uint32_t> ids_;

  // Symbols: every code point some phrase holds gets a number from 1.
  std::vector<std::uint32_t> bmp_ = std::vector<std::uint32_t>(0x10000, 0);
  std::unordered_map<char32_t, std::uint32_t> other_symbol_;  // above the BMP
  std::uint32_t symbols_ = 0;

  // After build(): children of node n are edges_[edge_begin_[n] .. edge_begin_[n+1]),
  // sorted by symbol; the root's are a dense table.
  std::vector<std::uint32_t> root_;
  std::vector<std::uint32_t> edge_begin_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges_;
  std::vector<std::uint32_t> fail_;
  std::vector<std::uint32_t> output_begin_;  // per node, into outputs_ (node count + 1)
  std::vector<std::uint32_t> outputs_;       // phrase ids, longest first per node
  std::vector<std::uint32_t> lengths_;       // per phrase, bytes

  // The dense table: for node n and symbol a, entry n * dense_stride_ + a is
  // the next node's row (its number times dense_stride_), with
  // kDenseMatching set when a phrase ends there. Such entries are the
  // states, so that a step is one lookup and no branch.
  static constexpr std::uint32_t kDenseMatching = 0x80000000;
  static constexpr std::uint32_t kDenseRow = 0x7FFFFFFF;
  // Its entries are left unset when it is sized: build() writes every one
  // (zeroing first cost as much again, at every start).
  template <class T>
  struct Unset : std::allocator<T> {
    template <class U>
    struct rebind {
      using other = Unset<U>;
    };
    Unset() = default;
    template <class U>
    Unset(const Unset<U>&) noexcept {}
    template <class U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
      ::new (static_cast<void*>(p)) U;
    }
  };
  std::vector<std::uint32_t, Unset<std::uint32_t>> dense_;
  std::vector<std::uint32_t> raw_;  // DenseView::raw, when dense
  void set_raw(char32_t c);
  std::uint32_t dense_stride_ = 0;  // a power of two
  std::uint32_t dense_shift_ = 0;   // its log2
};

}  // namespace policy::text
