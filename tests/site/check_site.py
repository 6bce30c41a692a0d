#!/usr/bin/env python3
"""Walks a built apiref site and checks what every page must satisfy:

- every internal link and asset reference resolves to a file (never a folder: opened from disk,
  a folder shows its listing), and every #fragment to an id on the target page;
- nothing is loaded from another host (scripts, styles, images, frames, fonts);
- no page is larger than 1 MB;
- every page is complete HTML: lang, title, one <main>, exactly one <h1>, headings in order;
- every tag script (<bundle>/tags/<tag>.nav.js, the sidebar's list of the tag's operations,
  which app.js adds to the tag's operation pages) is the one call app.js expects, and every
  operation it lists is a page of operations/, each at most once;
- the playground: swagger-config.json lists every bundle and each `urls` entry is a file of the
  site; apiref-playground.json is there; every "Try it" deep link
  (playground/index.html?urls.primaryName=B#/<tag>/<operationId>) names a bundle of
  swagger-config.json and an operation of that bundle's description, as Swagger UI keys it.

Usage: check_site.py SITE_DIR... [--expect-pages N]   (exit 1 and a list of problems on failure)
Several sites are checked in one run (a line each), each against --expect-pages.
"""
import html
import json
import os
import re
import sys
import urllib.parse

MAX_PAGE = 1024 * 1024

# The markup of a page, a token at a time: a comment, a declaration or processing instruction,
# an end tag, or a start tag (its name, then its attributes' text, quoted values whole).
# html.parser did the same for pages whose markup is well formed, which these generated pages
# are, and took most of the checker's time on GitHub's site.
TOKEN = re.compile(r"""<!--.*?-->|<![^>]*>|<\?[^>]*>|</[a-zA-Z][^>]*>|<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.S)
ATTRIBUTE = re.compile(r"""([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
# Elements whose content is text up to their end tag, never markup (as html.parser has them),
# and that end tag.
RAW_TEXT_END = {tag: re.compile(r"</%s\s*>" % tag, re.I) for tag in ("script", "style")}


class MarkupReader:
    """Reads a page's markup and calls handle_starttag(tag, attrs) for each start tag (names in
    lower case, attribute values unescaped, None for an attribute without one) and
    handle_data(text) for the text between tags (unescaped; a script's or style's as it is)."""

    def handle_starttag(self, tag, attrs):
        pass

    def handle_data(self, data):
        pass

    def feed(self, text):
        pos = 0
        while True:
            m = TOKEN.search(text, pos)
            end = m.start() if m else len(text)
            if end > pos:
                self.handle_data(html.unescape(text[pos:end]))
            if not m:
                return
            pos = m.end()
            if m.group(1) is None:
                continue
            tag = m.group(1).lower()
            attrs = []
            for a in ATTRIBUTE.finditer(m.group(2)):
                value = next((v for v in a.group(2, 3, 4) if v is not None), None)
                attrs.append((a.group(1).lower(), None if value is None else html.unescape(value)))
            self.handle_starttag(tag, attrs)
            if tag in RAW_TEXT_END and not m.group(2).rstrip().endswith("/"):
                close = RAW_TEXT_END[tag].search(text, pos)
                stop = close.start() if close else len(text)
                if stop > pos:
                    self.handle_data(text[pos:stop])
                pos = close.end() if close else len(text)


class Page(MarkupReader):
    def __init__(self):
        self.links = []      # (attr, url)
        self.loads = []      # urls the browser would fetch on its own
        self.ids = set()
        self.h1 = 0
        self.mains = 0
        self.lang = None
        self.title = False
        self.headings = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "title":
            self.title = True
        if tag == "main":
            self.mains += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
            if tag == "h1":
                self.h1 += 1
        if tag == "a" and "href" in a:
            self.links.append(("href", a["href"]))
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.loads.append(a["src"])
            self.links.append(("src", a["src"]))
        if tag == "link" and a.get("href"):
            self.loads.append(a["href"])
            self.links.append(("href", a["href"]))


def swagger_operation_id(operation, path, method):
    """The id Swagger UI 5 gives an operation in its deep links: the description's operationId
    as written, else method + path with every non-word UTF-16 code unit made '_'."""
    op_id = operation.get("operationId")
    if isinstance(op_id, str) and op_id.strip():
        return op_id
    out = []
    for c in path:
        if c.isascii() and (c.isalnum() or c == "_"):
            out.append(c)
        else:
            out.append("__" if ord(c) > 0xFFFF else "_")
    return method + "".join(out)


def resolve_local(doc, ref):
    """The node a local $ref ("#/a/b~1c") points at, or None."""
    if not ref.startswith("#/"):
        return None
    node = doc
    for token in ref[2:].split("/"):
        token = urllib.parse.unquote(token).replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or token not in node:
            return None
        node = node[token]
    return node


def check_playground(site, problems):
    """Returns {bundle name: set of (tag, operationId)} for the deep-link check."""
    config_path = os.path.join(site, "playground", "swagger-config.json")
    if not os.path.isfile(config_path):
        problems.append("playground/swagger-config.json is missing")
        return {}
    if not os.path.isfile(os.path.join(site, "playground", "apiref-playground.json")):
        problems.append("playground/apiref-playground.json is missing")
    with open(config_path, encoding="utf-8") as fh:
        config = json.load(fh)
    keys = {}
    urls = config.get("urls") or []
    if not urls:
        problems.append("playground/swagger-config.json lists no bundle in urls")
    names = [u.get("name") for u in urls]
    if config.get("urls.primaryName") not in names:
        problems.append(f"playground/swagger-config.json: urls.primaryName {config.get('urls.primaryName')!r} is not in urls")
    if config.get("validatorUrl", "unset") is not None:
        problems.append("playground/swagger-config.json: validatorUrl must be null (no description sent to an online validator)")
    for u in urls:
        target = os.path.normpath(os.path.join("playground", urllib.parse.unquote(u.get("url", ""))))
        path = os.path.join(site, target)
        if target.startswith("..") or not os.path.isfile(path):
            problems.append(f"playground/swagger-config.json: {u.get('name')}: {u.get('url')} is not a file of the site")
            continue
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        ops = set()
        for p, item in (doc.get("paths") or {}).items():
            if isinstance(item, dict) and isinstance(item.get("$ref"), str):
                item = resolve_local(doc, item["$ref"])  # Swagger UI resolves path item $refs
            if not isinstance(item, dict):
                continue
            # 3.2's additionalOperations: Swagger UI lists them too, under their method as written.
            more = item.get("additionalOperations")
            entries = list(item.items()) + (list(more.items()) if isinstance(more, dict) else [])
            for method, op in entries:
                fixed = method in ("get", "put", "post", "delete", "options", "head", "patch", "trace", "query")
                if (fixed or (isinstance(more, dict) and more.get(method) is op)) and isinstance(op, dict):
                    for tag in op.get("tags") or ["default"]:
                        ops.add((tag, swagger_operation_id(op, p, method)))
        keys[u.get("name")] = ops
    for page in ("index.html", "swagger-ui-bundle.js", "swagger-ui.css", "oauth2-redirect.html"):
        if not os.path.isfile(os.path.join(site, "playground", page)):
            problems.append(f"playground/{page} is missing")
    return keys


def check_deep_link(rel, url, parts, keys, problems):
    """A Swagger UI deep link: #/<tag>/<operationId> in the bundle ?urls.primaryName names."""
    query = urllib.parse.parse_qs(parts.query)
    bundle = (query.get("urls.primaryName") or [None])[0]
    if bundle not in keys:
        problems.append(f"{rel}: {url}: urls.primaryName {bundle!r} is not a bundle of playground/swagger-config.json")
        return
    segments = parts.fragment[1:].split("/")
    if len(segments) != 2:
        problems.append(f"{rel}: {url}: the deep link is not #/<tag>/<operationId>")
        return
    tag, op_id = (urllib.parse.unquote(x) for x in segments)
    if (tag, op_id) not in keys[bundle]:
        problems.append(f"{rel}: {url}: bundle {bundle!r} has no operation {op_id!r} tagged {tag!r}")


NAV_CALL = "window.apirefTagNav && window.apirefTagNav("


def check_tag_scripts(site, problems):
    """Returns how many tag scripts were checked."""
    count = 0
    for dirpath, _, files in os.walk(site):
        for f in files:
            if not f.endswith(".nav.js"):
                continue
            count += 1
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, site)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            if not (text.startswith(NAV_CALL) and text.endswith(");\n")):
                problems.append(f"{rel}: not a single window.apirefTagNav(...) call")
                continue
            try:
                data = json.loads(text[len(NAV_CALL):-3])
            except ValueError as e:
                problems.append(f"{rel}: its data is not JSON: {e}")
                continue
            if data.get("fields") != ["href", "method", "label", "deprecated"] or not data.get("operations"):
                problems.append(f"{rel}: unexpected fields or no operations")
                continue
            operations = os.path.join(os.path.dirname(dirpath), "operations")
            seen = set()
            for href, method, label, deprecated in data["operations"]:
                if "/" in href or not os.path.isfile(os.path.join(operations, href)):
                    problems.append(f"{rel}: {href} is not a page of operations/")
                if href in seen:
                    problems.append(f"{rel}: {href} is listed twice")
                seen.add(href)
                if not (isinstance(method, str) and isinstance(label, str) and isinstance(deprecated, bool)):
                    problems.append(f"{rel}: {href}: method, label or deprecated of the wrong type")
    return count


def main():
    args = sys.argv[1:]
    expect = None
    if "--expect-pages" in args:
        i = args.index("--expect-pages")
        expect = int(args[i + 1])
        del args[i:i + 2]
    if not args:
        print(__doc__)
        return 2
    failed = 0
    for site in args:
        if len(args) > 1:
            print(f"{site}: ", end="")
        failed += check_site(os.path.abspath(site), expect)
    return 1 if failed else 0


def check_site(site, expect):
    pages = {}
    problems = []
    for dirpath, _, files in os.walk(site):
        for f in files:
            if not f.endswith(".html"):
                continue
            path = os.path.join(dirpath, f)
            size = os.path.getsize(path)
            rel = os.path.relpath(path, site)
            if size > MAX_PAGE:
                problems.append(f"{rel}: {size} bytes, over 1 MB")
            p = Page()
            with open(path, encoding="utf-8") as fh:
                p.feed(fh.read())
            pages[rel] = p
    playground_keys = check_playground(site, problems)
    scripts = check_tag_scripts(site, problems)
    for rel, p in sorted(pages.items()):
        if not p.lang:
            problems.append(f"{rel}: <html> has no lang")
        if not p.title:
            problems.append(f"{rel}: no <title>")
        if p.mains != 1:
            problems.append(f"{rel}: {p.mains} <main> elements")
        if p.h1 != 1:
            problems.append(f"{rel}: {p.h1} <h1> elements")
        for prev, cur in zip(p.headings, p.headings[1:]):
            if cur > prev + 1:
                problems.append(f"{rel}: heading level jumps from h{prev} to h{cur}")
                break
        for url in p.loads:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme or parts.netloc:
                problems.append(f"{rel}: loads {url} from another host")
        if rel == "404.html":
            continue  # served at any depth: its links are absolute from the site root
        for attr, url in p.links:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme in ("http", "https", "mailto") or parts.netloc:
                continue
            if parts.scheme:
                problems.append(f"{rel}: {attr}={url!r} has scheme {parts.scheme}")
                continue
            target = rel
            if parts.path:
                target = os.path.normpath(os.path.join(os.path.dirname(rel), urllib.parse.unquote(parts.path)))
                if url.split("#")[0].endswith("/") or os.path.isdir(os.path.join(site, target)):
                    # Opened from disk (file://), a folder shows its listing, not its index.html.
                    problems.append(f"{rel}: {url} names a folder, not a page")
                    continue
                if target.startswith(".."):
                    problems.append(f"{rel}: {url} leaves the site")
                    continue
                if not os.path.isfile(os.path.join(site, target)):
                    problems.append(f"{rel}: broken link {url}")
                    continue
            if target == os.path.join("playground", "index.html") and parts.fragment.startswith("/"):
                check_deep_link(rel, url, parts, playground_keys, problems)
                continue
            if parts.fragment and target.endswith(".html"):
                frag = urllib.parse.unquote(parts.fragment)
                tp = pages.get(target)
                if tp is not None and frag not in tp.ids:
                    problems.append(f"{rel}: {url}: no id {frag!r} on {target}")
    if expect is not None and len(pages) < expect:
        problems.append(f"only {len(pages)} pages, expected at least {expect}")
    links = sum(len(p.links) for p in pages.values())
    print(f"checked {len(pages)} pages, {links} links, {scripts} tag scripts: {len(problems)} problems")
    for line in problems[:200]:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
