package io.fleetjobs.app.mosquitto;

import io.fleetjobs.app.identity.DeviceCredentials;
import io.fleetjobs.app.identity.SecretHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The files Fleet Jobs keeps for mosquitto, in one folder: {@value #DEVICES} (the devices' listener: every usable
 * device credential, by device id), {@value #SERVICE} (the service's listener: the service's own account only) and
 * {@value #ACL} (both listeners). Each is replaced atomically (written beside it, then renamed over it), so mosquitto
 * never reads half a file, and only when its content changed, so an unchanged set costs no reload.
 */
final class MosquittoFiles {

  static final String DEVICES = "devices.passwd";
  static final String SERVICE = "service.passwd";
  static final String ACL = "fleet.acl";

  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  /** What one write did: the files it replaced, how many devices they hold, the device ids mosquitto cannot hold. */
  record Written(List<String> changed, int devices, List<String> skipped) {}

  private final Path dir;
  private final Set<PosixFilePermission> permissions;

  /** @param permissions of the files once written (mosquitto's user must be able to read them) */
  MosquittoFiles(Path dir, Set<PosixFilePermission> permissions) {
    this.dir = dir.toAbsolutePath().normalize();
    this.permissions = Set.copyOf(permissions);
  }

  Path dir() {
    return dir;
  }

  /**
   * Writes the files for the service's account and these device credentials. The service's line keeps the hash
   * already in {@value #SERVICE} while it matches the password, so a restart does not change the file.
   */
  Written write(String serviceUser, String servicePassword, List<DeviceCredentials.Usable> devices) throws IOException {
    if (!PasswordFile.representable(serviceUser)) {
      throw new IllegalArgumentException("fleet.mqtt.username '" + serviceUser + "' cannot go into a mosquitto password file:"
          + " no ':' and no spaces");
    }
    Files.createDirectories(dir);
    String serviceHash = PasswordFile.hashOf(read(SERVICE), serviceUser)
        .filter(hash -> SecretHash.matches(servicePassword, hash))
        .orElseGet(() -> SecretHash.of(servicePassword));
    List<PasswordFile.Entry> entries = new ArrayList<>(devices.size());
    List<String> skipped = new ArrayList<>();
    for (DeviceCredentials.Usable device : devices) {
      if (PasswordFile.representable(device.deviceId())) {
        entries.add(new PasswordFile.Entry(device.deviceId(), device.secretHash()));
      } else {
        skipped.add(device.deviceId());
      }
    }
    List<String> changed = new ArrayList<>();
    // the ACL first: a device in the password file is never without its topics
    replace(ACL, AclFile.render(serviceUser), changed);
    replace(SERVICE, PasswordFile.render(List.of(new PasswordFile.Entry(serviceUser, serviceHash))), changed);
    replace(DEVICES, PasswordFile.render(entries), changed);
    return new Written(List.copyOf(changed), entries.size(), List.copyOf(skipped));
  }

  private String read(String name) throws IOException {
    Path file = dir.resolve(name);
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private void replace(String name, String content, List<String> changed) throws IOException {
    Path target = dir.resolve(name);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
      if (POSIX && !Files.getPosixFilePermissions(target).equals(permissions)) {
        Files.setPosixFilePermissions(target, permissions);
      }
      return;
    }
    // owner-only while it is written, then the configured permissions, then renamed over the old file
    Path temporary = POSIX
        ? Files.createTempFile(dir, "." + name + ".", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(dir, "." + name + ".", ".tmp");
    try {
      Files.write(temporary, bytes);
      if (POSIX) {
        Files.setPosixFilePermissions(temporary, permissions);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    changed.add(name);
  }
}
