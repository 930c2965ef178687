// Shared by the printer tests: a sink run over a scratch file.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "helpers.h"
#include "policy/print/output.h"
#include "policy/print/sink.h"

namespace testing {

// Runs `fill` on a sink of format `f` writing the scratch file `name`, and
// returns the file's path once the output is committed.
template <class Fill>
std::string render_file(policy::print::Format f, const std::string& name, Fill fill,
                        policy::print::SinkOptions opt = {}) {
  std::string path = temp_path(name);
  auto out = policy::print::Output::open(path);
  REQUIRE(out);
  auto sink = policy::print::make_sink(f, *out.value(), opt);
  REQUIRE(sink);
  fill(*sink);
  auto done = sink->finish();
  INFO((done ? std::string() : done.error().describe()));
  REQUIRE(done);
  REQUIRE(out.value()->commit());
  return path;
}

}  // namespace testing
