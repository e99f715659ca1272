package io.fleetjobs.app.coap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The CoAP side of the service ({@code fleet.coap.*}), for constrained devices.
 *
 * @param enabled serve CoAP devices (default {@code true})
 * @param host the UDP address to listen on (default {@code 127.0.0.1}; {@code 0.0.0.0} serves the network)
 * @param port the UDP port (default {@code 5683}, CoAP's; {@code 0} picks a free one)
 * @param maxResourceBodySize the largest request or response body, in bytes, block-wise transfers included
 *     (default {@code 65536})
 */
@ConfigurationProperties("fleet.coap")
public record CoapSettings(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "127.0.0.1") String host,
    @Bindable(defaultValue = "5683") int port,
    @Bindable(defaultValue = "65536") int maxResourceBodySize) {}
