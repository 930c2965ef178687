#include "policy/text/fold.h"

#include <algorithm>
#include <array>

#include "policy/text/utf8.h"

namespace policy::text {

namespace fold_data {  // fold_table_gen.cpp writes them
extern const std::uint32_t kIndex[0x10000];
extern const char32_t kSingle[0x10000];
extern const std::uint64_t kBits[0x10000 / 64];
extern const unsigned char kPool[];
extern const std::uint16_t kInertLeads;
}  // namespace fold_data

namespace {

// NFKC of every BMP code point that NFKC changes, made by the build from ICU
// (fold_table_gen.cpp).
struct FoldTable {
  const std::uint32_t* index;  // per BMP code point: 0 or 1 + offset into pool
  const char* pool;            // each entry: length byte + UTF-8 bytes
  const char32_t* single;      // per BMP code point: its one-code-point fold
  const std::uint64_t* bits;   // per BMP code point: folds
  // Per lead byte of a three-byte sequence (bit k for E0 + k): no code point
  // it starts folds (E4–E9: the CJK ideographs, most of any policy text).
  std::uint16_t inert_leads;
  bool inert_lead(unsigned k) const { return (inert_leads >> k & 1) != 0; }
};

const FoldTable& table() {
  static const FoldTable t{fold_data::kIndex, reinterpret_cast<const char*>(fold_data::kPool),
                           fold_data::kSingle, fold_data::kBits, fold_data::kInertLeads};
  return t;
}

// Calls on_fold(start, end, c) for each character of s that folds, in
// order, with its byte range; skips the rest (ASCII, the ideographs) without
// decoding them.
template <class OnFold>
void for_each_fold(std::string_view s, const FoldTable& t, OnFold&& on_fold) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    if ((b & 0xF0) == 0xE0 && t.inert_lead(b & 0x0F) && i + 3 <= n && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    const std::size_t start = i;
    const char32_t c = utf8::next(s, i);
    if (c < 0x10000 && t.index[c] != 0) on_fold(start, i, c);
  }
}

}  // namespace

bool fold_code_point(char32_t c, std::string& out) {
  if (c < 0x80 || c >= 0x10000) return false;
  const FoldTable& t = table();
  std::uint32_t k = t.index[c];
  if (k == 0) return false;
  std::size_t len = static_cast<unsigned char>(t.pool[k - 1]);
  out.append(t.pool + k, len);
  return true;
}

Folded::Folded(std::string_view s) {
  text_.reserve(s.size());
  std::size_t run = 0;  // start of the stretch copied unchanged
  for_each_fold(s, table(), [&](std::size_t start, std::size_t end, char32_t c) {
    // A character that folds: copy what came before it unchanged, then its fold.
    text_.append(s.substr(run, start - run));
    const auto folded_begin = static_cast<std::uint32_t>(text_.size());
    fold_code_point(c, text_);
    run = end;
    folds_.push_back({folded_begin, static_cast<std::uint32_t>(text_.size()),
                      static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)});
  });
  text_.append(s.substr(run));
}

std::size_t Folded::to_original(std::size_t off, bool end) const {
  // The last fold that starts at or before `off`.
  auto it = std::upper_bound(folds_.begin(), folds_.end(), off,
                             [](std::size_t v, const Fold& f) { return v < f.folded_begin; });
  if (it == folds_.begin()) return off;
  --it;
  if (off == it->folded_begin) return it->original_begin;
  if (off < it->folded_end) return end ? it->original_end : it->original_begin;
  return it->original_end + (off - it->folded_end);
}

std::size_t Folded::to_folded(std::size_t off) const {
  auto it = std::upper_bound(folds_.begin(), folds_.end(), off,
                             [](std::size_t v, const Fold& f) { return v < f.original_begin; });
  if (it == folds_.begin()) return off;
  --it;
  if (off < it->original_end) return it->folded_begin;
  return it->folded_end + (off - it->original_end);
}

void Folded::rewrite(const std::vector<Edit>& edits) {
  if (edits.empty()) return;
  std::string text;
  std::vector<Fold> folds;
  std::size_t at = 0;  // folded offset copied up to
  auto fold = folds_.begin();
  // Copies the folded text [at, until) and the folds inside it, shifted.
  auto copy_to = [&](std::size_t until) {
    const auto shift = static_cast<std::int64_t>(text.size()) - static_cast<std::int64_t>(at);
    for (; fold != folds_.end() && fold->folded_begin < until; ++fold) {
      Fold f = *fold;
      f.folded_begin = static_cast<std::uint32_t>(f.folded_begin + shift);
      f.folded_end = static_cast<std::uint32_t>(f.folded_end + shift);
      folds.push_back(f);
    }
    text.append(text_, at, until - at);
    at = until;
  };
  for (const Edit& e : edits) {
    copy_to(e.begin);
    const auto ob = static_cast<std::uint32_t>(to_original(e.begin));
    const auto oe = static_cast<std::uint32_t>(to_original(e.end, true));
    while (fold != folds_.end() && fold->folded_begin < e.end) ++fold;  // replaced with the edit
    folds.push_back({static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(text.size() + e.with.size()), ob, oe});
    text.append(e.with);
    at = e.end;
  }
  copy_to(text_.size());
  text_ = std::move(text);
  folds_ = std::move(folds);
}

const std::uint64_t* folding_bits() { return fold_data::kBits; }

std::uint16_t inert_leads() { return fold_data::kInertLeads; }

char32_t fold_single(char32_t c) {
  if (c < 0x80 || c >= 0x10000) return c;
  return table().single[c];
}

const char32_t* single_folds() { return fold_data::kSingle; }

std::string fold(std::string_view original) {
  std::string out;
  std::size_t run = 0;
  for_each_fold(original, table(), [&](std::size_t start, std::size_t end, char32_t c) {
    if (run == 0) out.reserve(original.size());
    out.append(original.substr(run, start - run));
    fold_code_point(c, out);
    run = end;
  });
  if (run == 0) return std::string(original);
  out.append(original.substr(run));
  return out;
}

bool append_bare_folded(std::string_view s, std::string& out, std::size_t limit) {
  std::string folded;
  for (std::size_t i = 0; i < s.size() && out.size() <= limit;) {
    const std::size_t at = i;
    const char32_t c = utf8::next(s, i);
    folded.clear();
    if (!fold_code_point(c, folded)) {
      if (!utf8::is_space(c)) out.append(s.substr(at, i - at));
      continue;
    }
    for (std::size_t k = 0; k < folded.size();) {
      const std::size_t f = k;
      if (!utf8::is_space(utf8::next(folded, k))) out.append(folded, f, k - f);
    }
  }
  return out.size() <= limit;
}

}  // namespace policy::text
