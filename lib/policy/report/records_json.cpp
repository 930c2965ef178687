#include "policy/report/records_json.h"

#include <nlohmann/json.hpp>

#include "policy/text/utf8.h"

namespace policy::report {

namespace {

using json = nlohmann::json;

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::string> opt_str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<int> opt_int(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

DocNumber doc_number(const json& j) {
  DocNumber d;
  d.text = str(j, "text");
  d.normalized = str(j, "normalized");
  d.code = str(j, "code");
  d.year = opt_int(j, "year");
  if (auto s = j.find("serial"); s != j.end() && s->is_number_integer()) d.serial = s->get<std::int64_t>();
  d.role = parse_doc_number_role(str(j, "role")).value_or(DocNumberRole::cited);
  if (auto l = opt_int(j, "line")) d.line = static_cast<std::size_t>(*l);
  return d;
}

// "at": [start, end] in characters of the clause text, back to bytes; an
// absent or malformed span stays empty.
Span span(const json& j, const char* key, const utf8::CharOffsets& chars) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array() || it->size() != 2 || !(*it)[0].is_number_unsigned() ||
      !(*it)[1].is_number_unsigned())
    return {};
  const std::size_t b = chars.bytes((*it)[0].get<std::size_t>()), e = chars.bytes((*it)[1].get<std::size_t>());
  if (e < b) return {};
  return {static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)};
}

}  // namespace

Result<DocumentRecord> record_from_json(std::string_view line) {
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Error::plain("not a JSON object");
  if (!j.contains("clauses") || !j["clauses"].is_array())
    return Error::plain("not a policy-extract record (no \"clauses\" list)");
  DocumentRecord r;
  // The clause texts and fields are views, the units' canonical names and
  // aliases point: the record keeps what they point into.
  auto texts = std::make_shared<TextStore>();
  r.file = str(j, "file");
  r.encoding = str(j, "encoding");
  r.title = opt_str(j, "title");
  r.date = opt_str(j, "date");
  if (auto d = j.find("doc_number"); d != j.end() && d->is_object()) r.doc_number = doc_number(*d);
  r.issuers = strings(j, "issuers");
  r.addressees = strings(j, "addressees");
  r.attachments = strings(j, "attachments");
  if (auto v = j.find("validity"); v != j.end() && v->is_object()) {
    r.validity.from = opt_str(*v, "from");
    r.validity.until = opt_str(*v, "until");
    r.validity.status = opt_str(*v, "status");
    r.validity.text = opt_str(*v, "text");
  }
  for (const auto& jc : j["clauses"]) {
    if (!jc.is_object()) continue;
    Clause c;
    c.id = str(jc, "id");
    c.level = opt_int(jc, "level").value_or(0);
    c.label = str(jc, "label");
    c.heading = str(jc, "heading");
    c.kind = parse_clause_kind(str(jc, "kind")).value_or(ClauseKind::item);
    c.text = texts->keep(str(jc, "text"));
    c.line_start = static_cast<std::size_t>(opt_int(jc, "line_start").value_or(0));
    c.line_end = static_cast<std::size_t>(opt_int(jc, "line_end").value_or(0));
    if (auto f = jc.find("fields"); f != jc.end() && f->is_object())
      for (auto& [k, v] : f->items())
        if (v.is_string()) c.fields.emplace_back(texts->keep(k), texts->keep(v.get<std::string>()));
    c.issuers = strings(jc, "issuers");
    const utf8::CharOffsets chars(c.text);
    if (auto ds = jc.find("doc_numbers"); ds != jc.end() && ds->is_array())
      for (const auto& d : *ds)
        if (d.is_object()) c.doc_numbers.push_back(doc_number(d));
    if (auto us = jc.find("units"); us != jc.end() && us->is_array())
      for (const auto& ju : *us) {
        if (!ju.is_object()) continue;
        Unit u;
        u.name = str(ju, "name");
        u.role = parse_unit_role(str(ju, "role")).value_or(UnitRole::responsible);
        if (auto canonical = opt_str(ju, "canonical")) u.canonical = &texts->keep(std::move(*canonical));
        if (auto aliases = strings(ju, "aliases"); !aliases.empty()) u.aliases = texts->keep(std::move(aliases));
        u.at = span(ju, "at", chars);
        u.sentence = span(ju, "sentence", chars);
        if (!u.name.empty()) c.units.push_back(std::move(u));
      }
    if (auto ts = jc.find("targets"); ts != jc.end() && ts->is_array())
      for (const auto& jt : *ts) {
        if (!jt.is_object()) continue;
        Target t;
        t.text = str(jt, "text");
        if (auto v = jt.find("value"); v != jt.end() && v->is_number()) t.value = v->get<double>();
        t.unit = str(jt, "unit");
        t.op = parse_target_op(str(jt, "op")).value_or(TargetOp::eq);
        t.kind = parse_target_kind(str(jt, "kind")).value_or(TargetKind::target);
        t.subject = opt_str(jt, "subject");
        t.year = opt_int(jt, "year");
        t.at = span(jt, "at", chars);
        t.sentence = span(jt, "sentence", chars);
        c.targets.push_back(std::move(t));
      }
    if (auto ds = jc.find("deadlines"); ds != jc.end() && ds->is_array())
      for (const auto& jd : *ds)
        if (jd.is_object())
          c.deadlines.push_back({str(jd, "text"), str(jd, "date"), span(jd, "at", chars), span(jd, "sentence", chars)});
    r.clauses.push_back(std::move(c));
  }
  r.texts = std::move(texts);
  return r;
}

}  // namespace policy::report
