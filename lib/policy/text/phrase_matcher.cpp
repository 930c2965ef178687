#include "policy/text/phrase_matcher.h"

#include <algorithm>
#include <deque>
#include <stdexcept>

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
}

std::uint32_t PhraseMatcher::add(std::string_view phrase) {
  auto [it, added] = ids_.try_emplace(std::string(phrase), static_cast<std::uint32_t>(lengths_.size()));
  if (!added) return it->second;
  if (building_.empty()) {
    building_.emplace_back();
    phrase_of_node_.push_back(kNone);
  }
  std::uint32_t node = 0;
  std::size_t i = 0;
  while (i < phrase.size()) {
    const std::uint32_t a = intern(utf8::next(phrase, i));
    auto& kids = building_[node];
    auto k = std::find_if(kids.begin(), kids.end(), [&](const auto& e) { return e.first == a; });
    if (k != kids.end()) {
      node = k->second;
      continue;
    }
    const auto fresh = static_cast<std::uint32_t>(building_.size());
    kids.emplace_back(a, fresh);  // (invalidates `kids` below: not used again)
    building_.emplace_back();
    phrase_of_node_.push_back(kNone);
    node = fresh;
  }
  phrase_of_node_[node] = it->second;
  lengths_.push_back(static_cast<std::uint32_t>(phrase.size()));
  return it->second;
}

std::uint32_t PhraseMatcher::child_sorted(const std::pair<std::uint32_t, std::uint32_t>* first,
                                          const std::pair<std::uint32_t, std::uint32_t>* last, std::uint32_t a) {
  auto f = std::lower_bound(first, last, a, [](const auto& e, std::uint32_t x) { return e.first < x; });
  return f != last && f->first == a ? f->second : kNone;
}

void PhraseMatcher::build() {
  if (building_.empty()) {
    building_.emplace_back();
    phrase_of_node_.push_back(kNone);
  }
  const std::size_t n = building_.size();
  edge_begin_.assign(n + 1, 0);
  for (std::size_t k = 0; k < n; ++k) {
    auto& kids = building_[k];
    std::sort(kids.begin(), kids.end());
    edge_begin_[k + 1] = edge_begin_[k] + static_cast<std::uint32_t>(kids.size());
    edges_.insert(edges_.end(), kids.begin(), kids.end());
  }
  root_.assign(symbols_ + 1, 0);
  for (const auto& [a, node] : building_[0]) root_[a] = node;

  // Breadth first: a node's failure link is the longest proper suffix of its
  // path that is also a path; its outputs are its own phrase, then those of
  // its failure link (already complete, being shallower).
  fail_.assign(n, 0);
  std::vector<std::vector<std::uint32_t>> out(n);
  std::deque<std::uint32_t> queue;
  for (const auto& [a, node] : building_[0]) queue.push_back(node);
  while (!queue.empty()) {
    const std::uint32_t node = queue.front();
    queue.pop_front();
    if (phrase_of_node_[node] != kNone) out[node].push_back(phrase_of_node_[node]);
    const auto& inherited = out[fail_[node]];
    out[node].insert(out[node].end(), inherited.begin(), inherited.end());
    for (const auto& [a, next] : building_[node]) {
      State f = fail_[node];
      std::uint32_t target = kNone;
      while (true) {
        target = f == 0 ? root_[a] : child(f, a);
        if (target != kNone || f == 0) break;
        f = fail_[f];
      }
      fail_[next] = target == kNone ? 0 : target;
      queue.push_back(next);
    }
  }
  output_begin_.assign(n + 1, 0);
  for (std::size_t k = 0; k < n; ++k) {
    output_begin_[k + 1] = output_begin_[k] + static_cast<std::uint32_t>(out[k].size());
    outputs_.insert(outputs_.end(), out[k].begin(), out[k].end());
  }
  building_.clear();
  building_.shrink_to_fit();
  phrase_of_node_.clear();
  phrase_of_node_.shrink_to_fit();
}

}  // namespace policy::text
