#!/usr/bin/env python3
"""Checks a host site (Hugo's public/ or Jekyll's _site/) built with apiref's reference injected
by `apiref build --format hugo|jekyll`:

- every operation of every bundle (read from the description `apiref bundle` writes) has its
  page at <section>/<bundle>/operations/<operationId>.html, wrapped by the host's layout (its
  marker attribute present), with one apiref body (<div class="apiref">) and nothing of apiref's
  standalone chrome (one <html>, <head> and <body>: the host's), showing the method and path;
- every page under the section is wrapped by the host, with one <h1> (the host's title), except
  the standalone playground (which must not be) and the host's alias redirects;
- every internal link and asset reference (href, src) of every page, the host's and apiref's,
  resolves to a file of the output: relative ones from the page, absolute ones (a path, or a URL
  on the base URL's host) below the base path; folders resolve to their index.html, as a web
  server serves them; #fragments name an id of the target page; "Try it" deep links name an
  operation of the playground's description (check_site.py's check);
- nothing is loaded from another host (scripts, styles, images, frames), and apiref's CSS and
  JavaScript name no other host;
- no page over 1 MB; tag scripts as check_site.py checks them.

Usage: check_host.py OUTPUT_DIR --base-url URL --section PATH --marker ATTR
                     --bundle NAME=openapi.json [--bundle ...] [--host-page REL ...]
Prints the problems and `checked ...`; exits 1 on any problem.
"""
import argparse
import json
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "site"))
import check_site  # noqa: E402  (the site checker's page parser, playground and tag script checks)

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class HostPage(check_site.Page):
    """check_site's page, plus what wrapping is about: the marker, apiref's body, the document
    elements counted, the text (to find method and path), redirects."""

    def __init__(self, marker):
        super().__init__()
        self.marker = marker
        self.has_marker = False
        self.apiref_bodies = 0
        self.counts = {"html": 0, "head": 0, "body": 0}
        self.text = []
        self.refresh = False
        self.canonical_links = []

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        a = dict(attrs)
        if self.marker in a:
            self.has_marker = True
        if tag in self.counts:
            self.counts[tag] += 1
        if tag == "div" and "apiref" in (a.get("class") or "").split():
            self.apiref_bodies += 1
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.refresh = True

    def handle_data(self, data):
        self.text.append(data)

    def plain_text(self):
        return re.sub(r"\s+", " ", "".join(self.text))


def operations(description_path):
    """(operationId or None, METHOD, path) of every operation of a bundled description."""
    with open(description_path, encoding="utf-8") as fh:
        doc = json.load(fh)
    out = []
    for path, item in (doc.get("paths") or {}).items():
        if isinstance(item, dict) and isinstance(item.get("$ref"), str):
            item = check_site.resolve_local(doc, item["$ref"])
        if not isinstance(item, dict):
            continue
        for method, op in item.items():
            if method in METHODS and isinstance(op, dict):
                op_id = op.get("operationId") if isinstance(op.get("operationId"), str) else None
                out.append((op_id, method.upper(), path))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--section", required=True)
    ap.add_argument("--marker", required=True)
    ap.add_argument("--bundle", action="append", default=[], help="NAME=bundled openapi.json")
    ap.add_argument("--host-page", action="append", default=[], help="a page of the host's inside the section")
    args = ap.parse_args()

    out = os.path.abspath(args.out)
    base = urllib.parse.urlsplit(args.base_url)
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    section = args.section.strip("/")
    section_dir = os.path.join(out, section)
    problems = []

    pages = {}
    for dirpath, _, files in os.walk(out):
        for f in files:
            if not f.endswith(".html"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, out)
            if os.path.getsize(path) > check_site.MAX_PAGE:
                problems.append(f"{rel}: {os.path.getsize(path)} bytes, over 1 MB")
            p = HostPage(args.marker)
            with open(path, encoding="utf-8") as fh:
                p.feed(fh.read())
            pages[rel] = p

    def in_section(rel):
        return rel.startswith(section + os.sep)

    def in_playground(rel):
        return rel.startswith(os.path.join(section, "playground") + os.sep)

    # --- every operation has its page, wrapped, showing method and path ------------------------
    op_count = 0
    for spec in args.bundle:
        name, _, description = spec.partition("=")
        op_dir = os.path.join(section, name, "operations") + os.sep
        unnamed = {r: p for r, p in pages.items() if r.startswith(op_dir)}
        for op_id, _, _ in operations(description):
            unnamed.pop(op_dir + f"{op_id}.html", None)
        for op_id, method, path in operations(description):
            op_count += 1
            if op_id is None:
                # No operationId: apiref names the page after method and path, its own way; any
                # page of the bundle's operations/ not named after an id, showing both, is it.
                found = [r for r, p in unnamed.items()
                         if path in p.plain_text() and re.search(r"\b" + method + r"\b", p.plain_text())]
                if not found:
                    problems.append(f"{name}: {method} {path} (no operationId): no page in {op_dir}")
                    continue
                rel = found[0]
                unnamed.pop(rel)
            else:
                rel = op_dir + op_id + ".html"
            p = pages.get(rel)
            if p is None:
                problems.append(f"{name}: {method} {path}: no page {rel}")
                continue
            text = p.plain_text()
            if not p.has_marker:
                problems.append(f"{rel}: not wrapped by the host's layout (no {args.marker})")
            if p.apiref_bodies != 1:
                problems.append(f"{rel}: {p.apiref_bodies} <div class=\"apiref\"> bodies, expected 1")
            if re.search(r"\b" + method + r"\b", text, re.IGNORECASE) is None:
                problems.append(f"{rel}: the method {method} is not on the page")
            # A path may be split into spans (its parameters highlighted): compare the text.
            if path not in text and path not in text.replace(" ", ""):
                problems.append(f"{rel}: the path {path} is not on the page")

    # --- every page of the section is the host's (but the playground and redirects) ------------
    section_pages = 0
    for rel, p in sorted(pages.items()):
        if not in_section(rel):
            continue
        section_pages += 1
        if p.refresh and not p.has_marker:
            continue  # the host's redirect for an alias
        if rel in args.host_page:
            if p.apiref_bodies:
                problems.append(f"{rel}: the host's own page holds apiref's body")
            continue
        if in_playground(rel):
            if rel.endswith("index.html") and p.has_marker:
                problems.append(f"{rel}: the playground is wrapped by the host's layout (it must stand alone)")
            continue
        if not p.has_marker:
            problems.append(f"{rel}: not wrapped by the host's layout (no {args.marker})")
        for tag, n in p.counts.items():
            if n != 1:
                problems.append(f"{rel}: {n} <{tag}> elements (apiref's own chrome inside the host's?)")
        if p.apiref_bodies != 1:
            problems.append(f"{rel}: {p.apiref_bodies} <div class=\"apiref\"> bodies, expected 1")
        if p.h1 != 1:
            problems.append(f"{rel}: {p.h1} <h1> elements (the host's layout gives the one title)")

    # --- links -------------------------------------------------------------------------------------
    playground_keys = {}
    if os.path.isdir(os.path.join(section_dir, "playground")):
        playground_keys = check_site.check_playground(section_dir, problems)
    else:
        problems.append(f"{section}/playground/ is missing")
    scripts = check_site.check_tag_scripts(section_dir, problems) if os.path.isdir(section_dir) else 0

    def target_of(rel, url):
        """The file of the output a link names (relative to out), or a problem string."""
        parts = urllib.parse.urlsplit(url)
        path = urllib.parse.unquote(parts.path)
        if parts.scheme or parts.netloc:
            path_abs = path
        elif path.startswith("/"):
            path_abs = path
        else:
            page_dir = base_path + os.path.dirname(rel).replace(os.sep, "/")
            path_abs = urllib.parse.urljoin(page_dir.rstrip("/") + "/", path)
        norm = os.path.normpath(path_abs)
        if path_abs.endswith("/") and not norm.endswith("/"):
            norm += "/"
        if not (norm + "/").startswith(base_path):
            return None, f"{url} leaves the base path {base_path}"
        local = norm[len(base_path):].lstrip("/")
        full = os.path.join(out, local)
        if local == "" or local.endswith("/") or os.path.isdir(full):
            full = os.path.join(full, "index.html")
        if not os.path.isfile(full):
            return None, f"broken link {url}"
        return os.path.relpath(full, out), None

    links = 0
    for rel, p in sorted(pages.items()):
        for url in p.loads:
            parts = urllib.parse.urlsplit(url)
            if (parts.scheme or parts.netloc) and parts.netloc != base.netloc:
                problems.append(f"{rel}: loads {url} from another host")
        for attr, url in p.links:
            links += 1
            parts = urllib.parse.urlsplit(url)
            if parts.scheme == "mailto":
                continue
            if parts.scheme in ("http", "https") or parts.netloc:
                if parts.netloc != base.netloc:
                    continue  # a link to another site: not a request (loads are checked above)
            elif parts.scheme:
                problems.append(f"{rel}: {attr}={url!r} has scheme {parts.scheme}")
                continue
            target = rel
            if parts.path:
                target, problem = target_of(rel, url)
                if problem:
                    problems.append(f"{rel}: {problem}")
                    continue
            if target == os.path.join(section, "playground", "index.html") and parts.fragment.startswith("/"):
                check_site.check_deep_link(rel, url, parts, playground_keys, problems)
                continue
            if parts.fragment and target.endswith(".html"):
                frag = urllib.parse.unquote(parts.fragment)
                tp = pages.get(target)
                if tp is not None and frag not in tp.ids:
                    problems.append(f"{rel}: {url}: no id {frag!r} on {target}")

    # --- apiref's CSS and JavaScript name no other host ------------------------------------------
    external = re.compile(r"""(url\(\s*['"]?|@import\s+['"]?|fetch\(\s*['"])(https?:)?//""", re.IGNORECASE)
    for dirpath, _, files in os.walk(section_dir):
        for f in files:
            if not f.endswith((".css", ".js")) or in_playground(os.path.relpath(os.path.join(dirpath, f), out)):
                continue
            path = os.path.join(dirpath, f)
            with open(path, encoding="utf-8", errors="replace") as fh:
                m = external.search(fh.read())
            if m:
                problems.append(f"{os.path.relpath(path, out)}: names another host: {m.group(0)}...")

    if op_count == 0:
        problems.append("no operation read from the --bundle descriptions")
    print(f"checked {len(pages)} pages ({section_pages} in {section}/), {op_count} operations, "
          f"{links} links, {scripts} tag scripts: {len(problems)} problems")
    for line in problems[:200]:
        print("  " + line)
    if len(problems) > 200:
        print(f"  ... and {len(problems) - 200} more")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
