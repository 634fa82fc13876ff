#!/usr/bin/env bash
# Checks the current commit on a fresh Debian release as a new user would meet it: Debian 13 (trixie),
# what Raspberry Pi OS ships since late 2025, or Debian 12 (bookworm). Makes (or reuses) a minimal
# chroot of that release with debootstrap, puts a clean `git archive` of HEAD in it and runs the
# README's commands there as root: ./dev.sh build, then ./dev.sh test.
#
# Usage: platform/deploy/release-check.sh [--release trixie|bookworm] [--unit] [--build-only] [--fresh]
#                                         [--cache DIR] [--mirror URL]
#   --release R   the Debian release (default trixie)
#   --unit        after ./dev.sh build run only the unit tests (ctest -E '^e2e'), not ./dev.sh test
#   --build-only  stop after ./dev.sh build
#   --fresh       throw the cached chroot away and make a new one
#   --cache DIR   where the chroot lives (default /var/cache/kiosk-RELEASE; outside the repo so a
#                 second run reuses it, with its packages and its incremental build)
#   --mirror URL  Debian mirror (default: the one /etc/apt uses for the host's own Debian)
# Works as root without sudo; uses sudo otherwise. Mounts are undone on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

release=trixie cache= mirror= fresh=0 mode=test
while (($#)); do
  case $1 in
    --release) release=$2; shift ;;
    --unit) mode=unit ;;
    --build-only) mode=build ;;
    --fresh) fresh=1 ;;
    --cache) cache=$2; shift ;;
    --mirror) mirror=$2; shift ;;
    *) sed -n '2,16p' "$0" >&2; exit 2 ;;
  esac
  shift
done

case $release in
  trixie) version=13 ;;
  bookworm) version=12 ;;
  *) echo "release-check.sh: --release is trixie or bookworm, not '$release'" >&2; exit 2 ;;
esac
: "${cache:=/var/cache/kiosk-$release}"
as_root=()
[[ $(id -u) == 0 ]] || as_root=(sudo)

source platform/deploy/host-mirror.sh  # $mirror: the host's own Debian mirror unless --mirror

cache=$(realpath -m "$cache")
root=$cache/root
elapsed() { local s=$(($(date +%s) - $1)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }
declare -A took

mounted=()
chroot_processes() {  # the processes left running inside the chroot (a stopped build, an Xvfb)
  "${as_root[@]}" bash -c 'for p in /proc/[0-9]*; do
    [[ $(readlink "$p/root" 2>/dev/null) == "$1" ]] && echo "${p#/proc/}"; done; true' - "$root"
}
cleanup() {
  local i pids
  pids=$(chroot_processes)
  if [[ -n $pids ]]; then
    "${as_root[@]}" kill $pids 2>/dev/null || true
    sleep 1
    pids=$(chroot_processes)
    [[ -z $pids ]] || "${as_root[@]}" kill -KILL $pids 2>/dev/null || true
  fi
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    "${as_root[@]}" umount "${mounted[i]}" 2>/dev/null || "${as_root[@]}" umount -l "${mounted[i]}" || true
  done
  mounted=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mount_in() {  # mount_in TARGET mount-arguments...
  local target=$root$1; shift
  "${as_root[@]}" mkdir -p "$target"
  mountpoint -q "$target" && "${as_root[@]}" umount -l "$target"  # left over from a killed run
  "${as_root[@]}" mount "$@" "$target"
  mounted+=("$target")
}

# 1. The chroot: debootstrap once, then reused. The marker is written only when it is complete.
if ((fresh)) && [[ -d $root ]]; then
  for m in dev/shm dev/pts dev sys proc; do mountpoint -q "$root/$m" && "${as_root[@]}" umount -l "$root/$m"; done
  "${as_root[@]}" rm -rf --one-file-system "$root"
fi
if [[ ! -e $root/.kiosk-$release-ready ]]; then
  if ! command -v debootstrap >/dev/null && [[ ! -x /usr/sbin/debootstrap ]]; then
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends debootstrap
  fi
  start=$(date +%s)
  echo "== Making a minimal Debian $version chroot in $root from $mirror"
  "${as_root[@]}" rm -rf --one-file-system "$root"
  "${as_root[@]}" mkdir -p "$cache"
  "${as_root[@]}" env PATH="/usr/sbin:/sbin:$PATH" debootstrap --variant=minbase $release "$root" "$mirror" \
    >"$cache/debootstrap.log" 2>&1 || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  security=${mirror%/debian}/debian-security
  "${as_root[@]}" tee "$root/etc/apt/sources.list" >/dev/null <<EOF
deb $mirror $release main
deb $mirror $release-updates main
deb $security $release-security main
EOF
  # No daemon starts inside the chroot while packages install.
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$root/usr/sbin/policy-rc.d" >/dev/null
  "${as_root[@]}" chmod 755 "$root/usr/sbin/policy-rc.d"
  "${as_root[@]}" touch "$root/.kiosk-$release-ready"
  took[chroot]=$(elapsed "$start")
else
  echo "== Reusing the Debian $version chroot in $root"
  took[chroot]="reused"
fi
"${as_root[@]}" cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

# 2. The source: a clean `git archive` of HEAD (what is committed, nothing else). Only files whose
# content changed are copied, and build/ and build-asan/ are kept, so a second run builds
# incrementally.
commit=$(git -C "$repo" rev-parse --short HEAD)
[[ -z $(git -C "$repo" status --porcelain --untracked-files=no) ]] ||
  echo "note: uncommitted changes are not checked, only commit $commit"
src=/work/kiosk
staging=$(mktemp -d)
trap 'rm -rf "$staging"; cleanup' EXIT
git -C "$repo" archive --format=tar HEAD | tar -x -C "$staging"
"${as_root[@]}" mkdir -p "$root$src"
(cd "$staging" && find . ! -type d -print0) | while IFS= read -r -d '' f; do
  if ! cmp -s "$staging/$f" "$root$src/$f"; then
    "${as_root[@]}" mkdir -p "$(dirname "$root$src/$f")"
    "${as_root[@]}" rm -f "$root$src/$f"
    "${as_root[@]}" cp -P --preserve=mode "$staging/$f" "$root$src/$f"
  fi
done
(cd "$root$src" && find . \( -path ./build -o -path ./build-asan \) -prune -o ! -type d -print0) |
  while IFS= read -r -d '' f; do
    [[ -e $staging/$f || -L $staging/$f ]] || "${as_root[@]}" rm -f "$root$src/$f"
  done

# 3. What the tests need from the kernel: /proc, /sys, /dev with pts and shm (Xvfb, Chromium).
mount_in /proc -t proc proc
mount_in /sys -t sysfs sysfs
mount_in /dev --bind /dev
mount_in /dev/pts -t devpts devpts -o newinstance,ptmxmode=0666
mount_in /dev/shm -t tmpfs tmpfs -o mode=1777

in_chroot() {
  "${as_root[@]}" chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin bash -c "cd $src && $1"
}

status=0
step() {  # step NAME COMMAND
  local start=$(date +%s) rc=0
  echo "== [$release, $commit] $2"
  in_chroot "$2" 2>&1 | tee "$cache/$1.log" || rc=$?
  took[$1]="$(elapsed "$start") (exit $rc)"
  ((rc == 0)) || status=1
  return $rc
}

step build "./dev.sh build" || true
if ((status == 0)); then
  case $mode in
    unit) step unit "cd build && ctest -E '^e2e' --output-on-failure -j \$(nproc)" || true ;;
    test) step test "./dev.sh test" || true ;;
  esac
fi

echo
echo "== Debian $version ($release) check of $commit, chroot $root"
echo "   packages: $(in_chroot "dpkg-query -W -f='\${Package} \${Version}, ' libimgui-dev libsdl2-dev g++ \
  libtomlplusplus-dev libcpp-httplib-dev doctest-dev libfmt-dev nlohmann-json3-dev 2>/dev/null" || true)"
for k in chroot build unit test; do
  [[ -n ${took[$k]:-} ]] && printf '   %-7s %s\n' "$k" "${took[$k]}"
done
for k in unit test; do
  [[ -f $cache/$k.log && -n ${took[$k]:-} ]] || continue
  grep -E 'tests passed|tests failed' "$cache/$k.log" | sed "s/^/   $k: /" || true
  sed -n '/The following tests FAILED/,/^Errors while running/p' "$cache/$k.log" | sed "s/^/   /" || true
done
echo "   logs: $cache/{debootstrap,build,unit,test}.log"
exit $status
