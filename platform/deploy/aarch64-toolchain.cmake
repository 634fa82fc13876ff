# Cross-build for 64-bit Raspberry Pi OS (arm64) on a Debian 12 PC, with Debian's multiarch packages.
# See platform/deploy/README.md ("Cross-building for the Pi") for the packages to install first.
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=platform/deploy/aarch64-toolchain.cmake \
#     -DCMAKE_BUILD_TYPE=Release
#   cmake --build build-arm64 -j "$(nproc)"
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# The arm64 libraries and CMake package files live in /usr/lib/aarch64-linux-gnu.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# pkg-config must see only the arm64 .pc files (plus the architecture-independent ones).
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# Lets ctest run the arm64 test programs on the PC (binfmt may not be registered, e.g. in containers).
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64-static)
