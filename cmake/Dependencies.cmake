# Every dependency comes from a Debian package; a missing one stops configure
# with the package to install (platform/deploy/install-deps.sh installs them all).
find_package(PkgConfig)
if(NOT PkgConfig_FOUND)
  message(FATAL_ERROR "pkg-config not found: apt-get install pkg-config")
endif()

macro(kiosk_require_package found debian_package)
  if(NOT ${found})
    message(FATAL_ERROR "Missing dependency: install the Debian package '${debian_package}' "
      "(apt-get install ${debian_package}, or run platform/deploy/install-deps.sh)")
  endif()
endmacro()

find_package(SQLite3 QUIET)
kiosk_require_package(SQLite3_FOUND libsqlite3-dev)
find_package(fmt QUIET CONFIG)
kiosk_require_package(fmt_FOUND libfmt-dev)
find_package(tomlplusplus QUIET CONFIG)
kiosk_require_package(tomlplusplus_FOUND libtomlplusplus-dev)
find_package(nlohmann_json QUIET CONFIG)
kiosk_require_package(nlohmann_json_FOUND nlohmann-json3-dev)
pkg_check_modules(SODIUM QUIET IMPORTED_TARGET libsodium)
kiosk_require_package(SODIUM_FOUND libsodium-dev)
# Content packs are tar files (kiosk/common/include/common/content_pack.hpp).
pkg_check_modules(LIBARCHIVE QUIET IMPORTED_TARGET libarchive)
kiosk_require_package(LIBARCHIVE_FOUND libarchive-dev)
pkg_check_modules(QRENCODE QUIET IMPORTED_TARGET libqrencode)
kiosk_require_package(QRENCODE_FOUND libqrencode-dev)

pkg_check_modules(UTF8PROC QUIET IMPORTED_TARGET libutf8proc)
kiosk_require_package(UTF8PROC_FOUND libutf8proc-dev)

find_package(SDL2 QUIET CONFIG)
kiosk_require_package(SDL2_FOUND libsdl2-dev)
pkg_check_modules(IMGUI QUIET IMPORTED_TARGET imgui)
kiosk_require_package(IMGUI_FOUND libimgui-dev)
pkg_check_modules(STB QUIET IMPORTED_TARGET stb)
kiosk_require_package(STB_FOUND libstb-dev)
pkg_check_modules(FREETYPE QUIET IMPORTED_TARGET freetype2)
kiosk_require_package(FREETYPE_FOUND libfreetype-dev)
# The commune hub's HTTP server (Debian builds it as a library, with zlib for gzip bodies).
pkg_check_modules(HTTPLIB QUIET IMPORTED_TARGET cpp-httplib)
kiosk_require_package(HTTPLIB_FOUND libcpp-httplib-dev)
# Debian builds httplib with CPPHTTPLIB_OPENSSL_SUPPORT, and the header's inline code calls OpenSSL
# itself (0.18 on Debian 13: OPENSSL_thread_stop in every ThreadPool worker), while cpp-httplib.pc
# lists openssl only as Requires.private: so whoever includes httplib.h links libcrypto and libssl.
find_package(OpenSSL QUIET)
kiosk_require_package(OPENSSL_FOUND libssl-dev)
target_link_libraries(PkgConfig::HTTPLIB INTERFACE OpenSSL::SSL OpenSSL::Crypto)
find_package(ZLIB QUIET)
kiosk_require_package(ZLIB_FOUND zlib1g-dev)
find_package(CURL QUIET)
kiosk_require_package(CURL_FOUND libcurl4-openssl-dev)
# sd_notify: READY and the watchdog pings when systemd runs the kiosk (Type=notify); the version
# (that of systemd itself) decides which restart settings the units get (cmake/Packaging.cmake).
pkg_check_modules(SYSTEMD QUIET IMPORTED_TARGET libsystemd)
kiosk_require_package(SYSTEMD_FOUND libsystemd-dev)

# Debian ships the ImGui backends as sources; we compile them from where the package put them.
# Their names depend on the release: Debian 12 (ImGui 1.86) has imgui_impl_sdl + imgui_impl_sdlrenderer,
# Debian 13 (ImGui 1.90.1) imgui_impl_sdl2 + imgui_impl_sdlrenderer2. IMGUI_BACKEND_SDL and
# IMGUI_BACKEND_RENDERER name the ones found; platform/include/platform/imgui_compat.hpp includes the same.
find_path(IMGUI_BACKEND_SOURCES NAMES imgui_impl_sdlrenderer2.cpp imgui_impl_sdlrenderer.cpp
  PATHS /usr/share/doc/libimgui-dev/examples/backends NO_DEFAULT_PATH)
kiosk_require_package(IMGUI_BACKEND_SOURCES libimgui-dev)
find_path(IMGUI_BACKEND_HEADERS NAMES imgui_impl_sdlrenderer2.h imgui_impl_sdlrenderer.h
  PATHS /usr/include/imgui/backends NO_DEFAULT_PATH)
kiosk_require_package(IMGUI_BACKEND_HEADERS libimgui-dev)
foreach(role_and_names IN ITEMS "SDL;imgui_impl_sdl2;imgui_impl_sdl" "RENDERER;imgui_impl_sdlrenderer2;imgui_impl_sdlrenderer")
  list(POP_FRONT role_and_names role)
  unset(IMGUI_BACKEND_${role})
  foreach(name IN LISTS role_and_names)
    if(EXISTS ${IMGUI_BACKEND_SOURCES}/${name}.cpp AND EXISTS ${IMGUI_BACKEND_HEADERS}/${name}.h)
      set(IMGUI_BACKEND_${role} ${name})
      break()
    endif()
  endforeach()
  kiosk_require_package(IMGUI_BACKEND_${role} libimgui-dev)
endforeach()
message(STATUS "ImGui ${IMGUI_VERSION}: backends ${IMGUI_BACKEND_SDL}.cpp and ${IMGUI_BACKEND_RENDERER}.cpp")

find_file(KIOSK_FONT_REGULAR NotoSans-Regular.ttf PATHS /usr/share/fonts/truetype/noto NO_DEFAULT_PATH)
kiosk_require_package(KIOSK_FONT_REGULAR fonts-noto-core)
find_file(KIOSK_FONT_BOLD NotoSans-Bold.ttf PATHS /usr/share/fonts/truetype/noto NO_DEFAULT_PATH)
kiosk_require_package(KIOSK_FONT_BOLD fonts-noto-core)

if(KIOSK_BUILD_TESTS)
  find_package(doctest QUIET CONFIG)
  kiosk_require_package(doctest_FOUND doctest-dev)
  # CHECK_THROWS_AS(f()) etc. cast the expression to void only with this set; otherwise g++ 14
  # (Debian 13) reports a discarded [[nodiscard]] result there as -Werror=unused-result. g++ 12 did not.
  target_compile_definitions(doctest::doctest INTERFACE DOCTEST_CONFIG_VOID_CAST_EXPRESSIONS)
endif()
