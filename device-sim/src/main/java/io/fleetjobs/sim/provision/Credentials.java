package io.fleetjobs.sim.provision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Devices' secrets in the file the service's bulk registration answers with ({@code Accept: text/csv}): a header
 * {@code deviceId,secret}, then one device per line. Written readable by its owner only: it holds live credentials.
 */
public final class Credentials {

  private Credentials() {}

  public static Map<String, String> read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      Map<String, String> secrets = new LinkedHashMap<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || i == 0 && line.equals("deviceId,secret")) {
          continue;
        }
        int comma = line.indexOf(',');
        if (comma < 1 || comma == line.length() - 1) {
          throw new IllegalArgumentException(file + " line " + (i + 1) + " is not deviceId,secret");
        }
        secrets.put(line.substring(0, comma), line.substring(comma + 1));
      }
      return secrets;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the credentials file " + file, e);
    }
  }

  public static void write(Path file, Map<String, String> secrets) {
    StringBuilder out = new StringBuilder("deviceId,secret\n");
    secrets.forEach((id, secret) -> out.append(id).append(',').append(secret).append('\n'));
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".credentials-", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's ACL applies
      }
      Files.writeString(tmp, out, StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the credentials file " + file, e);
    }
  }
}
