#!/usr/bin/env bash
# Slash-command acknowledgement benchmark: builds the jar, then runs bench/AckBench.java against it.
# Usage: bench/run.sh [-Dconnections=32] [-Dseconds=15] [-DwarmupSeconds=5]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -DskipTests package
cp="$(ls ~/.m2/repository/org/xerial/sqlite-jdbc/*/sqlite-jdbc-*.jar | grep -v sources | sort -V | tail -1)"
java -cp "$cp" "$@" bench/AckBench.java target/holdfast.jar
