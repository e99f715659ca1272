package io.fleetjobs.app.mosquitto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code fleet.mqtt.mosquitto.reload-command} through {@code /bin/sh -c}, with a time limit. */
final class ReloadCommand {

  private final String command;
  private final Duration timeout;

  ReloadCommand(String command, Duration timeout) {
    this.command = command;
    this.timeout = timeout;
  }

  /** Runs the command; throws with its output when it fails, exits non-zero or takes too long. */
  void run() throws IOException {
    Process process = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    // read while it runs: a command that writes much would otherwise block on a full pipe
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        return "";
      }
    });
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("'" + command + "' did not finish within " + timeout);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running '" + command + "'", e);
    }
    if (process.exitValue() != 0) {
      String said = output.completeOnTimeout("", 1, TimeUnit.SECONDS).join();
      throw new IOException("'" + command + "' exited with " + process.exitValue() + (said.isEmpty() ? "" : ": " + said));
    }
  }

  @Override
  public String toString() {
    return command;
  }
}
