#!/usr/bin/env bash
# terskel against ripgrep on a generated corpus, and memory on a 1 GB JSON Lines export.
#
#   bash benches/compare.sh              # 10 000 ads and a 1 GiB JSONL (a few minutes on 2 cores)
#   ADS=2000 JSONL_MB=100 bash benches/compare.sh   # quicker
#
# What it does:
#  1. builds terskel (release) and generates ADS ads from corpus/ (copies with an id line, so
#     every file differs) under $CARGO_TARGET_DIR/bench-compare/ (never committed);
#  2. extracts the default pack's term lists (phrases, any_of) and regexes with `terskel rules
#     list` and `terskel explain --format json` into pattern files for ripgrep;
#  3. times `terskel check --format json --fail-on never` with --jobs 1 and --jobs 2, and
#     `rg -i -c -F -f TERMS` (the term lists as fixed strings) with -j1 and -j2 over the same
#     files, best of $RUNS after a warm-up run, with /usr/bin/time -v for wall time and peak
#     memory; prints ads/s, MB/s, peak RSS and the ratio terskel/rg. With RG_REGEX=1 also
#     `rg -i -c -f PATTERNS` (the terms plus the rules' regexes; rg needs minutes for it);
#  4. generates a JSONL export of JSONL_MB MiB from the corpus and checks it with --jobs 2,
#     reporting wall time and peak RSS (target: under 200 MB).
#
# Targets (issue 5): terskel within 3x of rg on 10 000 ads; 2 threads at least 1.7x faster than
# 1; the 1 GB JSONL under 200 MB peak RSS. ripgrep, GNU time and python3 are installed with apt
# when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

ADS=${ADS:-10000}
JSONL_MB=${JSONL_MB:-1024}
RUNS=${RUNS:-3}
TARGET=${CARGO_TARGET_DIR:-target}
WORK="$TARGET/bench-compare"
BIN="$TARGET/release/terskel"

apt_install() {
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
command -v rg >/dev/null 2>&1 || apt_install ripgrep
[ -x /usr/bin/time ] || apt_install time
command -v python3 >/dev/null 2>&1 || apt_install python3

echo "== building terskel (release)"
cargo build --release --quiet
mkdir -p "$WORK"

echo "== generating $ADS ads from corpus/"
rm -rf "$WORK/ads"
python3 - "$WORK/ads" "$ADS" <<'PY'
import os, sys, pathlib
out, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
ads = sorted(p for p in pathlib.Path("corpus").rglob("*")
             if p.suffix in (".md", ".txt", ".html"))
for i in range(n):
    src = ads[i % len(ads)]
    text = src.read_text(encoding="utf-8")
    if src.suffix == ".html":
        text = text.replace("</body>", f"<p>Annonse-ID: {i}</p></body>") if "</body>" in text \
            else text + f"\n<p>Annonse-ID: {i}</p>\n"
    else:
        text = text.rstrip("\n") + f"\n\nAnnonse-ID: {i}\n"
    sub = out / f"{i // 1000:02d}"
    sub.mkdir(parents=True, exist_ok=True)
    (sub / f"{i:05d}-{src.name}").write_text(text, encoding="utf-8")
PY
BYTES=$(find "$WORK/ads" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')

echo "== extracting the default pack's terms for rg"
python3 - "$BIN" "$WORK/terms.txt" "$WORK/patterns.txt" <<'PY'
import json, subprocess, sys
binary, terms_out, patterns_out = sys.argv[1], sys.argv[2], sys.argv[3]
ids = [r["id"] for r in json.loads(subprocess.check_output([binary, "rules", "list", "--format", "json"]))]
terms, patterns = set(), set()
for rule_id in ids:
    rule = json.loads(subprocess.check_output([binary, "explain", rule_id, "--format", "json"]))
    for term in (rule.get("phrases") or []) + (rule.get("any_of") or []):
        term = term.strip("*").strip()  # `*` at an end: the term inside a longer word
        if term:
            terms.add(term)
    if rule.get("pattern"):
        patterns.add(rule["pattern"])
with open(terms_out, "w", encoding="utf-8") as f:
    f.write("\n".join(sorted(terms)) + "\n")
escaped = {"".join("\\" + c if c in ".^$|?*+()[]{}\\" else c for c in t) for t in terms}
with open(patterns_out, "w", encoding="utf-8") as f:
    f.write("\n".join(sorted(escaped | patterns)) + "\n")
print(f"{len(ids)} rules: {len(terms)} terms, {len(patterns)} regex patterns")
PY

# measure LABEL CMD... → sets WALL (seconds, best of $RUNS) and RSS (KiB, of the best run);
# a warm-up run first (page cache) unless WARMUP=0
measure() {
  local label=$1; shift
  if [ "${WARMUP:-1}" = 1 ]; then
    "$@" >/dev/null 2>&1 || true
  fi
  WALL=""; RSS=""
  for _ in $(seq "$RUNS"); do
    local status=0
    /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || status=$?
    if [ "$status" -ge 2 ]; then
      echo "$label failed ($status):" >&2; cat "$WORK/stderr.txt" >&2; exit 2
    fi
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$WORK/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    if [ -z "$WALL" ] || awk -v a="$wall" -v b="$WALL" 'BEGIN {exit !(a < b)}'; then
      WALL=$wall; RSS=$rss
    fi
  done
}

row() { # label wall rss
  awk -v l="$1" -v w="$2" -v r="$3" -v n="$ADS" -v b="$BYTES" \
    'BEGIN {printf "| %-22s | %7.2f s | %8.0f | %7.1f | %8.1f MB |\n", l, w, n/w, b/w/1e6, r/1024}'
}

echo
echo "== $ADS ads, $(awk -v b="$BYTES" 'BEGIN {printf "%.1f MB", b/1e6}') ($(nproc) cores)"
echo
echo "| run                    |    wall   |   ads/s  |   MB/s  | peak RSS    |"
echo "|------------------------|-----------|----------|---------|-------------|"
declare -A T
for jobs in 1 2; do
  measure "terskel --jobs $jobs" "$BIN" check --format json --fail-on never --jobs "$jobs" "$WORK/ads"
  T[terskel$jobs]=$WALL; row "terskel --jobs $jobs" "$WALL" "$RSS"
  measure "rg -j$jobs" rg -i -c -F -j"$jobs" -f "$WORK/terms.txt" "$WORK/ads"
  T[rg$jobs]=$WALL; row "rg -i -F -f TERMS -j$jobs" "$WALL" "$RSS"
  if [ -n "${RG_REGEX:-}" ]; then
    RUNS=1 measure "rg patterns -j$jobs" rg -i -c -j"$jobs" -f "$WORK/patterns.txt" "$WORK/ads"
    T[rgp$jobs]=$WALL; row "rg -i -f TERMS+REGEX -j$jobs" "$WALL" "$RSS"
  fi
done
echo
awk -v t1="${T[terskel1]}" -v t2="${T[terskel2]}" -v r1="${T[rg1]}" -v r2="${T[rg2]}" \
    -v p1="${T[rgp1]:-0}" -v p2="${T[rgp2]:-0}" 'BEGIN {
  printf "terskel/rg (term lists, -F): %.1fx with 1 thread, %.1fx with 2 (target: within 3x)\n", t1/r1, t2/r2
  if (p1 > 0) printf "terskel/rg (terms and the rules'"'"' regexes): %.2fx with 1 thread, %.2fx with 2\n", t1/p1, t2/p2
  printf "terskel 2 threads vs 1: %.2fx faster (target: at least 1.7x)\n", t1/t2
}'

if [ "$JSONL_MB" -gt 0 ]; then
  echo
  echo "== generating a $JSONL_MB MiB JSON Lines export"
  python3 - "$WORK/export.jsonl" "$JSONL_MB" <<'PY'
import json, pathlib, sys
out, limit = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
ads = sorted(p for p in pathlib.Path("corpus").rglob("*") if p.suffix in (".md", ".txt", ".html"))
texts = [(p, p.read_text(encoding="utf-8")) for p in ads]
size, i = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while size < limit:
        p, text = texts[i % len(texts)]
        field = "description" if p.suffix == ".html" else "text"
        line = json.dumps({"uuid": f"ad-{i}", "title": p.stem.replace("-", " "), field: text,
                           "employer": {"name": "Eksempel kommune"}}, ensure_ascii=False) + "\n"
        f.write(line)
        size += len(line.encode("utf-8"))
        i += 1
print(f"{i} ads, {size / 1e6:.0f} MB")
PY
  WARMUP=0 RUNS=1 measure "terskel jsonl" "$BIN" check --format json --fail-on never --jobs 2 "$WORK/export.jsonl"
  JSONL_BYTES=$(stat -c %s "$WORK/export.jsonl")
  awk -v w="$WALL" -v r="$RSS" -v b="$JSONL_BYTES" 'BEGIN {
    printf "JSONL %.0f MB, --jobs 2: %.1f s, %.1f MB/s, peak RSS %.1f MB (target: under 200 MB)\n", b/1e6, w, b/w/1e6, r/1024
  }'
fi
