#!/usr/bin/env sh
# Runs RpcRoundTripBenchmark (README, "Performance") against the local RabbitMQ, found as the integration tests
# find it (io.basalt.testing.TestServices). Arguments: calls, warm-up calls, casts (default 5000 2000 10000), e.g.
#   common-rpc/rpc-bench.sh 5000 2000 10000
# Works on a fresh clone: common-testing is built in the same reactor (-am) and taken from its target/classes;
# nothing is installed into ~/.m2.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
./mvnw -q -pl common-rpc -am test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
. "$root/bin/find-jdk"
cd "$here"
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
	io.basalt.rpc.transport.amqp.RpcRoundTripBenchmark "$@"
