#!/usr/bin/env bash
# Step "Check the ads" of action.yml: ONE terskel run that prints the annotations (`--format
# github`) and writes, in the same pass, the job summary (the audit's totals and the ads with the
# highest thresholds: small whatever the number of ads), the full Markdown report (uploaded as an
# artifact), the audit JSON (for the outputs) and, when asked, SARIF.
#
# Inputs (environment): TERSKEL_LIST, TERSKEL_FAIL_ON, TERSKEL_ARGS, TERSKEL_SARIF (a file name,
# or empty for none), TERSKEL_OUT (a directory for the reports), GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY. Outputs: findings, errors, warnings, infos, ads, sarif-file, report.
set -uo pipefail
: "${TERSKEL_LIST:?}" "${TERSKEL_OUT:?}" "${GITHUB_OUTPUT:?}" "${GITHUB_STEP_SUMMARY:?}"
mkdir -p "$TERSKEL_OUT"
mapfile -t files < "$TERSKEL_LIST"
read -ra args <<< "${TERSKEL_ARGS:-}"
summary="$TERSKEL_OUT/summary.md"
report="$TERSKEL_OUT/terskel-report.md"
audit="$TERSKEL_OUT/audit.json"

if [ "${#files[@]}" -eq 0 ]; then
  echo "No ads to check."
  printf '## terskel\n\nNo ads changed in this pull request.\n' >> "$GITHUB_STEP_SUMMARY"
  printf 'findings=0\nerrors=0\nwarnings=0\ninfos=0\nads=0\nsarif-file=\nreport=\n' >> "$GITHUB_OUTPUT"
  exit 0
fi

reports=(--report "audit-summary=$summary" --report "markdown=$report" --report "audit-json=$audit")
sarif=""
if [ -n "${TERSKEL_SARIF:-}" ]; then
  sarif="$TERSKEL_SARIF"
  reports+=(--report "sarif=$sarif")
fi
terskel check --format github --fail-on "${TERSKEL_FAIL_ON:-error}" "${reports[@]}" "${args[@]}" -- "${files[@]}"
status=$?

if [ -s "$audit" ]; then
  read -r ads findings errors warnings infos < <(
    jq -r '[.totals.ads, .totals.findings, .by_severity.error, .by_severity.warning, .by_severity.info] | @tsv' "$audit"
  )
  {
    echo "findings=$findings"
    echo "errors=$errors"
    echo "warnings=$warnings"
    echo "infos=$infos"
    echo "ads=$ads"
    echo "sarif-file=$sarif"
    echo "report=$report"
  } >> "$GITHUB_OUTPUT"
  cat "$summary" >> "$GITHUB_STEP_SUMMARY"
  printf '\nThe full report with every finding and suggestion is the artifact `terskel-report`.\n' >> "$GITHUB_STEP_SUMMARY"
fi
exit "$status"
