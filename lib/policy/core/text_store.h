// The text a record's clauses point into: Clause::text and Clause::fields
// are views, so a large document is held once, not once more per clause.
//
//   auto store = std::make_shared<TextStore>(doc.shared_text());  // shares the document's text
//   std::string_view cell = store->keep(std::move(joined));       // a string made for the record
//
// A store only grows, and what it holds never moves: a view into it stays
// valid as long as the store does. Records hold theirs by shared_ptr, so a
// record moved or copied keeps its views valid.
#pragma once

#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace policy {

class TextStore {
 public:
  TextStore() = default;
  explicit TextStore(std::shared_ptr<const std::string> document) : document_(std::move(document)) {}
  // Views point into this very object: it is shared, never copied.
  TextStore(const TextStore&) = delete;
  TextStore& operator=(const TextStore&) = delete;

  // Keeps `s` (a deque never moves its elements, so neither does their text).
  std::string_view keep(std::string s) { return owned_.emplace_back(std::move(s)); }
  // Takes over strings made elsewhere, views into them included: swapped in,
  // so not one moves. `strings` is left empty.
  void keep(std::deque<std::string>& strings) { batches_.emplace_back().swap(strings); }

  // Whether `v` lies in text this store keeps alive (what tests check).
  bool holds(std::string_view v) const {
    auto within = [&](std::string_view s) {
      return std::less_equal<>()(s.data(), v.data()) && std::less_equal<>()(v.data() + v.size(), s.data() + s.size());
    };
    if (document_ && within(*document_)) return true;
    if (std::any_of(owned_.begin(), owned_.end(), within)) return true;
    return std::any_of(batches_.begin(), batches_.end(),
                       [&](const auto& batch) { return std::any_of(batch.begin(), batch.end(), within); });
  }

 private:
  std::shared_ptr<const std::string> document_;
  std::deque<std::string> owned_;
  std::deque<std::deque<std::string>> batches_;
};

}  // namespace policy
