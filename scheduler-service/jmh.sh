#!/usr/bin/env sh
# Runs the scheduler's JMH benchmarks. Extra arguments go to JMH, e.g.
#   scheduler-service/jmh.sh -wi 2 -i 3 -w 1s -r 2s -p pools=10000
# Works on a fresh clone: the sibling modules it needs (common-service, common-rpc, common-testing, ...) are
# built in the same reactor (-am) and taken from their target/classes; nothing is installed into ~/.m2.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
./mvnw -q -pl scheduler-service -am test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
. "$root/bin/find-jdk"
exec "$JAVA_HOME/bin/java" -cp "$here/target/test-classes:$here/target/classes:$(cat "$here/target/jmh.classpath")" \
	org.openjdk.jmh.Main SchedulerDecisionBenchmark "$@"
