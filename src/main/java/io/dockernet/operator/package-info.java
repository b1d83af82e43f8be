/**
 * The Kubernetes operator ({@code dockernet operator}): JOSDK reconcilers for DockerNetwork,
 * NetworkAttachment and DockerHost that only orchestrate the shared validator, planner and
 * executor.
 *
 * <h2>How it behaves</h2>
 *
 * <ul>
 *   <li><b>Rounds.</b> Each reconcile plans ONE resource (apply mode, no prune) against a fresh
 *       engine snapshot, executes the plan, and writes status from a fresh snapshot: {@code Ready}
 *       with a reason ({@code Converged}, {@code Invalid}, {@code Conflict}, {@code InUse}, {@code
 *       NotFound}, {@code UpdateBlocked}, {@code EngineUnavailable}, {@code Forbidden}, {@code
 *       DeletionBlocked}), Docker ids, subnets and endpoints. Status is written only when it
 *       changed ({@link io.dockernet.operator.Conditions}). Rounds on one engine are serialised.
 *   <li><b>Drift.</b> One Docker event stream per engine ({@link io.dockernet.operator.Engines})
 *       feeds each reconciler's inbound event source: network events by Docker name (an index of
 *       primaries by host and name), container events by name/id and labels (selectors). When the
 *       stream breaks, everything on that engine (and its DockerHost) is reconciled at once, so an
 *       engine that went away shows EngineUnavailable within about a second; after it reconnects,
 *       everything on that engine is reconciled again; {@code --resync-period} reconciles
 *       everything anyway.
 *   <li><b>Retries.</b> EngineUnavailable is retried with exponential backoff (1 s to 30 s, no
 *       limit); permanent problems (Invalid, Conflict, Forbidden...) are not retried: a spec
 *       change, a DockerHost change or an engine event triggers the next round.
 *   <li><b>Hosts and shards.</b> {@code spec.host} names a DockerHost; empty means {@code
 *       --default-host} if given, else the operator's own engine ({@code --host}/{@code
 *       DOCKER_HOST}), which only a deployment WITHOUT {@code --host-selector} serves. A deployment
 *       with {@code --host-selector} serves exactly the DockerHosts whose labels match; resources
 *       of other hosts are filtered out before they reach a reconciler (no finalizer, no status). A
 *       DockerHost that does not exist is reported (NotFound) by the selector-less deployment only.
 *       A namespace outside {@code spec.allowedNamespaces} gets {@code Forbidden} and nothing is
 *       done. TLS material comes from the Secret named by {@code spec.tlsSecretName} in {@code
 *       --secret-namespace} (keys ca.pem, cert.pem, key.pem), is written to a 0700 directory for
 *       docker-java, and never appears in logs, events or status; plain {@code tcp://} requires
 *       {@code spec.allowInsecure: true}.
 *   <li><b>Deletion.</b> A finalizer runs the planner in DELETE mode: managed endpoints are
 *       disconnected, the network removed per {@code deletionPolicy}. Endpoints we do not manage
 *       are never cut: the resource keeps its finalizer, {@code Ready=False reason DeletionBlocked}
 *       says which containers block it, and it is re-checked every 10 s and on engine events.
 *   <li><b>Escape hatch.</b> When an engine is gone for good (or must not be touched), annotate the
 *       resource {@code dockernet.io/skip-cleanup: "true"}: the finalizer is removed without any
 *       engine call (a Warning event {@code CleanupSkipped} says so); whatever is on the engine
 *       stays.
 *   <li><b>Patching.</b> Status is written as one JSON Patch op on {@code /status} (works on every
 *       API server and on the Fabric8 mock); {@code --server-side-apply} switches JOSDK and our
 *       status writes to server-side apply.
 * </ul>
 */
package io.dockernet.operator;
