#!/usr/bin/env python3
"""Writes names.json: a description whose operationIds, tags and schema names are hostile as
file names (path traversal, separators, Windows device names, names that differ only in case,
5,000-character names, percent-encoded dots, bidi overrides, zero-width and control characters)
and whose every text that reaches a page (titles, summaries, server URLs, externalDocs, examples,
enum values) carries script, each setting window.__pwned to its own number. Kept as a generator
so that the 5,000-character names stay readable here; the JSON (YAML caps a plain key at 1,024 characters) is committed beside it.
Usage: python3 make_names.py > names.json"""
import json

LONG = "a" * 5000
names = [
    "../../etc/passwd", "/", "\\..\\..\\windows\\win.ini", "..", ".", "CON", "con", "aux", "NUL.txt",
    "COM1", "LPT9", "Foo", "foo", "FOO", "%2e%2e%2fx", "%2E%2E/%2e%2e/y", "\u202egnp.exe",
    "zero\u200bwidth", "ctl\u0001char", LONG + "1", LONG + "2", "<script>window.__pwned=114</script>",
    '"><img src=x onerror=window.__pwned=115>', "javascript:window.__pwned=116",
]
tags = ["../../etc", "CON", "aux", "Tag", "tag", "%2e%2e%2f", "\u202eevil\u200b",
        "<img src=x onerror=window.__pwned=113>", "T" * 5000, "T" * 4999 + "t"]
schemas = ["../../x", "CON", "Con", "<script>window.__pwned=117</script>", "S" * 5000, "s" * 5000]

pointer = lambda name: "#/components/schemas/" + name.replace("~", "~0").replace("/", "~1")
doc = {
    "openapi": "3.0.3",
    "info": {
        "title": "<script>window.__pwned=101</script> names",
        "version": "1",
        "description": "RTL \u202etxt.exe and zero\u200bwidth. [x](javascript:window.__pwned=102) "
                       "[d](data:text/html,<script>window.__pwned=103</script>) "
                       "<a href=\" javascript:window.__pwned=118\">spaced</a>",
        "termsOfService": "javascript:window.__pwned=104",
        "contact": {"name": "c", "url": "javascript:window.__pwned=105", "email": "\"><script>window.__pwned=106</script>"},
        "license": {"name": "l", "url": "JAVASCRIPT:window.__pwned=107"},
    },
    "externalDocs": {"url": "javascript:window.__pwned=108", "description": "docs"},
    "servers": [
        {"url": "javascript:window.__pwned=109"},
        {"url": "https://ok.invalid/\"><script>window.__pwned=110</script>"},
        {"url": "data:text/html,<script>window.__pwned=111</script>"},
    ],
    "tags": [{"name": t, "description": "<script>window.__pwned=119</script>",
              "externalDocs": {"url": "javascript:window.__pwned=112"}} for t in tags],
    "paths": {},
    "components": {"schemas": {}},
}
for i, s in enumerate(schemas):
    doc["components"]["schemas"][s] = {
        "type": "object",
        "title": "<img src=x onerror=window.__pwned=120>",
        "externalDocs": {"url": "javascript:window.__pwned=121"},
        "properties": {
            "kind": {"type": "string", "enum": ["<script>window.__pwned=122</script>", "javascript:window.__pwned=123"]},
            "link": {"type": "string", "format": "uri", "example": "javascript:window.__pwned=124"},
        },
        "example": {"kind": "</code></pre><script>window.__pwned=125</script>", "link": "javascript:window.__pwned=124"},
    }
for i, name in enumerate(names):
    doc["paths"]["/p%d/{id}" % i] = {"get": {
        "operationId": name,
        "tags": [tags[i % len(tags)]],
        "summary": name,
        "externalDocs": {"url": "javascript:window.__pwned=126"},
        "servers": [{"url": "javascript:window.__pwned=127"}],
        "parameters": [
            {"name": "id", "in": "path", "required": True,
             "schema": {"type": "string", "enum": ["<script>window.__pwned=128</script>", "\"'><svg onload=window.__pwned=129>"]},
             "example": "<script>window.__pwned=128</script>"},
            {"name": "q\"><script>window.__pwned=130</script>", "in": "query",
             "schema": {"type": "string", "default": "javascript:window.__pwned=131"}},
        ],
        "responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": pointer(schemas[i % len(schemas)])}}}}},
    }}

print(json.dumps(doc, indent=1, ensure_ascii=False))
