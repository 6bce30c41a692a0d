// The proxy's policy: which URLs `apiref serve --proxy` may forward to. Kept apart from the
// HTTP code so that unit tests can throw hostile URLs at it directly.
#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "serve/serve.h"
#include "text/case.h"

namespace apiref {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %-decodes one path segment; false when an escape is malformed.
bool decode_segment(const std::string& s, std::string& out) {
  out.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return false;
    int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

// Every value a variable may take, default first, at most `limit` of them: more could not be
// used anyway, and a linear look-up over a description's enum of thousands is quadratic.
std::vector<std::string> variable_values(const ServerVariable& v, size_t limit) {
  std::vector<std::string> values = {v.default_value};
  for (const std::string& e : v.enum_values) {
    if (values.size() >= limit) break;
    if (std::find(values.begin(), values.end(), e) == values.end()) values.push_back(e);
  }
  return values;
}

void expand(const Server& s, std::set<std::string>& out) {
  constexpr size_t kMaxPerServer = 256;  // a description cannot make the allowlist explode
  std::vector<std::string> urls = {s.url};
  for (const ServerVariable& v : s.variables) {
    std::string placeholder = "{" + v.name + "}";
    const std::vector<std::string> values = variable_values(v, kMaxPerServer);  // once per variable
    std::vector<std::string> next;
    for (const std::string& u : urls) {
      if (u.find(placeholder) == std::string::npos) {
        next.push_back(u);
        continue;
      }
      for (const std::string& value : values) {
        if (next.size() >= kMaxPerServer) break;
        std::string e = u;
        // Left to right, past each value: a value may hold the placeholder itself.
        for (size_t at = 0; (at = e.find(placeholder, at)) != std::string::npos; at += value.size())
          e.replace(at, placeholder.size(), value);
        next.push_back(e);
      }
    }
    urls = std::move(next);
  }
  for (const std::string& u : urls) {
    // Relative servers ("/api") are relative to wherever the description is served: here,
    // serve itself, which needs no proxy. A variable left unexpanded is no URL either.
    if (u.find('{') != std::string::npos) continue;
    std::string lowered = text::ascii_lower(u);
    if (lowered.rfind("http://", 0) == 0 || lowered.rfind("https://", 0) == 0) out.insert(u);
  }
}

}  // namespace

std::vector<std::string> declared_server_urls(const std::vector<const ApiModel*>& models) {
  std::set<std::string> out;
  for (const ApiModel* m : models) {
    for (const Server& s : m->servers) expand(s, out);
    for (const Operation& o : m->operations) {
      for (const Server& s : o.servers) expand(s, out);
      for (const Callback& c : o.callbacks)
        for (const Operation& co : c.operations)
          for (const Server& s : co.servers) expand(s, out);
    }
  }
  return {out.begin(), out.end()};
}

bool parse_proxy_url(const std::string& url, ProxyUrl& out, std::string& error) {
  out = ProxyUrl{};
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return error = "the URL contains a space or a control character", false;
    if (c == '\\') return error = "the URL contains a backslash", false;
  }
  size_t colon = url.find("://");
  if (colon == std::string::npos) return error = "not an absolute URL (expected http:// or https://)", false;
  out.scheme = text::ascii_lower(url.substr(0, colon));
  if (out.scheme != "http" && out.scheme != "https") return error = "only http and https URLs are proxied", false;
  size_t start = colon + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (authority.find('@') != std::string::npos)
    return error = "the URL carries user information ('@'), which the proxy refuses", false;
  if (authority.empty()) return error = "the URL has no host", false;
  std::string port_text;
  if (authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string::npos) return error = "malformed IPv6 host", false;
    out.host = text::ascii_lower(authority.substr(0, close + 1));
    std::string rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return error = "malformed host", false;
      port_text = rest.substr(1);
    }
  } else {
    size_t p = authority.find(':');
    out.host = text::ascii_lower(authority.substr(0, p));
    if (p != std::string::npos) port_text = authority.substr(p + 1);
  }
  if (out.host.empty()) return error = "the URL has no host", false;
  for (char c : out.host)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '[' && c != ']' && c != ':')
      return error = "the host contains a character hosts cannot contain", false;
  if (port_text.empty()) {
    out.port = out.scheme == "https" ? 443 : 80;
  } else {
    if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos)
      return error = "the port is not a number", false;
    out.port = std::stoi(port_text);
    if (out.port < 1 || out.port > 65535) return error = "the port is out of range", false;
  }
  std::string rest = end == std::string::npos ? "" : url.substr(end);
  size_t hash = rest.find('#');
  if (hash != std::string::npos) rest.erase(hash);
  size_t q = rest.find('?');
  out.path = rest.substr(0, q);
  if (q != std::string::npos) out.query = rest.substr(q + 1);
  if (out.path.empty()) out.path = "/";
  // Dot segments would let "/api/../admin" pass a "/api" prefix; an encoded '/' in a segment
  // is read as a separator by some servers. Neither has a use in an API call.
  size_t from = 1;
  while (from <= out.path.size()) {
    size_t slash = out.path.find('/', from);
    std::string seg = out.path.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
    std::string decoded;
    if (!decode_segment(seg, decoded)) return error = "the path has a malformed %-escape", false;
    if (decoded == "." || decoded == "..") return error = "the path has a '.' or '..' segment", false;
    if (decoded.find_first_of("/\\") != std::string::npos || decoded.find('\0') != std::string::npos)
      return error = "the path has an encoded '/', '\\' or NUL in a segment", false;
    if (slash == std::string::npos) break;
    from = slash + 1;
  }
  return true;
}

bool proxy_allows(const std::vector<std::string>& allowed, const std::string& url, std::string& reason) {
  ProxyUrl u;
  std::string error;
  if (!parse_proxy_url(url, u, error)) {
    reason = error;
    return false;
  }
  for (const std::string& a : allowed) {
    ProxyUrl p;
    std::string ignore;
    if (!parse_proxy_url(a, p, ignore)) continue;
    if (p.scheme != u.scheme || p.host != u.host || p.port != u.port) continue;
    std::string prefix = p.path;
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    if (prefix.empty() || u.path == prefix || u.path.compare(0, prefix.size() + 1, prefix + "/") == 0) return true;
  }
  reason = "it is not below any server the description declares";
  if (!allowed.empty()) {
    reason += " (";
    for (size_t i = 0; i < allowed.size() && i < 8; ++i) reason += (i ? ", " : "") + allowed[i];
    if (allowed.size() > 8) reason += ", …";
    reason += ")";
  }
  reason += "; add it to serve.proxy_allow in apiref.yaml or pass --open-allow";
  return false;
}

std::string proxied_playground_settings(const std::string& settings, const std::vector<std::string>& config_allow,
                                        const std::vector<std::string>& open_allow) {
  nlohmann::json out = nlohmann::json::parse(settings, nullptr, false);
  if (!out.is_object()) return settings;
  out["proxy"] = "/_apiref/proxy";
  nlohmann::json servers = nlohmann::json::array();
  std::set<std::string> seen;
  auto add = [&](const std::vector<std::string>& urls, const char* why) {
    for (std::string url : urls) {
      while (url.size() > 1 && url.back() == '/') url.pop_back();
      if (url.empty() || !seen.insert(url).second) continue;
      servers.push_back({{"url", url}, {"description", why}});
    }
  };
  add(config_allow, "allowed by serve.proxy_allow");
  add(open_allow, "allowed by --open-allow");
  out["servers"] = std::move(servers);
  return out.dump(2) + "\n";
}

}  // namespace apiref
