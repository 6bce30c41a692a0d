#include "render/template_data.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace apiref {

TemplateData TemplateData::borrow(std::string_view s) {
  TemplateData d;
  d.kind_ = Kind::String;
  d.borrowed_ = true;
  d.view_ = s;
  return d;
}

TemplateData TemplateData::writer(const TemplateWriter& w) {
  TemplateData d;
  d.kind_ = Kind::Writer;
  d.number_.writer = &w;
  return d;
}

TemplateData TemplateData::list() {
  TemplateData d;
  d.kind_ = Kind::List;
  return d;
}

TemplateData TemplateData::object() {
  TemplateData d;
  d.kind_ = Kind::Object;
  return d;
}

TemplateData& TemplateData::push(TemplateData v) {
  if (kind_ == Kind::Null) kind_ = Kind::List;
  if (kind_ != Kind::List) throw std::logic_error("TemplateData::push on a value that is not a list");
  children_.emplace_back(std::string_view(), std::move(v));
  return children_.back().value;
}

const TemplateData& TemplateData::item(size_t i) const { return children_.at(i).value; }
TemplateData& TemplateData::item(size_t i) { return children_.at(i).value; }

TemplateData& TemplateData::set(std::string_view key, TemplateData v) {
  if (kind_ == Kind::Null) kind_ = Kind::Object;
  if (kind_ != Kind::Object) throw std::logic_error("TemplateData::set on a value that is not an object");
  if (TemplateData* old = find(key)) return *old = std::move(v);
  key_bits_ |= key_bit(key);
  children_.emplace_back(key, std::move(v));
  return children_.back().value;
}

TemplateData& TemplateData::add(std::string_view key, TemplateData v) {
  if (kind_ == Kind::Null) kind_ = Kind::Object;
  if (kind_ != Kind::Object) throw std::logic_error("TemplateData::add on a value that is not an object");
  key_bits_ |= key_bit(key);
  children_.emplace_back(key, std::move(v));
  return children_.back().value;
}

TemplateData TemplateData::from_json(const nlohmann::json& j) {
  using value_t = nlohmann::json::value_t;
  switch (j.type()) {
    case value_t::boolean: return TemplateData(j.get<bool>());
    case value_t::number_integer: return TemplateData(j.get<int64_t>());
    case value_t::number_unsigned: return TemplateData(j.get<uint64_t>());
    case value_t::number_float: return TemplateData(j.get<double>());
    case value_t::string: return TemplateData(j.get<std::string>());
    case value_t::array: {
      TemplateData d = list();
      d.children_.reserve(j.size());
      for (const nlohmann::json& item : j) d.push(from_json(item));
      return d;
    }
    case value_t::object: {
      TemplateData d = object();
      d.children_.reserve(j.size());
      for (auto it = j.begin(); it != j.end(); ++it) {
        d.key_bits_ |= key_bit(it.key());
        d.children_.emplace_back(it.key(), from_json(it.value()));
      }
      return d;
    }
    default: return TemplateData();  // null, binary, discarded
  }
}

nlohmann::json TemplateData::to_json() const {
  switch (kind_) {
    case Kind::Null:
    case Kind::Writer: return nullptr;
    case Kind::Bool: return number_.boolean;
    case Kind::Int: return number_.int_value;
    case Kind::UInt: return number_.uint_value;
    case Kind::Float: return number_.float_value;
    case Kind::String: return std::string(text());
    case Kind::List: {
      nlohmann::json a = nlohmann::json::array();
      for (const Member& m : children_) a.push_back(m.value.to_json());
      return a;
    }
    case Kind::Object: {
      nlohmann::json o = nlohmann::json::object();
      for (const Member& m : children_) o[std::string(m.key)] = m.value.to_json();
      return o;
    }
  }
  return nullptr;
}

}  // namespace apiref
