/**
 * The pure planner: {@code (DesiredState, Snapshot, PlanOptions) -> Plan}. No I/O, deterministic.
 *
 * <h2>How a plan is made ({@code PlanRun} and its parts)</h2>
 *
 * {@code PlanRun} wires the parts over one snapshot and runs them in this order; each part is
 * package-private and has its own test class.
 *
 * <ol>
 *   <li>{@code Journals}: journals of interrupted recreates are set aside before anything is
 *       indexed ({@code SnapshotIndex}): they are bookkeeping (config-only networks named {@code
 *       dockernet-journal-<network>-<random>}), never declared, pruned or in conflict.
 *   <li>{@code Networks}: missing is created; ours and different is recreated (or {@link
 *       io.dockernet.plan.Reason#UPDATE_BLOCKED} with {@code updatePolicy: Never}); not ours is a
 *       conflict unless adopted ({@code Owners} says what is ours). A network with a journal of
 *       ours is recreated again from it, restoring every endpoint the journal remembers whose
 *       container still exists ({@code Recreates}).
 *   <li>{@code Attachments}, in two passes so the result never depends on their order: first every
 *       attachment selects its containers and disconnects the endpoints it made that it no longer
 *       wants; then every selected container's endpoint is compared ({@code Endpoints}, {@code
 *       EndpointDiff}). Then {@code detachFrom}, which never undoes another attachment. Then prune
 *       ({@code Teardown}, which also plans {@code delete}).
 *   <li>{@code HeldAddresses}: a connect asking for a static address another container keeps is
 *       blocked, once every disconnect is known.
 *   <li>{@code Recreates} are finished last, when every disconnect of the plan is known: an
 *       endpoint this plan disconnects is not restored; one whose settings change is restored with
 *       the new settings.
 * </ol>
 *
 * Every part writes to one {@code Ledger}: actions, notes, the resources covered, and the endpoints
 * the plan disconnects (a disconnect is planned there only, so every part sees the others').
 *
 * <h2>Ordering</h2>
 *
 * Every action carries its {@link io.dockernet.plan.Phase}; the plan is sorted by phase, then
 * network, container and resource, and the executor runs the phases in the same order. Config-only
 * networks go after the networks made from them on removal and before them on creation; journal
 * drops run last, and the executor keeps a journal whose recreate did not restore everything.
 *
 * <p>Reason codes are {@link io.dockernet.plan.Reason}s; {@link io.dockernet.plan.Verb} gives each
 * action its words for the plan printer, progress lines and Kubernetes Events. The rules in words:
 * docs/architecture.md, "Planner rules".
 */
package io.dockernet.plan;
