package io.fleetjobs.app.coap;

import io.fleetjobs.app.common.ThrottledLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * What the CoAP side refuses, each counted in {@code fleet_coap_refused_total{reason}} and logged at most once per
 * {@code fleet.coap.limits.log-interval} per device (or peer) and reason, so a flooding or misconfigured device costs
 * one log line a minute, never one per message.
 */
@Singleton
class CoapRefusals {

  /** Why a handshake or a request was refused. */
  enum Reason {
    /** a DTLS handshake failed: unknown or unusable PSK identity, or a wrong key */
    HANDSHAKE,
    /** over DTLS, a request to another device's resources (4.03) */
    IDENTITY,
    /** plain CoAP for a device that must use DTLS (4.01) */
    PLAIN,
    /** more requests than the device's rate allows (4.29) */
    RATE,
    /** a request body over the limit (4.13) */
    SIZE,
    /** the server keeps state for as many devices as it may (5.03), or its key lookups are saturated */
    CAPACITY
  }

  private final ThrottledLog log;
  private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

  CoapRefusals(MeterRegistry registry, Clock clock, CoapLimits limits) {
    this.log = new ThrottledLog(LoggerFactory.getLogger(CoapRefusals.class), clock, limits.logInterval(), 10_000);
    for (Reason reason : Reason.values()) {
      counters.put(reason, Counter.builder("fleet.coap.refused").tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .description("CoAP handshakes and requests refused, by reason").register(registry));
    }
  }

  /** Counts a refusal and logs {@code message} unless {@code who} was logged for {@code reason} within the interval. */
  void refused(Reason reason, String who, String message, Object... args) {
    counters.get(reason).increment();
    log.warn(reason + ":" + who, message, args);
  }

}
