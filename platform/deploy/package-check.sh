#!/usr/bin/env bash
# Checks the Debian packages as a technician would meet them: builds them (./dev.sh package), copies a
# fresh minimal Debian 12 system (debootstrap once, cached; nothing of ours in it) and there
#   1. apt installs ./village-kiosk_*.deb ./commune-hub_*.deb, pulling their dependencies;
#   2. checks the files, users, folders, conffiles and enabled units; `systemd-analyze verify` on both;
#      the backlight's udev rule installed and read by udev without a complaint;
#   3. runs the installed kiosk as its user, headless (SDL offscreen), through a scenario to a guide's
#      step read from /usr/share/village-kiosk, and checks the screenshots; starts the installed hub as
#      its user and reads /health over loopback;
#   4. boots that system with systemd as PID 1 in a container (systemd-nspawn) and checks the units
#      for real: both services start, the kiosk counts as started only after its first frame
#      (Type=notify), the hub answers /health, and a kiosk whose frame loop hangs is killed by the
#      watchdog and restarted, and the kiosk's sandbox keeps its backlight's folder; then stops them;
#   5. removes the packages (config and data stay), then purges them, and checks that nothing is left
#      but the data folders and the system users, as Debian policy keeps them.
#
# Usage: platform/deploy/package-check.sh [--debs DIR] [--no-boot] [--fresh] [--keep] [--cache DIR] [--mirror URL]
#   --debs DIR    check the .debs in DIR instead of building them with ./dev.sh package
#   --no-boot     skip step 4 (for a machine where systemd-nspawn cannot run)
#   --fresh       make the cached base system again (debootstrap)
#   --keep        keep the work copy of the system afterwards (for a look around)
#   --cache DIR   where the base system, the work copy and the downloaded packages live
#                 (default /var/cache/kiosk-package-check)
#   --mirror URL  Debian mirror (default: the one /etc/apt uses for the host's own Debian)
# Runs as root, or uses sudo. Mounts are undone on exit. Not in CI: it takes minutes. In the container
# the kiosk draws with SDL's offscreen driver (no screen there): the Pi's kmsdrm path is not covered.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

cache=/var/cache/kiosk-package-check mirror= fresh=0 keep=0 debs= boot_check=1
while (($#)); do
  case $1 in
    --debs) debs=$(realpath "$2"); shift ;;
    --no-boot) boot_check=0 ;;
    --fresh) fresh=1 ;;
    --keep) keep=1 ;;
    --cache) cache=$2; shift ;;
    --mirror) mirror=$2; shift ;;
    *) sed -n '2,26p' "$0" >&2; exit 2 ;;
  esac
  shift
done

as_root=()
[[ $(id -u) == 0 ]] || as_root=(sudo)
release=bookworm

source platform/deploy/host-mirror.sh  # $mirror: the host's own Debian mirror unless --mirror
for tool in debootstrap identify curl systemd-nspawn; do
  command -v $tool >/dev/null || [[ -x /usr/sbin/$tool ]] || {
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
      debootstrap imagemagick curl systemd-container
    break
  }
done

cache=$(realpath -m "$cache")
base=$cache/base-$release root=$cache/work archives=$cache/archives
log=$cache/check.log
failures=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect() {  # expect "what" command...: passes when the command succeeds
  local what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

# 1. The packages.
if [[ -z $debs ]]; then
  echo "== ./dev.sh package"
  ./dev.sh package
  debs=$repo/build-package
fi
kiosk_deb=$(ls -t "$debs"/village-kiosk_*.deb | head -1)
hub_deb=$(ls -t "$debs"/commune-hub_*.deb | head -1)
echo "== Checking $(basename "$kiosk_deb") and $(basename "$hub_deb") on Debian 12 ($release)"

# 2. The base system: debootstrap once. systemd is in it, as init, because every Raspberry Pi OS has
# it (deb-systemd-helper, systemd-analyze, and a boot in a container below); nothing of ours is.
mounted=() nspawn_pid=
cleanup() {
  local i pids
  [[ -z $nspawn_pid ]] || halt_container
  pids=$("${as_root[@]}" bash -c 'for p in /proc/[0-9]*; do
    [[ $(readlink "$p/root" 2>/dev/null) == "$1" ]] && echo "${p#/proc/}"; done; true' - "$root")
  [[ -z $pids ]] || "${as_root[@]}" kill -KILL $pids 2>/dev/null || true
  unmount_all
  if ((!keep)) && [[ -d $root ]]; then "${as_root[@]}" rm -rf --one-file-system "$root"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${as_root[@]}" mkdir -p "$cache" "$archives"
if ((fresh)); then "${as_root[@]}" rm -rf --one-file-system "$base"; fi
if [[ ! -e $base/.kiosk-base-ready ]]; then
  echo "== Making a minimal Debian 12 system in $base from $mirror"
  "${as_root[@]}" rm -rf --one-file-system "$base"
  "${as_root[@]}" env PATH="/usr/sbin:/sbin:$PATH" debootstrap --variant=minbase --include=systemd,systemd-sysv \
    "$release" "$base" "$mirror" >"$cache/debootstrap.log" 2>&1 || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  "${as_root[@]}" tee "$base/etc/apt/sources.list" >/dev/null <<EOF
deb $mirror $release main
deb $mirror $release-updates main
deb ${mirror%/debian}/debian-security $release-security main
EOF
  # No daemon starts inside the chroot while packages install.
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$base/usr/sbin/policy-rc.d" >/dev/null
  "${as_root[@]}" chmod 755 "$base/usr/sbin/policy-rc.d"
  "${as_root[@]}" rm -f "$base"/var/cache/apt/archives/*.deb
  "${as_root[@]}" touch "$base/.kiosk-base-ready"
fi

# A fresh copy for every run, so no earlier run's leftovers hide this one's.
"${as_root[@]}" rm -rf --one-file-system "$root"
"${as_root[@]}" cp -a "$base" "$root"
"${as_root[@]}" cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mount_in() {  # mount_in TARGET mount-arguments...
  local target=$root$1; shift
  "${as_root[@]}" mkdir -p "$target"
  "${as_root[@]}" mount "$@" "$target"
  mounted+=("$target")
}
unmount_all() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    "${as_root[@]}" umount "${mounted[i]}" 2>/dev/null || "${as_root[@]}" umount -l "${mounted[i]}" || true
  done
  mounted=()
}
mount_all() {  # for the chroot; a container boots with none of them (it makes its own /dev)
  mount_in /proc -t proc proc
  mount_in /sys -t sysfs sysfs
  mount_in /dev --bind /dev
  mount_in /dev/pts -t devpts devpts -o newinstance,ptmxmode=0666
  mount_in /dev/shm -t tmpfs tmpfs -o mode=1777
  mount_in /var/cache/apt/archives --bind "$archives"  # downloads are kept between runs
}
mount_all
"${as_root[@]}" mkdir -p "$root/tmp/check"
"${as_root[@]}" cp "$kiosk_deb" "$hub_deb" platform/deploy/package-check.json "$root/tmp/check/"

in_chroot() {
  "${as_root[@]}" chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin bash -c "$1"
}
# Every path of the system but the kernel's, the scratch folders and apt's own caches.
snapshot() {
  in_chroot "find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp \
    -o -path /var/cache/apt -o -path /var/lib/apt/lists \) -prune -o -print | LC_ALL=C sort"
}
# The same system booted with systemd as PID 1 in a container. /run/systemd/nspawn must be a tmpfs
# (it is not in some build containers): a private mount namespace gets one. No registration with
# machined and no scope unit of its own: the host may have no system bus.
container=
container_init() {  # the container's PID 1, seen from here
  "${as_root[@]}" bash -c 'for p in /proc/[0-9]*; do
    [[ $(cat "$p/comm" 2>/dev/null) == systemd-nspawn ]] || continue
    tr "\0" " " <"$p/cmdline" | grep -q -- "-D $1 " || continue
    for c in $(cat "$p"/task/*/children 2>/dev/null); do
      [[ $(cat "/proc/$c/comm" 2>/dev/null) == systemd ]] && echo "$c"
    done
  done; true' - "$root"
}
in_container() {
  "${as_root[@]}" nsenter -t "$container" -a /usr/bin/env -i LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin bash -c "$1"
}
boot() {
  local _ state
  unmount_all
  "${as_root[@]}" unshare -m --propagation private sh -c 'mkdir -p /run/systemd/nspawn &&
    mount -t tmpfs tmpfs /run/systemd/nspawn && exec systemd-nspawn -q -D "$1" --boot --register=no \
    --keep-unit --private-network' - "$root" >>"$cache/boot.log" 2>&1 &
  nspawn_pid=$!
  container=
  for _ in $(seq 150); do
    container=$(container_init)
    [[ -n $container ]] && break
    sleep 0.2
  done
  [[ -n $container ]] || return 1
  for _ in $(seq 120); do  # systemctl fails until PID 1 has made its socket; then --wait waits
    state=$(in_container "timeout 120 systemctl is-system-running --wait" 2>/dev/null || true)
    [[ $state == running ]] && return 0
    if [[ $state == degraded ]]; then
      echo "the container booted degraded: $(in_container "systemctl --failed --plain --no-legend" | awk '{print $1}')"
      return 1
    fi
    sleep 0.5
  done
  return 1
}
halt_container() {
  local _
  [[ -n $container ]] && in_container "systemctl poweroff" >/dev/null 2>&1 || true
  for _ in $(seq 150); do [[ -d /proc/$nspawn_pid ]] || break; sleep 0.2; done
  if [[ -d /proc/$nspawn_pid ]]; then "${as_root[@]}" kill -TERM "$nspawn_pid" 2>/dev/null || true; fi
  wait "$nspawn_pid" 2>/dev/null || true
  nspawn_pid= container=
  mount_all
}
kiosk_pkg=/tmp/check/$(basename "$kiosk_deb") hub_pkg=/tmp/check/$(basename "$hub_deb")

: >"$log"
in_chroot "apt-get update -qq" >>"$log" 2>&1

# 3. What apt pulls in for the two packages, installed first, so that the snapshot before ours holds
# every dependency and the purge can be compared file by file.
plan=$(in_chroot "apt-get install -s --no-install-recommends $kiosk_pkg $hub_pkg" 2>>"$log")
pulled=$(awk '$1 == "Inst" {print $2}' <<<"$plan" | grep -v -x -e village-kiosk -e commune-hub || true)
echo "apt pulls $(wc -w <<<"$pulled") packages with them, among them:" \
  $(grep -E -o '^(libsdl2-2[^ ]*|libcurl4|libsqlite3-0|fonts-noto-core|libgl1-mesa-dri|libsystemd0)$' <<<"$pulled" | sort -u)
for needed in libsdl2-2.0-0 fonts-noto-core libcurl4 libgles2 libgl1-mesa-dri; do
  grep -q -x -- "$needed" <<<"$pulled" || in_chroot "dpkg -s $needed >/dev/null 2>&1" ||
    fail "apt would not install $needed for village-kiosk"
done
# udev too, as on every Raspberry Pi OS: it reads the kiosk's backlight rule (a container skips its
# daemon, /sys being read-only there).
in_chroot "apt-get install -y -qq --no-install-recommends udev $(tr '\n' ' ' <<<"$pulled")" >>"$log" 2>&1
if ((boot_check)); then  # a first boot leaves systemd's own files (journal, random seed): not ours
  boot || fail "the system does not boot in a container (see $cache/boot.log; --no-boot skips this)"
  halt_container
fi
before=$(snapshot)

# 4. Install ours, as the README says: apt install ./village-kiosk_*.deb.
if in_chroot "apt-get install -y --no-install-recommends $kiosk_pkg $hub_pkg" >>"$log" 2>&1; then
  pass "apt install of both packages"
else
  fail "apt install of both packages (see $log)"; tail -20 "$log"; exit 1
fi

expect "the kiosk is /usr/bin/kiosk and runs" in_chroot "kiosk --version | grep -q '^kiosk '"
guides=$(in_chroot "ls /usr/share/village-kiosk/content/guides/*.toml | wc -l")
ogg=$(in_chroot "find /usr/share/village-kiosk/content/narration -name '*.ogg' | wc -l")
png=$(in_chroot "find /usr/share/village-kiosk/images -name '*.png' | wc -l")
expect "$guides guides, $ogg narrations, $png pictures under /usr/share/village-kiosk" \
  test "$guides" -eq "$(ls content/guides/*.toml | wc -l)" -a "$ogg" -gt 0 -a "$png" -gt 0
expect "journald's limits for the SD card are installed, and journald reads them" \
  in_chroot "systemd-analyze cat-config systemd/journald.conf | grep -q '^SystemMaxUse=64M'"
expect "/etc/kiosk/kiosk.toml is a conffile" \
  in_chroot "dpkg-query -W -f='\${Conffiles}' village-kiosk | grep -q /etc/kiosk/kiosk.toml"
expect "/etc/default/commune-hub is a conffile" \
  in_chroot "dpkg-query -W -f='\${Conffiles}' commune-hub | grep -q /etc/default/commune-hub"
expect "the config is root:village-kiosk 0640" \
  test "$(in_chroot "stat -c '%U:%G %a' /etc/kiosk/kiosk.toml")" = "root:village-kiosk 640"
for who in village-kiosk commune-hub; do
  expect "system user $who, owning /var/lib/$who (0750)" \
    test "$(in_chroot "stat -c '%U:%G %a' /var/lib/$who")" = "$who:$who 750"
  expect "$who.service enabled" in_chroot "test -L /etc/systemd/system/multi-user.target.wants/$who.service"
done
expect "village-kiosk is in the groups video and audio" \
  in_chroot "id -nG village-kiosk | grep -qw video && id -nG village-kiosk | grep -qw audio"
verify=$(in_chroot "systemd-analyze verify /usr/lib/systemd/system/village-kiosk.service \
  /usr/lib/systemd/system/commune-hub.service" 2>&1) && [[ -z $verify ]] &&
  pass "systemd-analyze verify on both installed units: no complaint" ||
  fail "systemd-analyze verify: $verify"
# The backlight rule: installed, and udev reads it without a complaint (udevadm test reads every rule
# file and names the file and line of each it cannot parse; `udevadm verify` is systemd 254's).
rules=/usr/lib/udev/rules.d/70-village-kiosk-backlight.rules
expect "the backlight rule is $rules" in_chroot "dpkg -S $rules >/dev/null && test -f $rules"
udev_out=$(in_chroot "udevadm test --action=add /sys/class/net/lo 2>&1" || true)
if grep -q "Reading rules file: $rules" <<<"$udev_out" && ! grep -q "$rules:" <<<"$udev_out"; then
  pass "udev reads the backlight rule without a complaint"
else
  fail "udev and the backlight rule: $(grep -F "$rules" <<<"$udev_out" || echo 'not read')"
fi
expect "the installed content checks clean" in_chroot "kiosk --check-content /usr/share/village-kiosk >/dev/null"
expect "the installed config checks clean" in_chroot "kiosk --check-config /etc/kiosk/kiosk.toml >/dev/null"

# 5. The kiosk as its service would run it, but on SDL's offscreen driver: no screen in a chroot. The
# source tree it was built from is not in the chroot, so its guides can only come from /usr/share.
shots=/tmp/check/shots
in_chroot "install -d -o village-kiosk $shots"
if in_chroot "cd /var/lib/village-kiosk && runuser -u village-kiosk -- env SDL_VIDEODRIVER=offscreen \
    XDG_DATA_HOME=/var/lib kiosk --config /etc/kiosk/kiosk.toml --windowed 1280x800 \
    --scenario /tmp/check/package-check.json --screenshot-dir $shots" >"$cache/kiosk.log" 2>&1; then
  pass "the installed kiosk ran the scenario as village-kiosk (home, a guide's first step)"
else
  fail "the installed kiosk's scenario (see $cache/kiosk.log)"
fi
# Warnings (a guide not yet compared with the real app) are the content's state, not the install's.
expect "the installed kiosk reported no content, config or database error" \
  test -z "$(grep -E 'kiosk: (content|config|database):' "$cache/kiosk.log" | grep -v ': warning: ')"
for shot in home step-1; do
  file=$root$shots/$shot.png
  if [[ -f $file ]]; then
    colours=$(identify -format '%k' "$file")
    size=$(identify -format '%wx%h' "$file")
    expect "screenshot $shot: $size, $colours colours" test "$size" = 1280x800 -a "$colours" -gt 50
    "${as_root[@]}" cp "$file" "$cache/$shot.png"
  else
    fail "no screenshot $shot"
  fi
done
expect "the kiosk made its database in /var/lib/village-kiosk" \
  test "$(in_chroot "stat -c %U /var/lib/village-kiosk/kiosk.db" 2>/dev/null)" = village-kiosk

# The hub as its service would run it (its ExecStart, with port 0: any free port).
# setpriv exec()s (runuser would fork): $! is the hub itself, to be stopped by its pid.
in_chroot "set -a; . /etc/default/commune-hub; cd /var/lib/commune-hub; exec setpriv --reuid=commune-hub \
  --regid=commune-hub --init-groups -- commune-hub serve --data /var/lib/commune-hub \
  --listen 127.0.0.1:0 \$HUB_OPTIONS" >"$cache/hub.out" 2>>"$log" &
hub=$!
for _ in $(seq 150); do grep -q 'listening on' "$cache/hub.out" 2>/dev/null && break; sleep 0.2; done
address=$(grep -o 'listening on [0-9.:]*' "$cache/hub.out" | awk '{print $3}' || true)
if [[ -n $address ]] && [[ $(curl -s -o /dev/null -w '%{http_code}' "http://$address/health") == 200 ]]; then
  pass "the installed hub answers /health with 200 on $address"
else
  fail "the installed hub's /health (address '${address}'; it said: $(cat "$cache/hub.out"))"
fi
kill -TERM $hub 2>/dev/null || true
wait $hub || true
expect "the hub made hub.sqlite as commune-hub" \
  test "$(in_chroot "stat -c %U /var/lib/commune-hub/hub.sqlite" 2>/dev/null)" = commune-hub

# An update runs the same maintainer scripts as installing over an installed version (postinst
# configure with the old version): reinstalling these .debs over a village's edited config must keep
# the edit, the config's owner and mode, the data and the enabled unit.
in_chroot "sed -i 's/^village = .*/village = \"Thon Kiem Tra\"/' /etc/kiosk/kiosk.toml"
in_chroot "dpkg -i $kiosk_pkg $hub_pkg" >>"$log" 2>&1 || fail "dpkg -i over the installed packages"
expect "an update keeps the village's config edit, its owner and mode, the data and the enabled unit" \
  in_chroot "grep -q '^village = \"Thon Kiem Tra\"' /etc/kiosk/kiosk.toml &&
    test \"\$(stat -c '%U:%G %a' /etc/kiosk/kiosk.toml)\" = 'root:village-kiosk 640' &&
    test -f /var/lib/village-kiosk/kiosk.db -a -f /var/lib/commune-hub/hub.sqlite &&
    test -L /etc/systemd/system/multi-user.target.wants/village-kiosk.service"
expect "no .dpkg-old or .dpkg-new config beside it" in_chroot "! ls /etc/kiosk /etc/default | grep -q dpkg-"

# 6. Under systemd: the installed units as they are, but for one drop-in: a container has no screen,
# so the kiosk draws with SDL's offscreen driver instead of kmsdrm.
if ((boot_check)); then
  dropin=/etc/systemd/system/village-kiosk.service.d
  in_chroot "mkdir -p $dropin && printf '[Service]\nEnvironment=SDL_VIDEODRIVER=offscreen\n' >$dropin/package-check.conf"
  if boot; then
    pass "the system with both packages boots (systemd $(in_container "systemctl --version | awk 'NR==1 {print \$2}'"))"
    for unit in village-kiosk commune-hub; do
      state=$(in_container "for i in \$(seq 100); do systemctl is-active --quiet $unit && break; sleep 0.2; done;
        systemctl is-active $unit" || true)
      expect "$unit.service is active under systemd" test "$state" = active
    done
    journal=$(in_container "journalctl -b -o cat -u village-kiosk.service")
    frame=$(grep -n 'first frame presented' <<<"$journal" | head -1 | cut -d: -f1)
    started=$(grep -n '^Started village-kiosk.service' <<<"$journal" | head -1 | cut -d: -f1)
    expect "Type=notify: systemd counts the kiosk as started after its first frame (journal lines $frame, $started)" \
      test -n "$frame" -a -n "$started" -a "${started:-0}" -gt "${frame:-0}"
    health=$(in_container "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.0\r\n\r\n' >&3 &&
      head -1 <&3" | tr -d '\r' || true)
    expect "the hub's service answers /health on 127.0.0.1:8080 ($health)" grep -q ' 200' <<<"$health"
    in_container "systemd-analyze security village-kiosk.service commune-hub.service --no-pager" 2>/dev/null |
      grep -i 'overall exposure' | sed 's/^/   /' || true
    # The backlight under the sandbox: ProtectKernelTunables= makes /sys read-only, ReadWritePaths=
    # gives the kiosk /sys/devices/platform back as a mount of its own (read-only here too: a
    # container's sysfs is; on a Pi it is writable).
    expect "the kiosk's sandbox has /sys/devices/platform as its own mount (its backlight)" \
      in_container "grep -q ' /sys/devices/platform ' /proc/\$(systemctl show -p MainPID --value village-kiosk)/mountinfo"
    # A frame loop that hangs 3 s after start: the watchdog (WatchdogSec=15) must kill and restart it.
    in_container "printf '[Service]\nEnvironment=KIOSK_TEST_HANG_AFTER_S=3\n' >$dropin/hang.conf &&
      systemctl daemon-reload && systemctl restart village-kiosk"
    restarts=$(in_container "for i in \$(seq 60); do
      [ \"\$(systemctl show -p NRestarts --value village-kiosk)\" -ge 1 ] && break; sleep 1; done;
      systemctl show -p NRestarts --value village-kiosk")
    watchdog=$(in_container "journalctl -b -o cat -u village-kiosk.service | grep -m1 -i 'watchdog timeout'" || true)
    expect "a hung kiosk is killed by the watchdog and restarted ($watchdog; NRestarts=$restarts)" \
      test -n "$watchdog" -a "${restarts:-0}" -ge 1
    in_container "rm $dropin/hang.conf && systemctl daemon-reload && systemctl restart village-kiosk &&
      systemctl stop village-kiosk commune-hub"
    for unit in village-kiosk commune-hub; do
      result=$(in_container "systemctl show -p Result --value $unit")
      expect "$unit.service stops cleanly on SIGTERM (Result=$result)" test "$result" = success
    done
    halt_container
  else
    fail "the system with both packages does not boot (see $cache/boot.log)"
    halt_container
  fi
  in_chroot "rm -r $dropin"
fi

# 7. Remove: the programs go, the config and the data stay. Purge: the config goes too.
in_chroot "apt-get remove -y village-kiosk commune-hub" >>"$log" 2>&1 || fail "apt-get remove"
expect "after remove: no /usr/bin/kiosk, no /usr/share/village-kiosk" \
  in_chroot "test ! -e /usr/bin/kiosk -a ! -e /usr/share/village-kiosk -a ! -e /usr/bin/commune-hub"
expect "after remove: the conffiles and the data are still there" \
  in_chroot "test -f /etc/kiosk/kiosk.toml -a -f /etc/default/commune-hub -a -f /var/lib/village-kiosk/kiosk.db"
in_chroot "apt-get purge -y village-kiosk commune-hub" >>"$log" 2>&1 || fail "apt-get purge"
expect "after purge: no /etc/kiosk, no /etc/default/commune-hub" \
  in_chroot "test ! -e /etc/kiosk -a ! -e /etc/default/commune-hub"
expect "after purge: the data is kept" \
  in_chroot "test -f /var/lib/village-kiosk/kiosk.db -a -f /var/lib/commune-hub/hub.sqlite"
expect "after purge: the system users are kept (they own the data)" \
  in_chroot "getent passwd village-kiosk >/dev/null && getent passwd commune-hub >/dev/null"

after=$(snapshot)
# What may differ: the data folders, and dpkg's, apt's and the logs' own records.
allowed='^/var/lib/(village-kiosk|commune-hub)(/|$)|^/var/lib/dpkg/|^/var/log/|^/var/cache/(debconf|ldconfig)/'
left=$(LC_ALL=C comm -13 <(echo "$before") <(echo "$after") | grep -v -E "$allowed" || true)
gone=$(LC_ALL=C comm -23 <(echo "$before") <(echo "$after") | grep -v -E "$allowed" || true)
if [[ -z $left && -z $gone ]]; then
  pass "after purge nothing else is left, and nothing of the system is missing"
else
  [[ -z $left ]] || fail "left after purge: $(echo $left)"
  [[ -z $gone ]] || fail "missing after purge: $(echo $gone)"
fi

echo
echo "== package check: $failures failure(s); screenshots $cache/{home,step-1}.png; log $log"
((failures == 0))
