#!/usr/bin/env bash
# Installs, configures and starts a real OpenStack Keystone (Debian's Zed packages) on this machine, on
# 127.0.0.1:5000, with its database on the machine's PostgreSQL, then creates Basalt's fixture (users,
# projects, roles, catalog: see README.md beside this file). Idempotent; takes a few seconds when Keystone is
# already installed and running. Stop it with deploy/keystone/stop.sh. Needs root and PostgreSQL on
# $KS_PG_HOST:$KS_PG_PORT (trust auth for the $KS_PG_SUPERUSER role).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

: "${KS_BIND:=127.0.0.1}"
: "${KS_PORT:=5000}"
: "${KS_URL:=http://127.0.0.1:${KS_PORT}/v3}"
: "${KS_PG_HOST:=127.0.0.1}"
: "${KS_PG_PORT:=5432}"
: "${KS_PG_SUPERUSER:=postgres}"
: "${KS_DB_NAME:=keystone}"
: "${KS_DB_USER:=keystone}"
: "${KS_DB_PASSWORD:=keystone}"
: "${KS_READY_TIMEOUT:=60}"
export KS_URL
export KS_DB_URL="postgresql+psycopg2://${KS_DB_USER}:${KS_DB_PASSWORD}@${KS_PG_HOST}:${KS_PG_PORT}/${KS_DB_NAME}"
pidfile=/run/keystone-uwsgi.pid
logfile=/var/log/keystone/uwsgi.log

say() { printf 'keystone: [%3ss] %s\n' "$SECONDS" "$*"; }
answers() { curl -sf -o /dev/null --max-time 2 "$KS_URL"; }

# --- packages --------------------------------------------------------------------------------------------
pkgs=(keystone python3-keystonemiddleware python3-openstackclient python3-keystoneclient
      uwsgi-plugin-python3 python3-psycopg2 curl)
installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${pkgs[@]}" 2>/dev/null | awk '/ ok installed$/ {print $1}' || true)"
missing=()
for p in "${pkgs[@]}"; do
  grep -qx "$p" <<<"$installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The postinst would start a daemon and offer to set up a database: say no to both.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  printf '%s\n' 'keystone keystone/configure_db boolean false' \
                'keystone keystone/register-endpoint boolean false' | debconf-set-selections
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if trap -p EXIT | grep -q policy-rc.d; then rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
fi

# --- database, configuration, keystone-manage (skipped when nothing changed since the last run) -----------
for i in $(seq 1 30); do
  pg_isready -q -h "$KS_PG_HOST" -p "$KS_PG_PORT" && break
  [ "$i" = 30 ] && { say "no PostgreSQL on $KS_PG_HOST:$KS_PG_PORT"; exit 1; }
  sleep 1
done
psql_su() { psql -X -q -v ON_ERROR_STOP=1 -h "$KS_PG_HOST" -p "$KS_PG_PORT" -U "$KS_PG_SUPERUSER" -d postgres "$@"; }
read -r have_role have_db < <(psql_su -Atc "select (select count(*) from pg_roles where rolname = '$KS_DB_USER'),
  (select count(*) from pg_database where datname = '$KS_DB_NAME')" | tr '|' ' ')
if [ "$have_role" = 0 ]; then
  say "creating PostgreSQL role $KS_DB_USER"
  psql_su -c "create role \"$KS_DB_USER\" login password '$KS_DB_PASSWORD'"
fi
if [ "$have_db" = 0 ]; then
  say "creating database $KS_DB_NAME"
  psql_su -c "create database \"$KS_DB_NAME\" owner \"$KS_DB_USER\""
fi

# What the configuration step depends on; when it is unchanged and the schema is there, skip it (db_sync and
# bootstrap take many seconds).
stamp=/var/lib/keystone/basalt-configured
fixture_stamp=/var/lib/keystone/basalt-fixture
want="$(cat "$here/configure.sh"; env | grep -E '^KS_(DB_URL|URL|REGION|ADMIN_(USER|PASSWORD|PROJECT)|PASSWORD_HASH_ROUNDS|CACHE|KEYS_DIR)=' | sort)"
want_sum="$(printf '%s' "$want" | sha256sum | cut -d' ' -f1)"
have_schema="$(psql_su -d "$KS_DB_NAME" -Atc "select 1 from information_schema.tables where table_name = 'project'" 2>/dev/null || true)"
reconfigured=no
if [ "$(cat "$stamp" 2>/dev/null)" != "$want_sum" ] || [ -z "$have_schema" ]; then
  say "configuring (db_sync, fernet keys, bootstrap)"
  rm -f "$fixture_stamp"
  "$here/configure.sh"
  echo "$want_sum" > "$stamp"
  reconfigured=yes
fi

# --- serve it with uwsgi ---------------------------------------------------------------------------------
if [ "$reconfigured" = yes ] && [ -f "$pidfile" ]; then
  "$here/stop.sh"
fi
if ! answers; then
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    say "uwsgi (pid $(cat "$pidfile")) is running but does not answer: restarting it"
    "$here/stop.sh"
  fi
  say "starting uwsgi on $KS_BIND:$KS_PORT (log: $logfile)"
  install -d -o keystone -g keystone /var/log/keystone
  start-stop-daemon --start --quiet --background --make-pidfile --pidfile "$pidfile" \
    --output "$logfile" --exec /usr/bin/uwsgi_python3 -- \
    --ini /etc/keystone/basalt-uwsgi.ini --http11-socket "$KS_BIND:$KS_PORT"
  deadline=$((SECONDS + KS_READY_TIMEOUT))
  until answers; do
    if [ $SECONDS -ge $deadline ]; then
      say "no answer from $KS_URL after ${KS_READY_TIMEOUT}s; last lines of $logfile:"
      tail -n 30 "$logfile" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  say "answering at $KS_URL"
fi

# --- Basalt's fixture --------------------------------------------------------------------------------------
# bootstrap.py checks every user, role and endpoint (a few seconds, more on a busy machine): skipped when it
# already ran with the same inputs against this database. KS_FORCE_FIXTURE=1 runs it anyway.
sql_list() { local out="" n; for n in "$@"; do out+="${out:+,}'${n//\'/\'\'}'"; done; printf '%s' "$out"; }
fixture_rows="select id from project where name in ($(sql_list "${KS_ADMIN_PROJECT:-admin}" \
  "${KS_SERVICE_PROJECT:-service}" "${KS_DEMO_PROJECT:-basalt-demo}" "${KS_ALT_PROJECT:-basalt-alt}"))
  union all select user_id from local_user where name in ($(sql_list "${KS_ADMIN_USER:-admin}" \
  "${KS_SERVICE_USER:-basalt}" "${KS_DEMO_MEMBER:-demo-member}" "${KS_DEMO_READER:-demo-reader}" \
  "${KS_ALT_MEMBER:-alt-member}"))
  union all select id || url from endpoint order by 1"
fixture_sum() {
  { cat "$here/bootstrap.py"
    env | grep -E '^(KS_[A-Z_]+|BASALT_ENDPOINT)=' | grep -vE '^KS_(FORCE_FIXTURE|READY_TIMEOUT)=' | sort
    psql_su -d "$KS_DB_NAME" -Atc "$fixture_rows" 2>/dev/null; } | sha256sum | cut -d' ' -f1
}
if [ "${KS_FORCE_FIXTURE:-0}" = 1 ] || [ "$(cat "$fixture_stamp" 2>/dev/null)" != "$(fixture_sum)" ]; then
  /usr/bin/python3 "$here/bootstrap.py"
  fixture_sum > "$fixture_stamp"
fi
say "ready at $KS_URL"
