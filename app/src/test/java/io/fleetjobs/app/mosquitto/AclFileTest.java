package io.fleetjobs.app.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.sim.BenchTopics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ACL file read the way mosquitto 2.0 reads it (a {@code pattern} applies to every user with {@code %u} replaced
 * by the user name, {@code topic} lines to the {@code user} above them, anything not granted is refused): each device
 * gets what the embedded broker's topic permissions give it, as far as an ACL file can say it.
 * {@code MosquittoExternalBrokerIT} checks the same against the real mosquitto.
 */
class AclFileTest {

  private static final String ACL = AclFile.render("service@fleet-jobs");

  @Test
  void theAclIsPatternsOnTheUserNameAndTheServicesAccountWithNoDenyLines() {
    assertThat(ACL.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()).containsExactly(
        "pattern read fleet/v1/devices/%u/#",
        "pattern write fleet/v1/devices/%u/up/#",
        "pattern write fleet/v1/devices/%u/bench/#",
        "pattern read fleet/v1/gateways/%u/#",
        "pattern write fleet/v1/gateways/%u/devices/+/up/#",
        "pattern write fleet/v1/gateways/%u/devices/+/bench/#",
        "user service@fleet-jobs",
        "topic readwrite fleet/v1/#");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Channel.class)
  void aDeviceReadsItsOwnTopicsAndPublishesOnlyItsUpTopics(Channel channel) {
    boolean up = channel.direction() == Channel.Direction.UP;
    assertThat(may("d1", "read", Topics.topic("d1", channel))).isTrue();
    assertThat(may("d1", "write", Topics.topic("d1", channel))).isEqualTo(up);
    assertThat(may("d1", "read", Topics.topic("d2", channel))).isFalse();
    assertThat(may("d1", "write", Topics.topic("d2", channel))).isFalse();
    assertThat(may("d1", "read", Topics.topic("d10", channel))).isFalse();
  }

  static java.util.Set<Channel> childChannels() {
    return Channel.childChannels();
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("childChannels")
  void aGatewayReadsItsChildrensTopicsAndPublishesOnlyTheirUpTopics(Channel channel) {
    boolean up = channel.direction() == Channel.Direction.UP;
    String child = Topics.childTopic("gw-1", "c-7", channel);
    assertThat(may("gw-1", "read", child)).isTrue();
    assertThat(may("gw-1", "write", child)).isEqualTo(up);
    assertThat(may("gw-2", "read", child)).isFalse();
    assertThat(may("gw-2", "write", child)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Channel.class)
  void theServicesAccountReadsAndWritesEveryDevicesTopics(Channel channel) {
    assertThat(may("service@fleet-jobs", "read", Topics.topic("d1", channel))).isTrue();
    assertThat(may("service@fleet-jobs", "write", Topics.topic("d1", channel))).isTrue();
    if (channel.forChildren()) {
      assertThat(may("service@fleet-jobs", "write", Topics.childTopic("gw-1", "c-7", channel))).isTrue();
    }
    assertThat(may("service@fleet-jobs", "read", "other/topic")).isFalse();
  }

  @Test
  void theBenchmarksPingsReachEachDeviceAndItsPongsGoBack() {
    String ping = BenchTopics.ping("d1");
    String childPing = BenchTopics.ping("gw-1", "c-7");
    assertThat(may("d1", "read", ping)).isTrue();
    assertThat(may("d1", "write", ping.replace("/ping", "/pong"))).isTrue();
    assertThat(may("gw-1", "read", childPing)).isTrue();
    assertThat(may("gw-1", "write", childPing.replace("/ping", "/pong"))).isTrue();
    assertThat(may("d2", "read", ping)).isFalse();
    assertThat(may("service@fleet-jobs", "write", ping)).isTrue();
  }

  @Test
  void whatMosquittoCannotSayIsRefusedRatherThanAllowed() {
    // the embedded broker lets a device publish anywhere in its subtree but down/#; mosquitto's deny would also
    // refuse reading, so writes are granted one branch at a time and the rest of the subtree stays read-only
    assertThat(may("d1", "write", "fleet/v1/devices/d1/elsewhere")).isFalse();
    assertThat(may("d1", "write", "fleet/v1/gateways/d1/devices/c-7/elsewhere")).isFalse();
    assertThat(may("d1", "read", "fleet/v1/devices/d1/elsewhere")).isTrue();
  }

  /** mosquitto 2.0's ACL check for one message, simplified to what the file uses: grants only, no %c, no deny. */
  private static boolean may(String user, String access, String topic) {
    List<String> grants = new ArrayList<>();
    String current = null;
    for (String line : ACL.lines().toList()) {
      String[] words = line.trim().split(" ");
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      switch (words[0]) {
        case "user" -> current = words[1];
        case "pattern" -> grants.add(words[1] + " " + words[2].replace("%u", user));
        case "topic" -> {
          if (user.equals(current)) {
            grants.add(words[1] + " " + words[2]);
          }
        }
        default -> throw new AssertionError("unexpected line " + line);
      }
    }
    return grants.stream().anyMatch(g -> {
      String[] parts = g.split(" ");
      return (parts[0].equals("readwrite") || parts[0].equals(access)) && matches(parts[1], topic);
    });
  }

  private static boolean matches(String filter, String topic) {
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return i == f.length - 1;
      }
      if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
        return false;
      }
    }
    return f.length == t.length;
  }
}
