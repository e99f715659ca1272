package io.fleetjobs.app.tls;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * TLS for MQTT ({@code fleet.tls.*}): the embedded broker's TLS listener and how the service's own MQTT client
 * trusts a broker it reaches over TLS. HTTPS for the API is Micronaut's own {@code micronaut.server.ssl.*}.
 *
 * <p>The server certificate is given either as PEM ({@code certificate-file} + {@code key-file}) or as a PKCS#12
 * keystore ({@code key-store-file} + {@code key-store-password}); with one of them the embedded broker also listens
 * with TLS on {@code mqtt-port}.
 *
 * @param certificateFile PEM certificate chain of the broker, its own certificate first (default: none)
 * @param keyFile PEM private key of that certificate, unencrypted PKCS#8 (default: none)
 * @param keyStoreFile PKCS#12 keystore holding the broker's key and chain, instead of the PEM pair (default: none)
 * @param keyStorePassword password of {@code keyStoreFile}, also its key's (default: none, an empty password)
 * @param clientCaFile PEM certificates of the CAs that sign devices' client certificates (default: none). When set,
 *     the TLS listener asks every client for a certificate, optionally: devices without one still connect (with a
 *     password, for example); a certificate that does not verify against these CAs fails the handshake
 * @param mqttPort port of the embedded broker's TLS listener (default {@code 8883}); it binds to {@code fleet.mqtt.host}
 * @param plainMqtt keep the embedded broker's plain listener on {@code fleet.mqtt.port} (default {@code true}); set it
 *     false, with a server certificate, to accept TLS only. The service itself then reaches its broker over TLS too
 * @param trustFile PEM CA certificates the service trusts when its MQTT client connects over TLS (an
 *     {@code ssl://}/{@code mqtts://} {@code fleet.mqtt.url}, or its own embedded broker with plain MQTT off) (default:
 *     none: the JVM's trusted CAs for an external broker, exactly the embedded broker's own certificate otherwise)
 */
@ConfigurationProperties("fleet.tls")
public record TlsConfig(
    @Nullable Path certificateFile,
    @Nullable Path keyFile,
    @Nullable Path keyStoreFile,
    @Nullable String keyStorePassword,
    @Nullable Path clientCaFile,
    @Bindable(defaultValue = "8883") int mqttPort,
    @Bindable(defaultValue = "true") boolean plainMqtt,
    @Nullable Path trustFile) {

  public TlsConfig {
    if ((certificateFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("fleet.tls.certificate-file and fleet.tls.key-file go together: set both or neither");
    }
    if (keyStoreFile != null && certificateFile != null) {
      throw new IllegalArgumentException("set either fleet.tls.key-store-file or fleet.tls.certificate-file with key-file, not both");
    }
    if (keyStorePassword != null && keyStoreFile == null) {
      throw new IllegalArgumentException("fleet.tls.key-store-password is set but fleet.tls.key-store-file is not");
    }
    boolean serverTls = certificateFile != null || keyStoreFile != null; // fields are not assigned yet here
    if (clientCaFile != null && !serverTls) {
      throw new IllegalArgumentException("fleet.tls.client-ca-file needs a server certificate (fleet.tls.certificate-file"
          + " and key-file, or key-store-file)");
    }
    if (!plainMqtt && !serverTls) {
      throw new IllegalArgumentException("fleet.tls.plain-mqtt=false needs a server certificate (fleet.tls.certificate-file"
          + " and key-file, or key-store-file): the broker would have no listener");
    }
    if (mqttPort < 1 || mqttPort > 65535) {
      throw new IllegalArgumentException("fleet.tls.mqtt-port must be 1 to 65535, not " + mqttPort);
    }
  }

  /** No TLS at all: what a configuration without {@code fleet.tls.*} amounts to. */
  public static TlsConfig none() {
    return new TlsConfig(null, null, null, null, null, 8883, true, null);
  }

  /** A server certificate is configured, so the embedded broker gets a TLS listener. */
  public boolean serverTls() {
    return certificateFile != null || keyStoreFile != null;
  }

  /** Reads the configured server certificate and key; call only when {@link #serverTls()}. */
  ServerIdentity serverIdentity() {
    return keyStoreFile != null
        ? ServerIdentity.fromPkcs12(keyStoreFile, keyStorePassword)
        : ServerIdentity.fromPem(certificateFile, keyFile);
  }
}
