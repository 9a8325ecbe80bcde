#!/usr/bin/env bash
# Step "Install terskel" of action.yml: puts the terskel binary of this action's version on the
# PATH. A warm run finds it in TERSKEL_DIR (restored by actions/cache, keyed on the version and
# the runner's OS and architecture) and installs nothing; a cold run builds it once with cargo
# (installing a minimal Rust toolchain first if the runner has none).
#
# Inputs (environment): ACTION_PATH (this repository), TERSKEL_VERSION, TERSKEL_DIR,
# GITHUB_PATH, GITHUB_OUTPUT.
set -euo pipefail
: "${ACTION_PATH:?}" "${TERSKEL_VERSION:?}" "${TERSKEL_DIR:?}" "${GITHUB_PATH:?}" "${GITHUB_OUTPUT:?}"

bin="$TERSKEL_DIR/bin/terskel"
if [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null)" = "terskel $TERSKEL_VERSION" ]; then
  echo "terskel $TERSKEL_VERSION from the cache ($bin)"
  echo "installed=cache" >> "$GITHUB_OUTPUT"
else
  if ! command -v cargo >/dev/null 2>&1; then
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  cargo install --locked --quiet --path "$ACTION_PATH" --root "$TERSKEL_DIR"
  echo "installed=build" >> "$GITHUB_OUTPUT"
fi
echo "$TERSKEL_DIR/bin" >> "$GITHUB_PATH"
