#!/usr/bin/env bash
# Builds embedded/bin/monitor-embedded: FerretDB v1.24 (SQLite handler) with the patches in
# patches/, plus the guard (guard.go) and the redis-server supervisor.
#
# 01-id-lookup-uses-index: FerretDB looks documents up by `_id` with the SQL expression
# `_ferretdb_sjson->'$._id'`, while the unique index it creates on `_id` is on
# `_ferretdb_sjson->"_id"`. SQLite only uses an index for the very expression it was built on, so
# every lookup, update and delete by `_id` read the whole table (an update took 14 ms at 2,000
# documents and grew with the collection). The patch makes the lookup use the index's expression,
# which selects the same value.
# 02-id-in-pushdown: `{_id: {$in: [...]}}` (up to 1,000 string or ObjectId values) is answered
# from the same index instead of reading the whole table, so a job can load a batch of posts in
# one query. FerretDB's handler still applies the whole filter to what comes back.
# 03-multi-update-one-transaction: an update of many documents (`updateMany`) wrote each one in
# its own transaction; it now writes them all in one, after the last is computed: one commit
# instead of fifty when a job marks its posts classified, and all or none on a refused document.
# 04-writers-queue-in-process: SQLite has one writer; a second one got SQLITE_BUSY and slept in
# SQLite's busy handler (polls of 1, 2, 5, 10… ms) while the CPU idled. Writers of one database now
# wait on a Go mutex and start as soon as the previous commit is done; reads (WAL) never take it.
# 05-debug-log-only-when-enabled: every SQL call built a debug log line, its arguments (whole
# documents) quoted into text, before the logger dropped it at the warn level.
# 06-update-statements-release-readers: an `update` command of many statements (a `bulkWrite` of
# `updateOne`s) kept each statement's reader open until the command ended; the 100th statement's
# write then waited forever for a connection of the pool (100). Each reader now closes with its
# statement.
# 07-read-modify-write-serialized: `update` and `findAndModify` read documents, then wrote what they
# computed from them; only the write waited for SQLite's one writer, so two concurrent updates of
# one document both read the old version and the second undid the first (lost `$inc`, `$addToSet`;
# two conditional findAndModify both matching). A mutex holds each statement's read and write together.
#
# The module is copied from the Go module cache to a temporary folder, patched there with
# `git apply` (which stops the build if a hunk no longer applies) and built through a `replace` in a
# temporary go.mod; nothing is vendored.
set -euo pipefail
cd "$(dirname "$0")"

module=github.com/FerretDB/FerretDB
go mod download "$module"
source_dir=$(go list -m -f '{{.Dir}}' "$module")
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

cp -R "$source_dir" "$work/ferretdb"
chmod -R u+w "$work/ferretdb"
for file in "$PWD"/patches/*.patch; do
  # git apply works outside a repository too, and refuses a hunk that no longer matches.
  if ! (cd "$work/ferretdb" && git apply -p1 "$file"); then
    echo "embedded/go/build.sh: $file no longer applies to $module; review it" >&2
    exit 1
  fi
done

cp go.mod go.sum "$work/"
echo "replace $module => $work/ferretdb" >> "$work/go.mod"
go build -modfile="$work/go.mod" -trimpath -o ../bin/monitor-embedded .
