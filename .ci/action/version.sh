#!/usr/bin/env bash
# Step "terskel version" of action.yml: the version this action installs (Cargo.toml's) and the
# directory its binary is cached in (actions/cache restores it there, keyed on the version and
# the runner's OS and architecture).
#
# Inputs (environment): ACTION_PATH, RUNNER_TOOL_CACHE, GITHUB_OUTPUT.
set -euo pipefail
: "${ACTION_PATH:?}" "${RUNNER_TOOL_CACHE:?}" "${GITHUB_OUTPUT:?}"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ACTION_PATH/Cargo.toml" | head -n 1)"
[ -n "$version" ] || { echo "no version in $ACTION_PATH/Cargo.toml" >&2; exit 2; }
echo "version=$version" >> "$GITHUB_OUTPUT"
echo "dir=$RUNNER_TOOL_CACHE/terskel/$version" >> "$GITHUB_OUTPUT"
