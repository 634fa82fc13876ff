#!/usr/bin/env bash
# "Nghe" plays the step's narration through SDL audio (SDL's disk driver stands in for a speaker and
# writes what it plays to a file); with no usable audio driver the guide goes on working.
set -euo pipefail
kiosk=$1 here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/listen.json" <<'JSON'
{"steps": [
  {"after_ms": 400, "tap": "home.tile.vneid"},
  {"tap": "guide.vneid-kich-hoat-muc-2", "via": "list.next_page"},
  {"tap": "intro.start"},
  {"tap": "step.listen"},
  {"expect": {"narration_requests": "1", "step": "1"}},
  {"wait_ms": 1500, "tap": "step.next"},
  {"expect": {"screen": "guide_step", "step": "2"}}
]}
JSON
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$work/speaker.raw" \
  "$here/run_scenario.sh" "$kiosk" "$work/listen.json" 1280x800 "$work/shots"
bytes=$(stat -c %s "$work/speaker.raw" 2>/dev/null || echo 0)
# 1.5 s of 16-bit mono at 22 kHz is about 66 kB; demand a good part of it.
((bytes > 30000)) || { echo "narration: only $bytes bytes reached the audio device"; exit 1; }
echo "narration: $bytes bytes of sound played"

# No sound device: the step that asked says so in words, the next step does not.
cat >"$work/silent.json" <<'JSON'
{"steps": [
  {"after_ms": 400, "tap": "home.tile.vneid"},
  {"tap": "guide.vneid-kich-hoat-muc-2", "via": "list.next_page"},
  {"tap": "intro.start"},
  {"expect": {"narration_failed": "0"}},
  {"tap": "step.listen"},
  {"expect": {"narration_requests": "1", "step": "1", "narration_failed": "1"}},
  {"screenshot": "no-sound"},
  {"tap": "step.next"},
  {"expect": {"screen": "guide_step", "step": "2", "narration_failed": "0"}}
]}
JSON
SDL_AUDIODRIVER=no-such-driver "$here/run_scenario.sh" "$kiosk" "$work/silent.json" 800x480 "$work/shots2"
echo "narration: passed"
