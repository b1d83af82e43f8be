#!/usr/bin/env bash
# The long randomized reliability runs (docs/reliability.md): kill -9 of `dockernet apply` at
# random points, 20 times while it converges 50 networks with attachments and 20 times in the middle
# of a recreate (CrashIT), kill -9 of `dockernet operator` 20 times while it converges the same 50
# networks (OperatorCrashIT) and 20 times in the middle of a recreate (OperatorRecreateCrashIT), then
# the drift storm and two-writer runs repeated. The default `mvn verify` runs 3 + 3 + 2 + 2 crashes
# and each other scenario once.
#
#   scripts/chaos.sh                 # 20 + 20 + 20 + 20 crashes, 3 storms, 3 two-writer rounds
#   CRASHES=50 OPERATOR_CRASHES=10 REPEAT=5 scripts/chaos.sh
#   SEED=1234 scripts/chaos.sh       # replay the same kill points
#
# Writes a summary to target/reliability/chaos-summary.txt (and prints it).
set -euo pipefail
cd "$(dirname "$0")/.."
CRASHES="${CRASHES:-20}"
OPERATOR_CRASHES="${OPERATOR_CRASHES:-20}"
REPEAT="${REPEAT:-3}"
SEED="${SEED:-$RANDOM$RANDOM}"
bash scripts/ensure-docker.sh >/dev/null

out=target/reliability
mkdir -p "$out"
: > "$out/crash-summary.txt"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
t0=$(date +%s)

mvn -B -ntp -q package -Dmaven.test.skip=true
status=0
mvn -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='CrashIT,OperatorCrashIT,OperatorRecreateCrashIT' \
  -Ddockernet.crashes="$CRASHES" -Ddockernet.crash.operator.runs="$OPERATOR_CRASHES" -Ddockernet.seed="$SEED" > "$out/chaos-crash.log" 2>&1 || status=1
storms=0
storm_fail=0
for i in $(seq 1 "$REPEAT"); do
  if mvn -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='DriftStormIT,TwoWritersIT' \
      >> "$out/chaos-storm.log" 2>&1; then
    storms=$((storms + 1))
  else
    storm_fail=$((storm_fail + 1)); status=1
  fi
done
t1=$(date +%s)

{
  echo "chaos run started $started, took $(( (t1 - t0) / 60 )) min, seed $SEED, engine $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
  cat "$out/crash-summary.txt"
  grep -h "drift storm:" "$out/chaos-storm.log" | sed 's/^/storm: /' || true
  echo "storm+two-writer rounds passed: $storms of $REPEAT"
  grep -h "Tests run:.*in io.dockernet" "$out/chaos-crash.log" "$out/chaos-storm.log" | sed 's/^\[[A-Z]*\] //' || true
  echo "result: $([ $status -eq 0 ] && echo PASS || echo FAIL)"
} | tee "$out/chaos-summary.txt"
exit $status
