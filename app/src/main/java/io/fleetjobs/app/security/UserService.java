package io.fleetjobs.app.security;

import io.fleetjobs.app.common.Ids;
import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.common.Sql;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operators who may sign in: creation, roles, passwords, standing. There is always at least one enabled admin:
 * a change that would leave none is refused.
 */
@Singleton
public class UserService {

  /** User names: e-mail-like names of an OpenID Connect provider fit too. */
  static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}");
  private static final int GENERATED_PASSWORD_LENGTH = 20;

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final UserDirectory directory;
  private final InitialAdminFile initialAdminFile;
  private final Sql sql;
  private final Clock clock;

  UserService(UserRepository users, PasswordHasher hasher, UserDirectory directory, InitialAdminFile initialAdminFile, Sql sql, Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.directory = directory;
    this.initialAdminFile = initialAdminFile;
    this.sql = sql;
    this.clock = clock;
  }

  /** The enabled user with this name and password. Always costs one bcrypt, whether or not the user exists. */
  public Optional<User> authenticate(String username, String password) {
    Optional<User> user = username == null ? Optional.empty() : users.findById(username);
    String hash = user.map(User::passwordHash).orElse(null);
    boolean matches = hasher.matches(password == null ? "" : password, hash);
    return matches ? user.filter(u -> !u.disabled()) : Optional.empty();
  }

  public List<User> list() {
    return users.findAllOrderByUsername();
  }

  public User get(String username) {
    return users.findById(username).orElseThrow(() -> Refusal.notFound("user", username));
  }

  public Optional<User> find(String username) {
    return users.findById(username);
  }

  public long count() {
    return users.count();
  }

  /** Creates a user; returns it with the generated password when none was given. */
  public Created create(UserRequest request) {
    String username = username(request.username());
    String displayName = request.displayName() == null ? username : Ids.requireName(request.displayName(), "displayName", 200);
    Role role = role(request.role(), "role");
    String password = request.password();
    String generated = null;
    if (password == null) {
      generated = password = SecretFiles.password(GENERATED_PASSWORD_LENGTH);
    } else {
      requireStrong(password, "password");
    }
    User user = new User(username, displayName, hasher.hash(password), role, 0, false, clock.instant(), clock.instant(), null);
    User saved = sql.inTransaction(() -> {
      if (users.existsById(username)) {
        throw Refusal.conflict("user '" + username + "' already exists");
      }
      return users.save(user);
    });
    directory.put(saved);
    return new Created(saved, generated);
  }

  /** A user created through OpenID Connect on first sign-in: no password of ours. */
  User createExternal(String username, String displayName, Role role) {
    User user = new User(username, displayName, null, role, 0, false, clock.instant(), null, null);
    User saved = users.save(user);
    directory.put(saved);
    return saved;
  }

  /** A created user, and its password when the service generated it (shown once). */
  public record Created(User user, String generatedPassword) {}

  public User update(String username, UserUpdate update) {
    User saved = sql.inTransaction(() -> {
      User user = get(username);
      String name = update.displayName() == null ? user.displayName() : Ids.requireName(update.displayName(), "displayName", 200);
      Role role = update.role() == null ? user.role() : role(update.role(), "role");
      boolean disabled = update.disabled() == null ? user.disabled() : update.disabled();
      if (user.role() == Role.ADMIN && !user.disabled() && (role != Role.ADMIN || disabled)) {
        requireAnotherAdmin(username);
      }
      return users.update(user.withStanding(name, role, disabled));
    });
    directory.put(saved);
    return saved;
  }

  /**
   * Sets a password: a user's own (the current one must match) or, by an admin, anyone's. Returns the generated
   * password when none was given (admins only). Every session of the user ends.
   */
  public Optional<String> setPassword(String username, PasswordChange change, String actor, boolean actorIsAdmin) {
    boolean own = username.equals(actor);
    if (!own && !actorIsAdmin) {
      throw Refusal.forbidden("only an admin may set another user's password");
    }
    User user = get(username);
    // one's own password changes only with the current one, so a session left open cannot lock its owner out
    if (own && user.passwordHash() != null
        && (change.currentPassword() == null || !hasher.matches(change.currentPassword(), user.passwordHash()))) {
      throw Refusal.invalid("currentPassword", "the current password is not right");
    }
    String password = change.newPassword();
    String generated = null;
    if (password == null) {
      if (own) {
        throw Refusal.invalid("newPassword", "newPassword is required");
      }
      generated = password = SecretFiles.password(GENERATED_PASSWORD_LENGTH);
    } else {
      requireStrong(password, "newPassword");
    }
    User saved = users.update(user.withPassword(hasher.hash(password), clock.instant()));
    directory.put(saved);
    initialAdminFile.forget(username);
    return Optional.ofNullable(generated);
  }

  public void delete(String username, String actor) {
    if (username.equals(actor)) {
      throw Refusal.conflict("you cannot delete yourself; another admin can");
    }
    sql.inTransaction(() -> {
      User user = get(username);
      if (user.role() == Role.ADMIN && !user.disabled()) {
        requireAnotherAdmin(username);
      }
      users.deleteById(username);
    });
    directory.remove(username);
  }

  private void requireAnotherAdmin(String username) {
    if (users.countByRoleAndDisabled(Role.ADMIN, false) <= 1) {
      throw Refusal.conflict("'" + username + "' is the last enabled admin; make another user admin first");
    }
  }

  static String username(String username) {
    if (username == null || username.isBlank()) {
      throw Refusal.invalid("username", "username is required");
    }
    if (!USERNAME.matcher(username).matches()) {
      throw Refusal.invalid("username", "username must be 1-64 letters, digits, '.', '_', '@', '+' or '-', starting with a letter or digit");
    }
    return username;
  }

  static Role role(String role, String field) {
    if (role == null) {
      throw Refusal.invalid(field, field + " is required: viewer, operator or admin");
    }
    try {
      return Role.of(role);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid(field, field + " is viewer, operator or admin, not '" + role + "'");
    }
  }

  private static void requireStrong(String password, String field) {
    String weakness = PasswordHasher.weakness(password);
    if (weakness != null) {
      throw Refusal.invalid(field, weakness);
    }
  }
}
