package io.fleetjobs.app.coap;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import java.net.InetSocketAddress;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Eclipse Californium CoAP server with the device resources. Configuration comes from code only, so
 * Californium writes no properties file into the working directory.
 */
@Factory
@Requires(property = "fleet.coap.enabled", value = "true", defaultValue = "true")
class CoapFactory {

  private static final Logger LOG = LoggerFactory.getLogger(CoapFactory.class);

  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  @Context
  @Bean(preDestroy = "destroy")
  CoapServer coapServer(CoapSettings settings, DevicesResource devices) {
    Configuration config = Configuration.createStandardWithoutFile();
    config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, settings.maxResourceBodySize());
    CoapEndpoint endpoint = new CoapEndpoint.Builder()
        .setConfiguration(config)
        .setInetSocketAddress(new InetSocketAddress(settings.host(), settings.port()))
        .build();
    CoapServer server = new CoapServer(config);
    server.addEndpoint(endpoint);
    server.add(devices.root());
    server.start();
    LOG.info("CoAP server listening on udp://{}", endpoint.getAddress());
    return server;
  }
}
