#!/usr/bin/env bash
# Keystone's configuration and database, shared by install.sh (this machine) and the container's
# entrypoint.sh: writes /etc/keystone/keystone.conf and /etc/keystone/basalt-uwsgi.ini, then keystone-manage
# db_sync, fernet_setup, credential_setup and bootstrap (the admin user, project and the roles admin, member,
# reader, the identity endpoints). Every step is idempotent. Input: KS_DB_URL (SQLAlchemy URL), KS_URL
# (Keystone's public v3 URL), KS_REGION, KS_ADMIN_USER, KS_ADMIN_PASSWORD, KS_ADMIN_PROJECT,
# KS_PASSWORD_HASH_ROUNDS, KS_CACHE, KS_KEYS_DIR.
set -euo pipefail
: "${KS_DB_URL:?KS_DB_URL is required}"
: "${KS_URL:=http://127.0.0.1:5000/v3}"
: "${KS_REGION:=RegionOne}"
: "${KS_ADMIN_USER:=admin}"
: "${KS_ADMIN_PASSWORD:=basalt-admin}"
: "${KS_ADMIN_PROJECT:=admin}"
# bcrypt cost of new password hashes. Keystone's default, 12, costs about half a second of CPU per password
# token on a busy 2-core machine; 4 (the minimum) makes it negligible. A test fixture, not a production setting.
: "${KS_PASSWORD_HASH_ROUNDS:=4}"
# Keystone's cache. Without one, every request runs some 300 SQL statements (a token validation takes 0.5 s of
# CPU, 1.5-3.5 s on a busy 2-core machine); with an in-process cache it takes 20-50 ms. An in-process cache
# is consistent only within one process (Keystone invalidates it on writes, in that process), so with the
# cache uwsgi runs ONE process (8 threads). KS_CACHE=false: no cache, two processes (keystone.md's recipe).
: "${KS_CACHE:=true}"
# Where the fernet and credential keys live (the container keeps them on a volume).
: "${KS_KEYS_DIR:=/etc/keystone}"
if [ "$KS_CACHE" = true ]; then
  cache_conf=$'enabled = true\nbackend = oslo_cache.dict\nexpiration_time = 600'
  processes=1
else
  cache_conf='enabled = false'
  processes=2
fi

conf=/etc/keystone/keystone.conf
if [ -f "$conf" ] && ! grep -q '^# Written by Basalt' "$conf"; then
  cp -n "$conf" "$conf.debian"   # the package's own file, kept for reference
fi
umask 027
cat > "$conf.new" <<CONF
# Written by Basalt's deploy/keystone/configure.sh; the package's original is keystone.conf.debian.
[DEFAULT]
use_stderr = true

[database]
connection = $KS_DB_URL

[token]
provider = fernet

[cache]
$cache_conf

[identity]
password_hash_rounds = $KS_PASSWORD_HASH_ROUNDS

[fernet_tokens]
key_repository = $KS_KEYS_DIR/fernet-keys/

[credential]
key_repository = $KS_KEYS_DIR/credential-keys/
CONF
chown root:keystone "$conf.new"
mv "$conf.new" "$conf"

# How to serve it (both install.sh and entrypoint.sh add --http11-socket ADDRESS:PORT).
cat > /etc/keystone/basalt-uwsgi.ini <<INI
; Written by Basalt's deploy/keystone/configure.sh.
[uwsgi]
wsgi-file = /usr/bin/keystone-wsgi-public
need-app = true
master = true
processes = $processes
threads = $((8 / processes))
enable-threads = true
lazy-apps = true
die-on-term = true
buffer-size = 65535
uid = keystone
gid = keystone
INI
chmod 644 /etc/keystone/basalt-uwsgi.ini

# keystone-manage prints "AttributeError: 'NoneType' object has no attribute 'getcurrent'" from eventlet
# when it exits: harmless. Its exit status is what counts.
manage() {
  local out rc=0
  out="$(keystone-manage "$@" 2>&1)" || rc=$?
  if [ $rc -ne 0 ]; then
    printf '%s\n' "$out" >&2
    echo "keystone-manage $1 failed ($rc)" >&2
    exit $rc
  fi
}
manage db_sync
[ -f "$KS_KEYS_DIR/fernet-keys/0" ] ||
  manage fernet_setup --keystone-user keystone --keystone-group keystone
[ -f "$KS_KEYS_DIR/credential-keys/0" ] ||
  manage credential_setup --keystone-user keystone --keystone-group keystone
manage bootstrap --bootstrap-password "$KS_ADMIN_PASSWORD" \
  --bootstrap-username "$KS_ADMIN_USER" --bootstrap-project-name "$KS_ADMIN_PROJECT" \
  --bootstrap-role-name admin --bootstrap-region-id "$KS_REGION" \
  --bootstrap-admin-url "$KS_URL" --bootstrap-internal-url "$KS_URL" --bootstrap-public-url "$KS_URL"
