package io.fleetjobs.app.mosquitto;

import io.fleetjobs.app.common.DaemonThreads;
import io.fleetjobs.app.identity.CredentialsChanged;
import io.fleetjobs.app.identity.DeviceCredentials;
import io.fleetjobs.app.mqtt.BrokerPreparation;
import io.fleetjobs.app.mqtt.MqttConfig;
import io.fleetjobs.app.mqtt.ServiceAccount;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an external mosquitto's password and ACL files current. They are written before the service's own client
 * connects (its account must be in them), a moment after every credential change (debounced: a burst of changes is
 * one write), and compared with the database every {@code resync-interval}; whenever one changed, the reload command
 * makes mosquitto read them again. On that reload mosquitto 2.0 checks every connected client against the new password
 * file and disconnects those whose credential is gone or changed, so revocation, rotation and deletion end a device's
 * connection here too.
 */
@Singleton
@Requires(property = "fleet.mqtt.embedded", value = "false")
@Requires(property = "fleet.mqtt.mosquitto.dir")
class MosquittoSync implements BrokerPreparation {

  private static final Logger LOG = LoggerFactory.getLogger(MosquittoSync.class);

  /** Where the files stand: when they were last written and loaded, how many devices, the last failure if any. */
  record State(Path dir, Instant syncedAt, int devices, List<String> skipped, String failure) {}

  private final MosquittoConfig config;
  private final MosquittoFiles files;
  private final DeviceCredentials credentials;
  private final ServiceAccount account;
  private final ReloadCommand reload;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private boolean unloaded; // files changed since the last successful reload
  private volatile State state;

  MosquittoSync(MosquittoConfig config, MqttConfig mqtt, ServiceAccount account, DeviceCredentials credentials, Clock clock) {
    if (account.password() == null) {
      throw new IllegalStateException("fleet.mqtt.mosquitto.dir is set but fleet.mqtt.password is not: the service's account"
          + " goes into " + MosquittoFiles.SERVICE + " with that password");
    }
    if (mqtt.sharedGroup() != null && !mqtt.sharedGroup().isBlank()) {
      LOG.warn("fleet.mqtt.shared-group is set: mosquitto's ACL file does not check subscriptions, so a device that subscribes"
          + " with the same group takes a share of the devices' messages and they are lost. Leave it unset with mosquitto");
    }
    this.config = config;
    this.files = new MosquittoFiles(Path.of(config.dir()), config.permissions());
    this.credentials = credentials;
    this.account = account;
    this.reload = config.reloadCommand() == null || config.reloadCommand().isBlank()
        ? null : new ReloadCommand(config.reloadCommand(), config.reloadTimeout());
    this.clock = clock;
    this.state = new State(files.dir(), null, 0, List.of(), null);
    this.executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("fleet-mosquitto-files"));
  }

  /** Before the service connects: the files as the database has them, loaded; then the periodic comparison. */
  @Override
  public void prepareBroker() {
    try {
      sync();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write mosquitto's files in " + files.dir(), e);
    }
    long every = config.resyncInterval().toMillis();
    executor.scheduleWithFixedDelay(() -> syncLogged("the periodic comparison"), every, every, TimeUnit.MILLISECONDS);
  }

  @EventListener
  void onChanged(CredentialsChanged event) {
    if (scheduled.compareAndSet(false, true)) {
      executor.schedule(() -> {
        scheduled.set(false);
        syncLogged("a credential change");
      }, config.debounce().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  State state() {
    return state;
  }

  private void syncLogged(String why) {
    try {
      sync();
    } catch (IOException | RuntimeException e) {
      LOG.error("Could not bring mosquitto's files in {} up to date after {}: {}", files.dir(), why, e.getMessage());
      state = new State(state.dir(), state.syncedAt(), state.devices(), state.skipped(), e.getMessage());
    }
  }

  /** Writes the files from the database and, if any changed (or the last reload failed), reloads mosquitto. */
  synchronized void sync() throws IOException {
    MosquittoFiles.Written written = files.write(account.username(), account.password(), credentials.usable());
    if (!written.skipped().equals(state.skipped()) && !written.skipped().isEmpty()) {
      LOG.warn("{} device(s) cannot sign in through mosquitto: a user name in its password file cannot hold ':' ({}{})",
          written.skipped().size(), String.join(", ", written.skipped().subList(0, Math.min(10, written.skipped().size()))),
          written.skipped().size() > 10 ? ", ..." : "");
    }
    unloaded |= !written.changed().isEmpty();
    String failure = null;
    if (unloaded && reload != null) {
      try {
        reload.run();
        unloaded = false;
      } catch (IOException e) {
        failure = "the files are written but mosquitto was not reloaded: " + e.getMessage();
        LOG.error("Wrote {} in {} but could not reload mosquitto: {}", written.changed(), files.dir(), e.getMessage());
      }
    }
    if (!written.changed().isEmpty()) {
      LOG.info("Wrote {} in {} ({} device(s)){}", written.changed(), files.dir(), written.devices(),
          reload == null ? "; mosquitto must be reloaded to read them (no fleet.mqtt.mosquitto.reload-command)"
              : failure == null ? " and reloaded mosquitto" : "");
    }
    state = new State(files.dir(), clock.instant(), written.devices(), written.skipped(), failure);
  }

  @PreDestroy
  void close() {
    executor.shutdownNow();
  }
}
