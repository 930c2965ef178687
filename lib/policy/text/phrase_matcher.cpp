#include "policy/text/phrase_matcher.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

#include "policy/text/fold.h"

namespace policy::text {

std::uint32_t PhraseMatcher::intern(char32_t c) {
  if (c < 0x10000) {
    std::uint32_t& packed = bmp_[c];
    if (const std::uint32_t a = packed & kSymbolMask; a != 0) return a;
    if (symbols_ == kSymbolMask) throw std::length_error("phrase matcher: too many distinct characters");
    packed |= ++symbols_;
    return symbols_;
  }
  auto [it, added] = other_symbol_.try_emplace(c, 0);
  if (added) it->second = ++symbols_;
  return it->second;
}

void PhraseMatcher::set_tag(char32_t c, std::uint8_t tag) {
  if (c >= 0x10000) return;
  if (tag > 15) throw std::invalid_argument("phrase matcher: a tag is 0-15");
  bmp_[c] = (bmp_[c] & kSymbolMask) | (std::uint32_t{tag} << kTagShift);
  if (!raw_.empty()) set_raw(c);
}

void PhraseMatcher::set_raw(char32_t c) {
  constexpr std::uint32_t held = std::uint32_t{DenseView::kHeld} << kTagShift;
  if (c < 0x80) raw_[DenseView::kAsciiAt + c] = bmp_[c];
  const std::uint64_t* folds = folding_bits();
  const bool is_held = c < 0x800 || (c >= 0xD800 && c <= 0xDFFF) || ((folds[c >> 6] >> (c & 63)) & 1);
  raw_[c] = is_held ? held : bmp_[c];
}

namespace {

// Bytes of the shortest UTF-8 form of c (utf8::next's four-byte form above
// U+10FFFF too).
std::size_t encoded_length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

}  // namespace

// A phrase is its path in the trie: two phrases in the shortest UTF-8 form of
// their code points end at the same node only when they are the same bytes,
// so the node answers "added before?" without a hash map of strings. A phrase
// that is not in that form (an invalid byte reads as U+FFFD, like a real
// U+FFFD) can share a node with different bytes; from the first one on,
// phrases are told apart by their bytes in ids_, as they always were.
std::uint32_t PhraseMatcher::add(std::string_view phrase) {
  if (building_.empty()) {
    building_.emplace_back();
    phrase_of_node_.push_back(kNone);
  }
  std::uint32_t node = 0;
  bool shortest_form = true;
  std::size_t i = 0;
  while (i < phrase.size()) {
    const std::size_t at = i;
    const char32_t c = utf8::next(phrase, i);
    shortest_form = shortest_form && i - at == encoded_length(c);
    const std::uint32_t a = intern(c);
    // The root's children, by symbol, are kept in root_ while phrases are
    // added (the root has thousands: a search through them was most of add).
    if (node == 0) {
      if (root_.size() <= a) root_.resize(a + 1, 0);
      if (root_[a] != 0) {
        node = root_[a];
        continue;
      }
    } else {
      const auto& kids = building_[node];
      auto k = std::find_if(kids.begin(), kids.end(), [&](const auto& e) { return e.first == a; });
      if (k != kids.end()) {
        node = k->second;
        continue;
      }
    }
    const auto fresh = static_cast<std::uint32_t>(building_.size());
    building_[node].emplace_back(a, fresh);
    if (node == 0) root_[a] = fresh;
    building_.emplace_back();
    phrase_of_node_.push_back(kNone);
    node = fresh;
  }
  const auto next_id = static_cast<std::uint32_t>(lengths_.size());
  if (shortest_form && ids_.empty()) {
    if (phrase_of_node_[node] != kNone) return phrase_of_node_[node];  // added before
  } else {
    if (ids_.empty()) {
      // Every phrase added so far (each in its shortest UTF-8 form, each at
      // its own node) into ids_, by its text spelled out from its path.
      std::unordered_map<std::uint32_t, char32_t> code_point;  // symbol -> code point
      for (char32_t c = 0; c < 0x10000; ++c)
        if (const std::uint32_t s = bmp_[c] & kSymbolMask; s != 0) code_point[s] = c;
      for (const auto& [c, s] : other_symbol_) code_point[s] = c;
      std::vector<std::pair<std::uint32_t, std::string>> stack = {{0, ""}};  // node, its text
      while (!stack.empty()) {
        auto [at, path] = std::move(stack.back());
        stack.pop_back();
        if (phrase_of_node_[at] != kNone) ids_.emplace(path, phrase_of_node_[at]);
        for (const auto& [s, kid] : building_[at]) {
          std::string longer = path;
          utf8::append(longer, code_point.at(s));
          stack.emplace_back(kid, std::move(longer));
        }
      }
    }
    auto [it, added] = ids_.try_emplace(std::string(phrase), next_id);
    if (!added) return it->second;
  }
  phrase_of_node_[node] = next_id;
  lengths_.push_back(static_cast<std::uint32_t>(phrase.size()));
  return next_id;
}

std::uint32_t PhraseMatcher::child_sorted(const std::pair<std::uint32_t, std::uint32_t>* first,
                                          const std::pair<std::uint32_t, std::uint32_t>* last, std::uint32_t a) {
  auto f = std::lower_bound(first, last, a, [](const auto& e, std::uint32_t x) { return e.first < x; });
  return f != last && f->first == a ? f->second : kNone;
}

void PhraseMatcher::build(std::size_t dense_limit) {
  if (building_.empty()) {
    building_.emplace_back();
    phrase_of_node_.push_back(kNone);
  }
  const std::size_t n = building_.size();
  edge_begin_.assign(n + 1, 0);
  std::size_t edge_count = 0;
  for (const auto& kids : building_) edge_count += kids.size();
  edges_.reserve(edges_.size() + edge_count);
  for (std::size_t k = 0; k < n; ++k) {
    auto& kids = building_[k];
    if (kids.size() > 1) std::sort(kids.begin(), kids.end());
    edge_begin_[k + 1] = edge_begin_[k] + static_cast<std::uint32_t>(kids.size());
    edges_.insert(edges_.end(), kids.begin(), kids.end());
  }
  root_.assign(symbols_ + 1, 0);
  for (const auto& [a, node] : building_[0]) root_[a] = node;

  // Breadth first: a node's failure link is the longest proper suffix of its
  // path that is also a path; its outputs are its own phrase, then those of
  // its failure link (already complete, being shallower).
  fail_.assign(n, 0);
  std::vector<std::uint32_t> order;  // the nodes but the root, breadth first
  order.reserve(n);
  for (const auto& [a, node] : building_[0]) order.push_back(node);
  for (std::size_t head = 0; head < order.size(); ++head) {
    const std::uint32_t node = order[head];
    for (const auto& [a, next] : building_[node]) {
      State f = fail_[node];
      std::uint32_t target = kNone;
      while (true) {
        target = f == 0 ? root_[a] : child(f, a);
        if (target != kNone || f == 0) break;
        f = fail_[f];
      }
      fail_[next] = target == kNone ? 0 : target;
      order.push_back(next);
    }
  }
  // Outputs per node in one array: first how many (kept in
  // output_begin_[node + 1], then summed into offsets), then the ids.
  output_begin_.assign(n + 1, 0);
  for (const std::uint32_t node : order)
    output_begin_[node + 1] = (phrase_of_node_[node] != kNone ? 1 : 0) + output_begin_[fail_[node] + 1];
  for (std::size_t k = 0; k < n; ++k) output_begin_[k + 1] += output_begin_[k];
  outputs_.resize(output_begin_[n]);
  for (const std::uint32_t node : order) {
    std::uint32_t at = output_begin_[node];
    if (phrase_of_node_[node] != kNone) outputs_[at++] = phrase_of_node_[node];
    const std::uint32_t f = fail_[node];
    std::copy(outputs_.begin() + output_begin_[f], outputs_.begin() + output_begin_[f + 1],
              outputs_.begin() + at);
  }
  // Every transition in one table, each row from its failure link's, which
  // is shallower and so already filled (breadth first).
  // (Rows a power of two long: a state's node is a shift away, where a
  // division cost tens of cycles at every hit.)
  const std::size_t stride = std::bit_ceil(std::size_t{symbols_} + 1);
  if (n * stride <= dense_limit && n * stride <= kDenseRow) {
    dense_stride_ = static_cast<std::uint32_t>(stride);
    dense_shift_ = static_cast<std::uint32_t>(std::countr_zero(stride));
    dense_.resize(n * stride);  // unset: the root's row is zeroed here, every other row copied
    std::fill_n(dense_.data(), stride, 0);
    auto state_of = [&](std::uint32_t node) {
      return node * dense_stride_ | (output_begin_[node] != output_begin_[node + 1] ? kDenseMatching : 0);
    };
    for (std::uint32_t a = 1; a < root_.size(); ++a)
      if (root_[a] != 0) dense_[a] = state_of(root_[a]);
    for (const std::uint32_t node : order) {
      std::uint32_t* row = dense_.data() + std::size_t{node} * stride;
      const std::uint32_t* by_fail = dense_.data() + std::size_t{fail_[node]} * stride;
      std::copy(by_fail, by_fail + stride, row);
      for (const auto& [a, kid] : building_[node]) row[a] = state_of(kid);
      row[0] = 0;  // a character no phrase holds
    }
  }
  if (dense()) {
    // DenseView::raw: the packed entries, held where a sequence's code
    // point is not read as it stands; the tags set later (set_tag) follow.
    constexpr std::uint32_t held = std::uint32_t{DenseView::kHeld} << kTagShift;
    raw_.assign(bmp_.begin(), bmp_.end());
    raw_.insert(raw_.end(), bmp_.begin(), bmp_.begin() + 0x80);
    std::fill(raw_.begin(), raw_.begin() + 0x800, held);
    std::fill(raw_.begin() + 0xD800, raw_.begin() + 0xE000, held);
    const std::uint64_t* folds = folding_bits();
    for (std::size_t k = 0x800 / 64; k < 0x10000 / 64; ++k)
      for (std::uint64_t m = folds[k]; m != 0; m &= m - 1) raw_[k * 64 + static_cast<std::size_t>(std::countr_zero(m))] = held;
  }
  building_.clear();
  building_.shrink_to_fit();
  phrase_of_node_.clear();
  phrase_of_node_.shrink_to_fit();
}

}  // namespace policy::text
