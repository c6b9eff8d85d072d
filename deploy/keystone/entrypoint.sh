#!/usr/bin/env bash
# The keystone container's entrypoint (docker-compose.yml): waits for PostgreSQL, creates Keystone's role and
# database there when missing, configures Keystone (configure.sh: db_sync, fernet and credential keys,
# bootstrap), creates Basalt's fixture (bootstrap.py) against a private uwsgi on 127.0.0.1:5001, then execs
# uwsgi on 0.0.0.0:5000.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

: "${KS_PG_HOST:=postgres}"
: "${KS_PG_PORT:=5432}"
: "${KS_PG_SUPERUSER:=postgres}"          # a role that may create roles and databases
: "${KS_PG_SUPERPASSWORD:=}"
: "${KS_DB_NAME:=keystone}"
: "${KS_DB_USER:=keystone}"
: "${KS_DB_PASSWORD:=keystone}"
: "${KS_URL:=http://keystone:5000/v3}"    # what the catalog's identity endpoints say
: "${KS_LISTEN:=0.0.0.0:5000}"
export KS_URL KS_DB_URL="postgresql+psycopg2://${KS_DB_USER}:${KS_DB_PASSWORD}@${KS_PG_HOST}:${KS_PG_PORT}/${KS_DB_NAME}"
export PGPASSWORD="$KS_PG_SUPERPASSWORD"
say() { printf 'keystone: %s\n' "$*"; }

for i in $(seq 1 120); do
  pg_isready -q -h "$KS_PG_HOST" -p "$KS_PG_PORT" && break
  [ "$i" = 120 ] && { say "no PostgreSQL at $KS_PG_HOST:$KS_PG_PORT after 120 s"; exit 1; }
  sleep 1
done
psql_su() { psql -X -q -v ON_ERROR_STOP=1 -h "$KS_PG_HOST" -p "$KS_PG_PORT" -U "$KS_PG_SUPERUSER" -d postgres "$@"; }
if [ -z "$(psql_su -Atc "select 1 from pg_roles where rolname = '$KS_DB_USER'")" ]; then
  say "creating PostgreSQL role $KS_DB_USER"
  psql_su -c "create role \"$KS_DB_USER\" login password '$KS_DB_PASSWORD'"
fi
if [ -z "$(psql_su -Atc "select 1 from pg_database where datname = '$KS_DB_NAME'")" ]; then
  say "creating database $KS_DB_NAME"
  psql_su -c "create database \"$KS_DB_NAME\" owner \"$KS_DB_USER\""
fi

say "configuring (db_sync, keys, bootstrap)"
"$here/configure.sh"

say "creating Basalt's fixture"
uwsgi_python3 --ini /etc/keystone/basalt-uwsgi.ini --http11-socket 127.0.0.1:5001 \
  --logto /var/log/keystone/bootstrap-uwsgi.log &
private=$!
trap 'kill -TERM "$private" 2>/dev/null || true' EXIT
for i in $(seq 1 120); do
  curl -sf -o /dev/null http://127.0.0.1:5001/v3 && break
  [ "$i" = 120 ] && { say "the private uwsgi did not answer"; tail -n 30 /var/log/keystone/bootstrap-uwsgi.log; exit 1; }
  sleep 1
done
KS_URL=http://127.0.0.1:5001/v3 /usr/bin/python3 "$here/bootstrap.py"
kill -TERM "$private"
wait "$private" 2>/dev/null || true
trap - EXIT

say "serving on $KS_LISTEN"
exec uwsgi_python3 --ini /etc/keystone/basalt-uwsgi.ini --http11-socket "$KS_LISTEN"
