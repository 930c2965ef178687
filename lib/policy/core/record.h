// The records the pipeline produces: one DocumentRecord per input document,
// holding its clause tree and everything extracted (SPEC §3). Structure fills
// the clause fields; extraction fills the item lists; printers only read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "policy/core/text_store.h"

namespace policy {

// Where an item stands in its clause's text (`Clause::text`): byte offsets,
// [begin, end). The JSON carries them as characters (SPEC §3 "at").
struct Span {
  std::uint32_t begin = 0, end = 0;
  bool empty() const { return end <= begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

// Each enum reads back from the word to_string writes: parse_clause_kind("box").
enum class ClauseKind { preamble, heading, item, table_row, box, attachment };
const char* to_string(ClauseKind kind);
std::optional<ClauseKind> parse_clause_kind(std::string_view s);

enum class DocNumberRole { self, cited, listed };
const char* to_string(DocNumberRole role);
std::optional<DocNumberRole> parse_doc_number_role(std::string_view s);

struct DocNumber {
  std::string text;        // as written, e.g. "国办发〔2021〕51号"
  std::string normalized;  // 〔〕, ASCII digits, no blanks
  std::string code;        // agency code, e.g. "国办发"
  std::optional<int> year; // null for orders (…令第19号)
  std::int64_t serial = 0;
  DocNumberRole role = DocNumberRole::cited;
  std::size_t line = 0;    // 1-based line where it starts
};

enum class UnitRole { lead, responsible, cooperate };
const char* to_string(UnitRole role);
// 牵头 / 责任 / 配合
const char* to_chinese(UnitRole role);
// The English word or the Chinese one.
std::optional<UnitRole> parse_unit_role(std::string_view s);

struct Unit {
  std::string name;                      // as written, blanks and line breaks removed
  UnitRole role = UnitRole::responsible;
  // What data/ knows of the name, kept once in the record's `texts` for all
  // its mentions (a department may be named 100 000 times in a document):
  const std::string* canonical = nullptr;  // full official name, when data/ knows it
  std::span<const std::string> aliases;    // other names data/ merges with this one
  Span at;        // the name as written (for 蔡甸区 of 蔡甸区、黄陂区人民政府: 蔡甸区)
  Span sentence;  // the sentence(s) that say what the unit must do
};

enum class TargetOp { eq, ge, gt, le, lt };
const char* to_string(TargetOp op);
std::optional<TargetOp> parse_target_op(std::string_view s);

enum class TargetKind { target, threshold, award };
const char* to_string(TargetKind kind);
std::optional<TargetKind> parse_target_kind(std::string_view s);

struct Target {
  std::string text;     // as written, e.g. "1200项以上"
  double value = 0;     // 万/亿 folded in: "2万项" -> 20000
  std::string unit;     // counted unit without multiplier: 项, %, 元, 个月
  TargetOp op = TargetOp::eq;
  TargetKind kind = TargetKind::target;
  std::optional<std::string> subject;
  std::optional<int> year;
  Span at;        // the number with its unit and op words
  Span sentence;  // the sentence it stands in
};

struct Deadline {
  std::string text;  // as written, e.g. "完成时限：2025年4月"
  std::string date;  // YYYY, YYYY-MM, YYYY-MM-DD or "ongoing"
  Span at;
  Span sentence;
};

struct Clause {
  std::string id;        // labels on the path joined by '/', "0" for the preamble
  int level = 0;         // depth in the tree; 0 for the preamble
  std::string label;     // as written, without trailing 、.．：
  std::string heading;
  ClauseKind kind = ClauseKind::item;
  std::string_view text;  // the clause's own text, as written (trimmed): a view into its record's `texts`
  std::size_t begin = 0, end = 0;  // byte range of `text` in the document
  std::size_t line_start = 0, line_end = 0;
  int parent = -1;       // index of the parent clause, -1 at the top
  // Table rows: column -> cell, in column order (views, as `text`).
  std::vector<std::pair<std::string_view, std::string_view>> fields;

  std::vector<std::string> issuers;  // table rows with an issuer column
  std::vector<DocNumber> doc_numbers;
  std::vector<Unit> units;
  std::vector<Target> targets;
  std::vector<Deadline> deadlines;

  const std::string_view* field(std::string_view column) const {
    for (const auto& f : fields)
      if (f.first == column) return &f.second;
    return nullptr;
  }
};

// When a document is in force (SPEC §2): dates as YYYY-MM-DD, YYYY-MM or
// YYYY; status as a header states it.
struct Validity {
  std::optional<std::string> from, until;
  std::optional<std::string> status;  // "in force" | "expired"
  std::optional<std::string> text;    // the sentence(s) that state it, as written
  bool empty() const { return !from && !until && !status; }
};

// A document's validity as a person reads it: "2024-02-08 至 2027-02-08（已失效）",
// "自 2025-01-01", "现行有效"; empty when nothing is known.
std::string describe(const Validity& v);
// 现行有效 / 已失效, or empty.
std::string status_text(const Validity& v);

struct DocumentRecord {
  std::string file;      // path, or the id of a JSON Lines record
  std::string encoding;
  std::optional<std::string> title;
  std::optional<std::string> date;
  std::optional<DocNumber> doc_number;
  std::vector<std::string> issuers;
  std::vector<std::string> addressees;
  std::vector<std::string> attachments;
  Validity validity;
  std::vector<Clause> clauses;
  // What the clauses' texts and fields and the units' canonical names and
  // aliases point into (mostly the document's text): shared by copies of the
  // record, and kept alive by each.
  std::shared_ptr<const TextStore> texts;
};

}  // namespace policy
