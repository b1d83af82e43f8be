/**
 * Rounds and their execution.
 *
 * <h2>One round ({@link io.dockernet.exec.Converger})</h2>
 *
 * Both hosts run the same round: snapshot, the host's engine-side check ({@link
 * io.dockernet.exec.Converger.Source#check}: problems stop the round before any plan), plan,
 * execute, and a fresh snapshot when something changed. The CLI adds files, pools and printing
 * ({@code cli/Converge}); the operator adds the engine lock, Kubernetes status and Events ({@code
 * operator/ResourceConverger}).
 *
 * <h2>Execution ({@link io.dockernet.exec.Executor})</h2>
 *
 * <ul>
 *   <li>Phases ({@link io.dockernet.plan.Phase}) are barriers; within one, actions run in lanes,
 *       each lane in plan order on one thread, lanes in parallel up to a bound ({@link
 *       io.dockernet.exec.Executor.Lanes}, {@code --parallelism} fixes it). Connects and
 *       disconnects have one lane per container (the engine serialises a container's endpoint
 *       changes), every other phase one lane per network (a recreate and its journal's drop stay
 *       whole, in their own phases).
 *   <li>A failure fails its resource and what depends on it: a connect to a network whose create or
 *       recreate failed, a reconnect whose disconnect failed. Idempotent outcomes ("already
 *       connected", "not connected", not found on remove) are successes.
 *   <li>Transient engine errors are retried (4 attempts, 100 ms to 2 s).
 * </ul>
 *
 * <h2>Recreate and its journal ({@link io.dockernet.exec.Recreation})</h2>
 *
 * Before its first disconnect a recreate writes every endpoint it will restore, and the old
 * network's settings, into the labels of a config-only journal network; it removes the journal only
 * when nothing is left to restore. If anything fails half-way the old network (or its endpoints) is
 * put back; if the process dies, the next plan finds the journal and finishes the recreate. The
 * journal's own removal is an action of the last phase, skipped when its recreate did not restore
 * everything.
 */
package io.dockernet.exec;
