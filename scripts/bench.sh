#!/usr/bin/env bash
# The benchmarks of docs/benchmarks.md, in one command:
#   scripts/bench.sh [BenchMain options, e.g. --sizes 10 --trials 3 --no-ansible]
# Installs what it needs (Docker engine via ensure-docker.sh, Debian's ansible package), builds
# the jar, runs every scenario (product and baselines alternating), prints a table and writes
# target/bench/results.json. A full run takes about 50 minutes; see docs/benchmarks.md.
# One scenario alone, a few minutes each: --only parallel, --only fleet.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-docker.sh >/dev/null
if ! command -v ansible-playbook >/dev/null 2>&1; then
  echo "bench: installing Debian's ansible package (community.docker is bundled)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q ansible >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ansible >/dev/null; }
fi
ansible-galaxy collection list community.docker 2>/dev/null | grep -q community.docker \
  || { echo "bench: ansible has no community.docker collection" >&2; exit 1; }

offline=-o
[ "${BENCH_ONLINE:-}" = 1 ] && offline=
echo "bench: building" >&2
# Another build in the same tree can remove target/classes under ours: try again before giving up.
for attempt in 1 2 3; do
  mvn $offline -q package -DskipTests -DskipITs && break
  [ "$attempt" = 3 ] && exit 1
  echo "bench: build failed (attempt $attempt), retrying in 20 s" >&2
  offline=  # a fresh machine has nothing in its local Maven repository yet
  sleep 20
done
classpath="dependency:build-classpath -Dmdep.outputFile=target/bench/cp.txt -Dmdep.includeScope=test"
mvn $offline -q $classpath || mvn -q $classpath

# Private copies: other builds in this tree may rewrite target/ while the benchmark runs.
rm -rf target/bench/classes target/bench/test-classes
cp -r target/classes target/bench/classes
cp -r target/test-classes target/bench/test-classes
cp target/dockernet.jar target/bench/dockernet.jar

exec java -Xmx1g -cp "target/bench/test-classes:target/bench/classes:$(cat target/bench/cp.txt)" \
  io.dockernet.bench.BenchMain --jar target/bench/dockernet.jar ${BENCH_JMH:---jmh} "$@"
