/**
 * Support for integration tests against the real local engine: {@link
 * io.dockernet.testing.TestEngine} (a JUnit 5 extension: gateway, containers, unmanaged networks,
 * ping, veth pairs, a shared one-node swarm, cleanup and sweeping), {@link
 * io.dockernet.testing.EngineProxy} (a breakable tcp front for the engine socket), {@link
 * io.dockernet.testing.Cli} (bounded command runs), {@link io.dockernet.testing.Dockernet} (the
 * dockernet CLI in-process or as a jar child), {@link io.dockernet.testing.Kubeconfig} (a
 * kubeconfig for a mock API server), {@link io.dockernet.testing.BadInputCorpus} (the hostile
 * manifests and what each must report), {@link io.dockernet.testing.SecondDockerd} (a private
 * dockerd on 127.0.0.1 with TLS, to stop, restart or secure without touching the shared engine) and
 * {@link io.dockernet.testing.TestCertificates} (openssl-made CA, server and client certificates,
 * and a wrong CA).
 */
package io.dockernet.testing;
