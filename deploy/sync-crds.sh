#!/usr/bin/env bash
# Copies the generated CRDs (crds/, the source of truth) to the two places that must ship them
# verbatim: deploy/crds/ (kustomize loads nothing outside its folder) and the Helm chart's crds/.
# CrdCopiesInSyncTest fails until this has been run after a CRD change.
set -euo pipefail
cd "$(dirname "$0")/.."
for dest in deploy/crds helm/dockernet-operator/crds; do
  mkdir -p "$dest"
  rm -f "$dest"/*.yml "$dest"/*.yaml
  cp crds/*.yml "$dest"/
done
echo "CRDs copied to deploy/crds and helm/dockernet-operator/crds"
