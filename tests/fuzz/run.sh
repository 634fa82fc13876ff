#!/usr/bin/env bash
# Fuzzes content::parseGuide, then the commune hub's upload parser (kiosk/common/include/common/usage_upload.hpp), each for a
# bounded time: the guides seeded with the bundled guides, the hub with tests/fuzz/corpus_hub/.
# Usage: tests/fuzz/run.sh [seconds per target, default 60] [more libFuzzer flags, given to both...]
# Installs clang and libFuzzer if missing, configures the "fuzz" preset (build-fuzz/), builds only
# fuzz_guide_parser and fuzz_hub_payload. A crash leaves its input in build-fuzz/fuzz-artifacts/ (the
# hub's prefixed hub-) and makes the exit status non-zero; the other target still runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true

platform/deploy/install-deps.sh fuzz
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
cmake --build build-fuzz --target fuzz_hub_payload -j "$(nproc)"  # not in the preset's target list

corpus=$(mktemp -d)
hub_corpus=$(mktemp -d)
trap 'rm -rf "$corpus" "$hub_corpus"' EXIT
shopt -s globstar nullglob
for guide in content/guides/**/*.toml; do
  name=$(basename "$guide" .toml)
  cp "$guide" "$corpus/$name.toml"
  # The harness names every input content/guides/fuzz.toml: a copy with that id can reach a good guide.
  sed -E 's/^id = ".*"/id = "fuzz"/' "$guide" >"$corpus/$name.fuzz-id.toml"
done
# Copies, so what the fuzzer adds to its corpus stays out of the source tree.
cp tests/fuzz/corpus_hub/* "$hub_corpus/"

mkdir -p build-fuzz/fuzz-artifacts
status=0
echo "fuzzing parseGuide for ${seconds}s, seeded with $(find "$corpus" -type f | wc -l) file(s)"
build-fuzz/tests/fuzz/fuzz_guide_parser "$corpus" -max_total_time="$seconds" -print_final_stats=1 \
  -dict=tests/fuzz/guide.dict -artifact_prefix=build-fuzz/fuzz-artifacts/ "$@" || status=1
echo "fuzzing parseUpload for ${seconds}s, seeded with $(find "$hub_corpus" -type f | wc -l) file(s)"
build-fuzz/tests/fuzz/fuzz_hub_payload "$hub_corpus" -max_total_time="$seconds" -print_final_stats=1 \
  -dict=tests/fuzz/hub.dict -artifact_prefix=build-fuzz/fuzz-artifacts/hub- "$@" || status=1
exit "$status"
