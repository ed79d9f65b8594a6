#!/usr/bin/env bash
# Runs the Vitest suites against a real PostgreSQL server in a fresh database that is dropped afterwards
# (without arguments: every suite that can reach a database; with arguments: what they select).
# PG_ADMIN_URL points at any database on the server (default: the local server, database "test").
set -euo pipefail
admin_url="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
db="opendvc_ci_$(date +%s)_$$"
psql "$admin_url" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $db"
trap 'psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
url="${admin_url%/*}/$db"
echo "PostgreSQL: $(psql "$url" -Atc 'select version()')"
DATABASE_URL="$url" npm run --silent db:migrate
if (($# == 0)); then
  # The whole run: the suites that can reach a database. The pure functions of common/, scripts/
  # and web/ (and the web's render specs) never open one and ran already in `npm test`.
  set -- --project node --exclude 'common/**' --exclude 'web/**' --exclude 'scripts/check-forms.test.ts' --exclude 'scripts/e2e-shard-plan.test.ts'
fi
DATABASE_URL="$url" npx vitest run "$@"
