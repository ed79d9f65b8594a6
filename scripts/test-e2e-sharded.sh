#!/usr/bin/env bash
# The browser tests in two shards at once, each with its own portal, services and embedded database
# (E2E_PORT 3210 and 3230: the ports of e2e/fixtures/services.ts follow it). Most of a browser
# test's time is spent waiting on the page, so two shards take little more than half the time of
# one run. Each shard's output is printed when both have ended; any failure fails the run.
# Extra arguments go to both shards (e.g. a spec file).
set -uo pipefail
cd "$(dirname "$0")/.."
shards=${E2E_SHARDS:-2}
# One folder for the shards' output, removed when the run ends.
logdir=$(mktemp -d)
trap 'rm -rf "$logdir"' EXIT
logs=()
pids=()
for i in $(seq 1 "$shards"); do
  log="$logdir/shard-$i.log"
  logs+=("$log")
  E2E_PORT=$((3210 + (i - 1) * 20)) npx playwright test --config e2e/playwright.config.ts --shard="$i/$shards" "$@" >"$log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then status=1; fi
done
for i in "${!logs[@]}"; do
  printf '\n--- browser tests, shard %s of %s ---\n' "$((i + 1))" "$shards"
  # Chromium's complaints about the missing system bus say nothing about the tests.
  grep -v 'dbus/' "${logs[$i]}" || true
done
exit "$status"
