package io.fleetjobs.app.mqtt;

import io.fleetjobs.app.common.ThrottledLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * What the MQTT side refuses for security: connects the embedded broker turns away, and messages whose sender is not
 * the device their topic names. Each is counted ({@code fleet_mqtt_refused_total{reason}}) and logged at most once a
 * minute per client, so a device retrying with a wrong secret every 100 ms cannot flood the log.
 */
@Singleton
class RefusalLog {

  private final ThrottledLog log;
  private final Counter connects;
  private final Counter spoofed;

  RefusalLog(MeterRegistry registry, Clock clock) {
    this.log = new ThrottledLog(LoggerFactory.getLogger(RefusalLog.class), clock, Duration.ofMinutes(1), 10_000);
    this.connects = Counter.builder("fleet.mqtt.refused").tag("reason", "connect")
        .description("MQTT connects and messages refused for security").register(registry);
    this.spoofed = Counter.builder("fleet.mqtt.refused").tag("reason", "sender")
        .description("MQTT connects and messages refused for security").register(registry);
  }

  void refused(String clientId, String reason) {
    connects.increment();
    log.warn("connect:" + clientId, "Refused the MQTT connect of client '{}': {}", clientId, reason);
  }

  void wrongSender(String topic, String sender) {
    spoofed.increment();
    log.warn("sender:" + sender, "Dropped a message on {} sent by client '{}', which may not speak for that device", topic, sender);
  }
}
