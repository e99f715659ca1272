package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(Channel.class)
  void everyChannelsTopicParsesBackToItsDeviceAndChannel(Channel channel) {
    String topic = Topics.topic("fridge-42", channel);
    assertThat(topic).startsWith("fleet/v1/devices/fridge-42/" + channel.direction().segment() + "/");
    Topics.DeviceTopic parsed = Topics.parse(topic);
    assertThat(parsed.deviceId()).isEqualTo("fridge-42");
    assertThat(parsed.channel()).isEqualTo(channel);
    assertThat(parsed.topic()).isEqualTo(topic);
  }

  @Test
  void theTopicsAreTheDocumentedOnes() {
    assertThat(Topics.topic("d1", Channel.EXECUTION)).isEqualTo("fleet/v1/devices/d1/down/execution");
    assertThat(Topics.topic("d1", Channel.CANCEL)).isEqualTo("fleet/v1/devices/d1/down/cancel");
    assertThat(Topics.topic("d1", Channel.ERROR)).isEqualTo("fleet/v1/devices/d1/down/error");
    assertThat(Topics.topic("d1", Channel.EXECUTION_UPDATE)).isEqualTo("fleet/v1/devices/d1/up/execution-update");
    assertThat(Topics.topic("d1", Channel.PENDING_REQUEST)).isEqualTo("fleet/v1/devices/d1/up/pending-request");
    assertThat(Topics.topic("d1", Channel.PROPERTIES)).isEqualTo("fleet/v1/devices/d1/up/properties");
    assertThat(Topics.topic("d1", Channel.PRESENCE)).isEqualTo("fleet/v1/devices/d1/up/presence");
  }

  @Test
  void subscriptionsKeepEachDeviceInItsOwnSubtree() {
    assertThat(Topics.deviceSubscription("d1")).isEqualTo("fleet/v1/devices/d1/down/#");
    assertThat(Topics.deviceSubtree("d1")).isEqualTo("fleet/v1/devices/d1/#");
    assertThat(Topics.serviceSubscription()).isEqualTo("fleet/v1/devices/+/up/#");
    assertThat(Topics.sharedServiceSubscription("fleet-jobs")).isEqualTo("$share/fleet-jobs/fleet/v1/devices/+/up/#");
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {
      "fleet/v2/devices/d1/up/presence", "fleet/v1/devices/d1/up", "fleet/v1/devices/d1/up/presence/extra",
      "fleet/v1/devices/d1/sideways/presence", "fleet/v1/devices/d1/up/telemetry", "fleet/v1/devices/d+1/up/presence",
      "fleet/v1/devices//up/presence", "other/topic", ""})
  void anythingElseIsAnUnknownTopic(String topic) {
    assertThatThrownBy(() -> Topics.parse(topic))
        .isInstanceOfSatisfying(ContractViolation.class, v -> {
          assertThat(v.code()).isEqualTo(ErrorCode.UNKNOWN_TOPIC);
          assertThat(v.field()).isEqualTo("topic");
        });
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {"a/b", "a+b", "a#", "", "with space"})
  void deviceIdsThatWouldEscapeTheSubtreeAreRefused(String id) {
    assertThatThrownBy(() -> Topics.topic(id, Channel.PRESENCE))
        .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.field()).isEqualTo("deviceId"));
  }
}
