package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineJsonTest {

  private static JsonNode json(String s) throws Exception {
    return EngineHttp.JSON.readTree(s.replace('\'', '"'));
  }

  @Test
  void createBodyCarriesEveryField() throws Exception {
    NetworkConfig config =
        new NetworkConfig(
            "n",
            "macvlan",
            Map.of("parent", "eth9"),
            true,
            true,
            false,
            true,
            false,
            "local",
            false,
            null,
            Map.of("a", "b"),
            "default",
            Map.of("o", "p"),
            List.of(
                new IpamPool("10.0.0.0/24", "10.0.0.128/25", "10.0.0.1", Map.of("r", "10.0.0.2"))));
    assertThat(EngineJson.createBody(config))
        .isEqualTo(
            json(
                "{'Name':'n','CheckDuplicate':true,'Driver':'macvlan',"
                    + "'Options':{'parent':'eth9'},'Internal':true,'Attachable':true,'Ingress':false,'EnableIPv6':true,'EnableIPv4':false,"
                    + "'Scope':'local','ConfigOnly':false,'Labels':{'a':'b'},'IPAM':{'Driver':'default','Options':{'o':'p'},"
                    + "'Config':[{'Subnet':'10.0.0.0/24','IPRange':'10.0.0.128/25','Gateway':'10.0.0.1','AuxiliaryAddresses':{'r':'10.0.0.2'}}]}}"));
  }

  @Test
  void configFromBodyHasNoUserConfiguration() throws Exception {
    NetworkConfig config =
        new NetworkConfig(
            "n", "macvlan", null, false, false, false, false, null, null, false, "cfg", null, null,
            null, null);
    assertThat(EngineJson.createBody(config))
        .isEqualTo(
            json(
                "{'Name':'n','CheckDuplicate':true,'Driver':'macvlan',"
                    + "'Internal':false,'Attachable':false,'Ingress':false,'EnableIPv6':false,'ConfigOnly':false,'ConfigFrom':{'Network':'cfg'}}"));
  }

  @Test
  void connectBodyCarriesEveryEndpointSetting() throws Exception {
    EndpointConfig e =
        new EndpointConfig(
            List.of("a"),
            "10.0.0.5",
            "fd00::5",
            List.of("169.254.1.1"),
            List.of("c:l"),
            Map.of("k", "v"),
            "02:42:00:00:00:01",
            5);
    assertThat(EngineJson.connectBody("c1", e))
        .isEqualTo(
            json(
                "{'Container':'c1','EndpointConfig':{'Aliases':['a'],"
                    + "'Links':['c:l'],'DriverOpts':{'k':'v'},'MacAddress':'02:42:00:00:00:01','GwPriority':5,"
                    + "'IPAMConfig':{'IPv4Address':'10.0.0.5','IPv6Address':'fd00::5','LinkLocalIPs':['169.254.1.1']}}}"));
    assertThat(EngineJson.connectBody("c1", EndpointConfig.empty()))
        .isEqualTo(json("{'Container':'c1','EndpointConfig':{}}"));
  }

  @Test
  void networkFromEngineJsonWithoutEnableIPv4MeansEngineDefault() throws Exception {
    NetworkConfig c =
        EngineJson.networkConfig(
            json(
                "{'Name':'n','Driver':'bridge','Scope':'local','EnableIPv6':false,"
                    + "'IPAM':{'Driver':'default','Options':null,'Config':[{'Subnet':'10.0.0.0/24','AuxiliaryAddresses':{'r':'10.0.0.2'}}]},"
                    + "'Internal':false,'Attachable':false,'Ingress':false,'ConfigFrom':{'Network':''},'ConfigOnly':false,'Options':{},'Labels':{}}"));
    assertThat(c.enableIPv4()).isNull();
    assertThat(c.configFrom()).isNull();
    assertThat(c.ipamPools())
        .containsExactly(new IpamPool("10.0.0.0/24", null, null, Map.of("r", "10.0.0.2")));
    assertThat(EngineJson.networkConfig(json("{'Name':'n','EnableIPv4':false}")).enableIPv4())
        .isFalse();
  }

  @Test
  void endpointDropsTheShortIdAliasAndKeepsTheRest() throws Exception {
    JsonNode s =
        json(
            "{'IPAMConfig':{'IPv4Address':'10.0.0.5','LinkLocalIPs':['169.254.1.1']},'Links':['p:db'],"
                + "'Aliases':['web','0123456789ab'],'NetworkID':'nid','EndpointID':'eid','IPAddress':'10.0.0.5',"
                + "'GlobalIPv6Address':'','MacAddress':'02:42:0a:00:00:05','DriverOpts':{'io.dockernet.owner':'p/ns/a'}}");
    ObservedEndpoint e = EngineJson.endpoint("n", s, "0123456789abcdef", "c", false);
    assertThat(e.config())
        .isEqualTo(
            new EndpointConfig(
                List.of("web"),
                "10.0.0.5",
                null,
                List.of("169.254.1.1"),
                List.of("p:db"),
                Map.of("io.dockernet.owner", "p/ns/a"),
                null,
                null));
    assertThat(e.ipv6Address()).isNull();
    assertThat(e.macAddress()).isEqualTo("02:42:0a:00:00:05");
    assertThat(e.managed()).isTrue();
  }

  @Test
  void swarmRoleFromInfo() throws Exception {
    assertThat(
            EngineJson.engineInfo(
                json(
                    "{'ServerVersion':'20.10.24','Name':'h','Swarm':{'LocalNodeState':'inactive'}}"),
                "1.41"))
        .satisfies(
            i -> {
              assertThat(i.swarmRole()).isEqualTo("none");
              assertThat(i.apiVersion()).isEqualTo("1.41");
              assertThat(i.engineVersion()).isEqualTo("20.10.24");
            });
    assertThat(
            EngineJson.engineInfo(
                    json("{'Swarm':{'LocalNodeState':'active','ControlAvailable':true}}"), "1.41")
                .swarmRole())
        .isEqualTo("manager");
    assertThat(
            EngineJson.engineInfo(
                    json("{'Swarm':{'LocalNodeState':'active','ControlAvailable':false}}"), "1.41")
                .swarmRole())
        .isEqualTo("worker");
  }

  @Test
  void eventsFromTheStream() throws Exception {
    EngineEvent e =
        EventStream.toEvent(
            json(
                "{'Type':'network','Action':'disconnect','Actor':{'ID':'nid',"
                    + "'Attributes':{'container':'cid','name':'n','type':'bridge'}},'scope':'local','time':1700000000,'timeNano':1700000000123456789}"));
    assertThat(e)
        .isEqualTo(
            new EngineEvent(
                "network",
                "disconnect",
                "nid",
                Map.of("container", "cid", "name", "n", "type", "bridge"),
                1700000000123456789L));
    assertThat(
            EventStream.toEvent(
                json("{'Type':'container','Action':'exec_start: ping','Actor':{'ID':'c'}}")))
        .isNull();
    assertThat(EventStream.toEvent(json("{'Type':'image','Action':'pull','Actor':{'ID':'i'}}")))
        .isNull();
  }
}
