#!/usr/bin/env bash
# Runs the steps of action.yml by hand, as GitHub would on a warm run: a throwaway repository
# with a pull request that changes two ads and a README, a fake GITHUB_OUTPUT, GITHUB_PATH and
# GITHUB_STEP_SUMMARY, and the cache directory pre-filled with a terskel binary (what
# actions/cache restores on the second run of a version). Checks what each step writes and
# prints how long the warm run took. No network, no Rust toolchain needed by the steps.
#
# Usage: bash .ci/action/test.sh [TERSKEL_BINARY]   (default: target/debug/terskel)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
binary="$(cd "$(dirname "${1:-$here/target/debug/terskel}")" && pwd)/$(basename "${1:-terskel}")"
[ -x "$binary" ] || { echo "no terskel binary at $binary (cargo build first)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

export ACTION_PATH="$here" RUNNER_TOOL_CACHE="$work/toolcache" RUNNER_TEMP="$work/tmp"
export GITHUB_OUTPUT="$work/output" GITHUB_PATH="$work/path" GITHUB_STEP_SUMMARY="$work/summary"
mkdir -p "$RUNNER_TEMP"
: > "$GITHUB_OUTPUT"; : > "$GITHUB_PATH"; : > "$GITHUB_STEP_SUMMARY"
output() { sed -n "s/^$1=//p" "$GITHUB_OUTPUT" | tail -n 1; }

# The repository of a pull request: base commit, then a commit changing one ad, adding one, and
# touching a README and a file that is not an ad.
repo="$work/repo"
mkdir -p "$repo/annonser"
cp "$here/corpus/nb/renholder-forerkort.md" "$repo/annonser/renholder.md"
cp "$here/corpus/nb/helsefagarbeider-sykehjem.md" "$repo/annonser/uendret.md"
echo "# Annonser" > "$repo/README.md"
git -C "$repo" init -q
git -C "$repo" -c user.name=t -c user.email=t@t add -A
git -C "$repo" -c user.name=t -c user.email=t@t commit -qm base
base="$(git -C "$repo" rev-parse HEAD)"
echo "- Vi tilbyr opplæring." >> "$repo/annonser/renholder.md"
cp "$here/corpus/nb/barnehageassistent-bachelor.md" "$repo/annonser/ny.md"
echo "Mer tekst." >> "$repo/README.md"
echo "x" > "$repo/annonser/notat.csv"
git -C "$repo" -c user.name=t -c user.email=t@t add -A
git -C "$repo" -c user.name=t -c user.email=t@t commit -qm pr
cd "$repo"

start=$(date +%s%N)
# Step: terskel version.
bash "$ACTION_PATH/.ci/action/version.sh"
version="$(output version)"; dir="$(output dir)"
[ "$version" = "$(sed -n 's/^version = "\(.*\)"$/\1/p' "$here/Cargo.toml" | head -n 1)" ] || fail "version $version"
# Step: actions/cache restores the binary of this version (the pre-filled cache).
mkdir -p "$dir/bin" && cp "$binary" "$dir/bin/terskel"
# Step: Install terskel, with no cargo on the PATH: a warm run must not need Rust.
PATH="/usr/bin:/bin" TERSKEL_VERSION="$version" TERSKEL_DIR="$dir" bash "$ACTION_PATH/.ci/action/install.sh"
[ "$(output installed)" = "cache" ] || fail "the warm run installed: $(output installed)"
grep -qx "$dir/bin" "$GITHUB_PATH" || fail "terskel not added to GITHUB_PATH"
export PATH="$dir/bin:$PATH"
# Step: Find the ads to check: only the two changed ads.
TERSKEL_PATHS="." TERSKEL_ALL=false BASE_SHA="$base" TERSKEL_LIST="$RUNNER_TEMP/files.txt" \
  bash "$ACTION_PATH/.ci/action/changed.sh"
[ "$(output count)" = "2" ] || fail "changed ads: $(cat "$RUNNER_TEMP/files.txt")"
[ "$(sort "$RUNNER_TEMP/files.txt" | tr '\n' ' ')" = "annonser/ny.md annonser/renholder.md " ] \
  || fail "changed ads: $(cat "$RUNNER_TEMP/files.txt")"
# Step: Check the ads: one run, annotations on stdout, summary, outputs, SARIF.
set +e
TERSKEL_LIST="$RUNNER_TEMP/files.txt" TERSKEL_FAIL_ON=warning TERSKEL_ARGS="" \
  TERSKEL_SARIF="terskel.sarif" TERSKEL_OUT="$RUNNER_TEMP/terskel" \
  bash "$ACTION_PATH/.ci/action/check.sh" > "$work/annotations"
status=$?
set -e
end=$(date +%s%N)
[ "$status" = "1" ] || fail "exit code $status with --fail-on warning"
grep -q '^::warning file=annonser/ny.md,' "$work/annotations" || fail "no annotation for ny.md"
grep -q 'file=annonser/uendret.md' "$work/annotations" && fail "an unchanged ad was annotated"
for key in findings errors warnings sarif-file; do
  [ -n "$(output "$key")" ] || fail "output $key missing"
done
[ "$(output findings)" = "$(grep -c '^::' "$work/annotations")" ] || fail "findings $(output findings)"
[ -s terskel.sarif ] && jq -e '.runs[0].results | length > 0' terskel.sarif > /dev/null || fail "SARIF"
[ -s "$(output report)" ] || fail "no full report"
grep -q "^## " "$GITHUB_STEP_SUMMARY" || fail "empty job summary"
grep -q "uendret" "$GITHUB_STEP_SUMMARY" && fail "the summary names an unchanged ad"
size=$(wc -c < "$GITHUB_STEP_SUMMARY")
[ "$size" -lt 1048576 ] || fail "summary of $size bytes"

# `all: true` checks the unchanged ad too; a pull request without ads checks nothing.
: > "$GITHUB_OUTPUT"
TERSKEL_PATHS="annonser" TERSKEL_ALL=true BASE_SHA="$base" TERSKEL_LIST="$RUNNER_TEMP/all.txt" \
  bash "$ACTION_PATH/.ci/action/changed.sh"
[ "$(cat "$RUNNER_TEMP/all.txt")" = "annonser" ] || fail "all: $(cat "$RUNNER_TEMP/all.txt")"
: > "$GITHUB_OUTPUT"
TERSKEL_PATHS="." BASE_SHA="HEAD" TERSKEL_LIST="$RUNNER_TEMP/none.txt" \
  bash "$ACTION_PATH/.ci/action/changed.sh"
[ "$(output count)" = "0" ] || fail "no change: $(output count)"
TERSKEL_LIST="$RUNNER_TEMP/none.txt" TERSKEL_OUT="$RUNNER_TEMP/none" \
  bash "$ACTION_PATH/.ci/action/check.sh" > /dev/null || fail "nothing to check must pass"
[ "$(output findings)" = "0" ] || fail "no ads, findings $(output findings)"

ms=$(( (end - start) / 1000000 ))
echo "action steps OK: warm run (version, cache, install, changed ads, check) took ${ms} ms; summary ${size} bytes"
