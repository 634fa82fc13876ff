#!/usr/bin/env bash
# Makes the spoken narration for every step of every guide in content/guides/*.toml:
#   content/narration/<guide id>/<NN>.ogg   (NN = step number: 01, 02, …)
# Each file says "title. text" and, when the step has them, "Mẹo: tip" and "Lưu ý: warning" (see narration_texts.py),
# spoken by espeak-ng (Vietnamese voice, 140 words a minute) and stored as Ogg Vorbis (oggenc -q 0).
#
# Only steps whose guide file (or narration_texts.py, which holds the pronunciation fixes) is newer
# than their .ogg are spoken again, so a second run is quick.
# FORCE=1 remakes everything. Steps that name their own `narration` file are left alone. Generated
# files of steps that no longer exist are removed.
#
# Usage: content/tools/make-narration.sh [GUIDE.toml …]    (default: all of content/guides/*.toml)
# Needs espeak-ng and vorbis-tools: installed by platform/deploy/install-deps.sh content if missing.
set -euo pipefail

tools=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$tools/../.." && pwd)
out=$root/content/narration
python=/usr/bin/python3  # Debian's: it has tomllib (3.11+)

if ! command -v espeak-ng >/dev/null || ! command -v oggenc >/dev/null; then
  "$root/platform/deploy/install-deps.sh" content
fi

if (($# > 0)); then
  guides=("$@")
else
  shopt -s nullglob
  guides=("$root"/content/guides/*.toml)
  shopt -u nullglob
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

made=0 kept=0 removed=0 failed=0
for toml in "${guides[@]}"; do
  if ! "$python" "$tools/narration_texts.py" "$toml" >"$work/texts"; then
    echo "make-narration: skipped $toml (cannot read it)" >&2
    failed=$((failed + 1))
    continue
  fi
  id='' steps=0
  while IFS=$'\t' read -r key value; do
    case $key in
      id) id=$value ;;
      steps) steps=$value ;;
      *)
        if [[ ! $id =~ ^[a-z0-9-]+$ ]]; then
          echo "make-narration: skipped $toml (bad id '$id')" >&2
          failed=$((failed + 1))
          break
        fi
        ogg=$out/$id/$key.ogg
        if [[ -z ${FORCE:-} && -f $ogg && ! $toml -nt $ogg && ! $tools/narration_texts.py -nt $ogg ]]; then
          kept=$((kept + 1))
          continue
        fi
        mkdir -p "$out/$id"
        espeak-ng -v vi -s 140 -w "$work/step.wav" -- "$value" </dev/null
        oggenc --quiet -q 0 -o "$work/step.ogg" "$work/step.wav" </dev/null
        mv "$work/step.ogg" "$ogg"  # whole files only: the kiosk never sees half-written audio
        made=$((made + 1))
        ;;
    esac
  done <"$work/texts"

  # Generated files of steps that were deleted (NN above the step count) would only take space.
  if [[ $id =~ ^[a-z0-9-]+$ && -d $out/$id ]]; then
    for ogg in "$out/$id"/[0-9][0-9].ogg; do
      [[ -e $ogg ]] || continue
      n=$(basename "$ogg" .ogg)
      if ((10#$n > steps)); then
        rm -f -- "$ogg"
        removed=$((removed + 1))
      fi
    done
  fi
done

echo "narration: $made made, $kept up to date, $removed removed, $failed guide(s) skipped"
if [[ -d $out ]]; then
  echo "content/narration: $(find "$out" -name '*.ogg' | wc -l) file(s), $(du -sh "$out" | cut -f1)"
fi
((failed == 0))
