package io.fleetjobs.app.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.Topics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With an external broker (here the shared test broker, which authenticates nobody and stamps nothing) enrolment is
 * not available: the service cannot know a request came over an enrolling connection, so it refuses every one.
 */
@MicronautTest(transactional = false)
class ExternalBrokerEnrolmentTest extends ComponentTest {

  @Test
  void onAnExternalBrokerEveryEnrolmentRequestIsRefusedEvenWithAForgedStamp() throws Exception {
    String deviceId = "ext-enrol-" + UUID.randomUUID().toString().substring(0, 8);
    Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(deviceId).serverHost("127.0.0.1").serverPort(TestBroker.port()).buildBlocking();
    client.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes answers = client.publishes(MqttGlobalPublishFilter.ALL)) {
      for (String topic : Topics.enrolmentSubscriptions(deviceId)) {
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      }
      client.publishWith().topic(Topics.topic(deviceId, Channel.ENROLMENT_REQUEST)).qos(MqttQos.AT_LEAST_ONCE)
          .userProperties().add(SenderStamp.ENROLMENT, "any-token-id").applyUserProperties()
          .payload("{\"contractVersion\": 1}".getBytes(StandardCharsets.UTF_8)).send();
      Mqtt5Publish answer = answers.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(answer.getTopic().toString()).isEqualTo(Topics.topic(deviceId, Channel.ERROR));
      JsonNode error = new ObjectMapper().readTree(answer.getPayloadAsBytes());
      assertThat(error.get("code").asText()).isEqualTo("ENROLMENT_REFUSED");
      assertThat(error.get("message").asText()).contains("embedded broker only");
    } finally {
      client.disconnect();
    }
  }
}
