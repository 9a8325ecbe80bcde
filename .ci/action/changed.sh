#!/usr/bin/env bash
# Step "Find the ads to check" of action.yml: writes the files to check, one per line, to
# TERSKEL_LIST, and `count=N` to GITHUB_OUTPUT.
#
# In a pull request (BASE_SHA set) and unless TERSKEL_ALL is true: the ads the pull request adds
# or changes below TERSKEL_PATHS (files with an ad's extension, not in hidden directories, not
# named in TERSKEL_SKIP). Otherwise: TERSKEL_PATHS as given (directories are walked by terskel,
# honouring .gitignore, .terskelignore and the configuration).
set -euo pipefail
: "${TERSKEL_LIST:?}" "${GITHUB_OUTPUT:?}"
paths="${TERSKEL_PATHS:-.}"
read -ra roots <<< "$paths"
: > "$TERSKEL_LIST"

if [ "${TERSKEL_ALL:-false}" = "true" ] || [ -z "${BASE_SHA:-}" ]; then
  printf '%s\n' "${roots[@]}" > "$TERSKEL_LIST"
  echo "mode=all" >> "$GITHUB_OUTPUT"
else
  # A shallow checkout may not have the base commit: fetch it (nothing else).
  git cat-file -e "$BASE_SHA^{commit}" 2>/dev/null \
    || git fetch --no-tags --quiet --depth=1 origin "$BASE_SHA" \
    || true
  read -ra skip <<< "${TERSKEL_SKIP:-README.md CHANGELOG.md CONTRIBUTING.md LICENSE.md}"
  git diff --name-only --diff-filter=ACMR "$BASE_SHA" HEAD -- "${roots[@]}" \
    | while IFS= read -r file; do
        case "$file" in
          .*|*/.*) continue ;;
        esac
        case "${file##*.}" in
          md|markdown|txt|html|htm|json|jsonl|ndjson) ;;
          *) continue ;;
        esac
        name="${file##*/}"
        for s in "${skip[@]}"; do
          [ "$name" = "$s" ] && continue 2
        done
        [ -f "$file" ] && printf '%s\n' "$file"
      done > "$TERSKEL_LIST"
  echo "mode=changed" >> "$GITHUB_OUTPUT"
fi
echo "count=$(grep -c . "$TERSKEL_LIST" || true)" >> "$GITHUB_OUTPUT"
