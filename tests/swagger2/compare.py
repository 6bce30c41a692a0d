#!/usr/bin/env python3
"""apiref's Swagger 2.0 conversion checked against the reference converter, swagger2openapi.

    python3 tests/swagger2/compare.py path/to/apiref REFERENCE_DIR [--verbose]

REFERENCE_DIR is what reference.mjs wrote (manifest.json and one JSON file per document). For
every document both converted, each operation is compared: method and path; parameters (name,
in, required, schema); request body media types and schemas; response codes, media types and
schemas. Schemas are compared after following their $refs (component names differ: the
reference renames them), a few levels deep. Prints the counts and every difference by
category; exits 1 when a difference is not in allowed.json, the reviewed list of categories
where the two disagree and apiref is right (each with its reason)."""
import json
import os
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Schema keywords that change what a value may be; prose (description, example, title) and
# extensions are left out of the comparison.
SCHEMA_KEYS = ("type", "format", "items", "properties", "additionalProperties", "required", "enum",
               "allOf", "anyOf", "oneOf", "not", "nullable", "pattern", "minimum", "maximum",
               "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems",
               "maxItems", "uniqueItems", "multipleOf", "readOnly")
SCHEMA_DEPTH = 8  # nesting levels compared (recursive schemas are infinite once inlined)
MEMO = {}  # per document: (id of a schema object, depth) -> its form


def pointer_get(doc, ref):
    if not isinstance(ref, str) or not ref.startswith("#"):
        return None
    node = doc
    for token in ref[1:].split("/")[1:]:
        token = token.replace("%7B", "{").replace("%7D", "}").replace("%20", " ")
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def deref(doc, node, limit=16):
    while isinstance(node, dict) and "$ref" in node and limit > 0:
        target = pointer_get(doc, node["$ref"])
        if target is None:
            return {"$unresolved": node["$ref"]}
        node, limit = target, limit - 1
    return node


def schema_form(doc, s, depth=0, memo=None):
    """A comparable form of a schema: $refs followed, prose left out, cut SCHEMA_DEPTH levels
    down (by nesting, not by $refs: the reference inlines what apiref keeps as components)."""
    if memo is None:
        memo = MEMO.setdefault(id(doc), {})
    if isinstance(s, dict) and "$ref" in s:
        s = deref(doc, s)
    if not isinstance(s, dict):
        return s if isinstance(s, bool) else None
    if depth >= SCHEMA_DEPTH:
        return "<deeper>"
    key = (id(s), depth)
    if key in memo:
        return memo[key]
    out = {}
    for k in SCHEMA_KEYS:
        if k not in s:
            continue
        v = s[k]
        if k == "properties" and isinstance(v, dict):
            out[k] = {n: schema_form(doc, p, depth + 1, memo) for n, p in sorted(v.items())}
        elif k in ("items", "additionalProperties", "not"):
            out[k] = schema_form(doc, v, depth + 1, memo) if isinstance(v, dict) else v
        elif k in ("allOf", "anyOf", "oneOf") and isinstance(v, list):
            out[k] = [schema_form(doc, x, depth + 1, memo) for x in v]
        elif k == "required" and isinstance(v, list):
            out[k] = sorted(str(x) for x in v)
        else:
            out[k] = v
    memo[key] = out
    return out


def operations(doc):
    ops = {}
    paths = doc.get("paths") or {}
    for path, item in paths.items():
        if path.startswith("x-"):
            continue
        item = deref(doc, item)
        if not isinstance(item, dict):
            continue
        shared = {}
        for p in item.get("parameters") or []:
            p = deref(doc, p)
            if isinstance(p, dict):
                shared[(p.get("name"), p.get("in"))] = p
        for method in METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            params = dict(shared)
            for p in op.get("parameters") or []:
                p = deref(doc, p)
                if isinstance(p, dict):
                    params[(p.get("name"), p.get("in"))] = p
            ops[(method, path)] = (op, params)
    return ops


def media(doc, holder):
    holder = deref(doc, holder)
    if not isinstance(holder, dict):
        return {}
    content = holder.get("content") or {}
    return {mt: schema_form(doc, (m or {}).get("schema")) for mt, m in content.items()}


def effective(param, key):
    """style and explode as 3.0 reads them when they are not written."""
    style = param.get("style") or ("form" if param.get("in") in ("query", "cookie") else "simple")
    if key == "style":
        return style
    return param.get("explode", style == "form")


def compare_operation(a_doc, a, b_doc, b, diffs):
    (a_op, a_params), (b_op, b_params) = a, b
    for key in sorted(set(a_params) | set(b_params), key=str):
        name = f"{key[1]} {key[0]}"
        if key not in a_params:
            diffs.append(("parameter only in swagger2openapi", name))
            continue
        if key not in b_params:
            diffs.append(("parameter only in apiref", name))
            continue
        pa, pb = a_params[key], b_params[key]
        if bool(pa.get("required")) != bool(pb.get("required")):
            diffs.append(("parameter required", name))
        sa, sb = schema_form(a_doc, pa.get("schema")), schema_form(b_doc, pb.get("schema"))
        if sa != sb:
            diffs.append(("parameter schema", f"{name}: {json.dumps(sa)[:160]} vs {json.dumps(sb)[:160]}"))
        for k in ("style", "explode"):
            va, vb = effective(pa, k), effective(pb, k)
            if va != vb:
                diffs.append((f"parameter {k}", f"{name}: {va} vs {vb}"))
    ra, rb = a_op.get("requestBody"), b_op.get("requestBody")
    ma, mb = media(a_doc, ra) if ra else {}, media(b_doc, rb) if rb else {}
    if bool(ra) != bool(rb) and (ma or mb):
        diffs.append(("request body only in " + ("apiref" if ra else "swagger2openapi"), ""))
    elif set(ma) != set(mb):
        diffs.append(("request body media types", f"{sorted(ma)} vs {sorted(mb)}"))
    else:
        for mt in ma:
            if ma[mt] != mb[mt]:
                diffs.append(("request body schema", f"{mt}: {json.dumps(ma[mt])[:200]} vs {json.dumps(mb[mt])[:200]}"))
    resp_a, resp_b = a_op.get("responses") or {}, b_op.get("responses") or {}
    codes_a = {c for c in resp_a if not str(c).startswith("x-")}
    codes_b = {c for c in resp_b if not str(c).startswith("x-")}
    if codes_a != codes_b:
        diffs.append(("response codes", f"{sorted(codes_a)} vs {sorted(codes_b)}"))
    for code in sorted(codes_a & codes_b):
        ma, mb = media(a_doc, resp_a[code]), media(b_doc, resp_b[code])
        if set(ma) != set(mb):
            diffs.append(("response media types", f"{code}: {sorted(ma)} vs {sorted(mb)}"))
            continue
        for mt in ma:
            if ma[mt] != mb[mt]:
                diffs.append(("response schema", f"{code} {mt}: {json.dumps(ma[mt])[:200]} vs {json.dumps(mb[mt])[:200]}"))


def allowed_reason(allowed, category, document, detail):
    for rule in allowed:
        if rule["category"] != category:
            continue
        if rule.get("document") and rule["document"] not in document:
            continue
        if rule.get("detail") and rule["detail"] not in detail:
            continue
        return rule["reason"]
    return None


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    apiref, ref_dir = sys.argv[1], sys.argv[2]
    verbose = "--verbose" in sys.argv
    with open(os.path.join(ref_dir, "manifest.json")) as f:
        manifest = json.load(f)
    with open(os.path.join(HERE, "allowed.json")) as f:
        allowed = json.load(f)["allowed"]
    corpus = os.path.commonpath([e["file"] for e in manifest])
    counts = defaultdict(int)
    by_category = defaultdict(list)
    for entry in manifest:
        doc_name = os.path.relpath(entry["file"], corpus)
        run = subprocess.run([apiref, "bundle", entry["file"], "--format", "json", "-q"],
                             capture_output=True, text=True, timeout=120)
        if run.returncode >= 3 or run.returncode < 0:
            by_category["apiref crashed"].append((doc_name, run.stderr.strip()[-300:]))
            continue
        mine = json.loads(run.stdout) if run.returncode == 0 else None
        counts["documents"] += 1
        if "error" in entry and mine is None:
            counts["documents both refuse"] += 1
            continue
        if mine is None:
            first = next((l for l in run.stderr.splitlines() if ": error: " in l), run.stderr.strip()[:200])
            by_category["document refused by apiref only"].append((doc_name, first))
            continue
        if "error" in entry:
            by_category["document refused by swagger2openapi only"].append((doc_name, entry["error"][:200]))
            continue
        with open(entry["out"]) as f:
            theirs = json.load(f)
        counts["documents both convert"] += 1
        # schema_form's memo is keyed by id(): Python reuses the ids of the documents compared
        # before, so a memo kept across documents gave one a schema of another, now and then
        # (CI: swagger2/bugs/1824's path parameter compared as some object schema).
        MEMO.clear()
        a_ops, b_ops = operations(mine), operations(theirs)
        for key in sorted(set(a_ops) | set(b_ops)):
            where = f"{key[0].upper()} {key[1]}"
            if key not in b_ops:
                by_category["operation only in apiref"].append((doc_name, where))
                continue
            if key not in a_ops:
                by_category["operation only in swagger2openapi"].append((doc_name, where))
                continue
            counts["operations"] += 1
            diffs = []
            compare_operation(mine, a_ops[key], theirs, b_ops[key], diffs)
            if not diffs:
                counts["operations agreeing"] += 1
            for category, detail in diffs:
                by_category[category].append((doc_name, f"{where} {detail}"))
    print(f"documents: {counts['documents']} (both convert {counts['documents both convert']}, "
          f"both refuse {counts['documents both refuse']})")
    print(f"operations compared: {counts['operations']}, agreeing on everything: {counts['operations agreeing']}")
    unexplained = 0
    for category in sorted(by_category):
        items = by_category[category]
        explained = [allowed_reason(allowed, category, d, x) for d, x in items]
        bad = [i for i, r in zip(items, explained) if r is None]
        unexplained += len(bad)
        reasons = sorted({r for r in explained if r})
        print(f"\n{category}: {len(items)} ({len(items) - len(bad)} reviewed: apiref is right)")
        for r in reasons:
            print(f"  why: {r}")
        shown = bad if not verbose else items
        for d, x in shown[: (len(shown) if verbose else 12)]:
            print(f"  {'' if (d, x) in bad else '[ok] '}{d}: {x}")
        if not verbose and len(bad) > 12:
            print(f"  ... {len(bad) - 12} more")
    print(f"\n{unexplained} unexplained difference(s)")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
