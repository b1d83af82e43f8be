/**
 * Support for integration tests against the real local engine: {@link io.dockernet.testing.TestEngine}
 * (a JUnit 5 extension: gateway, containers, unmanaged networks, ping, veth pairs, a shared
 * one-node swarm, cleanup and sweeping), {@link io.dockernet.testing.EngineProxy} (a breakable
 * tcp front for the engine socket) and {@link io.dockernet.testing.Cli} (bounded command runs).
 */
package io.dockernet.testing;
