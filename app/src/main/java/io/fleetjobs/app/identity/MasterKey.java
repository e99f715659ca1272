package io.fleetjobs.app.identity;

import io.fleetjobs.app.security.SecretFiles;
import io.fleetjobs.app.security.SecurityConfig;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The service's key for the one secret it must be able to read back: a device's DTLS pre-shared key (a DTLS server
 * needs the key itself, a hash cannot do). Device secrets are sealed with AES-256-GCM under this key, bound to the
 * device id, so a copy of the database alone reveals none. The key is {@code fleet.security.master-key} (base64, 32
 * bytes; the same on every instance of a cluster) or generated at first start into {@code dataDir/master-key},
 * readable by the service's user only. Losing it means re-issuing every CoAP device's credential.
 */
@Singleton
class MasterKey {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  MasterKey(SecurityConfig config) {
    String encoded = config.masterKey() != null ? config.masterKey() : SecretFiles.readOrCreate(Path.of(config.dataDir()).resolve("master-key"), 32);
    byte[] bytes = decode(encoded);
    if (bytes.length != 32) {
      throw new IllegalArgumentException("fleet.security.master-key must be 32 bytes, base64-encoded");
    }
    this.key = new SecretKeySpec(bytes, "AES");
  }

  String seal(String secret, String deviceId) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, deviceId);
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a device secret", e);
    }
  }

  /** The secret again; fails if the sealed value was made under another key or for another device. */
  String unseal(String sealed, String deviceId) {
    try {
      byte[] in = Base64.getDecoder().decode(sealed);
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(in, 12), deviceId);
      return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the sealed secret of device '" + deviceId + "' does not open with this master key", e);
    }
  }

  private Cipher cipher(int mode, byte[] iv, String deviceId) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(128, iv));
    cipher.updateAAD(deviceId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static byte[] decode(String encoded) {
    try {
      return Base64.getUrlDecoder().decode(encoded.replace('+', '-').replace('/', '_').replace("=", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("fleet.security.master-key is not base64");
    }
  }
}
