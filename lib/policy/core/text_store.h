// The text a record's clauses point into: Clause::text and Clause::fields
// are views, so a large document is held once, not once more per clause;
// and what every mention of a department shares (Unit::canonical,
// Unit::aliases) is held once, not once a mention.
//
//   auto store = std::make_shared<TextStore>(doc.shared_text());  // shares the document's text
//   std::string_view cell = store->keep(std::move(joined));       // a string made for the record
//   std::span<const std::string> names = store->keep(aliases);     // a list of them
//
// A store only grows, and what it holds never moves: a view into it stays
// valid as long as the store does. Records hold theirs by shared_ptr, so a
// record moved or copied keeps its views valid.
#pragma once

#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace policy {

class TextStore {
 public:
  TextStore() = default;
  explicit TextStore(std::shared_ptr<const std::string> document) : document_(std::move(document)) {}
  // Views point into this very object: it is shared, never copied.
  TextStore(const TextStore&) = delete;
  TextStore& operator=(const TextStore&) = delete;

  // Keeps `s` (a deque never moves its elements, so neither does their text).
  const std::string& keep(std::string s) { return owned_.emplace_back(std::move(s)); }
  std::span<const std::string> keep(std::vector<std::string> list) { return lists_.emplace_back(std::move(list)); }
  // Takes over strings made elsewhere, views into them included: swapped in,
  // so not one moves. `strings` is left empty.
  void keep(std::deque<std::string>& strings) { batches_.emplace_back().swap(strings); }

  // Whether `v` lies in text this store keeps alive (what tests check).
  bool holds(std::string_view v) const {
    auto within = [&](std::string_view s) {
      return std::less_equal<>()(s.data(), v.data()) && std::less_equal<>()(v.data() + v.size(), s.data() + s.size());
    };
    if (document_ && within(*document_)) return true;
    auto in = [&](const auto& strings) { return std::any_of(strings.begin(), strings.end(), within); };
    return in(owned_) || std::any_of(batches_.begin(), batches_.end(), in) ||
           std::any_of(lists_.begin(), lists_.end(), in);
  }

 private:
  std::shared_ptr<const std::string> document_;
  std::deque<std::string> owned_;
  std::deque<std::deque<std::string>> batches_;
  std::deque<std::vector<std::string>> lists_;
};

}  // namespace policy
