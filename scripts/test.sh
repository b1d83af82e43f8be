#!/usr/bin/env bash
# The test command: makes sure a Docker engine runs (installing Debian's docker.io when missing)
# and the tools the tests drive are present, then runs the unit tests (*Test) and the integration
# tests against the real engine (*IT). helm and kubectl come from npm (scripts/k8s-tools.sh, called
# by the tests that need them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-docker.sh

# Everything the tests run besides the JDK, Maven and what ensure-docker.sh installs (docker.io,
# busybox-static, iproute2), so that a fresh Debian machine passes: openssl (TLS certificates of the
# TLS engine tests), lua5.4 (the Argo CD health check test), util-linux (setpriv: the non-root
# operator smoke test; flock), docker-compose (1.29: the Compose parity tests), npm and unzip (helm
# and kubectl for the chart and kustomize tests, scripts/k8s-tools.sh), time (/usr/bin/time:
# BenchSmokeIT's footprint), ca-certificates (npm's TLS).
missing=()
command -v openssl >/dev/null || missing+=(openssl)
command -v lua5.4 >/dev/null || missing+=(lua5.4)
command -v setpriv >/dev/null || missing+=(util-linux)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v flock >/dev/null || missing+=(util-linux)
command -v npm >/dev/null || missing+=(npm)
command -v unzip >/dev/null || missing+=(unzip)
[ -x /usr/bin/time ] || missing+=(time)
[ -e /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u | sed '/^$/d')
if [ ${#missing[@]} -gt 0 ]; then
  echo "[test] installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v mvn >/dev/null || { echo "test.sh: Maven (mvn) is required" >&2; exit 1; }
mvn -B -ntp verify "$@"
