#!/usr/bin/env bash
# e2e.hub_systemd_unit: platform/deploy/commune-hub.service passes `systemd-analyze verify` (with ExecStart
# pointed at the built commune-hub, since /usr/local/bin has none here) and its offline security review
# rates it at most 2.0 ("OK"; an unhardened service rates 9.6). Skipped (77) without systemd-analyze.
# Usage: hub_systemd_unit.sh COMMUNE_HUB
set -uo pipefail
hub=$(realpath "$1")
unit=$(dirname "$0")/../../platform/deploy/commune-hub.service
fail() { echo "FAIL: $*"; exit 1; }
command -v systemd-analyze >/dev/null || { echo "SKIP: systemd-analyze is not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
grep -q '^ExecStart=/usr/local/bin/commune-hub serve ' "$unit" || fail "ExecStart is not /usr/local/bin/commune-hub serve"
sed "s#^ExecStart=/usr/local/bin/commune-hub #ExecStart=$hub #" "$unit" >"$work/commune-hub.service"
out=$(systemd-analyze verify "$work/commune-hub.service" 2>&1) || fail "systemd-analyze verify: $out"
[[ -z $out ]] || fail "systemd-analyze verify warned: $out"
echo "ok: systemd-analyze verify is silent"
security=$(systemd-analyze security --offline=yes "$work/commune-hub.service" 2>&1) || fail "security: $security"
score=$(sed -n 's/.*Overall exposure level for commune-hub.service: \([0-9.]*\).*/\1/p' <<<"$security")
[[ -n $score ]] || fail "no exposure level in: $security"
python3 -c "import sys; sys.exit(0 if float('$score') <= 2.0 else 1)" || fail "exposure level $score is above 2.0"
echo "ok: exposure level $score (at most 2.0)"
for setting in NoNewPrivileges=yes ProtectSystem=strict UMask=0077 'CapabilityBoundingSet=$' \
  'SystemCallFilter=@system-service' 'MemoryDenyWriteExecute=yes' 'User=commune-hub'; do
  grep -q "^$setting" "$unit" || fail "the unit lacks $setting"
done
echo "ok: user, umask, no capabilities, read-only system, system-call filter"
echo PASS
