#include "snippets/snippets.h"

#include <algorithm>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "text/escape.h"
#include "text/utf8.h"

namespace apiref {

namespace {

const char kQuoteHex[] = "0123456789abcdef";

void append_hex_escape(std::string& out, const char* prefix, uint32_t value, int digits) {
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kQuoteHex[(value >> shift) & 15];
}

enum class Dialect { Python, JavaScript, Go };

// The three languages agree on \" \\ \n \r \t and on \u for a code point below U+10000; they
// differ in what a byte that is not UTF-8 can become.
std::string quote_in(std::string_view s, Dialect dialect) {
  std::string out = "\"";
  out.reserve(s.size() + 2);
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t len = text::decode_utf8(s, i, cp);
    if (len == 0) {
      // Go strings are bytes; Python str and JavaScript strings are code points.
      if (dialect == Dialect::Go) append_hex_escape(out, "\\x", static_cast<unsigned char>(s[i]), 2);
      else out += "\\ufffd";
      ++i;
      continue;
    }
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (cp < 0x20 || cp == 0x7F) append_hex_escape(out, "\\x", cp, 2);
        else if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
          append_hex_escape(out, "\\u", cp, 4);  // line ends to some reader, or invisible
        else out.append(s, i, len);
    }
    i += len;
  }
  return out + "\"";
}

}  // namespace

std::string python_string(std::string_view s) { return quote_in(s, Dialect::Python); }
std::string js_string(std::string_view s) { return quote_in(s, Dialect::JavaScript); }
std::string go_string(std::string_view s) { return quote_in(s, Dialect::Go); }

std::string python_bytes(std::string_view s) {
  std::string out = "b\"";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') (out += '\\') += ch;
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c >= 0x7F) append_hex_escape(out, "\\x", c, 2);
    else out += ch;
  }
  return out + "\"";
}

std::string shell_word(std::string_view s) {
  if (s.find('\0') == std::string_view::npos) return text::shell_single_quote(s);
  std::string kept;
  for (char c : s)
    if (c != '\0') kept += c;
  return text::shell_single_quote(kept);
}

std::string comment_text(std::string_view text) {
  std::string out;
  text::for_each_code_point(text, [&](uint32_t cp, std::string_view bytes) {
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) out += ' ';
    else if (cp != 0xFEFF) out += bytes;
  });
  return out;
}

std::string shell_quote(const std::string& s) { return shell_word(s); }

std::string shell_quote(const Value& value) {
  std::string out;
  for (const Segment& s : merge_literals(value)) {
    if (s.is_env) out += "\"$" + s.text + "\"";
    else if (!s.text.empty()) out += shell_quote(s.text);
  }
  return out.empty() ? "''" : out;
}

namespace {

// "Name: value" as one Value.
Value header_value(const NamedValue& h) {
  Value v{{h.name + ": ", false}};
  v.insert(v.end(), h.value.begin(), h.value.end());
  return v;
}

Value cookie_value(const std::vector<NamedValue>& cookies) {
  Value v;
  for (size_t i = 0; i < cookies.size(); ++i) {
    v.push_back({(i ? "; " : "") + cookies[i].name + "=", false});
    v.insert(v.end(), cookies[i].value.begin(), cookies[i].value.end());
  }
  return v;
}

// The notes hold text from the description (server URLs, token URLs, scheme names): each stays
// on its comment line whatever it holds.
std::string comments(const Request& r, const char* mark) {
  std::string out;
  for (const std::string& n : r.notes) out += std::string(mark) + " " + comment_text(n) + "\n";
  return out;
}

// An OpenAPI 3.2 description names its own methods (additionalOperations): a name that is not
// a plain word is quoted, or "-X X;rm -rf ~" would run.
std::string shell_method(const std::string& method) {
  for (char c : method)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return shell_quote(method);
  return method.empty() ? "''" : method;
}

bool is_identifier(const std::string& name) {
  if (name.empty() || isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// A Value as one string expression of a language where "..." + ENV + "..." works: python,
// javascript or go.
std::string concat_expr(const Value& v, const std::string& language) {
  std::string (*quote)(std::string_view) = language == "python" ? python_string
                                           : language == "javascript" ? js_string
                                                                      : go_string;
  std::string out;
  for (const Segment& s : merge_literals(v)) {
    if (!out.empty()) out += " + ";
    if (!s.is_env) out += quote(s.text);
    else if (language == "python") out += "os.environ[" + quote(s.text) + "]";
    else if (language == "javascript") out += is_identifier(s.text) ? "process.env." + s.text : "process.env[" + quote(s.text) + "]";
    else out += "os.Getenv(" + quote(s.text) + ")";
  }
  return out.empty() ? "\"\"" : out;
}

}  // namespace

std::string curl_snippet(const Request& r) {
  std::vector<std::string> args;
  if (r.method == "HEAD") args.push_back("--head");
  else if (r.method != "GET") args.push_back("-X " + shell_method(r.method));
  args.push_back(shell_quote(r.url));
  for (const NamedValue& h : r.headers) args.push_back("-H " + shell_quote(header_value(h)));
  if (!r.cookies.empty()) args.push_back("--cookie " + shell_quote(cookie_value(r.cookies)));
  if (!r.basic_user.empty()) {
    Value creds = r.basic_user;
    creds.push_back({":", false});
    creds.insert(creds.end(), r.basic_password.begin(), r.basic_password.end());
    args.push_back("-u " + shell_quote(creds));
  }
  switch (r.body_kind) {
    case BodyKind::Json:
    case BodyKind::Raw: args.push_back("--data-raw " + shell_quote(r.body)); break;
    case BodyKind::Form:
      for (const auto& [k, v] : r.form) args.push_back("--data-urlencode " + shell_quote(k + "=" + v));
      break;
    case BodyKind::Multipart:
      for (const MultipartPart& p : r.parts) {
        if (p.is_file) {
          std::string spec = p.name + "=@" + p.value + (p.content_type.empty() ? "" : ";type=" + p.content_type);
          args.push_back("-F " + shell_quote(spec));
        } else if (!p.content_type.empty()) {
          // A typed text part: curl reads a double-quoted value as text (not @file or <file)
          // and takes ;type= after it.
          std::string quoted;
          for (char c : p.value) {
            if (c == '"' || c == '\\') quoted += '\\';
            quoted += c;
          }
          args.push_back("-F " + shell_quote(p.name + "=\"" + quoted + "\";type=" + p.content_type));
        } else {
          // --form-string: a value starting with @ or < is text, not a file to read.
          args.push_back("--form-string " + shell_quote(p.name + "=" + p.value));
        }
      }
      break;
    case BodyKind::None: break;
  }
  std::string out = comments(r, "#") + "curl";
  for (size_t i = 0; i < args.size(); ++i) out += (i == 0 ? " " : " \\\n  ") + args[i];
  return out + "\n";
}

namespace {

// An option and its value: `--name=VALUE` when the value starts with '-' (HTTPie's argparse
// reads `--auth -u:p` as an option with no value, then fails), `--name VALUE` otherwise.
std::string httpie_option(const std::string& name, const std::string& first_text, const std::string& quoted) {
  return name + (!first_text.empty() && first_text[0] == '-' ? "=" : " ") + quoted;
}

}  // namespace

std::string httpie_snippet(const Request& r) {
  std::vector<std::string> args;
  if (r.body_kind == BodyKind::Form) args.push_back("--form");
  if (r.body_kind == BodyKind::Multipart) args.push_back("--multipart");
  if (!r.basic_user.empty()) {
    Value creds = r.basic_user;
    creds.push_back({":", false});
    creds.insert(creds.end(), r.basic_password.begin(), r.basic_password.end());
    args.push_back(httpie_option("--auth", creds[0].is_env ? "" : creds[0].text, shell_quote(creds)));
  }
  // HTTPie reads an argument that starts with '-' as an option wherever it stands, quoted or
  // not ('--output=f:v' as a header item writes the response to a file): with such a method,
  // URL, header or field name from the description, `--` ends the options first.
  auto dash = [](const std::string& text) { return !text.empty() && text[0] == '-'; };
  bool dashed = dash(r.method) || (!r.url.empty() && !r.url[0].is_env && dash(r.url[0].text));
  for (const NamedValue& h : r.headers) dashed = dashed || dash(h.name);
  if (r.body_kind == BodyKind::Form)
    for (const auto& field : r.form) dashed = dashed || dash(field.first);
  if (r.body_kind == BodyKind::Multipart)
    for (const MultipartPart& p : r.parts) dashed = dashed || dash(p.name);
  args.push_back((dashed ? "-- " : "") + shell_method(r.method));
  args.push_back(shell_quote(r.url));
  for (const NamedValue& h : r.headers) {
    Value v{{h.name + ":", false}};
    v.insert(v.end(), h.value.begin(), h.value.end());
    args.push_back(shell_quote(v));
  }
  if (!r.cookies.empty()) {
    Value v{{"Cookie:", false}};
    Value c = cookie_value(r.cookies);
    v.insert(v.end(), c.begin(), c.end());
    args.push_back(shell_quote(v));
  }
  switch (r.body_kind) {
    case BodyKind::Json:
    case BodyKind::Raw: args.insert(args.begin(), httpie_option("--raw", r.body, shell_quote(r.body))); break;
    case BodyKind::Form:
      for (const auto& [k, v] : r.form) args.push_back(shell_quote(k + "=" + v));
      break;
    case BodyKind::Multipart:
      for (const MultipartPart& p : r.parts)
        args.push_back(shell_quote(p.name + (p.is_file ? "@" : "=") + p.value));
      break;
    case BodyKind::None: break;
  }
  std::string out = comments(r, "#") + "http";
  for (size_t i = 0; i < args.size(); ++i) out += (i == 0 ? " " : " \\\n  ") + args[i];
  return out + "\n";
}

std::string python_snippet(const Request& r) {
  auto expr = [](const Value& v) { return concat_expr(v, "python"); };
  auto q = python_string;
  // The notes come after the imports: a comment on line 1 or 2 that says "coding: utf-7" would
  // change how Python decodes every string literal of the file.
  std::string out = "import os\n\nimport requests\n\n" + comments(r, "#") + (r.notes.empty() ? "" : "\n");
  out += "response = requests.request(\n    " + q(r.method) + ",\n    " + expr(r.url) + ",\n";
  if (!r.headers.empty()) {
    out += "    headers={\n";
    for (const NamedValue& h : r.headers) out += "        " + q(h.name) + ": " + expr(h.value) + ",\n";
    out += "    },\n";
  }
  if (!r.cookies.empty()) {
    out += "    cookies={\n";
    for (const NamedValue& c : r.cookies) out += "        " + q(c.name) + ": " + expr(c.value) + ",\n";
    out += "    },\n";
  }
  if (!r.basic_user.empty()) out += "    auth=(" + expr(r.basic_user) + ", " + expr(r.basic_password) + "),\n";
  switch (r.body_kind) {
    case BodyKind::Json:
    case BodyKind::Raw: {
      // A body that is not UTF-8 is written as bytes, so that every byte reads back.
      std::string storage;
      text::valid_utf8(r.body, storage);
      out += "    data=" + (storage.empty() ? q(r.body) + ".encode()" : python_bytes(r.body)) + ",\n";
      break;
    }
    case BodyKind::Form:
      // A list of pairs, not a dict: a field may repeat (tags=a&tags=b).
      out += "    data=[\n";
      for (const auto& [k, v] : r.form) out += "        (" + q(k) + ", " + q(v) + "),\n";
      out += "    ],\n";
      break;
    case BodyKind::Multipart: {
      std::string files, data;
      for (const MultipartPart& p : r.parts) {
        std::string type = p.content_type.empty() ? "" : ", " + q(p.content_type);
        if (p.is_file)
          files += "        (" + q(p.name) + ", (" + q(p.value.substr(p.value.rfind('/') + 1)) +
                   ", open(" + q(p.value) + ", \"rb\")" + type + ")),\n";
        else if (!type.empty())  // a typed text part goes with the files, without a file name
          files += "        (" + q(p.name) + ", (None, " + q(p.value) + type + ")),\n";
        else
          data += "        (" + q(p.name) + ", " + q(p.value) + "),\n";
      }
      if (!data.empty()) out += "    data=[\n" + data + "    ],\n";
      if (!files.empty()) out += "    files=[\n" + files + "    ],\n";
      break;
    }
    case BodyKind::None: break;
  }
  out += "    timeout=30,\n)\nprint(response.status_code)\nprint(response.text)\n";
  return out;
}

std::string javascript_snippet(const Request& r) {
  auto expr = [](const Value& v) { return concat_expr(v, "javascript"); };
  auto q = js_string;
  std::string out = comments(r, "//");
  std::vector<NamedValue> headers = r.headers;
  if (!r.cookies.empty()) headers.push_back({"Cookie", cookie_value(r.cookies)});
  if (!r.basic_user.empty()) {
    Value creds = r.basic_user;
    creds.push_back({":", false});
    creds.insert(creds.end(), r.basic_password.begin(), r.basic_password.end());
    // Basic credentials are base64 of "user:password"; built at run time from the variables.
    out += "const basic = Buffer.from(" + expr(creds) + ").toString(\"base64\");\n";
  }
  if (r.body_kind == BodyKind::Multipart) {
    out += "const { readFile } = await import(\"node:fs/promises\");\n\nconst body = new FormData();\n";
    for (const MultipartPart& p : r.parts) {
      std::string type = p.content_type.empty() ? "" : ", { type: " + q(p.content_type) + " }";
      if (p.is_file)
        out += "body.append(" + q(p.name) + ", new Blob([await readFile(" + q(p.value) + ")]" + type +
               "), " + q(p.value.substr(p.value.rfind('/') + 1)) + ");\n";
      else if (!type.empty())  // a Blob carries the part's content type
        out += "body.append(" + q(p.name) + ", new Blob([" + q(p.value) + "]" + type + "));\n";
      else
        out += "body.append(" + q(p.name) + ", " + q(p.value) + ");\n";
    }
    out += "\n";
  }
  out += "const response = await fetch(" + expr(r.url) + ", {\n  method: " + q(r.method) + ",\n";
  if (!headers.empty() || !r.basic_user.empty()) {
    out += "  headers: {\n";
    for (const NamedValue& h : headers) out += "    " + q(h.name) + ": " + expr(h.value) + ",\n";
    if (!r.basic_user.empty()) out += "    \"Authorization\": \"Basic \" + basic,\n";
    out += "  },\n";
  }
  switch (r.body_kind) {
    case BodyKind::Json:
    case BodyKind::Raw: out += "  body: " + q(r.body) + ",\n"; break;
    case BodyKind::Form: {
      // Pairs, not an object: a field may repeat (tags=a&tags=b).
      out += "  body: new URLSearchParams([\n";
      for (const auto& [k, v] : r.form) out += "    [" + q(k) + ", " + q(v) + "],\n";
      out += "  ]),\n";
      break;
    }
    case BodyKind::Multipart: out += "  body,\n"; break;
    case BodyKind::None: break;
  }
  out += "});\nconsole.log(response.status);\nconsole.log(await response.text());\n";
  return out;
}

std::string go_snippet(const Request& r) {
  auto expr = [](const Value& v) { return concat_expr(v, "go"); };
  auto q = go_string;
  bool uses_env = false;
  auto scan = [&](const Value& v) {
    for (const Segment& s : v) uses_env = uses_env || s.is_env;
  };
  scan(r.url);
  for (const NamedValue& h : r.headers) scan(h.value);
  for (const NamedValue& c : r.cookies) scan(c.value);
  scan(r.basic_user);
  bool multipart = r.body_kind == BodyKind::Multipart;
  bool form = r.body_kind == BodyKind::Form;
  bool typed_parts = false;
  std::string body = "nil";
  std::string setup;
  if (r.body_kind == BodyKind::Json || r.body_kind == BodyKind::Raw) {
    body = "strings.NewReader(" + q(r.body) + ")";
  } else if (form) {
    setup += "\tform := url.Values{}\n";
    for (const auto& [k, v] : r.form) setup += "\tform.Add(" + q(k) + ", " + q(v) + ")\n";
    body = "strings.NewReader(form.Encode())";
  } else if (multipart) {
    setup += "\tvar buf bytes.Buffer\n\tmw := multipart.NewWriter(&buf)\n";
    for (const MultipartPart& p : r.parts) {
      std::string file_name = p.value.substr(p.value.rfind('/') + 1);
      // A part with its own content type needs CreatePart with explicit headers.
      std::string create = "mw.CreateFormFile(" + q(p.name) + ", " + q(file_name) + ")";
      if (!p.content_type.empty()) {
        typed_parts = true;
        std::string disposition = "form-data; name=\"" + p.name + "\"" + (p.is_file ? "; filename=\"" + file_name + "\"" : "");
        create = "mw.CreatePart(textproto.MIMEHeader{\"Content-Disposition\": {" + q(disposition) +
                 "}, \"Content-Type\": {" + q(p.content_type) + "}})";
      }
      if (p.is_file) {
        setup += "\tif f, err := os.Open(" + q(p.value) + "); err != nil {\n\t\tpanic(err)\n\t} else {\n"
                 "\t\tpart, _ := " + create + "\n"
                 "\t\tif _, err := io.Copy(part, f); err != nil {\n\t\t\tpanic(err)\n\t\t}\n\t\tf.Close()\n\t}\n";
      } else if (!p.content_type.empty()) {
        setup += "\tif part, err := " + create + "; err != nil {\n\t\tpanic(err)\n\t} else {\n"
                 "\t\tio.WriteString(part, " + q(p.value) + ")\n\t}\n";
      } else {
        setup += "\tmw.WriteField(" + q(p.name) + ", " + q(p.value) + ")\n";
      }
    }
    setup += "\tmw.Close()\n";
    body = "&buf";
  }
  std::string out = comments(r, "//") + "package main\n\nimport (\n";
  if (multipart) out += "\t\"bytes\"\n";
  out += "\t\"fmt\"\n\t\"io\"\n";
  if (multipart) out += "\t\"mime/multipart\"\n";
  out += "\t\"net/http\"\n";
  if (typed_parts) out += "\t\"net/textproto\"\n";
  if (form) out += "\t\"net/url\"\n";
  if (uses_env || multipart) out += "\t\"os\"\n";
  if (r.body_kind == BodyKind::Json || r.body_kind == BodyKind::Raw || form) out += "\t\"strings\"\n";
  out += ")\n\nfunc main() {\n" + setup;
  out += "\treq, err := http.NewRequest(" + q(r.method) + ", " + expr(r.url) + ", " + body + ")\n";
  out += "\tif err != nil {\n\t\tpanic(err)\n\t}\n";
  for (const NamedValue& h : r.headers) out += "\treq.Header.Set(" + q(h.name) + ", " + expr(h.value) + ")\n";
  if (multipart) out += "\treq.Header.Set(\"Content-Type\", mw.FormDataContentType())\n";
  for (const NamedValue& c : r.cookies)
    out += "\treq.AddCookie(&http.Cookie{Name: " + q(c.name) + ", Value: " + expr(c.value) + "})\n";
  if (!r.basic_user.empty()) out += "\treq.SetBasicAuth(" + expr(r.basic_user) + ", " + expr(r.basic_password) + ")\n";
  out += "\tresp, err := http.DefaultClient.Do(req)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tdefer resp.Body.Close()\n";
  out += "\tout, _ := io.ReadAll(resp.Body)\n\tfmt.Println(resp.Status)\n\tfmt.Println(string(out))\n}\n";
  return out;
}

std::string variable_fill_json(const Request& r, const std::string& language) {
  bool shell = language.rfind("curl", 0) == 0 || language == "httpie";
  auto spell = [&](const Value& v) -> std::string {
    if (shell) return shell_quote(v);
    return concat_expr(v, language);  // python, javascript, go
  };
  auto prefixed = [](std::string prefix, const Value& v) {
    Value out{{std::move(prefix), false}};
    out.insert(out.end(), v.begin(), v.end());
    return out;
  };
  auto joined = [](const Value& a, const std::string& sep, const Value& b) {
    Value out = a;
    out.push_back({sep, false});
    out.insert(out.end(), b.begin(), b.end());
    return out;
  };
  // The Values as this language writes them, one per expression of its snippet.
  std::vector<Value> values = {r.url};
  bool whole_cookie = shell || language == "javascript";
  for (const NamedValue& h : r.headers)
    values.push_back(language == "curl" || language.rfind("curl-", 0) == 0 ? header_value(h)
                     : language == "httpie"                                ? prefixed(h.name + ":", h.value)
                                                                           : h.value);
  if (!r.cookies.empty() && whole_cookie)
    values.push_back(language == "httpie" ? prefixed("Cookie:", cookie_value(r.cookies)) : cookie_value(r.cookies));
  if (!whole_cookie)
    for (const NamedValue& c : r.cookies) values.push_back(c.value);
  if (!r.basic_user.empty()) {
    if (shell || language == "javascript") {
      values.push_back(joined(r.basic_user, ":", r.basic_password));
    } else {
      values.push_back(r.basic_user);
      values.push_back(r.basic_password);
    }
  }
  nlohmann::json out = nlohmann::json::array();
  for (const Value& v : values) {
    Value merged = merge_literals(v);
    bool reads_variable = false;
    for (const Segment& s : merged) reads_variable = reads_variable || s.is_env;
    if (!reads_variable) continue;
    nlohmann::json segments = nlohmann::json::array();
    for (const Segment& s : merged) segments.push_back({s.text, s.is_env ? 1 : 0});
    nlohmann::json entry = {spell(merged), segments};
    if (std::find(out.begin(), out.end(), entry) == out.end()) out.push_back(std::move(entry));
  }
  return out.empty() ? "" : out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const std::vector<std::string>& all_snippet_languages() {
  static const std::vector<std::string> all = {"curl", "httpie", "python", "javascript", "go"};
  return all;
}

std::vector<Snippet> snippets_for(const Request& r, const std::vector<std::string>& languages) {
  std::vector<Snippet> out;
  for (const std::string& l : languages) {
    if (l == "curl") out.push_back({l, "curl", curl_snippet(r)});
    else if (l == "httpie") out.push_back({l, "HTTPie", httpie_snippet(r)});
    else if (l == "python") out.push_back({l, "Python", python_snippet(r)});
    else if (l == "javascript") out.push_back({l, "JavaScript", javascript_snippet(r)});
    else if (l == "go") out.push_back({l, "Go", go_snippet(r)});
  }
  return out;
}

}  // namespace apiref
