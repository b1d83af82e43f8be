#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock and that the local
# busybox test image exists. Installs Debian's docker.io and busybox-static when
# missing; starts dockerd in the background when it is not running (no systemd here).
set -euo pipefail

log() { echo "[ensure-docker] $*" >&2; }

need_pkgs=()
command -v dockerd >/dev/null 2>&1 || need_pkgs+=(docker.io)
if ! dpkg -s busybox-static >/dev/null 2>&1; then need_pkgs+=(busybox-static); fi
command -v ip >/dev/null 2>&1 || need_pkgs+=(iproute2)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

engine_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if ! engine_up; then
  if ! pgrep -x dockerd >/dev/null 2>&1; then
    # A killed dockerd leaves its pid file behind and the next one refuses to start.
    rm -f /var/run/docker.pid
    log "starting dockerd"
    nohup dockerd >/var/log/dockerd.log 2>&1 &
  fi
  for _ in $(seq 1 120); do
    engine_up && break
    sleep 0.5
  done
  engine_up || { log "dockerd did not answer; see /var/log/dockerd.log"; tail -20 /var/log/dockerd.log >&2; exit 1; }
fi
log "engine $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"

# Test image: FROM scratch with Debian's static busybox (no registry is reachable).
IMAGE=${DOCKERNET_TEST_IMAGE:-dockernet/busybox:local}
if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  ctx=$(mktemp -d)
  cp /bin/busybox "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
ENV PATH=/bin
CMD ["/bin/sh"]
DOCKERFILE
  log "building $IMAGE"
  DOCKER_BUILDKIT=0 docker build -q -t "$IMAGE" --label io.dockernet.test=image "$ctx" >/dev/null
  rm -rf "$ctx"
fi
