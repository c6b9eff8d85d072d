#!/usr/bin/env bash
# Runs Tempest's block-storage suite (tempest.api.volume) against Basalt behind a real Keystone.
#
#   system-tests/tempest/run.sh [ci|full|REGEX]
#
#   ci    (default) the bounded subset CI runs: versions, volumes get/list/negative, types, quotas, services,
#         pools, limits, availability zones, extensions
#   full  the whole of tempest.api.volume (about 20 minutes)
#   REGEX any other tempest selection regex
#
# What it does: makes sure Keystone runs (deploy/keystone/install.sh: installs and bootstraps it the first time),
# installs Debian's tempest if missing, starts `bin/stack up` in keystone mode (embedded PostgreSQL and broker, a
# fresh state directory) unless BASALT_TEMPEST_KEEP_STACK=1 and an api already answers on 8776, writes
# tempest.conf from what the running stack reports (backend names, protocol, vendor from get_pools), runs
# Tempest with concurrency 2, writes a summary (passed / failed / skipped and one line per failure with its
# cause) to var/tempest/summary.txt, and stops the stack it started.
#
# Exit status: 0 when no test failed, 1 otherwise (ci mode: failures listed in known-failures.txt beside this
# script, each with its reason, are reported but do not fail the run), 2 on a set-up error.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/system-tests/tempest"
cd "$root"
mode=${1:-ci}
work="$root/var/tempest"
mkdir -p "$work"
log() { printf '== %s\n' "$*"; }

keystone_url=${BASALT_KEYSTONE_URL:-http://127.0.0.1:5000/v3}
admin_password=${KEYSTONE_ADMIN_PASSWORD:-basalt-admin}
service_user=${BASALT_SERVICE_USER:-basalt}
service_password=${BASALT_SERVICE_PASSWORD:-basalt-service}

case "$mode" in
  ci) regex='^tempest\.api\.volume\.(test_versions|test_volumes_get|test_volumes_list|test_volumes_negative|test_volume_absolute_limits|test_availability_zone|test_extensions|admin\.test_volume_types|admin\.test_volume_types_negative|admin\.test_volume_quotas|admin\.test_volume_quotas_negative|admin\.test_volume_services|admin\.test_volume_services_negative|admin\.test_volume_pools|admin\.test_group_types|admin\.test_group_type_specs|admin\.test_groups|admin\.test_group_snapshots|admin\.test_volume_retype)\b' ;;
  full) regex='^tempest\.api\.volume\.' ;;
  *) regex=$mode ;;
esac

# --- Keystone and Tempest ---------------------------------------------------------------------------------------
bash "$root/deploy/keystone/install.sh"
if ! command -v tempest >/dev/null 2>&1; then
  log "Installing Debian's tempest"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends tempest python3-subunit >/dev/null
fi

# --- Basalt in keystone mode ------------------------------------------------------------------------------------
stack_pid=
# The stack runs in a session of its own: SIGTERM lets the launcher stop its services, PostgreSQL and the broker
# (a background job ignores SIGINT); whatever is left after 60 s goes with its whole process group.
stop_stack() {
  if [ -n "$stack_pid" ] && kill -0 "$stack_pid" 2>/dev/null; then
    log "Stopping the stack"
    kill -TERM "$stack_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$stack_pid" 2>/dev/null || break; sleep 1; done
  fi
  if [ -n "$stack_pid" ]; then
    kill -KILL -- "-$stack_pid" 2>/dev/null || true
  fi
}
trap stop_stack EXIT
if [ "${BASALT_TEMPEST_KEEP_STACK:-}" = 1 ] && curl -sf -o /dev/null http://127.0.0.1:8776/; then
  log "Using the api already on 127.0.0.1:8776"
else
  log "Starting bin/stack up in keystone mode (log: var/tempest/stack.log)"
  rm -rf "$work/stack-var"
  BASALT_API_AUTH_STRATEGY=keystone BASALT_API_AUTH_KEYSTONE_URL="$keystone_url" \
    BASALT_API_AUTH_KEYSTONE_USERNAME="$service_user" BASALT_API_AUTH_KEYSTONE_PASSWORD="$service_password" \
    BASALT_API_AUTH_KEYSTONE_PROJECT_NAME=service \
    setsid bin/stack up --var-dir="$work/stack-var" >"$work/stack.log" 2>&1 </dev/null &
  stack_pid=$!
  for _ in $(seq 1 300); do
    grep -q "Basalt is up" "$work/stack.log" 2>/dev/null && break
    kill -0 "$stack_pid" 2>/dev/null || { tail -40 "$work/stack.log"; echo "bin/stack up failed" >&2; exit 2; }
    sleep 1
  done
  grep -q "Basalt is up" "$work/stack.log" || { tail -40 "$work/stack.log"; echo "bin/stack up not ready" >&2; exit 2; }
fi

# --- tempest.conf from what the stack reports -------------------------------------------------------------------
read -r backends protocol vendor < <(/usr/bin/python3 - "$keystone_url" "$admin_password" <<'EOF'
import json, sys, urllib.request
url, password = sys.argv[1], sys.argv[2]
body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin",
        "domain": {"name": "Default"}, "password": password}}},
        "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}
req = urllib.request.Request(url + "/auth/tokens", json.dumps(body).encode(), {"Content-Type": "application/json"})
with urllib.request.urlopen(req) as r:
    token = r.headers["X-Subject-Token"]
    project = json.load(r)["token"]["project"]["id"]
req = urllib.request.Request("http://127.0.0.1:8776/v3/%s/scheduler-stats/get_pools?detail=true" % project,
                             headers={"X-Auth-Token": token})
pools = json.load(urllib.request.urlopen(req))["pools"]
names = sorted({p["capabilities"]["volume_backend_name"] for p in pools})
caps = pools[0]["capabilities"]
print(",".join(names), caps.get("storage_protocol") or "iSCSI", (caps.get("vendor_name") or "Open Source").replace(" ", "_"))
EOF
)
vendor=${vendor//_/ }
log "Backends $backends, protocol $protocol, vendor $vendor"
tempest workspace remove --name basalt-tempest >/dev/null 2>&1 || true
rm -rf "$work/workspace"
tempest init --name basalt-tempest "$work/workspace" >"$work/tempest-init.log" 2>&1 \
  || { cat "$work/tempest-init.log"; echo "tempest init failed" >&2; exit 2; }
cat > "$work/workspace/etc/tempest.conf" <<EOF
[DEFAULT]
log_file = tempest.log

[auth]
use_dynamic_credentials = true
tempest_roles = member
admin_username = admin
admin_password = $admin_password
admin_project_name = admin
admin_domain_name = Default

[identity]
uri_v3 = $keystone_url
auth_version = v3
region = RegionOne
disable_ssl_certificate_validation = true

[identity-feature-enabled]
api_v2 = false

[service_available]
cinder = true
nova = false
glance = false
neutron = false
swift = false

[volume]
catalog_type = volumev3
backend_names = $backends
storage_protocol = $protocol
vendor_name = $vendor
min_microversion = 3.0
max_microversion = 3.70
build_timeout = 60
build_interval = 1

[volume-feature-enabled]
multi_backend = true
snapshot = true
clone = true
backup = false
manage_volume = false
manage_snapshot = false
volume_revert = false
extend_volume_with_snapshot = true
# Basalt lists only the extensions it implements (GET /extensions); the default "all" would expect os-hosts
api_extensions = os-volume-actions,os-admin-actions,os-availability-zone,os-vol-tenant-attr,os-vol-host-attr,os-vol-mig-status-attr,os-quota-sets,os-types-manage,os-types-extra-specs,os-used-limits,os-volume-type-access,os-services,os-extended-services,os-extended-snapshot-attributes,scheduler-stats,OS-SCH-HNT,qos-specs,encryption,os-quota-class-sets,os-hosts,capabilities
EOF

# --- run ---------------------------------------------------------------------------------------------------------
log "tempest run --regex '$regex' --concurrency 2"
start=$(date +%s)
set +e
(cd "$work/workspace" && tempest run --regex "$regex" --concurrency 2 >"$work/tempest-run.log" 2>&1)
set -e
elapsed=$(( $(date +%s) - start ))
(cd "$work/workspace" && stestr last --subunit >"$work/last.subunit" 2>/dev/null) || true
known="$here/known-failures.txt"
[ "$mode" = ci ] || known=/dev/null
status=0
/usr/bin/python3 "$here/summary.py" "$work/last.subunit" "$known" "$elapsed" "$mode" >"$work/summary.txt" || status=$?
cat "$work/summary.txt"
exit $status
