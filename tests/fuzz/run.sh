#!/usr/bin/env bash
# Fuzzes content::parseGuide for a bounded time, seeded with the bundled guides.
# Usage: tests/fuzz/run.sh [seconds, default 60] [more libFuzzer flags...]
# Installs clang and libFuzzer if missing, configures the "fuzz" preset (build-fuzz/), builds only
# fuzz_guide_parser. A crash leaves its input in build-fuzz/fuzz-artifacts/ and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true

platform/deploy/install-deps.sh fuzz
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"

corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
shopt -s globstar nullglob
for guide in content/guides/**/*.toml; do
  name=$(basename "$guide" .toml)
  cp "$guide" "$corpus/$name.toml"
  # The harness names every input content/guides/fuzz.toml: a copy with that id can reach a good guide.
  sed -E 's/^id = ".*"/id = "fuzz"/' "$guide" >"$corpus/$name.fuzz-id.toml"
done
echo "fuzzing parseGuide for ${seconds}s, seeded with $(find "$corpus" -type f | wc -l) file(s)"

mkdir -p build-fuzz/fuzz-artifacts
build-fuzz/tests/fuzz/fuzz_guide_parser "$corpus" -max_total_time="$seconds" -print_final_stats=1 \
  -dict=tests/fuzz/guide.dict -artifact_prefix=build-fuzz/fuzz-artifacts/ "$@"
