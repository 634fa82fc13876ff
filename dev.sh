#!/usr/bin/env bash
# The two commands of the README:
#   ./dev.sh run  [kiosk options]   install what is missing, build, start the kiosk
#   ./dev.sh test                   install what is missing, build, run every test; then the tests
#                                   labelled "sanitize" again under ASan + UBSan
# Also: ./dev.sh bench (tests/bench), ./dev.sh build,
#       ./dev.sh package          the Debian packages village-kiosk and commune-hub in build-package/
#       ./dev.sh package-check    those packages installed, run and purged in a fresh Debian 12 chroot
#       ./dev.sh arm64 [--bench]  cross-build for the Pi (arm64) in build-arm64/, run its unit tests and one
#                                 headless scenario under qemu-user, make the arm64 .debs; --bench: also the step and booking
#                                 benchmarks, arm64 under qemu against x86 (slow: not in CI)
#       ./dev.sh sd-writes        the bytes a busy day writes to the SD card (also part of bench)
set -euo pipefail
cd "$(dirname "$0")"
jobs=$(nproc)

build() {  # build DIR [cmake options...] [-- targets...]
  local dir=$1; shift
  local options=() targets=()
  while (($#)) && [[ $1 != -- ]]; do options+=("$1"); shift; done
  (($#)) && shift && targets=(--target "$@")
  # Ninja for a new tree (it schedules two cores better than make); an existing tree keeps its generator.
  [[ -f $dir/CMakeCache.txt ]] || options+=(-G Ninja)
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${options[@]}" >/dev/null
  cmake --build "$dir" -j "$jobs" "${targets[@]}"
}

command=${1:-run}
shift || true
case $command in
  build)
    platform/deploy/install-deps.sh build
    build build ;;
  run)
    platform/deploy/install-deps.sh build
    build build
    # A developer's machine has no /etc/kiosk/kiosk.toml: then every key takes its default.
    exec build/kiosk/kiosk "$@" ;;
  test)
    platform/deploy/install-deps.sh test
    build build
    (cd build && ctest --output-on-failure -j "$jobs")
    build build-asan -DKIOSK_SANITIZE=ON -- sanitize_suite
    (cd build-asan && ctest -L sanitize --output-on-failure -j "$jobs") ;;
  bench)
    platform/deploy/install-deps.sh bench
    build build
    cmake --build build -j "$jobs" --target hub_load hub_backends usage_events_bench  # benchmark tools, not in "all"
    status=0
    tests/bench/startup_idle.sh build/kiosk/kiosk || status=1
    tests/bench/guides.sh build/kiosk/kiosk || status=1
    tests/bench/booking_slots.sh build/kiosk/kiosk build/tests/e2e/seed_bookings || status=1
    tests/bench/usage_events.sh build || status=1
    tests/bench/hub_ingest.sh build 3 || status=1
    tests/bench/hub_report.sh build 5 || status=1
    tests/bench/hub_backends.sh build || status=1
    tests/bench/sd_writes.py build/tests/e2e/outbox_driver build/commune/commune-hub || status=1
    exit $status ;;
  package)
    platform/deploy/install-deps.sh build
    # RelWithDebInfo (-O2) as the tests build it (g++ 12's -O3 warns falsely in std::string, and
    # warnings are errors); cpack strips the debug information from the packaged programs.
    build build-package -DKIOSK_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr
    rm -f build-package/*.deb  # only this commit's packages are left to install
    (cd build-package && cpack)
    ls build-package/*.deb ;;
  package-check)
    exec platform/deploy/package-check.sh "$@" ;;
  arm64)
    platform/deploy/install-deps.sh arm64
    # Two jobs and ccache: cross-compiling takes as long as the native build, on a machine others share.
    jobs=${KIOSK_ARM64_JOBS:-2}
    export CCACHE_BASEDIR=$PWD
    build build-arm64 -DCMAKE_TOOLCHAIN_FILE=platform/deploy/aarch64-toolchain.cmake \
      -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache
    # The doctest programs under qemu-aarch64-static (the toolchain's CMAKE_CROSSCOMPILING_EMULATOR).
    (cd build-arm64 && ctest -L sanitize -E '^e2e\.' --output-on-failure -j "$jobs")
    # The scripts that start the kiosk take a program to run: the arm64 one through qemu-user (binfmt is
    # often not registered, e.g. in containers).
    mkdir -p build-arm64/qemu
    for program in kiosk/kiosk tests/e2e/seed_bookings; do
      printf '#!/bin/sh\nexec qemu-aarch64-static %q "$@"\n' "$PWD/build-arm64/$program" \
        >"build-arm64/qemu/${program##*/}"
      chmod +x "build-arm64/qemu/${program##*/}"
    done
    # One resident flow end to end, headless (Xvfb): a guide in practice mode to its finish screen.
    tests/e2e/run_scenario.sh build-arm64/qemu/kiosk tests/e2e/guide_practice.json 800x480 \
      build-arm64/screenshots/guide_practice /nonexistent/kiosk.toml --content-root tests/e2e/content
    # The Debian packages for the Pi, from the same tree (cpack packs only the kiosk and hub components).
    rm -f build-arm64/*.deb
    (cd build-arm64 && cpack >/dev/null)
    ls build-arm64/*.deb
    if [[ ${1:-} == --bench ]]; then
      platform/deploy/install-deps.sh bench
      build build -- kiosk seed_bookings
      tests/bench/arm64_ratio.sh build build-arm64
    fi ;;
  sd-writes)
    platform/deploy/install-deps.sh test
    build build -- outbox_driver commune-hub
    exec tests/bench/sd_writes.py build/tests/e2e/outbox_driver build/commune/commune-hub "$@" ;;
  *)
    echo "usage: $0 run|test|bench|build|package|package-check|arm64|sd-writes" >&2; exit 2 ;;
esac
