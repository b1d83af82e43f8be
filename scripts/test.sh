#!/usr/bin/env bash
# The test command: makes sure a Docker engine runs (installing Debian's docker.io when missing),
# then runs the unit tests (*Test) and the integration tests against the real engine (*IT).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-docker.sh
command -v mvn >/dev/null || { echo "test.sh: Maven (mvn) is required" >&2; exit 1; }
mvn -B -ntp verify "$@"
