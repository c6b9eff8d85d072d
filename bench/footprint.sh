#!/usr/bin/env bash
# Start time and resident memory of the three services, idle and after a short load of catalog and volume
# requests (issue 10, item 7). Uses bench/services.sh (same environment variables: BENCH_JARS, BENCH_DB,
# BENCH_VHOST, BENCH_VAR, BENCH_*_PORT, BENCH_JVM_OPTS), then stops what it started:
#   BENCH_DB=basalt_fp BENCH_VHOST=basalt_fp bench/footprint.sh
# Load: 20 volume types with extra specs, QoS specs associated to each, 300 type/QoS/quota-class reads, 50 volume
# creates (noauth, one project, its quota lifted). Prints the services' "Started ... in" and VmRSS after start (+20 s) and after
# the load.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=${BENCH_API_PORT:-8776}
api="http://127.0.0.1:$port/v3/bench"
auth=(-H "X-Auth-Token: admin:bench" -H "Content-Type: application/json")
trap 'bench/services.sh stop >/dev/null' EXIT
bench/services.sh start > /dev/null
sleep 20
echo "== after start (+20 s)"
bench/services.sh status
run=$RANDOM
for i in $(seq 1 20); do
  type=$(curl -fsS "${auth[@]}" -X POST "$api/types" \
    -d "{\"volume_type\": {\"name\": \"fp-$run-$i\", \"extra_specs\": {\"k\": \"$i\"}}}" | sed 's/.*"id": *"\([^"]*\)".*/\1/')
  qos=$(curl -fsS "${auth[@]}" -X POST "$api/qos-specs" \
    -d "{\"qos_specs\": {\"name\": \"fp-$run-$i\", \"read_iops_sec\": \"$i\"}}" | sed 's/.*"id": *"\([^"]*\)".*/\1/')
  curl -fsS "${auth[@]}" "$api/qos-specs/$qos/associate?vol_type_id=$type" > /dev/null
done
for i in $(seq 1 100); do
  curl -fsS "${auth[@]}" "$api/types" > /dev/null
  curl -fsS "${auth[@]}" "$api/qos-specs" > /dev/null
  curl -fsS "${auth[@]}" "$api/os-quota-class-sets/default" > /dev/null
done
curl -fsS "${auth[@]}" -X PUT "$api/os-quota-sets/bench" \
  -d '{"quota_set": {"volumes": -1, "gigabytes": -1}}' > /dev/null
for i in $(seq 1 50); do
  curl -fsS "${auth[@]}" -X POST "$api/volumes" -d "{\"volume\": {\"size\": 1, \"volume_type\": \"fp-$run-$((i % 20 + 1))\"}}" > /dev/null
done
sleep 5
echo "== after the load"
bench/services.sh status
