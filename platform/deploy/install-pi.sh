#!/usr/bin/env bash
# Builds and installs the village kiosk on a Raspberry Pi (Raspberry Pi OS bookworm), from this checkout.
# Safe to run again after `git pull`: it rebuilds, replaces the program and restarts the service,
# and never touches an existing /etc/kiosk/kiosk.toml or the data in /var/lib/village-kiosk.
#
# Usage: sudo platform/deploy/install-pi.sh [--no-service]
#   --no-service   skip the systemd steps (install, enable, restart): for machines without systemd
# Runs as root, or as a user with sudo (then only the system changes use sudo).
set -euo pipefail

usage() { sed -n '6,8s/^# \{0,1\}//p' "$0"; }

with_service=1
for arg in "$@"; do
  case $arg in
    --no-service) with_service=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-pi.sh: unknown option $arg" >&2; usage >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/../.."   # the repository root
repo=$(pwd -P)
deploy=platform/deploy
bin=/usr/local/bin/kiosk
config=/etc/kiosk/kiosk.toml
unit=/etc/systemd/system/kiosk.service
data_dir=/var/lib/village-kiosk

as_root=()
if [[ $(id -u) != 0 ]]; then as_root=(sudo); fi
step() { echo "==> $*"; }

if ((with_service)) && [[ ! -d /run/systemd/system ]]; then
  echo "install-pi.sh: systemd is not running here; use --no-service to install without the service." >&2
  exit 1
fi

case $repo/ in
  /home/*|/root/*|/run/user/*)
    # The program reads its bundled guides and pictures from the checkout it was built from,
    # and the service cannot see these folders (ProtectHome=yes in kiosk.service).
    echo "install-pi.sh: warning: this checkout ($repo) is hidden from the kiosk service;" >&2
    echo "  clone it to /opt/village-kiosk instead (see platform/deploy/README.md)." >&2 ;;
esac

step "Debian packages"
"$deploy/install-deps.sh" build

step "Build (Release) in build-release/"
# One compiler used up to ~360 MB here (x86-64, Release): allow 800 MB per job so that a Pi with
# 1-2 GB does not run out of memory.
mem_mb=$(awk '/^MemAvailable:/ {print int($2 / 1024)}' /proc/meminfo)
jobs=$(nproc)
if ((mem_mb / 800 < jobs)); then jobs=$((mem_mb / 800)); fi
if ((jobs < 1)); then jobs=1; fi
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DKIOSK_BUILD_TESTS=OFF >/dev/null
cmake --build build-release -j "$jobs"

step "Program: $bin"
# Copy next to the target, then rename: the running kiosk keeps its old file, and a power cut
# leaves either the old or the new program, never half of one.
"${as_root[@]}" install -m 755 build-release/kiosk/kiosk "$bin.new"
"${as_root[@]}" mv -f "$bin.new" "$bin"

step "User: kiosk"
if ! id -u kiosk >/dev/null 2>&1; then
  "${as_root[@]}" useradd --system --user-group --home-dir "$data_dir" --no-create-home \
    --shell /usr/sbin/nologin --comment "Village kiosk" kiosk
fi
# Screen (video, render), touchscreen (input), sound (audio). Added on every run, in case one was removed.
for group in video render input audio; do
  if getent group "$group" >/dev/null; then
    "${as_root[@]}" usermod -a -G "$group" kiosk
  else
    echo "install-pi.sh: warning: no group '$group' on this system; kiosk is not added to it" >&2
  fi
done

step "Configuration: $config"
if "${as_root[@]}" test -e "$config"; then
  echo "$config exists: kept as it is"
else
  "${as_root[@]}" install -d -m 755 /etc/kiosk
  # root may edit it, kiosk may read it, others may not (it can hold the hub token).
  "${as_root[@]}" install -m 640 -o root -g kiosk "$deploy/kiosk.toml.example" "$config"
  echo "Written from $deploy/kiosk.toml.example: edit village, commune, kiosk_id and screen size."
fi
if ! "${as_root[@]}" "$bin" --check-config "$config"; then
  echo "install-pi.sh: fix $config (see the lines above), then run this script again." >&2
  exit 1
fi

if ((with_service)); then
  if systemctl is-active --quiet display-manager.service; then
    echo "install-pi.sh: a desktop is running: kiosk.service draws on the bare screen and would fight it." >&2
    echo "  Either switch the Pi to boot to the console (sudo raspi-config: System Options > Boot / Auto Login" >&2
    echo "  > Console) and run this script again, or start $bin from the desktop session instead." >&2
    exit 1
  fi
  step "Service: kiosk.service"
  "${as_root[@]}" install -m 644 "$deploy/kiosk.service" "$unit"
  "${as_root[@]}" systemctl daemon-reload
  "${as_root[@]}" systemctl enable kiosk.service
  "${as_root[@]}" systemctl restart kiosk.service
  echo "Started. Logs: journalctl -u kiosk -f"
else
  step "Service: skipped (--no-service)"
fi

sync   # flaky power: get everything onto the SD card now
echo "Done."
