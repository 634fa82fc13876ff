# Cross-build for 64-bit Raspberry Pi OS (arm64) on a Debian PC, with Debian's multiarch packages: the
# compiler from crossbuild-essential-arm64, every library as its :arm64 -dev package beside the PC's own
# (platform/deploy/install-deps.sh arm64 installs them). `./dev.sh arm64` uses this file; by hand:
#   cmake -S . -B build-arm64 -G Ninja -DCMAKE_TOOLCHAIN_FILE=platform/deploy/aarch64-toolchain.cmake
#   cmake --build build-arm64 -j2 && (cd build-arm64 && ctest -L sanitize -E '^e2e\.')
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# The arm64 libraries and CMake package files live in /usr/lib/aarch64-linux-gnu (multiarch: no sysroot).
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# pkg-config must see only the arm64 .pc files (plus the architecture-independent ones).
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# Runs the arm64 programs on the PC: doctest's test discovery at build time and ctest. Called directly,
# not through binfmt, which containers often lack. No -L: libc6:arm64 (multiarch) puts the arm64 loader
# at /lib/ld-linux-aarch64.so.1, where the programs look for it.
find_program(KIOSK_QEMU_AARCH64 qemu-aarch64-static)
if(NOT KIOSK_QEMU_AARCH64)
  message(FATAL_ERROR "qemu-aarch64-static not found: install the Debian package 'qemu-user-static' "
    "(platform/deploy/install-deps.sh arm64)")
endif()
set(CMAKE_CROSSCOMPILING_EMULATOR ${KIOSK_QEMU_AARCH64})
