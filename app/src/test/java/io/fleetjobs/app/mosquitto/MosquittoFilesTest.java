package io.fleetjobs.app.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetjobs.app.identity.DeviceCredentials.Usable;
import io.fleetjobs.app.identity.SecretHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password files as mosquitto reads them, written atomically and only when they change. */
class MosquittoFilesTest {

  @TempDir
  Path dir;

  private final String hashA = SecretHash.of("secret-of-a");
  private final String hashB = SecretHash.of("secret-of-b");

  private MosquittoFiles files() {
    return new MosquittoFiles(dir, PosixFilePermissions.fromString("rw-r-----"));
  }

  @Test
  void theDevicesStoredHashesGoInAsTheyAreAndTheServicesAccountIsHashedTheSameWay() throws IOException {
    MosquittoFiles.Written written = files().write("service@fleet-jobs", "service-password", List.of(new Usable("a", hashA), new Usable("b", hashB)));

    assertThat(written.changed()).containsExactly(MosquittoFiles.ACL, MosquittoFiles.SERVICE, MosquittoFiles.DEVICES);
    assertThat(written.devices()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve(MosquittoFiles.DEVICES))).isEqualTo("a:" + hashA + "\nb:" + hashB + "\n");
    String service = Files.readString(dir.resolve(MosquittoFiles.SERVICE));
    assertThat(service).startsWith("service@fleet-jobs:$6$").doesNotContain("service-password").endsWith("\n");
    assertThat(SecretHash.matches("service-password", PasswordFile.hashOf(service, "service@fleet-jobs").orElseThrow())).isTrue();
    assertThat(Files.readString(dir.resolve(MosquittoFiles.ACL))).isEqualTo(AclFile.render("service@fleet-jobs"));
  }

  @Test
  void writingTheSameCredentialsAgainChangesNoFileSoNothingNeedsReloading() throws IOException {
    files().write("service@fleet-jobs", "service-password", List.of(new Usable("a", hashA)));
    String service = Files.readString(dir.resolve(MosquittoFiles.SERVICE));

    MosquittoFiles.Written again = files().write("service@fleet-jobs", "service-password", List.of(new Usable("a", hashA)));

    assertThat(again.changed()).isEmpty();
    assertThat(Files.readString(dir.resolve(MosquittoFiles.SERVICE))).isEqualTo(service);
  }

  @Test
  void aChangedCredentialRewritesOnlyThePasswordFileItIsIn() throws IOException {
    files().write("service@fleet-jobs", "service-password", List.of(new Usable("a", hashA), new Usable("b", hashB)));

    assertThat(files().write("service@fleet-jobs", "service-password", List.of(new Usable("b", hashB))).changed())
        .containsExactly(MosquittoFiles.DEVICES);
    assertThat(Files.readString(dir.resolve(MosquittoFiles.DEVICES))).isEqualTo("b:" + hashB + "\n");
    assertThat(files().write("service@fleet-jobs", "a-new-password", List.of(new Usable("b", hashB))).changed())
        .containsExactly(MosquittoFiles.SERVICE);
    String service = Files.readString(dir.resolve(MosquittoFiles.SERVICE));
    assertThat(SecretHash.matches("a-new-password", PasswordFile.hashOf(service, "service@fleet-jobs").orElseThrow())).isTrue();
  }

  @Test
  void aDeviceIdWithAColonIsLeftOutAndNamedSinceMosquittoWouldSplitTheLineThere() throws IOException {
    MosquittoFiles.Written written = files().write("service@fleet-jobs", "p", List.of(new Usable("site:7", hashA), new Usable("b", hashB)));

    assertThat(written.skipped()).containsExactly("site:7");
    assertThat(written.devices()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve(MosquittoFiles.DEVICES))).isEqualTo("b:" + hashB + "\n");
    assertThatThrownBy(() -> files().write("service account", "p", List.of())).hasMessageContaining("fleet.mqtt.username");
  }

  @Test
  void theFilesGetTheConfiguredPermissionsAndNoTemporaryFileIsLeftBehind() throws IOException {
    new MosquittoFiles(dir, PosixFilePermissions.fromString("rw-------")).write("service@fleet-jobs", "p", List.of(new Usable("a", hashA)));
    files().write("service@fleet-jobs", "p", List.of(new Usable("a", hashA)));

    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(MosquittoFiles.DEVICES, MosquittoFiles.ACL, MosquittoFiles.SERVICE);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(MosquittoFiles.DEVICES)))).isEqualTo("rw-r-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(MosquittoFiles.SERVICE)))).isEqualTo("rw-r-----");
  }
}
