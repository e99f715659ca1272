package io.fleetjobs.app.coap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The CoAP side of the service ({@code fleet.coap.*}), for constrained devices. Devices speak CoAP over DTLS
 * ({@link DtlsSettings}); plain CoAP is a lab's option.
 *
 * @param enabled serve CoAP devices (default {@code true})
 * @param host the UDP address to listen on, for DTLS and plain CoAP (default {@code 127.0.0.1}; {@code 0.0.0.0}
 *     serves the network)
 * @param port the UDP port of plain CoAP, used only with {@code plain} (default {@code 5683}, CoAP's; {@code 0} picks
 *     a free one)
 * @param plain also serve plain CoAP, without DTLS, on {@code port} (default {@code false}). Even then it serves only
 *     devices that have no credential, under {@code fleet.security.devices.open-registration}: any device that has a
 *     credential (or is unknown without open registration) is answered 4.01 and must use DTLS
 * @param maxResourceBodySize the largest request or response body, in bytes, block-wise transfers included
 *     (default {@code 65536}); a larger request is answered 4.13 with this limit in its Size1 option
 */
@ConfigurationProperties("fleet.coap")
public record CoapSettings(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "127.0.0.1") String host,
    @Bindable(defaultValue = "5683") int port,
    @Bindable(defaultValue = "false") boolean plain,
    @Bindable(defaultValue = "65536") int maxResourceBodySize) {

  public CoapSettings {
    if (maxResourceBodySize < 1) {
      throw new IllegalArgumentException("fleet.coap.max-resource-body-size must be at least 1 byte");
    }
  }
}
