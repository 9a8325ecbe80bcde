#!/usr/bin/env bash
# Scaling benchmark (issue 13): time and peak memory of `terskel check` on generated hostile
# inputs, against a plain ad repeated to a similar size. Linear readers show the same seconds per
# megabyte at every size; a quadratic step shows doubling inputs taking four times as long.
#
#   benches/scaling.sh [TIMEOUT_SECONDS]       (default 300 per case)
#
# Needs python3 (to generate the inputs) and GNU time (/usr/bin/time, for the peak RSS). Builds
# the release binary first. The inputs are written to a temporary directory and removed.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-300}
cargo build --release --quiet
bin=$PWD/target/release/terskel
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time)" >&2; exit 2; }

python3 - "$work" <<'PY'
import json, os, sys
w = sys.argv[1]
def put(name, text):
    with open(os.path.join(w, name), "w", encoding="utf-8") as f:
        f.write(text)
ad = ("# Helsefagarbeider\n\n## Arbeidsoppgaver\n\n- Stell og pleie av beboere\n"
      "- Dokumentasjon i journal\n\n## Kvalifikasjoner\n\n- Fagbrev som helsefagarbeider\n"
      "- Gode norskkunnskaper\n\n## Vi tilbyr\n\nEt godt arbeidsmiljø.\n\n")
for n in (20_000, 40_000, 80_000):
    # Plain ads of the same size as the demand lists: the baseline per byte.
    put(f"plain-{n}.md", ad * (n * 21 // len(ad)))
    put(f"demand-{n}.md", "# Sjåfør\n\n## Krav\n\n" + "- Førerkort klasse B\n" * n)
    # Formal demands: each one looks for an alternative path in its block.
    put(f"formal-{n}.md", "# Kokk\n\n## Krav\n\n" + "- Du må ha fagbrev\n" * n)
# Finding-heavy ads for the peak RSS (issue 13: at most 20x the input, never above 300 MB):
# three demands that each give a finding, ~1 MB and just under the 10 MB limit, in Markdown and
# as a minified JSON array of small ads.
items = ["- Førerkort klasse B\n", "- Perfekt norsk, muntlig og skriftlig\n", "- Minst 5 års erfaring\n"]
for name, size in (("findings-1mb", 1_000_000), ("findings-9mb", 9_500_000)):
    body = "# Sjåfør\n\n## Krav\n\n"
    reps = (size - len(body.encode())) // len("".join(items).encode())
    put(name + ".md", body + "".join(items) * reps)
    rec = json.dumps({"title": "Sjåfør", "description": body + "".join(items)}, ensure_ascii=False)
    put(name + ".json", "[" + ",".join([rec] * (size // (len(rec.encode()) + 1))) + "]")
n = 100_000
put("div-nested.html", "<html><body>" + "<div>" * n + "<p>Du må ha førerkort.</p>" + "</div>" * n + "</body></html>")
put("div-unclosed.html", "<html><body>" + "<div>Fagbrev. " * n)
put("ul-nested.html", "<html><body>" + "<ul><li>Fagbrev. " * n)
put("plain-html.html", "<html><body>" + "<p>Fagbrev.</p>" * n)
put("md-nested-list.md", "# Kokk\n\n" + "- " * 500_000 + "Du må ha førerkort.\n")
put("md-nested-indent.md", "# Kokk\n\n" + "".join("  " * i + "- x\n" for i in range(1500)))
put("md-lazy.md", "# Kokk\n\n" + "> " * 5000 + "x\n" + "y\n" * 200_000)
# A 60 MB minified JSON array of ads (one line) and the same ads as JSON Lines.
record = {"title": "Helsefagarbeider", "description": ad}
one = json.dumps(record, ensure_ascii=False)
count = 60 * 1024 * 1024 // (len(one.encode()) + 1)
with open(os.path.join(w, "minified-60mb.json"), "w", encoding="utf-8") as f:
    f.write("[" + ",".join([one] * count) + "]")
with open(os.path.join(w, "lines-60mb.jsonl"), "w", encoding="utf-8") as f:
    f.write("\n".join([one] * count) + "\n")
# A document just under the 10 MB limit.
put("ad-10mb.md", ad * (10 * 1000 * 1000 // len(ad)))
# 100 000 tiny files.
tiny = os.path.join(w, "tiny")
os.mkdir(tiny)
for i in range(100_000):
    with open(os.path.join(tiny, f"{i:06}.md"), "w") as f:
        f.write("Fagbrev.\n")
PY

printf '%-22s %10s %9s %9s %10s\n' case MB seconds s/MB "peak RSS"
run_case() { # name path... (FORMAT=markdown for the Markdown report instead of JSON)
  local name=$1; shift
  local bytes
  bytes=$(du -cb "$@" | tail -1 | cut -f1)
  /usr/bin/time -o "$work/time" -f '%e %M' timeout "$limit" "$bin" check --format "${FORMAT:-json}" \
    --fail-on never "$@" >/dev/null 2>&1 || true
  local secs rss
  secs=$(tail -1 "$work/time" | awk '{print $1}')
  rss=$(tail -1 "$work/time" | awk '{print $2}')
  if [ -z "$secs" ] || awk "BEGIN{exit !($secs >= $limit)}"; then
    printf '%-22s %10.2f %9s %9s %10s\n' "$name" "$(echo "$bytes/1048576" | bc -l)" ">$limit" - -
    return
  fi
  printf '%-22s %10.2f %9.2f %9.3f %8.0f MB\n' "$name" "$(echo "$bytes/1048576" | bc -l)" "$secs" \
    "$(echo "$secs/($bytes/1048576)" | bc -l)" "$(echo "$rss/1024" | bc -l)"
}
for n in 20000 40000 80000; do
  run_case "plain-$n" "$work/plain-$n.md"
  run_case "demand-$n" "$work/demand-$n.md"
  run_case "formal-$n" "$work/formal-$n.md"
done
for f in findings-1mb.md findings-9mb.md findings-1mb.json findings-9mb.json; do
  run_case "$f/json" "$work/$f"
  FORMAT=markdown run_case "$f/md" "$work/$f"
done
for f in plain-html.html div-nested.html div-unclosed.html ul-nested.html md-nested-list.md \
  md-nested-indent.md md-lazy.md ad-10mb.md lines-60mb.jsonl minified-60mb.json; do
  run_case "${f%.*}" "$work/$f"
done
run_case "100k-tiny-files" "$work/tiny"
