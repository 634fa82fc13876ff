#!/usr/bin/env bash
# Installs the Debian packages the kiosk needs to build, run and be tested.
# Quick when everything is there already: apt is only called for what is missing.
# Usage: install-deps.sh [build|test|bench|content|fuzz|arm64]   (test, bench and arm64 include build)
set -euo pipefail
what=${1:-build}

packages=(build-essential cmake ninja-build pkg-config libsdl2-dev libimgui-dev libcurl4-openssl-dev
  libsqlite3-dev doctest-dev libstb-dev libfreetype-dev fonts-noto-core libtomlplusplus-dev
  nlohmann-json3-dev libfmt-dev libsodium-dev libqrencode-dev libutf8proc-dev libcpp-httplib-dev libssl-dev zlib1g-dev
  libsystemd-dev libarchive-dev
  libpq-dev  # the hub's PostgreSQL client (commune-hub --database postgresql://...); never the kiosk's
  libxlsxwriter-dev  # the hub report's Excel workbook (/reports.xlsx); never the kiosk's
  ca-certificates)  # the system CAs the upload client trusts when hub.ca_file is not set (minimal systems lack it)
if [[ $what == test || $what == bench ]]; then
  packages+=(xvfb xauth xdotool x11-utils imagemagick sqlite3 python3-icalendar python3-pil curl openssl clang-format
    iproute2  # ss, for e2e.hub_slow_clients (minimal systems lack it)
    systemd  # systemd-analyze, for checks.systemd_units
    libgl1-mesa-dri libglx-mesa0 libegl-mesa0 faketime  # e2e.render_paths: OpenGL (ES) on llvmpipe, a still clock
    postgresql  # commune.store.postgresql.* and the backends bench: PostgreSQL 15 in a temporary folder
    python3-openpyxl)  # e2e.hub_report_xlsx reads the workbook back cell by cell
fi
if [[ $what == test || $what == bench ]]; then  # bench; and e2e.hub_report_browser (hub report in Chromium)
  packages+=(chromium)
fi
if [[ $what == content ]]; then  # tools that make guide pictures and narration (content/tools)
  packages+=(librsvg2-bin espeak-ng vorbis-tools fonts-noto-core)
fi
arm64_libs=(libsdl2-dev libimgui-dev libcurl4-openssl-dev libsqlite3-dev libstb-dev libfreetype-dev
  libtomlplusplus-dev libfmt-dev libsodium-dev libqrencode-dev libutf8proc-dev libcpp-httplib-dev libssl-dev
  zlib1g-dev libsystemd-dev libarchive-dev libxlsxwriter-dev)
if [[ $what == arm64 ]]; then  # ./dev.sh arm64: cross-build with Debian's multiarch packages, run under qemu-user
  # The arm64 -dev packages beside the host's (all Multi-Arch: same on Debian 12); header-only
  # nlohmann-json and doctest (Multi-Arch: foreign) and the fonts are the host's.
  packages+=(crossbuild-essential-arm64 qemu-user-static ccache xvfb xauth "${arm64_libs[@]/%/:arm64}")
fi
if [[ $what == fuzz ]]; then  # the release's own clang: 14 on Debian 12, 19 on Debian 13
  packages+=(clang libclang-rt-dev)
fi

as_root=()
if [[ $(id -u) != 0 ]]; then as_root=(sudo); fi
if [[ $what == arm64 ]] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "Adding the arm64 architecture to dpkg (multiarch)"
  "${as_root[@]}" dpkg --add-architecture arm64
fi

# With a second architecture (./dev.sh arm64) dpkg lists a Multi-Arch: same package once per architecture:
# a name without ":arch" is there when the PC's own (or the architecture-independent) one is installed.
native=$(dpkg --print-architecture)
missing=()
for p in "${packages[@]}"; do
  if [[ $p == *:* ]]; then
    status=$(dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$p")
  else
    status=$(dpkg-query -W -f='${Status} ${Architecture}\n' "$p" 2>/dev/null || true)
    grep -qxE "install ok installed ($native|all)" <<<"$status" || missing+=("$p")
  fi
done
((${#missing[@]} == 0)) && exit 0

echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
