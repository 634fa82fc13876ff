#!/usr/bin/env bash
# Our C++ is formatted by the committed .clang-format; fails listing the files that are not.
# The formatting is clang-format 14's (Debian 12); another major version formats some lines
# differently, so there the check is skipped (exit 77) rather than failing on a tool change.
# usage: check_format.sh SOURCE_ROOT
set -euo pipefail
cd "$1"
version=$(clang-format --version | sed -E 's/.*version ([0-9]+).*/\1/')
if [[ $version != 14 ]]; then
  echo "clang-format $version is not 14: format check skipped"
  exit 77
fi
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
unformatted=()
for file in "${files[@]}"; do
  clang-format --dry-run --Werror "$file" >/dev/null 2>&1 || unformatted+=("$file")
done
if ((${#unformatted[@]})); then
  printf 'not formatted (run: clang-format -i FILE):\n'
  printf '  %s\n' "${unformatted[@]}"
  exit 1
fi
echo "${#files[@]} files formatted"
