#include "examples/example_values.h"

#include <initializer_list>

#include "text/case.h"

namespace apiref {
namespace {

// A name cut into lower-case words at case changes and separators: "schemaVersion" → schema
// version, "created_at" → created at, "userID" → user id. Most rules read the last word, the
// thing the name names; a few read the one before it.
struct Words {
  static constexpr size_t kMax = 8;
  // The lower-cased letters live in `buf` (of a long name, its last 96 characters: the words
  // that end it say most): no allocation, as this runs for every property of every example.
  char buf[96];
  size_t used = 0;
  std::array<std::string_view, kMax> w{};
  size_t n = 0;

  explicit Words(std::string_view name) {
    if (name.size() > sizeof buf) name = name.substr(name.size() - sizeof buf);
    size_t start = 0;
    auto flush = [&] {
      if (used > start && n < kMax) w[n++] = std::string_view(buf + start, used - start);
      else if (used > start) w[kMax - 1] = std::string_view(w[kMax - 1].data(), used - (w[kMax - 1].data() - buf));
      start = used;
    };
    for (size_t i = 0; i < name.size() && used < sizeof buf; ++i) {
      char c = name[i];
      bool upper = c >= 'A' && c <= 'Z', alnum = upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum) { flush(); continue; }
      // A capital starts a word after a lower-case letter ("userId"), or ends an acronym before
      // one ("HTTPServer" → http server).
      if (upper && used > start) {
        char prev = i ? name[i - 1] : ' ';
        bool next_lower = i + 1 < name.size() && name[i + 1] >= 'a' && name[i + 1] <= 'z';
        if ((prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9') || (prev >= 'A' && prev <= 'Z' && next_lower)) flush();
      }
      buf[used++] = text::ascii_lower(c);
    }
    flush();
  }

  std::string_view last() const { return n ? w[n - 1] : std::string_view(); }
  std::string_view before_last() const { return n > 1 ? w[n - 2] : std::string_view(); }
  bool has(std::string_view word) const {
    for (size_t i = 0; i < n; ++i)
      if (w[i] == word) return true;
    return false;
  }
};

bool one_of(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (s == w) return true;
  return false;
}

constexpr std::string_view kDateTime = "2024-01-01T00:00:00Z";
constexpr std::string_view kUuid = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
constexpr std::string_view kEmail = "user@example.com";
constexpr std::string_view kUrl = "https://example.com";

bool format_candidates(std::string_view f, StringCandidates& c) {
  if (f == "date-time") c.add(kDateTime);
  else if (f == "date") c.add("2024-01-01");
  else if (f == "time") c.add("00:00:00Z");
  else if (f == "uuid") c.add(kUuid);
  else if (f == "email" || f == "idn-email") c.add(kEmail);
  else if (f == "uri" || f == "url" || f == "iri" || f == "uri-reference" || f == "iri-reference") c.add(kUrl);
  else if (f == "uri-template") c.add("https://example.com/{id}");
  else if (f == "hostname" || f == "idn-hostname") c.add("example.com");
  else if (f == "ipv4") c.add("192.0.2.1");
  else if (f == "ipv6") c.add("2001:db8::1");
  else if (f == "byte" || f == "base64") c.add("ZXhhbXBsZQ==");
  else if (f == "binary") c.add("<binary>");
  else if (f == "password") c.add("********");
  else if (f == "duration") c.add("P1D");
  else if (f == "json-pointer") c.add("/path/to/value");
  else if (f == "regex") c.add("^[a-z]+$");
  else if (f == "int32" || f == "int64" || f == "integer") c.add("42");
  else if (f == "float" || f == "double" || f == "decimal" || f == "number") c.add("1.5");
  else if (f == "semver") c.add("1.0.0");
  else return false;
  return true;
}

void version_candidates(const Words& w, StringCandidates& c) {
  // Kubernetes-style API versions for the schema's own version; releases for the rest.
  if (one_of(w.before_last(), {"schema", "api"})) {
    for (std::string_view v : {"v1beta1", "v1", "v1.0.0", "1.0.0", "core.example.io/v1beta1"}) c.add(v);
  } else {
    for (std::string_view v : {"1.0.0", "v1.0.0", "v1beta1", "v1", "1.0"}) c.add(v);
  }
}

void name_candidates(const Words& w, StringCandidates& c) {
  std::string_view last = w.last(), prev = w.before_last();
  if (last == "id" && one_of(prev, {"commit", "sha", "revision"})) return c.add("6dcb09b5b57875f334f61aebed695e2e4193db5e");
  if (last == "id" && prev == "spdx") return c.add("MIT");
  if (one_of(last, {"id", "uuid", "guid", "ids"})) {
    // Identifiers come in many shapes; the pattern, when there is one, picks.
    for (std::string_view v : {kUuid, std::string_view("3fa85f6457174562b3fc2c963f66afa6"), std::string_view("abc123"),
                               std::string_view("example-id"), std::string_view("12345")})
      c.add(v);
    return;
  }
  if (last == "version" || last == "semver") return version_candidates(w, c);
  if (one_of(last, {"email", "mail"}) || (last == "address" && w.has("email"))) return c.add(kEmail);
  if (one_of(last, {"url", "uri", "href", "link", "website", "homepage", "endpoint", "callback", "webhook"})) {
    c.add(kUrl);
    c.add("http://example.com");
    return c.add("example.com:8080");
  }
  if (last == "svg") return c.add("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");
  if (one_of(last, {"avatar", "icon", "logo", "image", "thumbnail", "picture"})) {
    c.add("https://example.com/image.png");
    return c.add("image.png");
  }
  if (one_of(last, {"host", "hostname", "domain", "fqdn"})) return c.add("example.com");
  if (last == "ip" || (last == "address" && w.has("ip"))) return c.add("192.0.2.1");
  if (last == "port") return c.add("8080");
  if (last == "at" || one_of(last, {"timestamp", "datetime", "time"}) || (last == "on" && w.n > 1)) return c.add(kDateTime);
  if (one_of(last, {"date", "birthday", "day"})) return c.add("2024-01-01");
  if (last == "name") {
    if (prev == "first" || prev == "given") return c.add("Jane");
    if (prev == "last" || prev == "family" || prev == "sur") return c.add("Doe");
    if (prev == "full" || prev == "real") return c.add("Jane Doe");
    if (prev == "display") {
      c.add("Example");
      return c.add("example");
    }
    if (prev == "user" || prev == "login" || prev == "account") return c.add("jdoe");
    if (prev == "role") return c.add("admin");
    if (prev == "file") return c.add("example.txt");
    if (prev == "host" || prev == "domain") return c.add("example.com");
    for (std::string_view v : {"example-name", "example_name", "Example", "example"}) c.add(v);
    return;
  }
  if (one_of(last, {"username", "login", "user", "owner", "author", "assignee", "creator", "handle"})) return c.add("jdoe");
  if (one_of(last, {"firstname", "givenname"})) return c.add("Jane");
  if (one_of(last, {"lastname", "surname", "familyname"})) return c.add("Doe");
  if (last == "fullname") return c.add("Jane Doe");
  if (last == "displayname") return c.add("Example");
  if (last == "label") {
    c.add("Example label");
    return c.add("example");
  }
  if (one_of(last, {"title", "heading", "caption", "subject"})) {
    c.add("Example title");
    return c.add("example");
  }
  if (one_of(last, {"description", "summary", "details", "bio", "about"})) {
    c.add("A short description of this item.");
    return c.add("example description");
  }
  if (one_of(last, {"message", "comment", "note", "notes", "body", "text", "content", "reason", "explanation"})) {
    c.add("This is an example message.");
    return c.add("example");
  }
  if (one_of(last, {"status", "state"})) {
    c.add("active");
    return c.add("ACTIVE");
  }
  if (one_of(last, {"phone", "mobile", "telephone", "tel", "fax"}) || w.has("phone")) {
    c.add("+1-202-555-0100");
    return c.add("+12025550100");
  }
  if (last == "country") {
    c.add("US");
    return c.add("United States");
  }
  if (last == "code" && prev == "country") return c.add("US");
  if (last == "city") return c.add("Berlin");
  if (one_of(last, {"zip", "zipcode", "postcode", "postal"}) || (last == "code" && (prev == "postal" || prev == "zip"))) return c.add("10115");
  if (one_of(last, {"timezone", "tz"}) || (last == "zone" && prev == "time")) return c.add("UTC");
  if (one_of(last, {"locale"})) return c.add("en-US");
  if (one_of(last, {"language", "lang"})) return c.add("en");
  if (last == "currency") return c.add("USD");
  if (one_of(last, {"sha", "hash", "digest", "checksum", "commit", "etag"})) return c.add("6dcb09b5b57875f334f61aebed695e2e4193db5e");
  if (one_of(last, {"branch", "ref"})) return c.add("main");
  if (one_of(last, {"path", "dir", "directory", "folder"})) {
    c.add("path/to/file");
    return c.add("/path/to/file");
  }
  if (one_of(last, {"file", "filename"})) return c.add("example.txt");
  if (one_of(last, {"color", "colour"})) {
    c.add("#336699");
    return c.add("336699");
  }
  if (one_of(last, {"password", "passphrase"})) return c.add("********");
  if (one_of(last, {"token", "secret", "apikey"}) || (last == "key" && prev == "api")) return c.add("example-token");
  if (one_of(last, {"slug"})) return c.add("example-slug");
  if (one_of(last, {"org", "organization", "organisation", "company", "tenant"})) return c.add("example-org");
  if (one_of(last, {"repo", "repository"})) return c.add("example-repo");
  if (last == "team") return c.add("example-team");
  if (last == "role") return c.add("admin");
  if (last == "namespace") return c.add("default");
  if (last == "region") return c.add("us-east-1");
  if (one_of(last, {"mimetype", "mediatype"}) || (last == "type" && one_of(prev, {"content", "media", "mime"}))) return c.add("application/json");
  if (one_of(last, {"query", "search", "term", "keyword", "q"})) return c.add("example");
  // "externalEndpointOverride": an endpoint all the same, perhaps written host:port.
  if (w.has("endpoint") || w.has("url")) {
    c.add(kUrl);
    c.add("example.com:8080");
  }
}

}  // namespace

StringCandidates string_candidates(std::string_view name, std::string_view format) {
  StringCandidates c;
  if (!format.empty() && format_candidates(format, c)) return c;
  if (name.empty()) return c;
  Words w(name);
  // "VersionString", "uuidType": a component named for its type says what it holds first.
  if (w.n > 1 && one_of(w.last(), {"string", "type", "schema", "value"}) && !one_of(w.before_last(), {"content", "media", "mime"}))
    --w.n;
  name_candidates(w, c);
  // "contents", "urls": a plural names the same thing.
  if (c.size == 0 && w.n > 0 && w.last().size() > 3 && w.last().back() == 's') {
    std::string one = singular(w.last());
    w.w[w.n - 1] = one;
    name_candidates(w, c);
  }
  return c;
}

std::optional<double> named_number(std::string_view name, bool integer) {
  if (name.empty()) return std::nullopt;
  Words w(name);
  std::string_view last = w.last(), prev = w.before_last();
  if (one_of(last, {"id", "number", "num", "no", "priority", "rank", "position", "index", "step", "level"})) return 1;
  if (one_of(last, {"count", "total", "quantity", "qty"})) return 10;
  if (last == "amount" || one_of(last, {"price", "cost", "balance", "fee"})) return integer ? 1000 : 9.99;
  if (last == "limit" || last == "perpage" || last == "pagesize" || (last == "page" && prev == "per") ||
      (last == "size" && prev == "page"))
    return 25;
  if (last == "page") return 1;
  if (one_of(last, {"offset", "skip"})) return 0;
  if (last == "port") return 8080;
  if (last == "year") return 2024;
  if (last == "month") return 5;
  if (last == "day") return 14;
  if (last == "age") return 30;
  if (last == "size" && prev == "font") return 14;
  if (one_of(last, {"size", "bytes", "length"})) return 1024;
  if (one_of(last, {"timeout", "duration", "seconds", "ttl", "interval"})) return 30;
  if (one_of(last, {"latitude", "lat"})) return 52.52;
  if (one_of(last, {"longitude", "lng", "lon"})) return 13.405;
  if (one_of(last, {"percent", "percentage"})) return 50;
  if (last == "at" || last == "timestamp") return integer ? 1704067200 : 1704067200.0;
  if (one_of(last, {"version"})) return 1;
  if (one_of(last, {"score", "rating"})) return integer ? 4 : 4.5;
  return std::nullopt;
}

std::string singular(std::string_view name) {
  auto ends = [&](std::string_view tail) {
    return name.size() > tail.size() + 1 && name.substr(name.size() - tail.size()) == tail;
  };
  if (ends("ies")) return std::string(name.substr(0, name.size() - 3)) + "y";
  for (std::string_view tail : {"sses", "xes", "ches", "shes"})
    if (ends(tail)) return std::string(name.substr(0, name.size() - 2));
  if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) return std::string(name.substr(0, name.size() - 1));
  return std::string(name);
}

}  // namespace apiref
