#!/usr/bin/env bash
# Runs the fuzz targets one after the other, each for SECONDS (default 600), at the lowest CPU
# priority, logging to fuzz/logs/<target>.log. cargo-fuzz needs nightly features; on the stable
# toolchain they are unlocked with RUSTC_BOOTSTRAP=1. The targets are built without a sanitizer
# (terskel has no unsafe code; what we look for are panics, hangs and memory blow-ups) and with
# debug assertions (overflow checks).
#
#   fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(markdown html json rules config suppress check)
export RUSTC_BOOTSTRAP=1
[ -d corpus ] || ./seed.sh
mkdir -p logs
dict_of() {
  case "$1" in
    markdown | suppress | check) echo dict/markdown.dict ;;
    html) echo dict/html.dict ;;
    json) echo dict/json.dict ;;
    rules | config) echo dict/yaml.dict ;;
  esac
}
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  nice -n 19 cargo fuzz run --sanitizer none --debug-assertions "$t" "corpus/$t" -- \
    -dict="$(dict_of "$t")" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="artifacts/$t/" \
    >"logs/$t.log" 2>&1 || echo "$t: fuzzer stopped with $? (see logs/$t.log)"
  grep -E '^stat::number_of_executed_units|^Done' "logs/$t.log" | sed "s/^/$t: /" || true
  echo "$t: artifacts: $(ls "artifacts/$t" | wc -l)"
done
