#!/usr/bin/env sh
# Runs the scheduler's JMH benchmarks. Extra arguments go to JMH, e.g.
#   scheduler-service/jmh.sh -wi 2 -i 3 -w 1s -r 2s -p pools=10000
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
./mvnw -q -pl scheduler-service test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
. "$root/bin/find-jdk"
exec "$JAVA_HOME/bin/java" -cp "$here/target/test-classes:$here/target/classes:$(cat "$here/target/jmh.classpath")" \
	org.openjdk.jmh.Main SchedulerDecisionBenchmark "$@"
