# Debian packages, built by CPack: village-kiosk (the kiosk, its guides, pictures and narration, the
# config, the service) and commune-hub (the hub and its service). `./dev.sh package` configures a
# Release tree with CMAKE_INSTALL_PREFIX=/usr and runs cpack; platform/deploy/package-check.sh installs,
# runs and purges the result in a fresh Debian chroot. The same rules make arm64 packages from an arm64
# (cross-)build: nothing here names an architecture.
set(KIOSK_DEPLOY ${PROJECT_SOURCE_DIR}/platform/deploy)
set(KIOSK_UNIT_DIR lib/systemd/system) # under the prefix: /usr/lib/systemd/system

# --- village-kiosk -----------------------------------------------------------------------------------
install(TARGETS kiosk RUNTIME DESTINATION bin COMPONENT kiosk)
# What the program reads at run time from <prefix>/share/village-kiosk (platform::bundledContentRoot):
# the guides, their narration and their pictures. Not the sources (images/src), tools or screenshots.
install(DIRECTORY content/guides DESTINATION share/village-kiosk/content COMPONENT kiosk
  FILES_MATCHING PATTERN "*.toml")
install(DIRECTORY content/narration DESTINATION share/village-kiosk/content COMPONENT kiosk
  FILES_MATCHING PATTERN "*.ogg")
foreach(topic IN ITEMS antoan dichvucong ihanoi vneid)
  install(DIRECTORY images/${topic} DESTINATION share/village-kiosk/images COMPONENT kiosk
    FILES_MATCHING PATTERN "*.png")
endforeach()
# The conffile: dpkg keeps a village's edits across updates. 0640: it may hold the hub token; the
# postinst gives it to the group village-kiosk.
install(FILES ${KIOSK_DEPLOY}/kiosk.toml.example DESTINATION /etc/kiosk RENAME kiosk.toml COMPONENT kiosk
  PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES ${KIOSK_DEPLOY}/village-kiosk.service DESTINATION ${KIOSK_UNIT_DIR} COMPONENT kiosk)
install(FILES ${KIOSK_DEPLOY}/README.md DESTINATION share/doc/village-kiosk COMPONENT kiosk)
# Gives the backlight's files to the group video, so the kiosk can turn the screen off at night
# (/usr/lib/udev/rules.d: the package's own rules, which a village's /etc/udev/rules.d may override).
install(FILES ${KIOSK_DEPLOY}/70-village-kiosk-backlight.rules DESTINATION lib/udev/rules.d COMPONENT kiosk)

# SD card care: journald's size and age limits for the card (README, "SD card care").
install(FILES ${KIOSK_DEPLOY}/journald-village-kiosk.conf DESTINATION lib/systemd/journald.conf.d
  RENAME village-kiosk.conf COMPONENT kiosk)

# --- commune-hub -------------------------------------------------------------------------------------
install(TARGETS commune-hub RUNTIME DESTINATION bin COMPONENT hub)
install(FILES ${KIOSK_DEPLOY}/commune-hub.default DESTINATION /etc/default RENAME commune-hub COMPONENT hub)
install(FILES ${KIOSK_DEPLOY}/commune-hub.service DESTINATION ${KIOSK_UNIT_DIR} COMPONENT hub)
install(FILES ${PROJECT_SOURCE_DIR}/commune/README.md DESTINATION share/doc/commune-hub COMPONENT hub)

# Restart back-off (RestartSteps=, RestartMaxDelaySec=) arrived in systemd 254: Debian 13 has it,
# Debian 12 (252) would log "Unknown key" for it. libsystemd's version is systemd's, of the release
# the package is built for (also in a cross-build, where pkg-config reads the arm64 libsystemd.pc).
if(SYSTEMD_VERSION VERSION_GREATER_EQUAL 254)
  set(KIOSK_RESTART_BACKOFF ON)
  install(FILES ${KIOSK_DEPLOY}/restart-backoff.conf
    DESTINATION ${KIOSK_UNIT_DIR}/village-kiosk.service.d COMPONENT kiosk)
  install(FILES ${KIOSK_DEPLOY}/restart-backoff.conf
    DESTINATION ${KIOSK_UNIT_DIR}/commune-hub.service.d COMPONENT hub)
else()
  set(KIOSK_RESTART_BACKOFF OFF)
endif()

# --- CPack -------------------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# apt installs a .deb over an installed one only if its version is higher: the project's version plus
# the number of commits (0.1.0+412.g1a2b3c4), rising with every commit on main. Read when CMake
# configures, which ./dev.sh package does every time.
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS ${PROJECT_SOURCE_DIR}/.git)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-list --count HEAD WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    OUTPUT_VARIABLE KIOSK_COMMITS OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=7 HEAD WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    OUTPUT_VARIABLE KIOSK_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
endif()
if(KIOSK_COMMITS AND KIOSK_COMMIT)
  set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION}+${KIOSK_COMMITS}.g${KIOSK_COMMIT})
else()
  set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
endif()
set(CPACK_PACKAGE_CONTACT "Village kiosk maintainers <maintainers@users.noreply.b-seed-107445f8.example>")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL kiosk hub)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # village-kiosk_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Library dependencies as Debian package names, computed by dpkg-shlibdeps from what the programs link.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON) # debug information stays in the build tree, not on the SD card
if(CMAKE_CROSSCOMPILING)
  # dpkg would name the build machine's architecture; the package is for the target's.
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
    set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
  elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^arm")
    set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE armhf)
  elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|amd64)$")
    set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
  endif()
  # dpkg-shlibdeps reads the target's libraries with the target's objdump when DEB_HOST_ARCH says so;
  # cpack reads this file when it runs.
  file(WRITE ${CMAKE_BINARY_DIR}/CPackProjectConfig.cmake
    "set(ENV{DEB_HOST_ARCH} ${CPACK_DEBIAN_PACKAGE_ARCHITECTURE})\n")
  set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_BINARY_DIR}/CPackProjectConfig.cmake)
endif()

set(kiosk_scripts ${KIOSK_DEPLOY}/debian/village-kiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME village-kiosk)
# Beyond the linked libraries: the fonts the theme loads by path (KIOSK_FONT_*), and what SDL loads
# at run time for the Pi's screen (kmsdrm draws through EGL + OpenGL ES with Mesa's drivers); useradd.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "fonts-noto-core, libegl1, libgles2, libgl1-mesa-dri, passwd")
# The system CAs the upload client trusts when hub.ca_file is not set.
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "ca-certificates")
# The first line is the summary; CPack indents the others as Debian wants.
set(CPACK_COMPONENT_KIOSK_DESCRIPTION "Touchscreen kiosk for a village's cultural house
Guided walkthroughs (VNeID, iHanoi, online public services, online safety) for elderly residents,
help bookings, and a hidden staff mode; sends privacy-safe usage figures to the commune hub.
Runs full screen on a Raspberry Pi without a desktop (systemd unit village-kiosk.service).")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
  ${kiosk_scripts}/conffiles ${kiosk_scripts}/postinst ${kiosk_scripts}/prerm ${kiosk_scripts}/postrm)

set(hub_scripts ${KIOSK_DEPLOY}/debian/commune-hub)
set(CPACK_DEBIAN_HUB_PACKAGE_NAME commune-hub)
set(CPACK_DEBIAN_HUB_PACKAGE_DEPENDS "passwd")
set(CPACK_COMPONENT_HUB_DESCRIPTION "Commune hub for the village kiosks
Receives the kiosks' daily usage figures over HTTPS and serves monthly and quarterly reports
(web page, CSV, text) to the commune office (systemd unit commune-hub.service).")
set(CPACK_DEBIAN_HUB_PACKAGE_CONTROL_EXTRA
  ${hub_scripts}/conffiles ${hub_scripts}/postinst ${hub_scripts}/prerm ${hub_scripts}/postrm)

include(CPack)
