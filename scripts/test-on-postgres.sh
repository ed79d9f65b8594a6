#!/usr/bin/env bash
# Runs the Vitest suites against a real PostgreSQL server in a fresh database that is dropped afterwards.
# PG_ADMIN_URL points at any database on the server (default: the local server, database "test").
set -euo pipefail
admin_url="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
db="opendvc_ci_$(date +%s)_$$"
psql "$admin_url" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $db"
trap 'psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
url="${admin_url%/*}/$db"
echo "PostgreSQL: $(psql "$url" -Atc 'select version()')"
DATABASE_URL="$url" npm run --silent db:migrate
DATABASE_URL="$url" npx vitest run "$@"
