package io.fleetjobs.app.security;

/** Body of {@code POST /api/auth/login} and {@code POST /api/auth/session}. */
public record SignInRequest(String username, String password) {}
