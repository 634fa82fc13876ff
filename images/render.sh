#!/usr/bin/env bash
# Renders every images/src/<topic>/*.svg to images/<topic>/*.png at the SVG's own size (only when the
# SVG, or a shared piece it uses, is newer). The PNGs are committed, so the kiosk needs no SVG renderer.
# Needs librsvg2-bin and fonts-noto-core (platform/deploy/install-deps.sh content).
#
# Shared pieces: images/src/shared/*.svg hold the one drawing of each app (the VNeID icon and home
# screen, the store page, the phone's home screen). A picture uses them with
#   <use href="../shared/vneid.svg#home"/>
# librsvg follows a reference into another file only one level deep (a piece that itself uses another
# piece of its file comes out empty), so each picture that uses shared pieces is rendered from a copy
# with the shared file's pieces pasted into its <defs> and "../shared/apps.svg#" made "#". Browsers and
# Inkscape open the original file as it is.
set -euo pipefail
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || ../platform/deploy/install-deps.sh content
count=0
newest_shared=$(find src/shared -name '*.svg' -printf '%T@\n' 2>/dev/null | sort -n | tail -1)
tmp=$(mktemp --suffix=.svg)

# Prints SVG $1 with every shared file it names pasted into a <defs> after its opening tag.
inline_shared() {
  /usr/bin/python3 - "$1" <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
defs = []
for name in sorted(set(re.findall(r'"\.\./shared/([a-z0-9-]+\.svg)#', page))):
    shared = open("src/shared/" + name, encoding="utf-8").read()
    body = shared[shared.index(">", shared.index("<svg")) + 1:shared.rindex("</svg>")]
    defs.append(body)
    page = page.replace('"../shared/' + name + '#', '"#')
start = page.index(">", page.index("<svg")) + 1
sys.stdout.write(page[:start] + "<defs>" + "".join(defs) + "</defs>" + page[start:])
PY
}
trap 'rm -f "$tmp"' EXIT
while IFS= read -r -d '' svg; do
  png=${svg#src/}
  png=${png%.svg}.png
  uses_shared=false
  grep -q '"\.\./shared/' "$svg" && uses_shared=true
  stale=false
  if [[ ! -f $png || $svg -nt $png ]]; then
    stale=true
  elif $uses_shared && [[ -n $newest_shared ]] &&
    (($(printf '%.0f' "$newest_shared") > $(stat -c %Y "$png"))); then
    stale=true
  fi
  $stale || continue
  # librsvg draws nothing, silently, for a missing piece: say which one instead.
  for ref in $(grep -o '"\.\./shared/[^"]*"' "$svg" | tr -d '"' | sort -u); do
    file=src/shared/${ref#../shared/} id=${file#*#} file=${file%%#*}
    if [[ ! -f $file ]] || ! grep -q "id=\"$id\"" "$file"; then
      echo "render.sh: $svg uses $ref, which does not exist" >&2
      exit 1
    fi
  done
  mkdir -p "$(dirname "$png")"
  if $uses_shared; then
    inline_shared "$svg" >"$tmp"
    rsvg-convert --format png --output "$png" "$tmp"
  else
    rsvg-convert --format png --output "$png" "$svg"
  fi
  count=$((count + 1))
done < <(find src -path src/shared -prune -o -name '*.svg' -print0 | sort -z)
echo "rendered $count picture(s)"
