#!/usr/bin/env bash
# Stops the Keystone that deploy/keystone/install.sh started (the uwsgi master in /run/keystone-uwsgi.pid).
set -euo pipefail
pidfile=/run/keystone-uwsgi.pid
if [ ! -f "$pidfile" ]; then
  echo "keystone: not running (no $pidfile)"
  exit 0
fi
start-stop-daemon --stop --quiet --pidfile "$pidfile" --retry TERM/15/KILL/5 --remove-pidfile \
  --exec /usr/bin/uwsgi_python3 || true
rm -f "$pidfile"
echo "keystone: stopped"
