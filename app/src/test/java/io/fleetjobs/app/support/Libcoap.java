package io.fleetjobs.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * libcoap's stock {@code coap-client} (Debian's libcoap3-bin; {@code .ci/run} installs it) with a DTLS back end:
 * {@code openssl} or {@code gnutls}. Missing, a test using it is skipped on a developer's machine and fails under CI
 * ({@code CI=true}), so CI never passes without having run it.
 */
public final class Libcoap {

  private final String binary;

  private Libcoap(String binary) {
    this.binary = binary;
  }

  /** The client of {@code backend}; skips the calling test (fails it under CI) when it is not installed. */
  public static Libcoap client(String backend) {
    String binary = "/usr/bin/coap-client-" + backend;
    if (!new File(binary).canExecute()) {
      MissingTool.skipOrFail(binary + " is not installed (apt-get install libcoap3-bin)");
    }
    return new Libcoap(binary);
  }

  /** Runs it with a 10 s wait for answers ({@code -B 10}); its output, stdout and stderr. */
  public String run(String... args) throws Exception {
    return runWaiting(10, args);
  }

  /** Runs it waiting at most {@code seconds} for answers ({@code -B}): for a request that should get none. */
  public String runWaiting(int seconds, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(binary, "-B", String.valueOf(seconds)));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("coap-client finished").isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }
}
