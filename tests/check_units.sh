#!/usr/bin/env bash
# The packages' systemd units (platform/deploy/*.service): `systemd-analyze verify` has nothing to say
# about them; the kiosk's is Type=notify with WatchdogSec= of at most 15 s; and `systemd-analyze
# security` rates each no more exposed than when it was hardened, so a hardening line cannot go
# quietly. ExecStart= points at the build's programs (verify wants them to exist).
# usage: check_units.sh SOURCE_DIR KIOSK COMMUNE_HUB RESTART_BACKOFF(ON|OFF)
set -euo pipefail
source_dir=$1 kiosk=$2 hub=$3 backoff=$4
deploy=$source_dir/platform/deploy
command -v systemd-analyze >/dev/null || { echo "systemd-analyze not installed (package systemd): skipped"; exit 77; }

# Exposure (0 = locked down, 10 = none) measured with systemd 252 (Debian 12) on 2026-12-03. The
# kiosk keeps the screen, touch and sound devices and the network; the hub keeps only the network.
# The kiosk's ReadWritePaths=-/sys/devices/platform (its backlight) leaves it at 1.7; dropping
# ProtectKernelTunables= instead would make it 1.9 (same command, same day).
declare -A max_exposure=([village-kiosk]=1.7 [commune-hub]=1.5)

declare -A binary=([village-kiosk]=$kiosk [commune-hub]=$hub)
units=$(mktemp -d)
trap 'rm -rf "$units"' EXIT
for unit in village-kiosk commune-hub; do
  sed "s#^ExecStart=/usr/bin/[a-z-]* #ExecStart=${binary[$unit]} #" "$deploy/$unit.service" >"$units/$unit.service"
done
if [[ $backoff == ON ]]; then  # systemd >= 254: the drop-in the packages add (cmake/Packaging.cmake)
  for unit in village-kiosk commune-hub; do
    mkdir -p "$units/$unit.service.d"
    cp "$deploy/restart-backoff.conf" "$units/$unit.service.d/"
  done
fi

status=0
for unit in village-kiosk commune-hub; do
  grep -q "^ExecStart=${binary[$unit]} " "$units/$unit.service" ||
    { echo "FAIL: $unit.service: ExecStart= is not /usr/bin/$unit"; status=1; }
  out=$(systemd-analyze verify "$units/$unit.service" 2>&1) || true
  if [[ -n $out ]]; then
    echo "FAIL: systemd-analyze verify $unit.service:"; echo "$out"; status=1
  else
    echo "ok: systemd-analyze verify $unit.service: no complaint"
  fi
  exposure=$(systemd-analyze security --offline=yes "$units/$unit.service" 2>/dev/null |
    sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
  if [[ -z $exposure ]]; then
    echo "FAIL: no exposure level for $unit.service"; status=1
  elif awk -v a="$exposure" -v b="${max_exposure[$unit]}" 'BEGIN {exit !(a <= b)}'; then
    echo "ok: $unit.service exposure $exposure (at most ${max_exposure[$unit]})"
  else
    echo "FAIL: $unit.service exposure $exposure, more than ${max_exposure[$unit]}: hardening was lost"
    systemd-analyze security --offline=yes "$units/$unit.service" 2>/dev/null | grep '✗' || true
    status=1
  fi
done

# The screen off at night: the backlight's files writable under the sandbox, the rest of /sys not, and
# the package's udev rule giving those files to the group the kiosk's user is in.
if grep -qx 'ProtectKernelTunables=yes' "$units/village-kiosk.service" &&
  grep -qx 'ReadWritePaths=-/sys/devices/platform' "$units/village-kiosk.service"; then
  echo "ok: village-kiosk.service may write the backlight (/sys/devices/platform), /sys stays read-only"
else
  echo "FAIL: village-kiosk.service wants ProtectKernelTunables=yes and ReadWritePaths=-/sys/devices/platform"; status=1
fi
rule=$deploy/70-village-kiosk-backlight.rules
rule_line=$(grep -v '^#' "$rule" | grep 'SUBSYSTEM=="backlight"' || true)
if grep -q 'ACTION=="add"' <<<"$rule_line" &&
  grep -q 'RUN+="/bin/chgrp video /sys%p/bl_power /sys%p/brightness"' <<<"$rule_line" &&
  grep -q 'RUN+="/bin/chmod g+w /sys%p/bl_power /sys%p/brightness"' <<<"$rule_line"; then
  echo "ok: $(basename "$rule") gives bl_power and brightness to the group video"
else
  echo "FAIL: $(basename "$rule") no longer gives a backlight's bl_power and brightness to the group video"; status=1
fi
if udevadm verify --help >/dev/null 2>&1; then  # systemd >= 254 (Debian 13)
  if out=$(udevadm verify "$rule" 2>&1); then
    echo "ok: udevadm verify $(basename "$rule")"
  else
    echo "FAIL: udevadm verify $(basename "$rule"):"; echo "$out"; status=1
  fi
else
  echo "note: no 'udevadm verify' here (systemd < 254 or no udev): package-check.sh parses the rule with udevadm test"
fi

# What keeps a hung kiosk from going unnoticed.
grep -qx 'Type=notify' "$units/village-kiosk.service" || { echo "FAIL: village-kiosk.service is not Type=notify"; status=1; }
watchdog=$(sed -n 's/^WatchdogSec=\([0-9]*\)s\{0,1\}$/\1/p' "$units/village-kiosk.service")
if [[ -n $watchdog ]] && ((watchdog > 0 && watchdog <= 15)); then
  echo "ok: village-kiosk.service is Type=notify with WatchdogSec=$watchdog"
else
  echo "FAIL: village-kiosk.service WatchdogSec='$watchdog' (want 1 to 15 seconds)"; status=1
fi
exit $status
