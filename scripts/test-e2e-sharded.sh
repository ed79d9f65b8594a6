#!/usr/bin/env bash
# The browser tests in three shards at once, each with its own portal, services and embedded database
# (E2E_PORT 3210, 3230 and 3250: the ports of e2e/fixtures/services.ts follow it). Most of a browser
# test's time is spent waiting on the page, so each shard takes little more than its share of one
# run (on 2 cores beside other heavy work, the whole suite passed in 26 min in three shards and in
# 30 min in two; in CI, with a trace recorded only for a retried test, in 17.4–19.6 min in three).
# The spec files are shared out by their recorded running time (scripts/e2e-shard-plan.ts,
# e2e/durations.json); with extra arguments (e.g. a spec file) Playwright's own --shard splits them.
# Each shard's output is printed when all have ended; any failure fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
shards=${E2E_SHARDS:-3}
# One folder for the shards' output, removed when the run ends.
extra=("$@")
logdir=$(mktemp -d)
trap 'rm -rf "$logdir"' EXIT
plan=()
if (($# == 0)); then
  mapfile -t plan < <(node --import tsx scripts/e2e-shard-plan.ts "$shards")
  if ((${#plan[@]} != shards)); then
    echo "could not share the spec files out into $shards shards" >&2
    exit 1
  fi
fi
logs=()
pids=()
for i in $(seq 1 "$shards"); do
  log="$logdir/shard-$i.log"
  logs+=("$log")
  if ((${#plan[@]})); then
    # shellcheck disable=SC2206 # the plan's line is a list of file names without spaces
    files=(${plan[$((i - 1))]})
    set -- "${files[@]}"
  else
    set -- --shard="$i/$shards" "$@"
  fi
  E2E_PORT=$((3210 + (i - 1) * 20)) npx playwright test --config e2e/playwright.config.ts "$@" >"$log" 2>&1 &
  pids+=($!)
  set -- "${extra[@]}"
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
# Last, where a reader of the run's end sees it: each shard's failures (their first lines) and totals.
printf '\n--- browser tests, summary ---\n'
for i in "${!logs[@]}"; do
  printf 'shard %s of %s:\n' "$((i + 1))" "$shards"
  awk '/^  [0-9]+\) /{n=8} n>0{print; n--} /^  [0-9]+ (failed|flaky|interrupted|skipped|did not run|passed)/{t=1} t' "${logs[$i]}" | grep -v '"level":' || echo '  (no summary: the run ended early, see its output above)'
done
exit "$status"
