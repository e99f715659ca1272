package io.fleetjobs.app.security;

/**
 * Body of {@code PUT /api/users/{username}/password}: the new password; a user changing their own password also gives
 * the current one. Without {@code newPassword} the service generates one and answers it once (admins only).
 */
public record PasswordChange(String currentPassword, String newPassword) {}
