package io.fleetjobs.app.mosquitto;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

/**
 * Keeping an external mosquitto's password and ACL files current ({@code fleet.mqtt.mosquitto.*}); only with
 * {@code fleet.mqtt.embedded=false}, and only when {@code dir} is set.
 *
 * @param dir the folder mosquitto reads the files from ({@code devices.passwd}, {@code service.passwd},
 *     {@code fleet.acl}), written by the service at start-up and after every credential change (default: none, the
 *     service writes no files)
 * @param reloadCommand run through {@code /bin/sh -c} after the files changed, to make mosquitto read them again, e.g.
 *     {@code systemctl reload mosquitto} or {@code kill -HUP $(cat /run/mosquitto/mosquitto.pid)}; it must return once
 *     mosquitto has been signalled (default: none: then something else must reload mosquitto, see the README)
 * @param debounce how long after a change the files are written, so that a burst of changes is one write and one
 *     reload (default {@code 200ms})
 * @param resyncInterval how often the files are compared with the database anyway, and rewritten if they differ (a
 *     change made by another instance, a file edited by hand) (default {@code PT1M})
 * @param reloadTimeout how long the reload command may take before it is stopped and the reload counts as failed
 *     (default {@code PT10S})
 * @param filePermissions the files' POSIX permissions (default {@code rw-r-----}: the service's user writes, the group,
 *     e.g. {@code mosquitto}, reads; a set-group-id folder gives new files its group)
 */
@ConfigurationProperties("fleet.mqtt.mosquitto")
public record MosquittoConfig(
    @Nullable String dir,
    @Nullable String reloadCommand,
    @Bindable(defaultValue = "200ms") Duration debounce,
    @Bindable(defaultValue = "PT1M") Duration resyncInterval,
    @Bindable(defaultValue = "PT10S") Duration reloadTimeout,
    @Bindable(defaultValue = "rw-r-----") String filePermissions) {

  public MosquittoConfig {
    permissions(filePermissions); // fails early, naming the property
    if (resyncInterval.isNegative() || resyncInterval.isZero()) {
      throw new IllegalArgumentException("fleet.mqtt.mosquitto.resync-interval must be positive, not " + resyncInterval);
    }
  }

  Set<PosixFilePermission> permissions() {
    return permissions(filePermissions);
  }

  private static Set<PosixFilePermission> permissions(String text) {
    try {
      return PosixFilePermissions.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("fleet.mqtt.mosquitto.file-permissions is nine characters like rw-r-----, not '" + text + "'");
    }
  }
}
