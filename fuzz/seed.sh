#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the ads and rules in the repository
# (corpus/, rules/, tests/fixtures/) into fuzz/corpus/<target>/. The seeds are generated, never
# committed: run this before `cargo fuzz run`.
set -euo pipefail
cd "$(dirname "$0")"
root=..
seed() { # target file...
  local target=$1; shift
  mkdir -p "corpus/$target"
  for f in "$@"; do
    [ -f "$f" ] || continue
    cp "$f" "corpus/$target/$(echo "$f" | sed 's#^\.\./##; s#/#_#g')"
  done
}
seed markdown $root/corpus/*/*.md $root/corpus/*/*.txt $root/tests/fixtures/*
seed html $root/corpus/*/*.html
seed rules $root/rules/*/*.yaml
seed suppress $root/corpus/*/*.md
# A few configurations and JSON exports, written out here rather than kept as files.
mkdir -p corpus/config corpus/json corpus/check
printf 'rules: [extra]\nlang: nb\nfail-on: warning\nexclude: ["*.tmp"]\n' > corpus/config/basic.yaml
printf 'severity:\n  formal-competence: info\nselect: [formal-competence]\nignore: [language]\nroles:\n  health: [helsefagarbeider]\n' > corpus/config/severity.yaml
printf '{"title": "Kokk", "description": "Vi søker en kokk med fagbrev.\\n\\n- Førerkort klasse B"}\n' > corpus/json/one.json
printf '[{"title": "A", "text": "Krav: norsk flytende"}, {"title": "B", "text": "Fagbrev"}]' > corpus/json/array.json
printf '{"ads": [{"title": "A", "description": "<p>Krav</p><ul><li>Fagbrev</li></ul>"}]}' > corpus/json/feed.json
printf '{"title": "A", "text": "x"}\n{"title": "B", "text": "y"}\n' > corpus/json/lines.jsonl
# The whole check: the first byte picks the format (0 Markdown, 1 text, 2 HTML, 3 JSON).
i=0
for f in $root/corpus/*/*.md $root/corpus/*/*.txt $root/corpus/*/*.html corpus/json/*; do
  case "$f" in
    *.md) sel='\x00' ;; *.txt) sel='\x01' ;; *.html) sel='\x02' ;; *) sel='\x03' ;;
  esac
  { printf "$sel"; cat "$f"; } > "corpus/check/seed-$i"
  i=$((i + 1))
done
echo "seeds: $(for d in corpus/*/; do printf '%s=%s ' "$(basename "$d")" "$(ls "$d" | wc -l)"; done)"
