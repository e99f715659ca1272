package io.fleetjobs.app.security;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start: there is no default password. When no user exists, the service creates the admin
 * ({@code fleet.security.initial-admin}) with the configured password, or a generated one that it prints once in the
 * log and writes to a file readable by its owner only.
 */
@Singleton
class InitialAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(InitialAdmin.class);

  private final UserService users;
  private final SecurityConfig config;
  private final InitialAdminFile file;

  InitialAdmin(UserService users, SecurityConfig config, InitialAdminFile file) {
    this.users = users;
    this.config = config;
    this.file = file;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    if (users.count() > 0) {
      return;
    }
    String given = config.initialAdminPassword();
    UserService.Created created = users.create(new UserRequest(config.initialAdmin(), "Administrator", Role.ADMIN_NAME, given));
    if (created.generatedPassword() == null) {
      LOG.info("First start: created user '{}' (role admin) with the configured fleet.security.initial-admin-password", config.initialAdmin());
      return;
    }
    file.write(created.generatedPassword());
    LOG.warn("""

        ************************************************************************
         First start: created user '{}' (role admin) with the password
             {}
         It is also in {} (readable by its owner only),
         which is removed once that user sets a password of their own.
         This is the only time it is printed.
        ************************************************************************""",
        config.initialAdmin(), created.generatedPassword(), file.path().toAbsolutePath().normalize());
  }
}
