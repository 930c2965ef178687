#include "policy/core/record.h"

namespace policy {

namespace {

// The value whose word is `s`, trying every value of the enum.
template <class E, std::size_t N>
std::optional<E> parse_word(std::string_view s, const E (&all)[N]) {
  for (E e : all)
    if (s == to_string(e)) return e;
  return std::nullopt;
}

}  // namespace

std::string status_text(const Validity& v) {
  if (!v.status) return {};
  return *v.status == "expired" ? "已失效" : "现行有效";
}

std::string describe(const Validity& v) {
  std::string out;
  if (v.from && v.until) out = *v.from + " 至 " + *v.until;
  else if (v.from) out = "自 " + *v.from;
  else if (v.until) out = "至 " + *v.until;
  const std::string status = status_text(v);
  if (!status.empty()) out += out.empty() ? status : "（" + status + "）";
  return out;
}

const char* to_string(ClauseKind kind) {
  switch (kind) {
    case ClauseKind::preamble: return "preamble";
    case ClauseKind::heading: return "heading";
    case ClauseKind::item: return "item";
    case ClauseKind::table_row: return "table_row";
    case ClauseKind::box: return "box";
    case ClauseKind::attachment: return "attachment";
  }
  return "item";
}

const char* to_string(DocNumberRole role) {
  switch (role) {
    case DocNumberRole::self: return "self";
    case DocNumberRole::cited: return "cited";
    case DocNumberRole::listed: return "listed";
  }
  return "cited";
}

const char* to_string(UnitRole role) {
  switch (role) {
    case UnitRole::lead: return "lead";
    case UnitRole::responsible: return "responsible";
    case UnitRole::cooperate: return "cooperate";
  }
  return "responsible";
}

const char* to_chinese(UnitRole role) {
  switch (role) {
    case UnitRole::lead: return "牵头";
    case UnitRole::responsible: return "责任";
    case UnitRole::cooperate: return "配合";
  }
  return "责任";
}

const char* to_string(TargetOp op) {
  switch (op) {
    case TargetOp::eq: return "eq";
    case TargetOp::ge: return "ge";
    case TargetOp::gt: return "gt";
    case TargetOp::le: return "le";
    case TargetOp::lt: return "lt";
  }
  return "eq";
}

const char* to_string(TargetKind kind) {
  switch (kind) {
    case TargetKind::target: return "target";
    case TargetKind::threshold: return "threshold";
    case TargetKind::award: return "award";
  }
  return "target";
}

std::optional<ClauseKind> parse_clause_kind(std::string_view s) {
  using K = ClauseKind;
  return parse_word(s, {K::preamble, K::heading, K::item, K::table_row, K::box, K::attachment});
}

std::optional<DocNumberRole> parse_doc_number_role(std::string_view s) {
  using R = DocNumberRole;
  return parse_word(s, {R::self, R::cited, R::listed});
}

std::optional<UnitRole> parse_unit_role(std::string_view s) {
  for (UnitRole r : {UnitRole::lead, UnitRole::responsible, UnitRole::cooperate})
    if (s == to_string(r) || s == to_chinese(r)) return r;
  return std::nullopt;
}

std::optional<TargetOp> parse_target_op(std::string_view s) {
  using O = TargetOp;
  return parse_word(s, {O::eq, O::ge, O::gt, O::le, O::lt});
}

std::optional<TargetKind> parse_target_kind(std::string_view s) {
  using K = TargetKind;
  return parse_word(s, {K::target, K::threshold, K::award});
}

}  // namespace policy
