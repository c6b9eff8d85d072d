#!/bin/sh
# Throughput of the file backend's sparse copy (clone / volume from snapshot / revert / migration data path):
# a SIZE GiB volume holding WRITTEN GiB of data, copied RUNS times. Builds volume-service's classes if needed.
#   bench/sparse_copy.sh [DIR=var/bench-sparse] [SIZE=10] [WRITTEN=1] [RUNS=3]
set -eu
cd "$(dirname "$0")/.."
. bin/find-jdk
dir=${1:-var/bench-sparse}
if [ ! -f volume-service/target/test-classes/io/basalt/volume/driver/file/SparseCopyBench.class ]; then
  ./mvnw -q -B -pl volume-service -am test-compile
fi
exec "$JAVA_HOME/bin/java" -cp volume-service/target/classes:volume-service/target/test-classes \
  io.basalt.volume.driver.file.SparseCopyBench "$dir" "${2:-10}" "${3:-1}" "${4:-3}"
