#!/usr/bin/env bash
# Benchmarks (issue 8): builds the jar, then runs the slash-command acknowledgement benchmark
# (bench/AckBench.java), digest ranking at scale with the bulk import (bench/DigestBench.java), and
# delivery under rate limits (bench/DeliveryBench.java).
# Usage: bench/run.sh [-Dconnections=32] [-Dseconds=15] [-DwarmupSeconds=5]   (options go to AckBench)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -DskipTests package
cp="$(ls ~/.m2/repository/org/xerial/sqlite-jdbc/*/sqlite-jdbc-*.jar | grep -v sources | sort -V | tail -1)"
java -cp "$cp" "$@" bench/AckBench.java target/holdfast.jar
java -cp target/holdfast.jar bench/DigestBench.java target/holdfast.jar
java -cp target/holdfast.jar bench/DeliveryBench.java target/holdfast.jar
