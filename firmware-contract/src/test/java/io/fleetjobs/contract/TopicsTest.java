package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

  private static final String LONGEST_ID = "d".repeat(128);

  @ParameterizedTest(name = "{0}")
  @EnumSource(Channel.class)
  void everyChannelsTopicParsesBackToItsDeviceAndChannel(Channel channel) {
    for (String deviceId : new String[] {"fridge-42", "a", "Site_7.fridge:0042", LONGEST_ID}) {
      String topic = Topics.topic(deviceId, channel);
      assertThat(topic).startsWith("fleet/v1/devices/" + deviceId + "/" + channel.direction().segment() + "/");
      Topics.DeviceTopic parsed = Topics.parse(topic);
      assertThat(parsed).isEqualTo(new Topics.DeviceTopic(deviceId, channel));
      assertThat(parsed.topic()).isEqualTo(topic);
    }
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
    assertThat(Topics.topic("d1", Channel.ENROLMENT_REQUEST)).isEqualTo("fleet/v1/devices/d1/up/enrolment-request");
    assertThat(Topics.topic("d1", Channel.CREDENTIAL)).isEqualTo("fleet/v1/devices/d1/down/credential");
  }

  @Test
  void anEnrollingDeviceSubscribesToItsCredentialAndErrorTopicsOnly() {
    assertThat(Topics.enrolmentSubscriptions("d1"))
        .containsExactly("fleet/v1/devices/d1/down/credential", "fleet/v1/devices/d1/down/error");
    assertThatThrownBy(() -> Topics.enrolmentSubscriptions("d/1")).isInstanceOf(ContractViolation.class);
  }

  @Test
  void theEnrolmentChannelsAreADirectDevicesOnlyAndTheOtherSevenAreAChildsToo() {
    assertThat(Channel.childChannels()).hasSize(7).doesNotContain(Channel.ENROLMENT_REQUEST, Channel.CREDENTIAL);
    for (Channel channel : new Channel[] {Channel.ENROLMENT_REQUEST, Channel.CREDENTIAL}) {
      assertThat(channel.forChildren()).isFalse();
      assertThatThrownBy(() -> Topics.childTopic("gw-1", "c-1", channel)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Topics.DeviceTopic("c-1", channel, "gw-1")).isInstanceOf(IllegalArgumentException.class);
      String underGateway = "fleet/v1/gateways/gw-1/devices/c-1/" + channel.direction().segment() + "/" + channel.segment();
      assertUnknownTopic(underGateway);
      // a child's refused enrolment attempt is still answered on the child's error topic
      assertThat(Topics.errorTopicFor(underGateway)).contains("fleet/v1/gateways/gw-1/devices/c-1/down/error");
    }
  }

  @Test
  void subscriptionsKeepEachDeviceInItsOwnSubtree() {
    assertThat(Topics.deviceSubscription("d1")).isEqualTo("fleet/v1/devices/d1/down/#");
    assertThat(Topics.deviceSubtree("d1")).isEqualTo("fleet/v1/devices/d1/#");
    assertThat(Topics.deviceUplink("d1")).isEqualTo("fleet/v1/devices/d1/up/#");
    assertThat(Topics.gatewayUplink("gw-1")).isEqualTo("fleet/v1/gateways/gw-1/devices/+/up/#");
    assertThat(Topics.serviceSubscription()).isEqualTo("fleet/v1/devices/+/up/#");
    assertThat(Topics.sharedServiceSubscription("fleet-jobs")).isEqualTo("$share/fleet-jobs/fleet/v1/devices/+/up/#");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Channel.class)
  void aDeviceSubscriptionReceivesExactlyWhatTheServiceSendsThatDevice(Channel channel) {
    boolean down = channel.direction() == Channel.Direction.DOWN;
    assertThat(matches(Topics.deviceSubscription("d1"), Topics.topic("d1", channel))).isEqualTo(down);
    assertThat(matches(Topics.deviceSubscription("d1"), Topics.topic("d2", channel))).isFalse();
    assertThat(matches(Topics.deviceSubtree("d1"), Topics.topic("d1", channel))).isTrue();
    assertThat(matches(Topics.deviceSubtree("d1"), Topics.topic("d10", channel))).isFalse();
    assertThat(matches(Topics.deviceUplink("d1"), Topics.topic("d1", channel))).isEqualTo(!down);
    assertThat(matches(Topics.deviceUplink("d1"), Topics.topic("d2", channel))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Channel.class)
  void theServiceSubscriptionReceivesExactlyWhatDevicesSend(Channel channel) {
    boolean up = channel.direction() == Channel.Direction.UP;
    String shared = Topics.sharedServiceSubscription("fleet-jobs");
    String filter = shared.substring("$share/fleet-jobs/".length());
    assertThat(filter).isEqualTo(Topics.serviceSubscription());
    assertThat(matches(filter, Topics.topic("d1", channel))).isEqualTo(up);
    assertThat(matches(filter, Topics.topic(LONGEST_ID, channel))).isEqualTo(up);
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {
      "fleet/v2/devices/d1/up/presence", "Fleet/v1/devices/d1/up/presence", "fleet/v1/device/d1/up/presence",
      "/fleet/v1/devices/d1/up/presence", "fleet/v1/devices/d1/up/presence/", "fleet/v1/devices/d1/up",
      "fleet/v1/devices/d1/up/presence/extra", "fleet/v1/devices/d1/sideways/presence", "fleet/v1/devices/d1/UP/presence",
      "fleet/v1/devices/d1/up/telemetry", "fleet/v1/devices/d1/down/presence", "fleet/v1/devices/d1/up/execution",
      "fleet/v1/devices/d+1/up/presence", "fleet/v1/devices/+/up/presence", "fleet/v1/devices/d1/up/#",
      "fleet/v1/devices/d1/+/presence", "fleet/v1/devices/#", "$share/fleet-jobs/fleet/v1/devices/d1/up/presence",
      "fleet/v1/devices//up/presence", "fleet/v1/devices/d 1/up/presence", "other/topic", ""})
  void anythingElseIsAnUnknownTopic(String topic) {
    assertUnknownTopic(topic);
  }

  @Test
  void aDeviceIdLongerThan128CharactersIsAnUnknownTopic() {
    assertUnknownTopic("fleet/v1/devices/" + LONGEST_ID + "d/up/presence");
  }

  @Test
  void noTopicIsAnUnknownTopic() {
    assertUnknownTopic(null);
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {"a/b", "a+b", "a#", "+", "#", "", "with space", "ü"})
  void deviceIdsThatWouldEscapeTheSubtreeAreRefused(String id) {
    assertThatThrownBy(() -> Topics.topic(id, Channel.PRESENCE))
        .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.field()).isEqualTo("deviceId"));
    assertThatThrownBy(() -> Topics.deviceSubscription(id)).isInstanceOf(ContractViolation.class);
    assertThatThrownBy(() -> Topics.deviceSubtree(id)).isInstanceOf(ContractViolation.class);
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @NullAndEmptySource
  @ValueSource(strings = {"a/b", "+", "#", "fleet jobs"})
  void aSharedSubscriptionGroupIsASingleLevelWithoutWildcards(String group) {
    assertThatThrownBy(() -> Topics.sharedServiceSubscription(group))
        .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.field()).isEqualTo("group"));
  }

  static java.util.Set<Channel> childChannels() {
    return Channel.childChannels();
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("childChannels")
  void everyChannelOfAChildParsesBackToTheChildItsChannelAndItsGateway(Channel channel) {
    String topic = Topics.childTopic("gw-1", "fridge-42", channel);
    assertThat(topic).isEqualTo("fleet/v1/gateways/gw-1/devices/fridge-42/" + channel.direction().segment() + "/" + channel.segment());
    Topics.DeviceTopic parsed = Topics.parse(topic);
    assertThat(parsed).isEqualTo(new Topics.DeviceTopic("fridge-42", channel, "gw-1"));
    assertThat(parsed.viaGateway()).isTrue();
    assertThat(parsed.topic()).isEqualTo(topic);
    assertThat(parsed.with(Channel.ERROR).topic()).isEqualTo("fleet/v1/gateways/gw-1/devices/fridge-42/down/error");
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("childChannels")
  void aGatewayReceivesWhatTheServiceSendsItsChildrenAndTheServiceWhatGatewaysSend(Channel channel) {
    boolean down = channel.direction() == Channel.Direction.DOWN;
    String child = Topics.childTopic("gw-1", "c-7", channel);
    assertThat(matches(Topics.gatewaySubscription("gw-1"), child)).isEqualTo(down);
    assertThat(matches(Topics.gatewaySubscription("gw-2"), child)).isFalse();
    assertThat(matches(Topics.gatewaySubtree("gw-1"), child)).isTrue();
    assertThat(matches(Topics.gatewaySubtree("gw-10"), child)).isFalse();
    assertThat(matches(Topics.gatewayUplink("gw-1"), child)).isEqualTo(!down);
    assertThat(matches(Topics.gatewayUplink("gw-2"), child)).isFalse();
    assertThat(matches(Topics.childServiceSubscription(), child)).isEqualTo(!down);
    assertThat(matches(Topics.serviceSubscription(), child)).isFalse();
    assertThat(matches(Topics.childServiceSubscription(), Topics.topic("c-7", channel))).isFalse();
  }

  @Test
  void theServiceSubscribesToBothTreesSharedOrNot() {
    assertThat(Topics.serviceSubscriptions())
        .containsExactly("fleet/v1/devices/+/up/#", "fleet/v1/gateways/+/devices/+/up/#");
    assertThat(Topics.sharedServiceSubscriptions("g"))
        .containsExactly("$share/g/fleet/v1/devices/+/up/#", "$share/g/fleet/v1/gateways/+/devices/+/up/#");
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {
      "fleet/v1/gateways/gw/devices/c1/up", "fleet/v1/gateways/gw/devices/c1/up/presence/x", "fleet/v1/gateways/gw/up/presence",
      "fleet/v1/gateways/gw/children/c1/up/presence", "fleet/v1/gateways/+/devices/c1/up/presence",
      "fleet/v1/gateways/gw/devices/+/up/presence", "fleet/v1/gateways//devices/c1/up/presence",
      "fleet/v1/gateways/gw/devices/c1/up/telemetry", "fleet/v1/gateways/gw/devices/c1/down/presence", "fleet/v1/gateways/gw"})
  void malformedGatewayTopicsAreUnknownTopics(String topic) {
    assertUnknownTopic(topic);
  }

  @Test
  void errorRepliesGoToWhoeverATopicNamesEvenWhenTheRestIsWrong() {
    assertThat(Topics.errorTopicFor("fleet/v1/devices/d1/up/telemetry")).contains("fleet/v1/devices/d1/down/error");
    assertThat(Topics.errorTopicFor("fleet/v1/gateways/gw/devices/c1/up/nonsense/x"))
        .contains("fleet/v1/gateways/gw/devices/c1/down/error");
    assertThat(Topics.errorTopicFor("fleet/v1/gateways/gw/whatever")).contains("fleet/v1/devices/gw/down/error");
    assertThat(Topics.errorTopicFor("fleet/v1/gateways/g+w/devices/c1/up/presence")).isEmpty();
    assertThat(Topics.errorTopicFor("fleet/v1/devices/+/up/presence")).isEmpty();
    assertThat(Topics.errorTopicFor("elsewhere/d1")).isEmpty();
    assertThat(Topics.errorTopicFor(null)).isEmpty();
  }

  @Test
  void thePublisherOfATopicIsTheDeviceOrGatewayWhoseSubtreeItIsIn() {
    assertThat(Topics.publisherOf("fleet/v1/devices/d1/up/presence")).contains(new Topics.Publisher("d1", false));
    assertThat(Topics.publisherOf("fleet/v1/devices/d1/up/telemetry/extra")).contains(new Topics.Publisher("d1", false));
    assertThat(Topics.publisherOf("fleet/v1/gateways/gw/devices/c1/up/presence")).contains(new Topics.Publisher("gw", true));
    assertThat(Topics.publisherOf("fleet/v1/gateways/gw")).contains(new Topics.Publisher("gw", true));
    assertThat(Topics.publisherOf("fleet/v1/devices/+/up/presence")).isEmpty();
    assertThat(Topics.publisherOf("fleet/v1/devices/")).isEmpty();
    assertThat(Topics.publisherOf("elsewhere/d1")).isEmpty();
    assertThat(Topics.publisherOf(null)).isEmpty();
  }

  @Test
  void gatewayAndChildIdsThatWouldEscapeTheSubtreeAreRefused() {
    assertThatThrownBy(() -> Topics.childTopic("g/w", "c1", Channel.PRESENCE))
        .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.field()).isEqualTo("gatewayId"));
    assertThatThrownBy(() -> Topics.childTopic("gw", "c#", Channel.PRESENCE))
        .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.field()).isEqualTo("childId"));
    assertThatThrownBy(() -> Topics.gatewaySubscription("+")).isInstanceOf(ContractViolation.class);
  }

  private static void assertUnknownTopic(String topic) {
    assertThatThrownBy(() -> Topics.parse(topic))
        .isInstanceOfSatisfying(ContractViolation.class, v -> {
          assertThat(v.code()).isEqualTo(ErrorCode.UNKNOWN_TOPIC);
          assertThat(v.field()).isEqualTo("topic");
        });
  }

  /** MQTT topic filter matching: '+' is one level, a trailing '#' is the rest (including none). */
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
