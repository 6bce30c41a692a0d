#!/usr/bin/env python3
"""bench/scale_gen.py N OUT [--tags T] [--schemas S]: a synthetic OpenAPI 3.0 description of N
simple operations, written to OUT as JSON.

Each operation is a GET on a path of its own with one path parameter, answering with one shared
schema; the operations are spread over 50 tags. --tags and --schemas change those counts (up to
one per operation), to see that the cost grows with tags and schemas no faster than with
operations. The output depends on the arguments only (no randomness): two runs, or two machines,
time the same bytes.
"""
import argparse
import json


def description(n, tags, schemas):
    paths = {}
    for i in range(n):
        tag = f"tag{i % tags:02d}"
        schema = "Item" if schemas == 1 else f"Item{i % schemas}"
        paths[f"/{tag}/items{i}/{{id}}"] = {
            "get": {
                "operationId": f"getItem{i}",
                "summary": f"Get item {i}",
                "tags": [tag],
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "description": "The item's id.",
                     "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "The item.",
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
                    }
                },
            }
        }
    item = {
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
    }
    names = ["Item"] if schemas == 1 else [f"Item{s}" for s in range(schemas)]
    return {
        "openapi": "3.0.3",
        "info": {"title": f"Scale {n}", "version": "1.0.0", "description": f"{n} simple operations."},
        "servers": [{"url": "https://api.example.com"}],
        "tags": [{"name": f"tag{t:02d}", "description": f"Tag {t}."} for t in range(tags)],
        "paths": paths,
        "components": {"schemas": {name: item for name in names}},
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("operations", type=int)
    ap.add_argument("out")
    ap.add_argument("--tags", type=int, default=50)
    ap.add_argument("--schemas", type=int, default=1)
    a = ap.parse_args()
    if a.operations < 1 or not 1 <= a.tags <= a.operations or not 1 <= a.schemas <= a.operations:
        ap.error("needs operations >= 1 and 1 <= tags, schemas <= operations")
    with open(a.out, "w") as f:
        json.dump(description(a.operations, a.tags, a.schemas), f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
