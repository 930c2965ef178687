// Measures the two ways to find the lexicon's trigger words in one pass:
// text::PhraseMatcher (the project's Aho-Corasick over code points) and
// Hyperscan (Debian libhyperscan-dev). Prints build time and scan speed.
//
//   bench/matcher/run [TEXT_FILE]      (builds this file against build/)
//
// Not part of the build: Hyperscan is x86-64 only and the programs do not
// need it. The figures go into bench/README.md.
#include <hs/hs.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "policy/lexicon/lexicon.h"
#include "policy/text/fold.h"
#include "policy/text/phrase_matcher.h"

using Clock = std::chrono::steady_clock;

static double ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: compare TEXT_FILE\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = policy::text::fold(ss.str());

  // The words the engine scans for: every word of every scanned class.
  const auto& lex = policy::lexicon::Lexicon::builtin();
  std::vector<std::string> words;
  for (std::size_t c = 0; c < policy::lexicon::kClassCount; ++c) {
    const auto cls = static_cast<policy::lexicon::Class>(c);
    if (!policy::lexicon::scanned(cls)) continue;
    for (const auto& w : lex.words(cls).all()) words.push_back(w.text);
  }
  std::printf("patterns: %zu, text: %.1f MB\n", words.size(), text.size() / 1048576.0);

  // PhraseMatcher.
  auto t0 = Clock::now();
  policy::text::PhraseMatcher m;
  for (const auto& w : words) m.add(w);
  m.build();
  auto t1 = Clock::now();
  std::size_t hits = 0;
  const int rounds = 5;
  auto t2 = Clock::now();
  for (int r = 0; r < rounds; ++r) m.scan(text, [&](std::size_t, std::size_t, std::uint32_t) { ++hits; });
  auto t3 = Clock::now();
  std::printf("PhraseMatcher  build %8.2f ms  scan %7.1f MB/s  (%zu hits per round)\n", ms(t0, t1),
              rounds * text.size() / 1048576.0 / (ms(t2, t3) / 1000), hits / rounds);

  // Hyperscan, literals with start of match (what the extractors need).
  std::vector<const char*> exprs;
  std::vector<std::size_t> lens;
  std::vector<unsigned> flags, ids;
  for (std::size_t k = 0; k < words.size(); ++k) {
    exprs.push_back(words[k].c_str());
    lens.push_back(words[k].size());
    flags.push_back(HS_FLAG_SOM_LEFTMOST);
    ids.push_back(static_cast<unsigned>(k));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  auto t4 = Clock::now();
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(exprs.size()),
                           HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    std::fprintf(stderr, "hyperscan: %s\n", err->message);
    return 1;
  }
  auto t5 = Clock::now();
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  std::size_t hs_hits = 0;
  auto on = [](unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
    ++*static_cast<std::size_t*>(ctx);
    return 0;
  };
  auto t6 = Clock::now();
  for (int r = 0; r < rounds; ++r)
    hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on, &hs_hits);
  auto t7 = Clock::now();
  std::printf("Hyperscan      build %8.2f ms  scan %7.1f MB/s  (%zu hits per round)\n", ms(t4, t5),
              rounds * text.size() / 1048576.0 / (ms(t6, t7) / 1000), hs_hits / rounds);
  hs_free_scratch(scratch);
  hs_free_database(db);
  return 0;
}
