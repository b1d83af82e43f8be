#!/usr/bin/env bash
# The seed walkthrough (Docker's "networking with standalone containers" guide), declaratively:
# builds dockernet, makes sure an engine runs, starts the guide's containers from a locally built
# busybox image, applies examples/seed/, lists the networks, and shows that alpine2 reaches alpine1
# by name over the user-defined network while a container on another network cannot.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "building target/dockernet.jar"
mvn -q -B -ntp package -DskipTests

step "making sure a Docker engine runs"
bash scripts/ensure-docker.sh

IMAGE=${DOCKERNET_TEST_IMAGE:-dockernet/busybox:local}
step "starting alpine1 and alpine2 (the guide's two containers) and alpine3 (stays on the default bridge)"
for c in alpine1 alpine2 alpine3; do
  docker rm -f "$c" >/dev/null 2>&1 || true
  docker run -d --name "$c" --label io.dockernet.demo=true "$IMAGE" sleep 3600 >/dev/null
  echo "started $c"
done

step "bin/dockernet plan -f examples/seed"
bin/dockernet plan -f examples/seed

step "bin/dockernet apply -f examples/seed"
bin/dockernet apply -f examples/seed

step "bin/dockernet get networks"
bin/dockernet get networks

step "alpine2 -> alpine1 by name over alpine-net (expected: reachable)"
docker exec alpine2 ping -c 1 -W 1 alpine1

alpine1_ip=$(docker inspect -f '{{(index .NetworkSettings.Networks "alpine-net").IPAddress}}' alpine1)
step "alpine3 (default bridge only) -> alpine1 (expected: unreachable, by name and by address $alpine1_ip)"
if docker exec alpine3 ping -c 1 -W 1 alpine1; then
  echo "UNEXPECTED: alpine3 resolved and reached alpine1" >&2; exit 1
fi
if docker exec alpine3 ping -c 1 -W 1 "$alpine1_ip"; then
  echo "UNEXPECTED: alpine3 reached alpine1 across networks" >&2; exit 1
fi
echo "alpine3 cannot reach alpine1: the networks are isolated"

step "apply again: nothing to do"
bin/dockernet apply -f examples/seed

cat <<'DONE'

Done. Explore with `bin/dockernet get attachments`, or try `bin/dockernet watch -f examples/seed`
and `docker network disconnect alpine-net alpine2` in another terminal.
Clean up: bin/dockernet delete -f examples/seed && docker rm -f alpine1 alpine2 alpine3
DONE
