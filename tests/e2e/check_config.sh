#!/usr/bin/env bash
# kiosk --check-config: 0 for a clean file, non-zero with file:line: messages for a bad one.
set -uo pipefail
kiosk=$1 here=$(dirname "$0")
fail() { echo "check_config: $*"; exit 1; }

out=$("$kiosk" --check-config "$here/../../platform/deploy/kiosk.toml.example" 2>&1) ||
  fail "the example config should be clean: $out"

out=$("$kiosk" --check-config "$here/bad_config.toml" 2>&1) && fail "a bad config passed"
grep -q "bad_config.toml:3: .*colour" <<<"$out" || fail "no line-3 message for the unknown key: $out"
grep -q "bad_config.toml:5: .*session.idle_seconds" <<<"$out" || fail "no line-5 message for the bad value: $out"

broken=$(mktemp --suffix=.toml)
trap 'rm -f "$broken"' EXIT
printf 'kiosk_id = "a"\n[place\nvillage = "x"\n' >"$broken"
out=$("$kiosk" --check-config "$broken" 2>&1) && fail "a syntax error passed"
grep -q "$broken:2:" <<<"$out" || fail "no line-2 message for the syntax error: $out"

"$kiosk" --check-config /nonexistent/kiosk.toml >/dev/null 2>&1 && fail "a missing file passed"

# A hub token in a file every user can read: named, without the token; chmod 600 makes it clean.
printf '[hub]\nurl = "http://127.0.0.1:8080"\ntoken = "tok-e2e-secret"\n' >"$broken"
chmod 644 "$broken"
out=$("$kiosk" --check-config "$broken" 2>&1) && fail "a world-readable file with the hub token passed"
grep -q "hub.token: every user of this machine can read" <<<"$out" || fail "no warning for the readable token: $out"
grep -q "tok-e2e-secret" <<<"$out" && fail "the warning shows the token: $out"
chmod 600 "$broken"
out=$("$kiosk" --check-config "$broken" 2>&1) || fail "the same file at 600 should be clean: $out"
echo "check_config: passed"
