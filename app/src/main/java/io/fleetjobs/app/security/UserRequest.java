package io.fleetjobs.app.security;

/**
 * Body of {@code POST /api/users}: a new user with a role ({@code viewer}, {@code operator} or {@code admin}) and a
 * password; without one the service generates a password and answers it once.
 */
public record UserRequest(String username, String displayName, String role, String password) {}
