// Reading back what policy-extract wrote (SPEC §3 JSON Lines), so a large
// corpus is extracted once and reported many times:
//   policy-extract corpus/ -o corpus.jsonl
//   policy-report --from-extract corpus.jsonl --unit 市市场监管局
//
//   Result<DocumentRecord> r = record_from_json(line);
#pragma once

#include <string_view>

#include "policy/core/record.h"
#include "policy/core/result.h"

namespace policy::report {

// One line of policy-extract --format jsonl output. Clause parents are not
// in the JSON; the report rebuilds them from the clause ids.
Result<DocumentRecord> record_from_json(std::string_view line);

}  // namespace policy::report
