/**
 * Subnet pools: a pure stage before the planner. {@link io.dockernet.pool.PoolAllocator} turns
 * DockerNetworks that ask for {@code ipam.config[].pool} into DockerNetworks with concrete subnets,
 * given the SubnetPools, what the engine(s) already have and the machine's routes, and reports the
 * networks that cannot get one ({@code PoolExhausted}) or whose allocation a pool change left
 * outside the pool ({@code OutsidePool}). Allocations live on the engine: a network created from a
 * pool carries the label {@link io.dockernet.pool.PoolAllocator#POOL_LABEL}, and its subnet is read
 * back from the engine in every later round. Both the CLI and the operator run this stage before
 * planning; the planner never sees a pool.
 */
package io.dockernet.pool;
