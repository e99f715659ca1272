package io.fleetjobs.app.security;

import io.fleetjobs.app.common.TransientRetry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every user's current role, standing and security version, in memory, so that checking a token on each request
 * never blocks the event loop on the database. Changes made here apply at once; the whole directory is also reread
 * every few seconds, for changes made by another instance of a cluster. Operators are few, so this stays small.
 */
@Singleton
public class UserDirectory {

  /** What a token's holder is allowed now. */
  public record Standing(Role role, long securityVersion, boolean disabled) {}

  private final BeanProvider<UserRepository> users;
  private final BeanProvider<TransientRetry> retry;
  private final Map<String, Standing> standings = new ConcurrentHashMap<>();
  private volatile boolean loaded;

  UserDirectory(BeanProvider<UserRepository> users, BeanProvider<TransientRetry> retry) {
    this.users = users;
    this.retry = retry;
  }

  public Optional<Standing> standing(String username) {
    if (!loaded) {
      reload();
    }
    return Optional.ofNullable(standings.get(username));
  }

  void put(User user) {
    standings.put(user.username(), new Standing(user.role(), user.securityVersion(), user.disabled()));
  }

  void remove(String username) {
    standings.remove(username);
  }

  @EventListener
  void onStartup(StartupEvent event) {
    reload();
  }

  @Scheduled(fixedDelay = "5s", initialDelay = "5s")
  void refresh() {
    try {
      reload();
    } catch (RuntimeException e) {
      // while the database is out of reach the directory keeps what it knows; the next refresh tries again
      if (!retry.get().countedRound("fleet-user-directory", e)) {
        throw e;
      }
    }
  }

  synchronized void reload() {
    Map<String, Standing> fresh = new java.util.HashMap<>();
    users.get().findAll().forEach(u -> fresh.put(u.username(), new Standing(u.role(), u.securityVersion(), u.disabled())));
    standings.keySet().retainAll(fresh.keySet());
    standings.putAll(fresh);
    loaded = true;
  }
}
