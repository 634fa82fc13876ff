#!/usr/bin/env bash
# commune-hub's --database option on the real program: a PostgreSQL URL keeps the store there, a file name
# an SQLite file; a bad URL or an unreachable server is an error naming the option (and never the password).
# Usage: tests/pg/hub_cli.sh COMMUNE_HUB PG_DIR   (PG_DIR: a server from tests/pg/test_server.sh start)
set -euo pipefail
hub=$1
url="$(cat "$2/url")"
schema=hub_cli_$$
work=$(mktemp -d)
trap 'rm -rf "$work"; psql "$url" -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Refused, exit status not 0, the option named in the message. Usage: refused NEEDLE ARGS...
refused() {
  local needle=$1; shift
  if "$hub" "$@" >"$work/out" 2>"$work/err"; then fail "accepted: $*"; fi
  grep -q -- "--database" "$work/err" || fail "no --database in: $(cat "$work/err")"
  grep -q -- "$needle" "$work/err" || fail "no '$needle' in: $(cat "$work/err")"
  ! grep -q "s3cret" "$work/err" || fail "the password is shown: $(cat "$work/err")"
  echo "ok: refused ($needle): $(head -1 "$work/err")"
}
refused "cannot connect" report --quarter 2026-Q3 --database "postgresql:///postgres?host=/nonexistent-hub-cli"
refused "cannot connect" kiosk add k-1 --village "Thôn 1" --database "postgresql://hub:s3cret@/postgres?host=/nonexistent"
refused "cannot connect" report --quarter 2026-Q3 --database "postgresql://hub:s3cret@[not-a-host"
refused "not a postgresql:// URL" report --quarter 2026-Q3 --database "mysql://localhost/hub"

psql "$url" -qc "CREATE SCHEMA $schema" >/dev/null
pg="$url&options=-csearch_path%3D$schema"
token=$("$hub" kiosk add k-1 --village "Thôn 1" --database "$pg")
[[ ${#token} -ge 32 ]] || fail "no token printed: $token"
if "$hub" kiosk add k-1 --village "Thôn 2" --database "$pg" 2>"$work/err"; then fail "k-1 registered twice"; fi
grep -q "already registered" "$work/err" || fail "$(cat "$work/err")"
[[ $(psql "$url" -Atc "SELECT village FROM $schema.kiosks WHERE kiosk_id = 'k-1'") == "Thôn 1" ]] ||
  fail "k-1 is not in PostgreSQL"
"$hub" kiosk set-village k-1 --village "Thôn Đông" --database "$pg" >/dev/null
"$hub" report --quarter 2026-Q3 --format csv --database "$pg" >"$work/report.csv"
grep -q "Thôn Đông" "$work/report.csv" || fail "the report does not list k-1's village"
echo "ok: kiosk add, set-village and report on PostgreSQL"

"$hub" kiosk add k-2 --village "Thôn 2" --database "$work/other.sqlite" >/dev/null
[[ $(sqlite3 "$work/other.sqlite" "SELECT kiosk_id FROM kiosks") == k-2 ]] || fail "k-2 is not in the SQLite file"
echo "ok: --database FILE keeps an SQLite file"
