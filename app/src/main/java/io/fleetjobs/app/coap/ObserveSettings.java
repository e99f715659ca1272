package io.fleetjobs.app.coap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How a CoAP device's observation of its {@code pending} resource is kept fresh ({@code fleet.coap.observe.*}), so
 * that a device notices when the service lost it (a restart) and observes again (RFC 7641 §4.3.1, CONTRACT.md §12).
 *
 * @param maxAge the Max-Age of every answer and notification of {@code pending} (default {@code PT5M}, whole
 *     seconds): a device that has had no fresh notification for that long observes again
 * @param refresh an observing device that has had no notification for this long gets one anyway, so that its Max-Age
 *     never lapses while this service runs (default {@code PT4M}; shorter than {@code maxAge} by at least the few
 *     seconds a confirmable notification may take). Each costs one notification and one database read per quiet device
 */
@ConfigurationProperties("fleet.coap.observe")
public record ObserveSettings(
    @Bindable(defaultValue = "PT5M") Duration maxAge,
    @Bindable(defaultValue = "PT4M") Duration refresh) {

  public ObserveSettings {
    if (maxAge.toSeconds() < 2) {
      throw new IllegalArgumentException("fleet.coap.observe.max-age must be at least 2 seconds");
    }
    if (refresh.toMillis() < 1000 || refresh.compareTo(maxAge) >= 0) {
      throw new IllegalArgumentException("fleet.coap.observe.refresh must be at least 1 second and shorter than fleet.coap.observe.max-age");
    }
  }

  /** The Max-Age option's value. */
  long maxAgeSeconds() {
    return maxAge.toSeconds();
  }
}
