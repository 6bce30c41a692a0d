// The Mustache spec's core modules (interpolation, sections, inverted, comments, partials,
// delimiters), case by case: template, data, partials and the exact expected output. The spec's
// YAML files are not available offline, so the cases are written out here from the spec
// (v1.x); each doctest case is one spec case, named "mustache spec <module>: <spec name>".
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "render/mustache.h"

using namespace apiref;

namespace {

using Partials = std::vector<std::pair<std::string, std::string>>;

void check_spec(const std::string& tmpl, const char* data_json, const std::string& expected,
                const Partials& partial_sources = {}) {
  INFO("template: " << tmpl);
  nlohmann::json data = nlohmann::json::parse(data_json);
  MustacheError err;
  std::optional<MustacheTemplate> t = compile_mustache(tmpl, "spec", &err);
  REQUIRE_MESSAGE(t, format_mustache_error(err));
  std::map<std::string, MustacheTemplate> partials;
  for (const auto& [name, source] : partial_sources) {
    std::optional<MustacheTemplate> p = compile_mustache(source, name, &err);
    REQUIRE_MESSAGE(p, format_mustache_error(err));
    partials.emplace(name, *p);
  }
  PartialLookup lookup = [&](const std::string& name) -> const MustacheTemplate* {
    auto it = partials.find(name);
    return it == partials.end() ? nullptr : &it->second;
  };
  CHECK(render_mustache(*t, data, lookup) == expected);
  // A compiled template is not changed by rendering: the second render gives the same bytes.
  CHECK(render_mustache(*t, data, lookup) == expected);
}

}  // namespace

#define MUSTACHE_SPEC(module, title, tmpl, data, expected) \
  TEST_CASE("mustache spec " module ": " title) { check_spec(tmpl, data, expected); }
#define MUSTACHE_SPEC_P(module, title, tmpl, data, expected, ...) \
  TEST_CASE("mustache spec " module ": " title) { check_spec(tmpl, data, expected, {__VA_ARGS__}); }

// ---------------------------------------------------------------------------------------------
// interpolation.yml

MUSTACHE_SPEC("interpolation", "No Interpolation",
              "Hello from {Mustache}!\n", "{}",
              "Hello from {Mustache}!\n")
MUSTACHE_SPEC("interpolation", "Basic Interpolation",
              "Hello, {{subject}}!\n", R"({"subject": "world"})",
              "Hello, world!\n")
MUSTACHE_SPEC("interpolation", "No Re-interpolation",
              "{{template}}: {{planet}}", R"({"template": "{{planet}}", "planet": "Earth"})",
              "{{planet}}: Earth")
MUSTACHE_SPEC("interpolation", "HTML Escaping",
              "These characters should be HTML escaped: {{forbidden}}\n",
              R"({"forbidden": "& \" < >"})",
              "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n")
MUSTACHE_SPEC("interpolation", "Triple Mustache",
              "These characters should not be HTML escaped: {{{forbidden}}}\n",
              R"({"forbidden": "& \" < >"})",
              "These characters should not be HTML escaped: & \" < >\n")
MUSTACHE_SPEC("interpolation", "Ampersand",
              "These characters should not be HTML escaped: {{&forbidden}}\n",
              R"({"forbidden": "& \" < >"})",
              "These characters should not be HTML escaped: & \" < >\n")
MUSTACHE_SPEC("interpolation", "Basic Integer Interpolation",
              "\"{{mph}} miles an hour!\"", R"({"mph": 85})",
              "\"85 miles an hour!\"")
MUSTACHE_SPEC("interpolation", "Triple Mustache Integer Interpolation",
              "\"{{{mph}}} miles an hour!\"", R"({"mph": 85})",
              "\"85 miles an hour!\"")
MUSTACHE_SPEC("interpolation", "Ampersand Integer Interpolation",
              "\"{{&mph}} miles an hour!\"", R"({"mph": 85})",
              "\"85 miles an hour!\"")
MUSTACHE_SPEC("interpolation", "Basic Decimal Interpolation",
              "\"{{power}} jiggawatts!\"", R"({"power": 1.210})",
              "\"1.21 jiggawatts!\"")
MUSTACHE_SPEC("interpolation", "Triple Mustache Decimal Interpolation",
              "\"{{{power}}} jiggawatts!\"", R"({"power": 1.210})",
              "\"1.21 jiggawatts!\"")
MUSTACHE_SPEC("interpolation", "Ampersand Decimal Interpolation",
              "\"{{&power}} jiggawatts!\"", R"({"power": 1.210})",
              "\"1.21 jiggawatts!\"")
MUSTACHE_SPEC("interpolation", "Basic Null Interpolation",
              "I ({{cannot}}) be seen!", R"({"cannot": null})",
              "I () be seen!")
MUSTACHE_SPEC("interpolation", "Triple Mustache Null Interpolation",
              "I ({{{cannot}}}) be seen!", R"({"cannot": null})",
              "I () be seen!")
MUSTACHE_SPEC("interpolation", "Ampersand Null Interpolation",
              "I ({{&cannot}}) be seen!", R"({"cannot": null})",
              "I () be seen!")
MUSTACHE_SPEC("interpolation", "Basic Context Miss Interpolation",
              "I ({{cannot}}) be seen!", "{}",
              "I () be seen!")
MUSTACHE_SPEC("interpolation", "Triple Mustache Context Miss Interpolation",
              "I ({{{cannot}}}) be seen!", "{}",
              "I () be seen!")
MUSTACHE_SPEC("interpolation", "Ampersand Context Miss Interpolation",
              "I ({{&cannot}}) be seen!", "{}",
              "I () be seen!")
MUSTACHE_SPEC("interpolation", "Dotted Names - Basic Interpolation",
              "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"",
              R"({"person": {"name": "Joe"}})",
              "\"Joe\" == \"Joe\"")
MUSTACHE_SPEC("interpolation", "Dotted Names - Triple Mustache Interpolation",
              "\"{{{person.name}}}\" == \"{{#person}}{{{name}}}{{/person}}\"",
              R"({"person": {"name": "Joe"}})",
              "\"Joe\" == \"Joe\"")
MUSTACHE_SPEC("interpolation", "Dotted Names - Ampersand Interpolation",
              "\"{{&person.name}}\" == \"{{#person}}{{&name}}{{/person}}\"",
              R"({"person": {"name": "Joe"}})",
              "\"Joe\" == \"Joe\"")
MUSTACHE_SPEC("interpolation", "Dotted Names - Arbitrary Depth",
              "\"{{a.b.c.d.e.name}}\" == \"Phil\"",
              R"({"a": {"b": {"c": {"d": {"e": {"name": "Phil"}}}}}})",
              "\"Phil\" == \"Phil\"")
MUSTACHE_SPEC("interpolation", "Dotted Names - Broken Chains",
              "\"{{a.b.c}}\" == \"\"", R"({"a": {}})",
              "\"\" == \"\"")
MUSTACHE_SPEC("interpolation", "Dotted Names - Broken Chain Resolution",
              "\"{{a.b.c.name}}\" == \"\"",
              R"({"a": {"b": {}}, "c": {"name": "Jim"}})",
              "\"\" == \"\"")
MUSTACHE_SPEC("interpolation", "Dotted Names - Initial Resolution",
              "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"",
              R"({"a": {"b": {"c": {"d": {"e": {"name": "Phil"}}}}},
                  "b": {"c": {"d": {"e": {"name": "Wrong"}}}}})",
              "\"Phil\" == \"Phil\"")
MUSTACHE_SPEC("interpolation", "Dotted Names - Context Precedence",
              "{{#a}}{{b.c}}{{/a}}", R"({"a": {"b": {}}, "b": {"c": "ERROR"}})",
              "")
MUSTACHE_SPEC("interpolation", "Dotted Names are never single keys",
              "{{a.b}}", R"({"a.b": "c"})",
              "")
MUSTACHE_SPEC("interpolation", "Dotted Names - No Masking",
              "{{a.b}}", R"({"a.b": "c", "a": {"b": "d"}})",
              "d")
MUSTACHE_SPEC("interpolation", "Implicit Iterators - Basic Interpolation",
              "Hello, {{.}}!\n", R"("world")",
              "Hello, world!\n")
MUSTACHE_SPEC("interpolation", "Implicit Iterators - HTML Escaping",
              "These characters should be HTML escaped: {{.}}\n", R"("& \" < >")",
              "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n")
MUSTACHE_SPEC("interpolation", "Implicit Iterators - Triple Mustache",
              "These characters should not be HTML escaped: {{{.}}}\n", R"("& \" < >")",
              "These characters should not be HTML escaped: & \" < >\n")
MUSTACHE_SPEC("interpolation", "Implicit Iterators - Ampersand",
              "These characters should not be HTML escaped: {{&.}}\n", R"("& \" < >")",
              "These characters should not be HTML escaped: & \" < >\n")
MUSTACHE_SPEC("interpolation", "Implicit Iterators - Basic Integer Interpolation",
              "\"{{.}} miles an hour!\"", "85",
              "\"85 miles an hour!\"")
MUSTACHE_SPEC("interpolation", "Interpolation - Surrounding Whitespace",
              "| {{string}} |", R"({"string": "---"})",
              "| --- |")
MUSTACHE_SPEC("interpolation", "Triple Mustache - Surrounding Whitespace",
              "| {{{string}}} |", R"({"string": "---"})",
              "| --- |")
MUSTACHE_SPEC("interpolation", "Ampersand - Surrounding Whitespace",
              "| {{&string}} |", R"({"string": "---"})",
              "| --- |")
MUSTACHE_SPEC("interpolation", "Interpolation - Standalone",
              "  {{string}}\n", R"({"string": "---"})",
              "  ---\n")
MUSTACHE_SPEC("interpolation", "Triple Mustache - Standalone",
              "  {{{string}}}\n", R"({"string": "---"})",
              "  ---\n")
MUSTACHE_SPEC("interpolation", "Ampersand - Standalone",
              "  {{&string}}\n", R"({"string": "---"})",
              "  ---\n")
MUSTACHE_SPEC("interpolation", "Interpolation With Padding",
              "|{{ string }}|", R"({"string": "---"})",
              "|---|")
MUSTACHE_SPEC("interpolation", "Triple Mustache With Padding",
              "|{{{ string }}}|", R"({"string": "---"})",
              "|---|")
MUSTACHE_SPEC("interpolation", "Ampersand With Padding",
              "|{{& string }}|", R"({"string": "---"})",
              "|---|")

// ---------------------------------------------------------------------------------------------
// sections.yml

MUSTACHE_SPEC("sections", "Truthy",
              "\"{{#boolean}}This should be rendered.{{/boolean}}\"", R"({"boolean": true})",
              "\"This should be rendered.\"")
MUSTACHE_SPEC("sections", "Falsey",
              "\"{{#boolean}}This should not be rendered.{{/boolean}}\"", R"({"boolean": false})",
              "\"\"")
MUSTACHE_SPEC("sections", "Null is falsey",
              "\"{{#null}}This should not be rendered.{{/null}}\"", R"({"null": null})",
              "\"\"")
MUSTACHE_SPEC("sections", "Context",
              "\"{{#context}}Hi {{name}}.{{/context}}\"", R"({"context": {"name": "Joe"}})",
              "\"Hi Joe.\"")
MUSTACHE_SPEC("sections", "Parent contexts",
              "\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"",
              R"({"a": "foo", "b": "wrong", "sec": {"b": "bar"}, "c": {"d": "baz"}})",
              "\"foo, bar, baz\"")
MUSTACHE_SPEC("sections", "Variable test",
              "\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"", R"({"foo": "bar"})",
              "\"bar is bar\"")
MUSTACHE_SPEC("sections", "List Context",
              "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}"
              "{{mname}}{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
              R"({"tops": [{"tname": {"upper": "A", "lower": "a"},
                            "middles": [{"mname": "1",
                                         "bottoms": [{"bname": "x"}, {"bname": "y"}]}]}]})",
              "a1.A1x.A1y.")
MUSTACHE_SPEC("sections", "Deeply Nested Contexts",
              "{{#a}}\n"
              "{{one}}\n"
              "{{#b}}\n"
              "{{one}}{{two}}{{one}}\n"
              "{{#c}}\n"
              "{{one}}{{two}}{{three}}{{two}}{{one}}\n"
              "{{#d}}\n"
              "{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n"
              "{{#five}}\n"
              "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n"
              "{{one}}{{two}}{{three}}{{four}}{{.}}6{{.}}{{four}}{{three}}{{two}}{{one}}\n"
              "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n"
              "{{/five}}\n"
              "{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n"
              "{{/d}}\n"
              "{{one}}{{two}}{{three}}{{two}}{{one}}\n"
              "{{/c}}\n"
              "{{one}}{{two}}{{one}}\n"
              "{{/b}}\n"
              "{{one}}\n"
              "{{/a}}\n",
              R"({"a": {"one": 1}, "b": {"two": 2},
                  "c": {"three": 3, "d": {"four": 4, "five": 5}}})",
              "1\n121\n12321\n1234321\n123454321\n12345654321\n123454321\n1234321\n12321\n121\n1\n")
MUSTACHE_SPEC("sections", "List",
              "\"{{#list}}{{item}}{{/list}}\"", R"({"list": [{"item": 1}, {"item": 2}, {"item": 3}]})",
              "\"123\"")
MUSTACHE_SPEC("sections", "Empty List",
              "\"{{#list}}Yay lists!{{/list}}\"", R"({"list": []})",
              "\"\"")
MUSTACHE_SPEC("sections", "Doubled",
              "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
              R"({"bool": true, "two": "second"})",
              "* first\n* second\n* third\n")
MUSTACHE_SPEC("sections", "Nested (Truthy)",
              "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", R"({"bool": true})",
              "| A B C D E |")
MUSTACHE_SPEC("sections", "Nested (Falsey)",
              "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", R"({"bool": false})",
              "| A  E |")
MUSTACHE_SPEC("sections", "Context Misses",
              "[{{#missing}}Found key 'missing'!{{/missing}}]", "{}",
              "[]")
MUSTACHE_SPEC("sections", "Implicit Iterator - String",
              "\"{{#list}}({{.}}){{/list}}\"", R"({"list": ["a", "b", "c", "d", "e"]})",
              "\"(a)(b)(c)(d)(e)\"")
MUSTACHE_SPEC("sections", "Implicit Iterator - Integer",
              "\"{{#list}}({{.}}){{/list}}\"", R"({"list": [1, 2, 3, 4, 5]})",
              "\"(1)(2)(3)(4)(5)\"")
MUSTACHE_SPEC("sections", "Implicit Iterator - Decimal",
              "\"{{#list}}({{.}}){{/list}}\"", R"({"list": [1.10, 2.20, 3.30, 4.40, 5.50]})",
              "\"(1.1)(2.2)(3.3)(4.4)(5.5)\"")
MUSTACHE_SPEC("sections", "Implicit Iterator - Array",
              "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"",
              R"({"list": [[1, 2, 3], ["a", "b", "c"]]})",
              "\"(123)(abc)\"")
MUSTACHE_SPEC("sections", "Implicit Iterator - HTML Escaping",
              "\"{{#list}}({{.}}){{/list}}\"", R"({"list": ["&", "\"", "<", ">"]})",
              "\"(&amp;)(&quot;)(&lt;)(&gt;)\"")
MUSTACHE_SPEC("sections", "Implicit Iterator - Triple mustache",
              "\"{{#list}}({{{.}}}){{/list}}\"", R"({"list": ["&", "\"", "<", ">"]})",
              "\"(&)(\")(<)(>)\"")
MUSTACHE_SPEC("sections", "Implicit Iterator - Ampersand",
              "\"{{#list}}({{&.}}){{/list}}\"", R"({"list": ["&", "\"", "<", ">"]})",
              "\"(&)(\")(<)(>)\"")
MUSTACHE_SPEC("sections", "Implicit Iterator - Root-level",
              "\"{{#.}}({{value}}){{/.}}\"", R"([{"value": "a"}, {"value": "b"}])",
              "\"(a)(b)\"")
MUSTACHE_SPEC("sections", "Dotted Names - Truthy",
              "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"", R"({"a": {"b": {"c": true}}})",
              "\"Here\" == \"Here\"")
MUSTACHE_SPEC("sections", "Dotted Names - Falsey",
              "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", R"({"a": {"b": {"c": false}}})",
              "\"\" == \"\"")
MUSTACHE_SPEC("sections", "Dotted Names - Broken Chains",
              "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", R"({"a": {}})",
              "\"\" == \"\"")
MUSTACHE_SPEC("sections", "Surrounding Whitespace",
              " | {{#boolean}}\t|\t{{/boolean}} | \n", R"({"boolean": true})",
              " | \t|\t | \n")
MUSTACHE_SPEC("sections", "Internal Whitespace",
              " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
              R"({"boolean": true})",
              " |  \n  | \n")
MUSTACHE_SPEC("sections", "Indented Inline Sections",
              " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n",
              R"({"boolean": true})",
              " YES\n GOOD\n")
MUSTACHE_SPEC("sections", "Standalone Lines",
              "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n", R"({"boolean": true})",
              "| This Is\n|\n| A Line\n")
MUSTACHE_SPEC("sections", "Indented Standalone Lines",
              "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n", R"({"boolean": true})",
              "| This Is\n|\n| A Line\n")
MUSTACHE_SPEC("sections", "Standalone Line Endings",
              "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", R"({"boolean": true})",
              "|\r\n|")
MUSTACHE_SPEC("sections", "Standalone Without Previous Line",
              "  {{#boolean}}\n#{{/boolean}}\n/", R"({"boolean": true})",
              "#\n/")
MUSTACHE_SPEC("sections", "Standalone Without Newline",
              "#{{#boolean}}\n/\n  {{/boolean}}", R"({"boolean": true})",
              "#\n/\n")
MUSTACHE_SPEC("sections", "Padding",
              "|{{# boolean }}={{/ boolean }}|", R"({"boolean": true})",
              "|=|")

// ---------------------------------------------------------------------------------------------
// inverted.yml

MUSTACHE_SPEC("inverted", "Falsey",
              "\"{{^boolean}}This should be rendered.{{/boolean}}\"", R"({"boolean": false})",
              "\"This should be rendered.\"")
MUSTACHE_SPEC("inverted", "Truthy",
              "\"{{^boolean}}This should not be rendered.{{/boolean}}\"", R"({"boolean": true})",
              "\"\"")
MUSTACHE_SPEC("inverted", "Null is falsey",
              "\"{{^null}}This should be rendered.{{/null}}\"", R"({"null": null})",
              "\"This should be rendered.\"")
MUSTACHE_SPEC("inverted", "Context",
              "\"{{^context}}Hi {{name}}.{{/context}}\"", R"({"context": {"name": "Joe"}})",
              "\"\"")
MUSTACHE_SPEC("inverted", "List",
              "\"{{^list}}{{n}}{{/list}}\"", R"({"list": [{"n": 1}, {"n": 2}, {"n": 3}]})",
              "\"\"")
MUSTACHE_SPEC("inverted", "Empty List",
              "\"{{^list}}Yay lists!{{/list}}\"", R"({"list": []})",
              "\"Yay lists!\"")
MUSTACHE_SPEC("inverted", "Doubled",
              "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n* third\n{{/bool}}\n",
              R"({"bool": false, "two": "second"})",
              "* first\n* second\n* third\n")
MUSTACHE_SPEC("inverted", "Nested (Falsey)",
              "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", R"({"bool": false})",
              "| A B C D E |")
MUSTACHE_SPEC("inverted", "Nested (Truthy)",
              "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", R"({"bool": true})",
              "| A  E |")
MUSTACHE_SPEC("inverted", "Context Misses",
              "[{{^missing}}Found key 'missing'!{{/missing}}]", "{}",
              "[Found key 'missing'!]")
MUSTACHE_SPEC("inverted", "Dotted Names - Truthy",
              "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"", R"({"a": {"b": {"c": true}}})",
              "\"\" == \"\"")
MUSTACHE_SPEC("inverted", "Dotted Names - Falsey",
              "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", R"({"a": {"b": {"c": false}}})",
              "\"Not Here\" == \"Not Here\"")
MUSTACHE_SPEC("inverted", "Dotted Names - Broken Chains",
              "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", R"({"a": {}})",
              "\"Not Here\" == \"Not Here\"")
MUSTACHE_SPEC("inverted", "Surrounding Whitespace",
              " | {{^boolean}}\t|\t{{/boolean}} | \n", R"({"boolean": false})",
              " | \t|\t | \n")
MUSTACHE_SPEC("inverted", "Internal Whitespace",
              " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
              R"({"boolean": false})",
              " |  \n  | \n")
MUSTACHE_SPEC("inverted", "Indented Inline Sections",
              " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY{{/boolean}}\n",
              R"({"boolean": false})",
              " NO\n WAY\n")
MUSTACHE_SPEC("inverted", "Standalone Lines",
              "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n", R"({"boolean": false})",
              "| This Is\n|\n| A Line\n")
MUSTACHE_SPEC("inverted", "Standalone Indented Lines",
              "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n", R"({"boolean": false})",
              "| This Is\n|\n| A Line\n")
MUSTACHE_SPEC("inverted", "Standalone Line Endings",
              "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|", R"({"boolean": false})",
              "|\r\n|")
MUSTACHE_SPEC("inverted", "Standalone Without Previous Line",
              "  {{^boolean}}\n^{{/boolean}}\n/", R"({"boolean": false})",
              "^\n/")
MUSTACHE_SPEC("inverted", "Standalone Without Newline",
              "^{{^boolean}}\n/\n  {{/boolean}}", R"({"boolean": false})",
              "^\n/\n")
MUSTACHE_SPEC("inverted", "Padding",
              "|{{^ boolean }}={{/ boolean }}|", R"({"boolean": false})",
              "|=|")

// ---------------------------------------------------------------------------------------------
// comments.yml

MUSTACHE_SPEC("comments", "Inline",
              "12345{{! Comment Block! }}67890", "{}",
              "1234567890")
MUSTACHE_SPEC("comments", "Multiline",
              "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", "{}",
              "1234567890\n")
MUSTACHE_SPEC("comments", "Standalone",
              "Begin.\n{{! Comment Block! }}\nEnd.\n", "{}",
              "Begin.\nEnd.\n")
MUSTACHE_SPEC("comments", "Indented Standalone",
              "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", "{}",
              "Begin.\nEnd.\n")
MUSTACHE_SPEC("comments", "Standalone Line Endings",
              "|\r\n{{! Standalone Comment }}\r\n|", "{}",
              "|\r\n|")
MUSTACHE_SPEC("comments", "Standalone Without Previous Line",
              "  {{! I'm Still Standalone }}\n!", "{}",
              "!")
MUSTACHE_SPEC("comments", "Standalone Without Newline",
              "!\n  {{! I'm Still Standalone }}", "{}",
              "!\n")
MUSTACHE_SPEC("comments", "Multiline Standalone",
              "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", "{}",
              "Begin.\nEnd.\n")
MUSTACHE_SPEC("comments", "Indented Multiline Standalone",
              "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n", "{}",
              "Begin.\nEnd.\n")
MUSTACHE_SPEC("comments", "Indented Inline",
              "  12 {{! 34 }}\n", "{}",
              "  12 \n")
MUSTACHE_SPEC("comments", "Surrounding Whitespace",
              "12345 {{! Comment Block! }} 67890", "{}",
              "12345  67890")
MUSTACHE_SPEC("comments", "Variable Name Collision",
              "comments never show: >{{! comment }}<",
              R"({"! comment": 1, "! comment ": 2, "!comment": 3, "comment": 4})",
              "comments never show: ><")

// ---------------------------------------------------------------------------------------------
// partials.yml

MUSTACHE_SPEC_P("partials", "Basic Behavior",
                "\"{{>text}}\"", "{}",
                "\"from partial\"",
                {"text", "from partial"})
MUSTACHE_SPEC("partials", "Failed Lookup",
              "\"{{>text}}\"", "{}",
              "\"\"")
MUSTACHE_SPEC_P("partials", "Context",
                "\"{{>partial}}\"", R"({"text": "content"})",
                "\"*content*\"",
                {"partial", "*{{text}}*"})
MUSTACHE_SPEC_P("partials", "Recursion",
                "{{>node}}", R"({"content": "X", "nodes": [{"content": "Y", "nodes": []}]})",
                "X<Y<>>",
                {"node", "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"})
MUSTACHE_SPEC_P("partials", "Nested",
                "{{>outer}}", R"({"a": "hello", "b": "world"})",
                "*hello world!*",
                {"outer", "*{{a}} {{>inner}}*"}, {"inner", "{{b}}!"})
MUSTACHE_SPEC_P("partials", "Surrounding Whitespace",
                "| {{>partial}} |", "{}",
                "| \t|\t |",
                {"partial", "\t|\t"})
MUSTACHE_SPEC_P("partials", "Inline Indentation",
                "  {{data}}  {{> partial}}\n", R"({"data": "|"})",
                "  |  >\n>\n",
                {"partial", ">\n>"})
MUSTACHE_SPEC_P("partials", "Standalone Line Endings",
                "|\r\n{{>partial}}\r\n|", "{}",
                "|\r\n>|",
                {"partial", ">"})
MUSTACHE_SPEC_P("partials", "Standalone Without Previous Line",
                "  {{>partial}}\n>", "{}",
                "  >\n  >>",
                {"partial", ">\n>"})
MUSTACHE_SPEC_P("partials", "Standalone Without Newline",
                ">\n  {{>partial}}", "{}",
                ">\n  >\n  >",
                {"partial", ">\n>"})
MUSTACHE_SPEC_P("partials", "Standalone Indentation",
                "\\\n {{>partial}}\n/\n", R"({"content": "<\n->"})",
                "\\\n |\n <\n->\n |\n/\n",
                {"partial", "|\n{{{content}}}\n|\n"})
MUSTACHE_SPEC_P("partials", "Padding Whitespace",
                "|{{> partial }}|", R"({"boolean": true})",
                "|[]|",
                {"partial", "[]"})

// ---------------------------------------------------------------------------------------------
// delimiters.yml

MUSTACHE_SPEC("delimiters", "Pair Behavior",
              "{{=<% %>=}}(<%text%>)", R"({"text": "Hey!"})",
              "(Hey!)")
MUSTACHE_SPEC("delimiters", "Special Characters",
              "({{=[ ]=}}[text])", R"({"text": "It worked!"})",
              "(It worked!)")
MUSTACHE_SPEC("delimiters", "Sections",
              "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n"
              "  {{data}}\n  |data|\n|/section|\n]\n",
              R"({"section": true, "data": "I got interpolated."})",
              "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n")
MUSTACHE_SPEC("delimiters", "Inverted Sections",
              "[\n{{^section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|^section|\n"
              "  {{data}}\n  |data|\n|/section|\n]\n",
              R"({"section": false, "data": "I got interpolated."})",
              "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n")
MUSTACHE_SPEC_P("delimiters", "Partial Inheritence",
                "[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n", R"({"value": "yes"})",
                "[ .yes. ]\n[ .yes. ]\n",
                {"include", ".{{value}}."})
MUSTACHE_SPEC_P("delimiters", "Post-Partial Behavior",
                "[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n", R"({"value": "yes"})",
                "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n",
                {"include", ".{{value}}. {{= | | =}} .|value|."})
MUSTACHE_SPEC("delimiters", "Surrounding Whitespace",
              "| {{=@ @=}} |", "{}",
              "|  |")
MUSTACHE_SPEC("delimiters", "Outlying Whitespace (Inline)",
              " | {{=@ @=}}\n", "{}",
              " | \n")
MUSTACHE_SPEC("delimiters", "Standalone Tag",
              "Begin.\n{{=@ @=}}\nEnd.\n", "{}",
              "Begin.\nEnd.\n")
MUSTACHE_SPEC("delimiters", "Indented Standalone Tag",
              "Begin.\n  {{=@ @=}}\nEnd.\n", "{}",
              "Begin.\nEnd.\n")
MUSTACHE_SPEC("delimiters", "Standalone Line Endings",
              "|\r\n{{= @ @ =}}\r\n|", "{}",
              "|\r\n|")
MUSTACHE_SPEC("delimiters", "Standalone Without Previous Line",
              "  {{=@ @=}}\n=", "{}",
              "=")
MUSTACHE_SPEC("delimiters", "Standalone Without Newline",
              "=\n  {{=@ @=}}", "{}",
              "=\n")
MUSTACHE_SPEC("delimiters", "Pair with Padding",
              "|{{= @   @ =}}|", "{}",
              "||")
