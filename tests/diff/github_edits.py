#!/usr/bin/env python3
"""Twenty breaking edits of twenty different kinds to GitHub's description, for `apiref diff`:
the test (tests/diff/github_edits.sh) checks that it finds each of them, where it was made, and
nothing else breaking; bench/diff.sh times the tools on the pair.

    python3 tests/diff/github_edits.py api.github.com.json edited.json expected.json

expected.json lists the edits: rule and the pointer of the change in the edited version."""
import json
import sys


def main():
    src, out, expected_out = sys.argv[1:4]
    with open(src, encoding="utf-8") as f:
        d = json.load(f)
    paths = d["paths"]
    params = d["components"]["parameters"]
    schemas = d["components"]["schemas"]
    expected = []

    def edit(rule, pointer):
        expected.append({"rule": rule, "pointer": pointer})

    # 1. A path, and its only operation, gone.
    del paths["/emojis"]
    edit("path-removed", "/paths")
    # 2. One operation of a path that keeps others.
    del paths["/repos/{owner}/{repo}"]["delete"]
    edit("operation-removed", "/paths/~1repos~1{owner}~1{repo}")
    # 3. A new required query parameter.
    paths["/user"]["get"].setdefault("parameters", []).append(
        {"name": "fields", "in": "query", "required": True, "schema": {"type": "string"}})
    edit("parameter-added-required", "/paths/~1user/get/parameters/%d" % (len(paths["/user"]["get"]["parameters"]) - 1))
    # 4. A shared optional parameter made required (one change, at the component).
    params["per-page"]["required"] = True
    edit("parameter-made-required", "/components/parameters/per-page")
    # 5. A parameter moved from the query to a header.
    advisories = paths["/advisories"]["get"]["parameters"]
    moved = next(i for i, p in enumerate(advisories) if p.get("name") == "ghsa_id")
    advisories[moved]["in"] = "header"
    edit("parameter-moved", "/paths/~1advisories/get/parameters/%d" % moved)
    # 6. A parameter renamed.
    renamed = next(i for i, p in enumerate(advisories) if p.get("name") == "cve_id")
    advisories[renamed]["name"] = "cve"
    edit("parameter-renamed", "/paths/~1advisories/get/parameters/%d" % renamed)
    # 7. A parameter's type changed.
    params["page"]["schema"]["type"] = "string"
    edit("request-type-changed", "/components/parameters/page/schema/type")
    # 8. An enum value a client may send, gone.
    params["direction"]["schema"]["enum"] = ["desc"]
    edit("request-enum-value-removed", "/components/parameters/direction/schema/enum")
    # 9. A required request body where there was none.
    paths["/user"]["get"]["requestBody"] = {
        "required": True, "content": {"application/json": {"schema": {"type": "object"}}}}
    edit("request-body-added-required", "/paths/~1user/get/requestBody")
    # 10. An optional request body made required.
    tokens = paths["/app/installations/{installation_id}/access_tokens"]["post"]["requestBody"]
    tokens["required"] = True
    edit("request-body-made-required", "/paths/~1app~1installations~1{installation_id}~1access_tokens/post/requestBody")
    # 11. A request media type no longer accepted.
    del paths["/markdown/raw"]["post"]["requestBody"]["content"]["text/x-markdown"]
    edit("request-media-type-removed", "/paths/~1markdown~1raw/post/requestBody/content")
    # 12. A success response gone.
    del paths["/rate_limit"]["get"]["responses"]["200"]
    edit("response-success-status-removed", "/paths/~1rate_limit/get/responses")
    # 13. A response media type gone.
    del paths["/octocat"]["get"]["responses"]["200"]["content"]["application/octocat-stream"]
    edit("response-media-type-removed", "/paths/~1octocat/get/responses/200/content")
    # 14. A response property gone (from a schema every user in a response is).
    user = schemas["simple-user"]
    del user["properties"]["gravatar_id"]
    user["required"].remove("gravatar_id")
    edit("response-property-removed", "/components/schemas/simple-user/properties")
    # 15. A response property no longer always there.
    user["required"].remove("node_id")
    edit("response-property-made-optional", "/components/schemas/simple-user/properties/node_id")
    # 16. A response value that may now be null.
    user["properties"]["login"]["nullable"] = True
    edit("response-type-widened", "/components/schemas/simple-user/properties/login/type")
    # 17. A tighter bound on what a client sends.
    params["per-page"]["schema"]["maximum"] = 50
    edit("request-bounds-narrowed", "/components/parameters/per-page/schema/maximum")
    # 18. Credentials required by an operation that took none.
    paths["/meta"]["get"]["security"] = [{"bearer": []}]
    edit("security-added-to-open-operation", "/paths/~1meta/get/security")
    # 19. The server moved.
    d["servers"] = [{"url": "https://api2.github.com"}]
    edit("server-removed", "/servers")
    # 20. A new required property in a request body.
    repo = paths["/user/repos"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    repo["properties"]["owner_team"] = {"type": "string"}
    repo["required"].append("owner_team")
    edit("request-property-added-required", "/paths/~1user~1repos/post/requestBody/content/application~1json/schema/properties/owner_team")

    assert len(expected) == 20 and len({e["rule"] for e in expected}) == 20
    with open(out, "w", encoding="utf-8") as f:
        json.dump(d, f, indent=2)
    with open(expected_out, "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2)


if __name__ == "__main__":
    main()
