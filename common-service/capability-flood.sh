#!/usr/bin/env sh
# Simulated volume backends against a running scheduler (docs/benchmarks.md, "Scale (issue 12)"): registers
# --backends N (1000) backends of --pools P (10) pools in `services`, sends their capability reports over RabbitMQ
# every --interval (60s; a shorter one compresses time) for --rounds R (3), and prints the scheduler's CPU per
# report, its share of a core at one report per backend a minute, and the heap its host table takes. E.g.
#   common-service/capability-flood.sh --scheduler-pid $(awk '$1=="scheduler-service"{print $2}' var/bench/pids) \
#     --amqp amqp://guest:guest@127.0.0.1:5672/%2F --jdbc 'jdbc:postgresql://127.0.0.1:5432/basalt_bench?user=postgres' \
#     --scheduler-url http://127.0.0.1:8777 --interval 60s --rounds 3
# Works on a fresh clone (the reactor builds common-rpc and common-testing; nothing is installed into ~/.m2).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
./mvnw -q -pl common-service -am test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/flood.classpath -Dmdep.includeScope=test
. "$root/bin/find-jdk"
cd "$here"
exec "$JAVA_HOME/bin/java" -Xmx256m -cp "target/test-classes:target/classes:$(cat target/flood.classpath)" \
	io.basalt.common.bench.CapabilityFlood "$@"
