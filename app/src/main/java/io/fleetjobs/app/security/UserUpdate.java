package io.fleetjobs.app.security;

/** Body of {@code PATCH /api/users/{username}}: any of a new display name, role, or standing. */
public record UserUpdate(String displayName, String role, Boolean disabled) {}
