package io.fleetjobs.app.mqtt;

import io.fleetjobs.app.security.SecretFiles;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The service's own MQTT account: {@code fleet.mqtt.username} and {@code fleet.mqtt.password}, or for the embedded
 * broker a password made fresh at every start (nothing outside this process needs it).
 */
@Singleton
public class ServiceAccount {

  private final String username;
  private final String password;
  private final String clientId;

  ServiceAccount(MqttConfig config) {
    this.username = config.username();
    this.clientId = config.clientId();
    if (config.password() != null) {
      this.password = config.password();
    } else if (config.embedded()) {
      this.password = SecretFiles.token(32);
    } else {
      this.password = null; // an external broker that lets the service in without a password (a lab)
    }
  }

  /** The service's own client id: no device may connect under it, or it would take the service's session over. */
  public String clientId() {
    return clientId;
  }

  public String username() {
    return username;
  }

  /** The password, or null when none is configured for an external broker. */
  public String password() {
    return password;
  }

  /** Whether a CONNECT names this account with its password. */
  public boolean matches(String user, byte[] given) {
    return username.equals(user) && password != null && given != null
        && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), given);
  }
}
