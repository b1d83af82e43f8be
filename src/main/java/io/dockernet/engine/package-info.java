/**
 * The only code that talks to a Docker engine ({@link io.dockernet.engine.DockerJavaGateway}).
 *
 * <p>Design notes:
 *
 * <ul>
 *   <li>We send and read the engine's own JSON through docker-java's HTTP transport (httpclient5),
 *       because docker-java's models lack aux addresses, scope, config-only/from, EnableIPv4,
 *       endpoint driver options, link-local IPs and gw-priority. No API version is pinned:
 *       unversioned paths get the engine's own version, read from the Api-Version header.
 *   <li>Snapshot: GET /info, GET /networks, GET /containers/json?all=1. The container list lacks
 *       aliases, links, driver options and link-local IPs, so a container is inspected when its
 *       endpoint ids change (endpoint settings cannot change while an endpoint lives) or when it is
 *       stopped and on a network other than host/none (no endpoint ids to key on). See {@code
 *       SnapshotReader}.
 *   <li>Errors: the engine reuses codes (403 for "in use" and "already connected", 500 for "not
 *       connected" and for malformed input), so {@code EngineErrors} matches code and message.
 *   <li>Events run on their own HTTP client and thread with no response timeout; after a break they
 *       reconnect with backoff (100 ms doubling to 5 s), replay from {@code since} with dedupe, and
 *       call {@code resync()}.
 * </ul>
 */
package io.dockernet.engine;
