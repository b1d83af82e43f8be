package io.dockernet.operator;

import io.fabric8.kubernetes.client.KubernetesClient;

/** What every reconciler of one operator deployment shares. */
record OperatorContext(
    KubernetesClient client,
    OperatorSettings settings,
    HostResolver resolver,
    Engines engines,
    OperatorMetrics metrics,
    KubeEvents events,
    SpecValidator validator) {

  StatusWriter statusWriter() {
    return new StatusWriter(client, settings.serverSideApply());
  }
}
