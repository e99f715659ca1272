package io.fleetjobs.app.coap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * What one CoAP device may ask of the service ({@code fleet.coap.limits.*}). The body size is
 * {@code fleet.coap.max-resource-body-size}.
 *
 * @param requestsPerSecond each device's sustained request rate (default {@code 20}); beyond it (and its burst) a
 *     request is answered 4.29 Too Many Requests with a Max-Age saying when to try again (RFC 8516). A job costs a
 *     device about four requests per execution, a presence refresh one
 * @param burst how many requests a device may send at once before the rate applies (default {@code 40})
 * @param logInterval a device refused for the same reason is logged at most once per interval, with how many more
 *     were refused since (default {@code PT1M}); every refusal is counted in {@code fleet_coap_refused_total}
 * @param maxDevices devices the CoAP server keeps state for at once (resources, observations, request rates; default
 *     {@code 100000}). Beyond it, state of devices that observe nothing is dropped first; when every one observes, a
 *     new device is answered 5.03 with a Max-Age. Over DTLS only registered devices get in at all; this bounds the
 *     plain-CoAP path, whose device ids nobody vouches for
 */
@ConfigurationProperties("fleet.coap.limits")
public record CoapLimits(
    @Bindable(defaultValue = "20") double requestsPerSecond,
    @Bindable(defaultValue = "40") int burst,
    @Bindable(defaultValue = "PT1M") Duration logInterval,
    @Bindable(defaultValue = "100000") int maxDevices) {

  public CoapLimits {
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException("fleet.coap.limits.requests-per-second must be positive");
    }
    if (burst < 1) {
      throw new IllegalArgumentException("fleet.coap.limits.burst must be at least 1");
    }
    if (logInterval.isNegative() || logInterval.isZero()) {
      throw new IllegalArgumentException("fleet.coap.limits.log-interval must be positive");
    }
    if (maxDevices < 1) {
      throw new IllegalArgumentException("fleet.coap.limits.max-devices must be at least 1");
    }
  }
}
