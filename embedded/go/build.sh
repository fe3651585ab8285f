#!/usr/bin/env bash
# Builds embedded/bin/monitor-embedded: FerretDB v1.24 (SQLite handler) with one patch.
#
# The patch: FerretDB looks documents up by `_id` with the SQL expression
# `_ferretdb_sjson->'$._id'`, while the unique index it creates on `_id` is on
# `_ferretdb_sjson->"_id"`. SQLite only uses an index for the very expression it was built on, so
# every lookup, update and delete by `_id` read the whole table (an update took 14 ms at 2,000
# documents and grew with the collection). The patch makes the lookup use the index's
# expression, which selects the same value. The module is copied from the Go module cache to a
# temporary folder, patched there and built through a `replace` in a temporary go.mod; nothing
# is vendored.
set -euo pipefail
cd "$(dirname "$0")"

module=github.com/FerretDB/FerretDB
go mod download "$module"
source_dir=$(go list -m -f '{{.Dir}}' "$module")
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

cp -R "$source_dir" "$work/ferretdb"
chmod -R u+w "$work/ferretdb"
metadata="$work/ferretdb/internal/backends/sqlite/metadata/metadata.go"
before="IDColumn = DefaultColumn + \"->'\$._id'\""
after='IDColumn = DefaultColumn + `->"_id"`'
if ! grep -qF "$before" "$metadata"; then
  echo "embedded/go/build.sh: $metadata no longer holds the expected _id expression; review the patch" >&2
  exit 1
fi
sed -i "s|$(printf '%s' "$before" | sed 's/[$.*[\\^]/\\&/g')|$after|" "$metadata"
grep -qF "$after" "$metadata"

cp go.mod go.sum "$work/"
echo "replace $module => $work/ferretdb" >> "$work/go.mod"
go build -modfile="$work/go.mod" -trimpath -o ../bin/monitor-embedded .
