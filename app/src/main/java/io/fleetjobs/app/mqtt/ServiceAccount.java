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

  ServiceAccount(MqttConfig config) {
    this.username = config.username();
    if (config.password() != null) {
      this.password = config.password();
    } else if (config.embedded()) {
      this.password = SecretFiles.token(32);
    } else {
      this.password = null; // an external broker that lets the service in without a password (a lab)
    }
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
