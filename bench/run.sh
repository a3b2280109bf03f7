#!/usr/bin/env bash
# Benchmarks (issue 8): builds the jar, runs the slash-command acknowledgement benchmark with the
# footprint (bench/AckBench.java), digest ranking at scale with the bulk import (bench/DigestBench.java)
# and delivery under rate limits (bench/DeliveryBench.java), and writes what they measured, with the
# machine, date and command, to bench/RESULTS.md, followed by the profiling notes (bench/PROFILING.md).
# Usage: bench/run.sh [-Dconnections=32] [-Dseconds=10] [-DwarmupSeconds=40] [-Drounds=3] [-Dlist=false]   (options go to AckBench)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -DskipTests package
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh${*:+ $*}\` on $(date -u '+%Y-%m-%d %H:%M UTC'), at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo
  cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "**Machine:** $(nproc) cores${cpu:+ ($cpu)}, $(free -m | awk '/^Mem:/ {printf "%.1f GiB", $2 / 1024}') memory, $(uname -sr), $(java -version 2>&1 | head -1)."
  echo "Every ratio is against a baseline measured in the same run, on the same machine, which also runs the load generator and the fakes."
  echo
  java -cp target/holdfast.jar "$@" bench/AckBench.java target/holdfast.jar
  java -cp target/holdfast.jar bench/DigestBench.java target/holdfast.jar
  java -cp target/holdfast.jar bench/DeliveryBench.java target/holdfast.jar
  cat bench/PROFILING.md
} | tee "$results"
cp "$results" bench/RESULTS.md
echo "Written to bench/RESULTS.md" >&2
