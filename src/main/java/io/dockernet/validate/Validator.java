package io.dockernet.validate;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.model.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rules checked before any engine call: names, CIDRs, addresses inside subnets, overlaps,
 * duplicates, driver rules; and, given a snapshot of the engine, the rules that need its view.
 * Pure: no I/O. Problems come sorted by file, line and column.
 */
public final class Validator {
  private Validator() {}

  /**
   * Offline rules for one SubnetPool (the operator; references from networks are checked when they
   * allocate).
   */
  public static List<Problem> validate(SubnetPool pool, Locator locator) {
    Report report = new Report(locator);
    new PoolRules(report).check(pool);
    return problems(report.findings());
  }

  /** Offline rules for networks and attachments. */
  public static List<Problem> validate(
      List<DockerNetwork> networks, List<NetworkAttachment> attachments, Locator locator) {
    return problems(findings(networks, attachments, List.of(), locator));
  }

  /** Offline rules for everything loaded from manifests, DockerHosts and policies included. */
  public static List<Problem> validate(Declarations manifests) {
    List<Finding> all =
        new ArrayList<>(
            findings(
                manifests.networks(),
                manifests.attachments(),
                manifests.hosts(),
                manifests.locator()));
    all.addAll(policyFindings(manifests.policies(), manifests.locator()));
    all.addAll(poolFindings(manifests.pools(), manifests.networks(), manifests.locator()));
    return problems(
        all.stream().sorted(Comparator.comparing(Finding::problem, Problems.ORDER)).toList());
  }

  /** Offline rules for SubnetPools, and every {@code pool:} of the networks names one of them. */
  public static List<Finding> poolFindings(
      List<SubnetPool> pools, List<DockerNetwork> networks, Locator locator) {
    Report report = new Report(locator);
    PoolRules rules = new PoolRules(report);
    pools.forEach(rules::check);
    new CrossRules(report, new Declared(List.of())).duplicates(pools);
    rules.references(pools, networks);
    return report.findings();
  }

  /** Offline rules for DockerNetworkPolicies: peers, CIDRs, ports, policy types, duplicates. */
  public static List<Finding> policyFindings(List<DockerNetworkPolicy> policies, Locator locator) {
    Report report = new Report(locator);
    PolicyRules rules = new PolicyRules(report);
    policies.forEach(rules::check);
    new CrossRules(report, new Declared(List.of())).duplicates(policies);
    return report.findings();
  }

  /** Policies against the engine: every network they name is declared or present on the engine. */
  public static List<Finding> policyEngineFindings(
      List<DockerNetworkPolicy> policies,
      List<DockerNetwork> networks,
      Locator locator,
      Snapshot snapshot) {
    Report report = new Report(locator);
    PolicyRules rules = new PolicyRules(report);
    Declared declared = new Declared(networks, true);
    policies.forEach(p -> rules.engine(p, declared, snapshot));
    return report.findings();
  }

  public static List<Problem> validatePoliciesAgainstEngine(
      List<DockerNetworkPolicy> policies,
      List<DockerNetwork> networks,
      Locator locator,
      Snapshot snapshot) {
    return problems(policyEngineFindings(policies, networks, locator, snapshot));
  }

  /**
   * Rules that need the engine's view: overlaps with networks the engine already has, references to
   * networks that are neither declared nor on the engine, static addresses on undeclared networks,
   * and fields newer than the engine's API. Pass the resources that target this engine only.
   */
  public static List<Problem> validateAgainstEngine(
      List<DockerNetwork> networks,
      List<NetworkAttachment> attachments,
      Locator locator,
      Snapshot snapshot) {
    return problems(engineFindings(networks, attachments, locator, snapshot));
  }

  /** Offline rules, each problem with the resource it belongs to. */
  public static List<Finding> findings(
      List<DockerNetwork> networks,
      List<NetworkAttachment> attachments,
      List<DockerHost> hosts,
      Locator locator) {
    Report report = new Report(locator);
    Declared declared = new Declared(networks);
    NetworkRules networkRules = new NetworkRules(report);
    networks.forEach(networkRules::check);
    AttachmentRules attachmentRules = new AttachmentRules(report, declared);
    attachments.forEach(attachmentRules::check);
    HostRules hostRules = new HostRules(report);
    hosts.forEach(hostRules::check);
    CrossRules cross = new CrossRules(report, declared);
    cross.duplicates(networks);
    cross.duplicates(attachments);
    cross.duplicates(hosts);
    cross.networks(networks);
    cross.staticAddresses(attachments);
    cross.sameContainerTwice(attachments);
    cross.hosts(hosts, networks, attachments);
    return report.findings();
  }

  /** Engine rules, each problem with the resource it belongs to. */
  public static List<Finding> engineFindings(
      List<DockerNetwork> networks,
      List<NetworkAttachment> attachments,
      Locator locator,
      Snapshot snapshot) {
    Report report = new Report(locator);
    EngineRules rules = new EngineRules(report, new Declared(networks, true), snapshot);
    networks.forEach(rules::network);
    attachments.forEach(rules::attachment);
    return report.findings();
  }

  private static List<Problem> problems(List<Finding> findings) {
    return findings.stream().map(Finding::problem).toList();
  }
}
