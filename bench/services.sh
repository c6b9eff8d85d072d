#!/usr/bin/env bash
# Starts (or stops) the three Basalt services for a benchmark, against a PostgreSQL and RabbitMQ you already run:
#   bench/services.sh start     api (8776), scheduler (8777), volume (8778, one `fake` backend: infinite, no latency)
#   bench/services.sh stop      stops the processes it started (pids in $BENCH_VAR/pids)
#   bench/services.sh restart api-service|scheduler-service|volume-service   one of them, e.g. with other BENCH_JARS
#   bench/services.sh status    start time and RSS of each
# Environment:
#   BENCH_JARS        directory with the three *-exec.jar (default: each module's target/); they are copied first,
#                     so a rebuild during the run does not change what runs
#   BENCH_DB          database (default basalt_bench; created if missing with psql, schema migrated by the api)
#   BENCH_VHOST       RabbitMQ vhost (default /; create one with rabbitmqctl add_vhost + set_permissions)
#   BENCH_PG_HOST/PORT/USER (127.0.0.1/5432/postgres), BENCH_RABBIT_HOST/PORT (127.0.0.1/5672, guest/guest)
#   BENCH_JVM_OPTS    JVM flags of every service (default the launcher's: -Xss512k -XX:+UseSerialGC
#                     -XX:TieredStopAtLevel=1 -Xms32m -Xmx256m -XX:MaxNewSize=12m)
#   BENCH_JFR         set to a directory: every service records JFR (profile settings) into <dir>/<service>.jfr
#   BENCH_VAR         logs and pids (default var/bench)
#   BENCH_API_PORT, BENCH_SCHEDULER_PORT, BENCH_VOLUME_PORT   actuator/API ports (8776, 8777, 8778); with another
#                     API port, give bin/bench --endpoint http://127.0.0.1:<port>
#   BENCH_API_MANAGEMENT_PORT   the api's actuator port (default 9776, as its application.properties)
# Prints, per service, the start time from its log (Spring Boot's "Started ... in N seconds") and its RSS.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. bin/find-jdk
var=${BENCH_VAR:-$root/var/bench}
mkdir -p "$var"
db=${BENCH_DB:-basalt_bench}
vhost=${BENCH_VHOST:-/}
pg_host=${BENCH_PG_HOST:-127.0.0.1}; pg_port=${BENCH_PG_PORT:-5432}; pg_user=${BENCH_PG_USER:-postgres}
rb_host=${BENCH_RABBIT_HOST:-127.0.0.1}; rb_port=${BENCH_RABBIT_PORT:-5672}
jvm=${BENCH_JVM_OPTS:--Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms32m -Xmx256m -XX:MaxNewSize=12m}

stop() {
  [ -f "$var/pids" ] || return 0
  while read -r name pid; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; echo "stopped $name ($pid)"; fi
  done < "$var/pids"
  while read -r name pid; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done < "$var/pids"
  rm -f "$var/pids"
}

start() {
  stop
  if command -v psql >/dev/null 2>&1; then
    psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" \
      | grep -q 1 || psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -qc "CREATE DATABASE $db"
  fi
  : > "$var/pids"
  # the api migrates the schema: start it first and wait, then the others
  run api-service
  wait_ready api-service
  run scheduler-service
  run volume-service
  wait_ready scheduler-service
  wait_ready volume-service
  # the scheduler places nothing until the backend's first capability report
  sleep 2
  report
}

restart() { # name
  local pid
  pid=$(awk -v s="$1" '$1 == s {print $2}' "$var/pids" 2>/dev/null)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"; for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  grep -v "^$1 " "$var/pids" > "$var/pids.new" 2>/dev/null || true; mv "$var/pids.new" "$var/pids"
  run "$1"
  wait_ready "$1"
  sleep 2
  report
}

port_of() {
  case $1 in api-service) echo "${BENCH_API_PORT:-8776}" ;; scheduler-service) echo "${BENCH_SCHEDULER_PORT:-8777}" ;;
    volume-service) echo "${BENCH_VOLUME_PORT:-8778}" ;; *) echo "unknown service $1" >&2; exit 2 ;; esac
}

run() { # name
  local name=$1 port jfr=() src extra=()
  port=$(port_of "$name")
  mkdir -p "$var/jars"
  src=${BENCH_JARS:+$BENCH_JARS/$name-0.1.0-SNAPSHOT-exec.jar}
  src=${src:-$name/target/$name-0.1.0-SNAPSHOT-exec.jar}
  [ -f "$src" ] || { echo "missing $src: build with ./mvnw -q package -DskipTests -pl $name -am" >&2; exit 1; }
  cp "$src" "$var/jars/$name-exec.jar"
  case $name in
    api-service) extra=(--management.server.port="$(health_port api-service)") ;;
    scheduler-service) extra=(--basalt.service.host=bench) ;;
    volume-service) extra=(--basalt.service.host=bench
      --basalt.volume.backends[0].name=fake --basalt.volume.backends[0].driver=fake
      --basalt.volume.backends[0].fake.capacity-gb=infinite --basalt.volume.backends[0].fake.latency=0s) ;;
  esac
  [ -z "${BENCH_JFR:-}" ] || { mkdir -p "$BENCH_JFR"; jfr=("-XX:StartFlightRecording=settings=profile,filename=$BENCH_JFR/$name.jfr,dumponexit=true"); }
  # shellcheck disable=SC2086
  nohup "$JAVA_HOME/bin/java" $jvm "${jfr[@]}" -jar "$var/jars/$name-exec.jar" --server.port="$port" \
    --spring.datasource.url="jdbc:postgresql://$pg_host:$pg_port/$db" --spring.datasource.username="$pg_user" \
    --spring.rabbitmq.host="$rb_host" --spring.rabbitmq.port="$rb_port" --spring.rabbitmq.virtual-host="$vhost" \
    --basalt.service.periodic-fuzzy-delay=0s "${extra[@]}" > "$var/$name.log" 2>&1 &
  echo "$name $!" >> "$var/pids"
}

health_port() { # name: where its /actuator/health is
  if [ "$1" = api-service ]; then echo "${BENCH_API_MANAGEMENT_PORT:-9776}"; else port_of "$1"; fi
}

wait_ready() { # name
  for _ in $(seq 1 1200); do
    if curl -fsS "http://127.0.0.1:$(health_port "$1")/actuator/health" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "$1 not ready after 120 s; see $var/$1.log" >&2; exit 1
}

report() {
  while read -r name pid; do
    started=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' "$var/$name.log" | tail -1)
    rss=$(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$pid/status" 2>/dev/null || echo "?")
    echo "$name pid $pid: ${started:-not started}; RSS $rss"
  done < "$var/pids"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) [ -n "${2:-}" ] || { echo "usage: bench/services.sh restart <service>" >&2; exit 2; }; restart "$2" ;;
  status) report ;;
  *) echo "usage: bench/services.sh start|stop|restart <service>|status" >&2; exit 2 ;;
esac
