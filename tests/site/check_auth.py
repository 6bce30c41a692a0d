#!/usr/bin/env python3
"""One truth about authentication, per bundle, and rebranding by config: checks the sites
`apiref build` wrote for the three ready configs (examples/meshery, examples/meshplay,
examples/layer5-cloud) by reading their HTML and playground files.

Usage: check_auth.py SITES_DIR
  SITES_DIR/meshery, meshplay, layer5-cloud: the examples built from Meshery's schemas
  SITES_DIR/meshplay-renamed, layer5-cloud-renamed: the same configs built from a copy of the
      schemas with every "Meshery" replaced, so whatever still says Meshery came from apiref
      or the config, not from the schemas

For every operation page: the credential its Authentication section states is the one each of
its five snippets sends, and nothing else (no bearer header where the server reads cookies).
The overview states the same per bundle, the guide has the expected sections and sends the
same, the playground offers only that credential (no security scheme left in the description
it loads) with the config's servers. Prints one line per failure and `N passed, M failed`.
"""
import html
import json
import os
import re
import shlex
import sys

# What each deployment's server reads (the example configs), per bundle.
EXPECTED = {
    "meshery": {
        "meshery": {"headers": [], "cookies": ["meshery-provider", "token"], "env": "MESHERY_TOKEN"},
        "cloud": {"headers": ["Authorization", "layer5-current-orgid"], "cookies": [], "env": "MESHERY_CLOUD_TOKEN"},
    },
    "meshplay": {
        "meshplay": {"headers": [], "cookies": ["meshplay-provider", "token"], "env": "MESHPLAY_TOKEN"},
    },
    "layer5-cloud": {
        "cloud": {"headers": ["Authorization", "layer5-current-orgid"], "cookies": [], "env": "LAYER5_TOKEN"},
    },
}
# The guide's subsections (after "auth-<bundle>-"), only where the config gives their text.
GUIDE = {
    "meshery": {
        "auth-meshery": ["get-token", "get-token-ui", "get-token-cli", "variable", "send", "no-auth", "providers",
                         "organization", "errors", "hygiene", "troubleshooting", "description"],
        "auth-cloud": ["get-token", "get-token-ui", "variable", "send", "organization", "errors", "hygiene",
                       "troubleshooting", "description"],
    },
    "meshplay": {
        "auth-meshplay": ["get-token", "get-token-ui", "get-token-cli", "variable", "send", "no-auth", "providers",
                          "organization", "errors", "hygiene", "troubleshooting", "description"],
    },
    "layer5-cloud": {
        "auth-cloud": ["get-token", "get-token-ui", "variable", "send", "organization", "errors", "hygiene",
                       "troubleshooting", "description"],
    },
}
SERVERS = {"meshplay": {"meshplay": ["http://localhost:9081"]}, "layer5-cloud": {"cloud": ["https://cloud.layer5.io"]}}

passed = 0
failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def text_of(fragment):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def names_in_phrase(phrase):
    """'sent in the a and b headers and the c cookie' -> ({a, b}, {c})"""
    headers, cookies = set(), set()
    for names, kind in re.findall(r"the ((?:[\w-]+(?:, | and )?)+?) (headers?|cookies?)\b", phrase):
        found = set(re.split(r", | and ", names))
        (headers if kind.startswith("header") else cookies).update(found)
    return headers, cookies


def cookie_names(value):
    return {part.split("=", 1)[0].strip() for part in value.split(";") if "=" in part}


def shell_words(code):
    return shlex.split(code.replace("\\\n", " "), comments=True)


def sent_by(language, code):
    """(header names, cookie names) a snippet sends."""
    headers, cookies = set(), set()
    if language.startswith("curl"):
        words = shell_words(code)
        for flag, value in zip(words, words[1:]):
            if flag == "-H":
                headers.add(value.split(":", 1)[0])
            elif flag == "--cookie":
                cookies |= cookie_names(value)
    elif language == "httpie":
        for word in shell_words(code)[1:]:
            m = re.match(r"^([\w-]+):(?!//)(.*)$", word, re.S)
            if not m:
                continue
            if m.group(1).lower() == "cookie":
                cookies |= cookie_names(m.group(2))
            else:
                headers.add(m.group(1))
    elif language == "python":
        for block, into in (("headers", headers), ("cookies", cookies)):
            m = re.search(block + r"=\{\n(.*?)\n    \}", code, re.S)
            if m:
                into.update(re.findall(r'^\s+"([^"]+)":', m.group(1), re.M))
    elif language == "javascript":
        m = re.search(r"headers: \{\n(.*?)\n  \}", code, re.S)
        if m:
            for name, expr in re.findall(r'^\s+"([^"]+)": (.*),$', m.group(1), re.M):
                if name.lower() == "cookie":
                    cookies |= cookie_names("".join(json.loads(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', expr)))
                else:
                    headers.add(name)
    elif language == "go":
        headers.update(re.findall(r'req\.Header\.Set\("([^"]+)"', code))
        cookies.update(re.findall(r'http\.Cookie\{Name: "([^"]+)"', code))
    headers -= {"Content-Type", "Accept"}
    return headers, cookies


def header_parameters(page):
    m = re.search(r'<h3 id="[^"]*-params-header">header</h3>\s*<dl class="parameters">(.*?)</dl>', page, re.S)
    return set(re.findall(r"<dt><code>([^<]+)</code>", m.group(1))) if m else set()


def check_operations(site, deployment):
    for bundle, want in EXPECTED[deployment].items():
        folder = os.path.join(site, bundle, "operations")
        pages = sorted(n for n in os.listdir(folder) if n.endswith(".html"))
        check(len(pages) > 0, f"{deployment}/{bundle}: operation pages")
        stated_auth = 0
        for name in pages:
            page = read(os.path.join(folder, name))
            where = f"{deployment}/{bundle}/operations/{name}"
            auth = re.search(r'-auth">Authentication</a></h2>(.*?)</section>', page, re.S)
            if not check_ok(auth is not None, where + ": has an Authentication section"):
                continue
            said = text_of(auth.group(1))
            no_auth = "No authentication needed" in said
            headers, cookies = names_in_phrase(said)
            if not no_auth and "does not say" not in said:
                stated_auth += 1
                check(headers == set(want["headers"]) and cookies == set(want["cookies"]),
                      f"{where}: Authentication says {sorted(headers)} {sorted(cookies)}, config says {want}")
            if not want["headers"]:
                check("bearer" not in said.lower(), f"{where}: the cookie server's page mentions bearer: {said}")
            params = header_parameters(page)
            languages = set()
            for lang, code in re.findall(r'<details class="snippet" data-language="([\w-]+)".*?<code[^>]*>(.*?)</code>', page, re.S):
                code = html.unescape(code)
                languages.add(lang)
                sent_headers, sent_cookies = sent_by(lang, code)
                auth_headers = sent_headers - params
                if no_auth:
                    check(not auth_headers and not sent_cookies, f"{where} {lang}: sends {auth_headers} {sent_cookies} where no auth is needed")
                    continue
                check(auth_headers == set(want["headers"]) and sent_cookies == set(want["cookies"]),
                      f"{where} {lang}: sends headers {sorted(auth_headers)} cookies {sorted(sent_cookies)}, the page says {want}")
                check(want["env"] in code, f"{where} {lang}: reads ${want['env']}")
            check({"curl", "httpie", "python", "javascript", "go"} <= languages, f"{where}: five snippet languages, got {sorted(languages)}")
        check(stated_auth > 0, f"{deployment}/{bundle}: operations state the credential")


def check_ok(ok, what):
    check(ok, what)
    return ok


def check_overview(site, deployment):
    page = read(os.path.join(site, "index.html"))
    for bundle, want in EXPECTED[deployment].items():
        # The bundle's Authentication panel: one sentence per way to authenticate, then the
        # header or cookie line it sends.
        auth = re.search(r'<section class="ov-auth" aria-labelledby="bundle-' + re.escape(bundle) + r'-auth">(.*?)</section>', page, re.S)
        if not check_ok(auth is not None, f"{deployment}/{bundle}: overview states the auth"):
            continue
        items = re.findall(r"<li>(.*?)</li>", auth.group(1), re.S)
        check(len(items) == 1, f"{deployment}/{bundle}: overview names one credential, got {len(items)}")
        if not items:
            continue
        sentence = re.search(r"<p>(.*?)</p>", items[0], re.S)
        headers, cookies = names_in_phrase(text_of(sentence.group(1) if sentence else ""))
        check(headers == set(want["headers"]) and cookies == set(want["cookies"]),
              f"{deployment}/{bundle}: overview says {sorted(headers)} {sorted(cookies)}")
        lines = re.search(r"<pre><code>(.*?)</code></pre>", items[0], re.S)
        sent_headers, sent_cookies = set(), set()
        for line in html.unescape(lines.group(1) if lines else "").splitlines():
            name, _, value = line.partition(":")
            if name.strip().lower() == "cookie":
                sent_cookies |= cookie_names(value)
            elif name.strip():
                sent_headers.add(name.strip())
        check(sent_headers == set(want["headers"]) and sent_cookies == set(want["cookies"]),
              f"{deployment}/{bundle}: overview's lines send {sorted(sent_headers)} {sorted(sent_cookies)}")
        check(f'authentication/index.html#auth-{bundle}' in items[0] or deployment == "meshery",
              f"{deployment}/{bundle}: overview links the guide's section")


def check_guide(site, deployment):
    page = read(os.path.join(site, "authentication", "index.html"))
    main = page[page.index(">", page.index("<main")) + 1:page.index("</main>")]
    ids = re.findall(r'\bid="([^"]+)"', main)
    want_ids = []
    for section, subs in GUIDE[deployment].items():
        want_ids += [section, section + "-title"] + [section + "-" + s for s in subs]
    check(sorted(ids) == sorted(want_ids), f"{deployment}: guide sections {sorted(set(ids) ^ set(want_ids))} differ")
    check("scheme-" not in main, f"{deployment}: the guide explains a description scheme the server does not read")
    for bundle, want in EXPECTED[deployment].items():
        anchor = "auth-" + bundle
        if anchor not in GUIDE[deployment]:
            continue
        section = re.search(r'<section id="' + anchor + r'".*?</section>', main, re.S).group(0)
        send = re.search(r'<code class="auth-send">(.*?)</code>', section, re.S)
        lines = text_of(send.group(1)) if send else ""
        for h in want["headers"]:
            check(h + ":" in lines, f"{deployment}/{anchor}: guide sends header {h}: {lines}")
        for c in want["cookies"]:
            check(re.search(r"\b" + re.escape(c) + "=", lines) is not None, f"{deployment}/{anchor}: guide sends cookie {c}")
        curl = re.search(r'<code class="language-curl">(.*?)</code>', section, re.S)
        if check_ok(curl is not None, f"{deployment}/{anchor}: a runnable curl"):
            h, c = sent_by("curl", html.unescape(curl.group(1)))
            check(h == set(want["headers"]) and c == set(want["cookies"]), f"{deployment}/{anchor}: the guide's curl sends {h} {c}")
        # "Bearer" only where the description's own schemes are mentioned, once (troubleshooting
        # may warn that the server ignores it).
        before_description = section.split('id="' + anchor + '-troubleshooting"')[0]
        if not want["headers"]:
            check("bearer" not in text_of(before_description).lower(), f"{deployment}/{anchor}: the guide tells a cookie server's reader to send a bearer token")


def walk_json(node):
    yield node
    if isinstance(node, dict):
        for v in node.values():
            yield from walk_json(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk_json(v)


def check_playground(site, deployment):
    settings = json.loads(read(os.path.join(site, "playground", "apiref-playground.json")))
    config = json.loads(read(os.path.join(site, "playground", "swagger-config.json")))
    urls = {u["name"]: u["url"] for u in config["urls"]}
    for bundle, want in EXPECTED[deployment].items():
        auth = settings["auth"].get(bundle)
        if not check_ok(auth is not None, f"{deployment}/{bundle}: the playground has the project's auth"):
            continue
        check([h[0] for h in auth["headers"]] == want["headers"] and [c[0] for c in auth["cookies"]] == want["cookies"]
              and auth["token_env"] == want["env"], f"{deployment}/{bundle}: playground auth {auth}")
        spec_path = os.path.normpath(os.path.join(site, "playground", urls[bundle]))
        check(os.path.dirname(spec_path).endswith("playground"), f"{deployment}/{bundle}: the playground loads its own copy ({urls[bundle]})")
        spec = json.loads(read(spec_path))
        schemes = spec.get("components", {}).get("securitySchemes")
        check(not schemes, f"{deployment}/{bundle}: the playground's description keeps {len(schemes or {})} security schemes (Authorize fields)")
        has_security = any(isinstance(n, dict) and "security" in n and isinstance(n["security"], list) for n in walk_json(spec.get("paths", {})))
        check(not has_security and "security" not in spec, f"{deployment}/{bundle}: the playground's description still asks for security")
        want_servers = SERVERS.get(deployment, {}).get(bundle)
        if want_servers:
            check([s["url"] for s in spec.get("servers", [])] == want_servers, f"{deployment}/{bundle}: playground servers {spec.get('servers')}")


def check_rebranding(site, deployment, banned):
    """Nothing in the site mentions `banned` (the schemas' copy no longer does: only apiref or the
    config could have written it). Swagger UI's own files are not ours."""
    overview = read(os.path.join(site, "index.html"))
    check("Xyzzy" in overview, f"{deployment}: the renamed schemas' own text is shown as written")
    for folder, _, files in os.walk(site):
        for name in files:
            if name.startswith("swagger-ui") or name in ("LICENSE", "NOTICE", "oauth2-redirect.js", "favicon-32x32.png"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            hits = [m.group(0) for m in re.finditer(r".{0,40}" + banned + r".{0,40}", text, re.I)]
            check(not hits, f"{deployment}: {os.path.relpath(path, site)} mentions {banned}: {hits[:2]}")


def check_servers(site, deployment):
    want = SERVERS.get(deployment)
    if not want:
        return
    for bundle, servers in want.items():
        folder = os.path.join(site, bundle, "operations")
        bad = []
        for name in os.listdir(folder):
            if not name.endswith(".html"):
                continue  # the Markdown twins beside the pages
            page = read(os.path.join(folder, name))
            for code in re.findall(r'<code class="language-curl">(.*?)</code>', page, re.S):
                words = shell_words(html.unescape(code))
                url = next((w for w in words if w.startswith("http")), "")
                if not any(url.startswith(s) for s in servers):
                    bad.append((name, url))
        check(not bad, f"{deployment}/{bundle}: snippets to other servers: {bad[:3]}")
        overview = text_of(read(os.path.join(site, "index.html")))
        check(all(s in overview for s in servers), f"{deployment}: the overview lists {servers}")


def main():
    sites = sys.argv[1]
    for deployment in EXPECTED:
        site = os.path.join(sites, deployment)
        check_operations(site, deployment)
        check_overview(site, deployment)
        check_guide(site, deployment)
        check_playground(site, deployment)
        check_servers(site, deployment)
    check_rebranding(os.path.join(sites, "meshplay-renamed"), "meshplay", "meshery")
    check_rebranding(os.path.join(sites, "layer5-cloud-renamed"), "layer5-cloud", "meshery")
    layer5 = read(os.path.join(sites, "layer5-cloud", "index.html"))
    check("<h2 id=\"bundle-cloud\"><a href=\"cloud/index.html\">Layer5 Cloud</a>" in layer5, "layer5-cloud: the overview says Layer5 Cloud")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
