package io.fleetjobs.app.mqtt;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.fleetjobs.app.identity.DeviceCredentials;
import io.fleetjobs.app.identity.Enrolments;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.Enrolment;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.Credential;
import io.fleetjobs.contract.message.EnrolmentRequest;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT side of enrolment: an enrolment request that the embedded broker stamped as coming over an enrolling
 * connection ({@link SenderStamp#ENROLMENT}: the token that connection showed) is handed to {@link Enrolments} on
 * threads of its own (it writes to the database), and the device's new credential is published on its
 * {@code down/credential} topic. Anything else on that topic is refused with {@code ENROLMENT_REFUSED}: a request
 * without the stamp (a registered device's own connection, or any connection through an external broker, which
 * stamps nothing).
 */
@Singleton
class MqttEnrolment {

  private static final Logger LOG = LoggerFactory.getLogger(MqttEnrolment.class);

  private final Enrolments enrolments;
  private final BeanProvider<ServiceMqttClient> client;
  private final ExecutorService executor;
  private final boolean embedded;

  MqttEnrolment(Enrolments enrolments, BeanProvider<ServiceMqttClient> client, @Named("mqtt-enrolment") ExecutorService executor,
      MqttConfig config) {
    this.enrolments = enrolments;
    this.client = client;
    this.executor = executor;
    this.embedded = config.embedded();
  }

  /**
   * Enrols the device {@code topic} names and answers it; {@code done} gets null once the credential is published, or
   * why the request was refused.
   *
   * @throws ContractViolation at once when the request is refused before any work (no stamp, a broken payload)
   */
  void handle(Topics.DeviceTopic topic, Mqtt5Publish publish, Consumer<ContractViolation> done) {
    if (!embedded) {
      throw refused("enrolment is available on the service's embedded broker only; on this broker an admin registers devices");
    }
    String tokenId = publish.getUserProperties().asList().stream()
        .filter(p -> SenderStamp.ENROLMENT.equals(p.getName().toString()))
        .map(p -> p.getValue().toString())
        .findFirst().orElse(null);
    if (tokenId == null) {
      throw refused("only a connection made with an enrolment token (user name " + Enrolment.USERNAME + ") may ask for a credential");
    }
    EnrolmentRequest request = ContractJson.decode(publish.getPayloadAsBytes(), EnrolmentRequest.class);
    String deviceId = topic.deviceId();
    executor.execute(() -> {
      DeviceCredentials.Issued issued;
      try {
        issued = enrolments.enrol(deviceId, tokenId, request);
      } catch (ContractViolation violation) {
        done.accept(violation);
        return;
      } catch (RuntimeException e) {
        LOG.error("Could not enrol device '{}'", deviceId, e);
        done.accept(refused("the service could not register the device now; connect and ask again later"));
        return;
      }
      client.get().publish(Topics.topic(deviceId, Channel.CREDENTIAL), Credential.of(deviceId, issued.secret(), issued.issuedAt()))
          .whenComplete((sent, error) -> {
            if (error != null) {
              LOG.warn("Device '{}' is enrolled but its credential could not be published: {}", deviceId, error.toString());
            }
            done.accept(null);
          });
    });
  }

  private static ContractViolation refused(String why) {
    return new ContractViolation(ErrorCode.ENROLMENT_REFUSED, null, why);
  }
}
