#!/usr/bin/env bash
# The same picture on every render path (issue 13, item 4). Walks every resident screen
# (render_paths.json) on each path and compares each screenshot with the reference path's,
# pixel by pixel, allowing for antialiasing only (render_compare).
#
#   x11-software        the reference: what the kiosk uses on a PC (screen.renderer = "software")
#   offscreen-software  SDL's offscreen video driver, software renderer (headless tests, the package check)
#   x11-opengl          SDL's OpenGL renderer on Mesa's software rasteriser (llvmpipe) under Xvfb's GLX
#   x11-opengles2       SDL's OpenGL ES 2 renderer, likewise: the Pi's renderer (kmsdrm + GL ES 2 on V3D)
#   offscreen-opengles2 OpenGL ES 2 through EGL with no X server at all, as on the Pi's kmsdrm; only
#                       with RENDER_PATHS_ALL=1 (it adds a fifth of the test's time)
#
# Each path's screenshots land in SHOTS/PATH/, and a failed comparison leaves SHOTS/diff-PATH-SCREEN.png
# (the reference dimmed, differing pixels yellow, pixels beyond antialiasing red).
#
# The threshold, measured on this output at 1280x800 and 800x480 (see README, "The same picture on
# every render path"): a channel may differ by up to 8 of 255 (blending precision: OpenGL blends in
# floating point, SDL's software renderer in 8-bit integers; the largest difference measured is 4),
# and a pixel that differs more must still lie within the colours the other picture has within one
# pixel of it (an antialiased edge a fraction of a pixel off). Not one pixel may fail that.
#
# usage: render_paths.sh KIOSK RENDER_COMPARE FIXED_RANDOM_SO WIDTHxHEIGHT SHOTS
set -euo pipefail
kiosk=$1 compare=$2 fixed_random=$3 size=$4 shots=$5
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$shots"
mkdir -p "$shots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The closed page is drawn once the scenario's clock passes 11:30 (the default opening hours).
printf '[screen]\nsleep_when_closed = true\n' >"$work/software.toml"
printf '[screen]\nsleep_when_closed = true\nrenderer = "accelerated"\n' >"$work/accelerated.toml"
# Every path waits for all bundled guides to be loaded (on a worker, after the first frame).
guides=$(find "$here/../../content/guides" -name '*.toml' | wc -l)
sed "s/@GUIDES@/$guides/" "$here/render_paths.json" >"$work/render_paths.json"
export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0"

# The kiosk's clock stands still at the same moment on every path (a Monday, 09:00 in Hanoi), so the
# booking days, the free slots and the idle countdown's seconds are the same however long a path takes;
# only the scenario's advance_clock_s moves it. libfaketime leaves the monotonic clock (SDL's) alone.
# The booking code comes from fixed_random instead of libsodium's random numbers, for the same reason.
export FAKETIME="2026-12-07 02:00:00" FAKETIME_DONT_FAKE_MONOTONIC=1 TZ=UTC
preload="$fixed_random:/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"
[[ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ]] ||
  preload="$fixed_random:$(dpkg -L libfaketime 2>/dev/null | grep -m1 '/libfaketime.so.1$')"

render() {  # NAME VIDEO_DRIVER RENDER_DRIVER(software|opengl|opengles2)
  local name=$1 video=$2 renderer=$3 config=$work/software.toml wrap=()
  [[ $renderer != software ]] && config=$work/accelerated.toml
  [[ $video == x11 ]] && wrap=("$here/with_xvfb.sh" "$size")
  mkdir -p "$work/$name"
  if ! env SDL_VIDEODRIVER="$video" SDL_RENDER_DRIVER="$renderer" LD_PRELOAD="$preload" \
    "${wrap[@]}" "$kiosk" --windowed "$size" --config "$config" --data-dir "$work/$name/data" \
    --scenario "$work/render_paths.json" --screenshot-dir "$shots/$name" 2>"$work/$name/stderr"; then
    cat "$work/$name/stderr"
    echo "render_paths: the scenario failed on $name"
    return 1
  fi
  # A path SDL could not make falls back to another renderer: that would compare nothing.
  local path
  path=$(grep -m1 'render path:' "$work/$name/stderr" || true)
  echo "$name: ${path#*render path: }"
  [[ $path == *"video driver $video, renderer $renderer"* ]] ||
    { echo "render_paths: $name did not run on $video + $renderer"; return 1; }
  [[ $renderer == software || $path == *llvmpipe* ]] ||
    { echo "render_paths: $name is not on Mesa's llvmpipe"; return 1; }
  # The page a kiosk that cannot start shows ("Máy tạm ngừng phục vụ"), drawn on the same path.
  if env KIOSK_FAIL_AT_START="render_paths" SDL_VIDEODRIVER="$video" SDL_RENDER_DRIVER="$renderer" \
    LD_PRELOAD="$preload" "${wrap[@]}" "$kiosk" --windowed "$size" --config "$config" \
    --data-dir "$work/$name/data" --screenshot "$shots/$name/23-out-of-service.png" 2>"$work/$name/stderr"; then
    echo "render_paths: the out-of-service run of $name exited 0"
    return 1
  fi
  [[ -s $shots/$name/23-out-of-service.png ]] ||
    { cat "$work/$name/stderr"; echo "render_paths: no out-of-service page on $name"; return 1; }
}

paths=(x11-software:x11:software offscreen-software:offscreen:software x11-opengl:x11:opengl
  x11-opengles2:x11:opengles2)
[[ ${RENDER_PATHS_ALL:-} == 1 ]] && paths+=(offscreen-opengles2:offscreen:opengles2)
for entry in "${paths[@]}"; do
  IFS=: read -r name video renderer <<<"$entry"
  render "$name" "$video" "$renderer"
done

reference=$shots/x11-software
mapfile -t screens < <(cd "$reference" && ls -- *.png)
((${#screens[@]} == 23)) || { echo "render_paths: expected 23 screenshots, got ${#screens[@]}"; exit 1; }
failed=0
for entry in "${paths[@]:1}"; do
  name=${entry%%:*}
  for screen in "${screens[@]}"; do
    "$compare" "$reference/$screen" "$shots/$name/$screen" --diff "$work/diff.png" >"$work/result" ||
      { failed=1; cp "$work/diff.png" "$shots/diff-$name-$screen"; echo "DIFFERS: $(cat "$work/result")"; }
  done
  echo "$name: ${#screens[@]} screens compared with x11-software"
done
((failed == 0)) || { echo "render_paths: some screens differ beyond antialiasing ($shots)"; exit 1; }
echo "render_paths: passed at $size"
