#include "policy/core/record.h"

namespace policy {

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

}  // namespace policy
