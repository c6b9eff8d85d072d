#!/usr/bin/env bash
# Runs each documented benchmark command once, briefly, to show that it works on a fresh clone (nothing installed
# into ~/.m2 beforehand). Not a measurement: the runs are far too short for their numbers to mean anything.
#   bench/smoke.sh              scheduler-service/jmh.sh, common-rpc/rpc-bench.sh, bin/bench --stub
#   bench/smoke.sh --scale      also docs/benchmarks.md's "Scale (issue 12)" in a tiny size: the service jars,
#                               bench/services.sh start, bin/bench scale --sizes 100,300, bench/services.sh stop
#                               (what .ci/run runs)
#   bench/smoke.sh --services   also docs/benchmarks.md's "Reproduce": the same, with bin/bench against them too
#                               (a minute or more)
# common-rpc/rpc-bench.sh needs RabbitMQ (found as the integration tests find it); --services needs PostgreSQL and
# RabbitMQ on 127.0.0.1, psql, and the ports 28776-28778 and 29776 free (BENCH_SMOKE_PORT and the next two, and
# the api's actuator at BENCH_SMOKE_PORT + 1000; 18776 is where a real Cinder may listen). Each command's output goes to var/bench-smoke/<name>.log.
# Exit status 1 if any command fails or does not print what it should.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
services=
scale=
case "${1:-}" in
  --services) services=1; scale=1 ;;
  --scale) scale=1 ;;
  "") ;;
  *) echo "usage: bench/smoke.sh [--scale|--services]" >&2; exit 2 ;;
esac
out=$root/var/bench-smoke
mkdir -p "$out"
failed=0

check() { # name expected-output-regex (empty: any) command...
  local name=$1 expect=$2 t0=$SECONDS
  shift 2
  printf '%-28s ' "$name"
  if "$@" > "$out/$name.log" 2>&1 && { [ -z "$expect" ] || grep -Eq "$expect" "$out/$name.log"; }; then
    echo "ok ($((SECONDS - t0)) s)"
  else
    echo "FAILED ($((SECONDS - t0)) s): $*"
    tail -n 20 "$out/$name.log" | sed 's/^/    /'
    failed=1
  fi
}

# scheduler-service/README.md, "Tests and benchmark"
check jmh 'SchedulerDecisionBenchmark\.schedule +100 ' \
  scheduler-service/jmh.sh -f 0 -wi 0 -i 1 -r 1s -p pools=100
# common-rpc/README.md, "Performance"
check rpc-bench '^casts: 100 confirmed' common-rpc/rpc-bench.sh 20 10 100
# docs/benchmarks.md, "The tool" (ceiling mode)
check bench-stub '^creates: +50 available, 0 errors' bin/bench --stub -n 50 -c 2 --warmup 0

if [ -n "$scale" ]; then
  # on a database, a log directory and ports of its own (BENCH_SMOKE_PORT, the API's; the scheduler and volume
  # service take the next two, the api's actuator BENCH_SMOKE_PORT + 1000), so that it does not meet a stack
  # already running
  export BENCH_DB=basalt_bench_smoke BENCH_VAR=$out/services
  port=${BENCH_SMOKE_PORT:-28776}
  export BENCH_API_PORT=$port BENCH_SCHEDULER_PORT=$((port + 1)) BENCH_VOLUME_PORT=$((port + 2))
  export BENCH_API_MANAGEMENT_PORT=$((port + 1000))
  trap 'bench/services.sh stop >/dev/null 2>&1 || true' EXIT
  check service-jars '' ./mvnw -q package -DskipTests -pl api-service,scheduler-service,volume-service -am
  check services-start 'volume-service pid [0-9]+: Started' bench/services.sh start
  if [ -n "$services" ]; then
    # docs/benchmarks.md, "Reproduce"
    check bench '^creates: +20 available, 0 errors' bin/bench -n 20 -c 2 --warmup 0 \
      --endpoint "http://127.0.0.1:$port" --proc-filter "$BENCH_VAR"
  fi
  # docs/benchmarks.md, "Scale (issue 12)"
  check bench-scale '^status gauge, unsettled' bin/bench scale --endpoint "http://127.0.0.1:$port" --db "$BENCH_DB" \
    --sizes 100,300 -n 10 --warmup 2 --samples 10 --reset --file-dir "$out/scale-files"
  check services-stop '' bench/services.sh stop
fi
exit $failed
