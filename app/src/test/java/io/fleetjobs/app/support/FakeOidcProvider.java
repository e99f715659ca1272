package io.fleetjobs.app.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal OpenID Connect provider on loopback, in the shape of Keycloak's (discovery document, authorization
 * endpoint, token endpoint, JWKS, RS256 ID tokens), for testing sign-in through a provider without one. The
 * authorization endpoint signs in whoever the test named with {@link #signInNext(Map)}, at once.
 */
public final class FakeOidcProvider implements AutoCloseable {

  public static final String CLIENT_ID = "fleet-jobs";
  public static final String CLIENT_SECRET = "fake-provider-secret";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final RSAKey key;
  private final String issuer;
  private final Map<String, Map<String, Object>> codes = new ConcurrentHashMap<>();
  private volatile Map<String, Object> next = Map.of();

  public FakeOidcProvider() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("fake-1").generate();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
    server.createContext("/realms/test/.well-known/openid-configuration", ex -> json(ex, 200, Map.of(
        "issuer", issuer,
        "authorization_endpoint", issuer + "/auth",
        "token_endpoint", issuer + "/token",
        "jwks_uri", issuer + "/certs",
        "response_types_supported", List.of("code"),
        "subject_types_supported", List.of("public"),
        "id_token_signing_alg_values_supported", List.of("RS256"),
        "scopes_supported", List.of("openid", "profile", "email"),
        "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"))));
    server.createContext("/realms/test/certs", ex -> json(ex, 200, Map.of("keys", List.of(key.toPublicJWK().toJSONObject()))));
    server.createContext("/realms/test/auth", this::authorize);
    server.createContext("/realms/test/token", this::token);
    server.start();
  }

  /** The issuer URL to configure as {@code micronaut.security.oauth2.clients.<name>.openid.issuer}. */
  public String issuer() {
    return issuer;
  }

  /** The claims of the user the next authorization signs in. */
  public void signInNext(Map<String, Object> claims) {
    next = Map.copyOf(claims);
  }

  /** An ID token of this provider, as a bearer token would carry it. */
  public String idToken(Map<String, Object> claims, String nonce) {
    try {
      JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(issuer).subject(UUID.randomUUID().toString()).audience(CLIENT_ID)
          .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
      if (nonce != null) {
        set.claim("nonce", nonce);
      }
      claims.forEach(set::claim);
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), set.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void authorize(HttpExchange ex) throws IOException {
    Map<String, String> query = form(ex.getRequestURI().getRawQuery());
    String code = UUID.randomUUID().toString();
    Map<String, Object> grant = new HashMap<>(next);
    grant.put("nonce", query.get("nonce"));
    codes.put(code, grant);
    String location = query.get("redirect_uri") + "?code=" + code + "&state=" + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Location", location);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  private void token(HttpExchange ex) throws IOException {
    Map<String, String> body = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String basic = ex.getRequestHeaders().getFirst("Authorization");
    boolean client = basic != null && basic.equals("Basic " + java.util.Base64.getEncoder()
        .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
        || CLIENT_ID.equals(body.get("client_id")) && CLIENT_SECRET.equals(body.get("client_secret"));
    Map<String, Object> grant = codes.remove(body.getOrDefault("code", ""));
    if (!client || grant == null) {
      json(ex, 400, Map.of("error", client ? "invalid_grant" : "invalid_client"));
      return;
    }
    Map<String, Object> claims = new HashMap<>(grant);
    String nonce = (String) claims.remove("nonce");
    json(ex, 200, Map.of("access_token", UUID.randomUUID().toString(), "token_type", "Bearer", "expires_in", 300,
        "id_token", idToken(claims, nonce)));
  }

  private static Map<String, String> form(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void json(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  /** Where a redirect points. */
  public static URI location(java.net.http.HttpResponse<?> response) {
    return URI.create(response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no redirect: " + response)));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
