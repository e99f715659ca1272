package io.fleetjobs.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.FakeOidcProvider;
import io.fleetjobs.app.support.TestConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signing in through an OpenID Connect provider configured the Keycloak way (issuer URL, client id and secret): a
 * browser's whole authorization-code round trip against a provider on loopback, ending in the console's session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeOidcProvider provider;
  private EmbeddedServer server;
  private Api admin;

  @BeforeAll
  void start() throws Exception {
    provider = new FakeOidcProvider();
    Map<String, String> p = TestConfig.properties();
    p.put("micronaut.server.port", String.valueOf(io.fleetjobs.app.support.TestBroker.freePort()));
    p.put("micronaut.security.oauth2.clients.keycloak.client-id", FakeOidcProvider.CLIENT_ID);
    p.put("micronaut.security.oauth2.clients.keycloak.client-secret", FakeOidcProvider.CLIENT_SECRET);
    p.put("micronaut.security.oauth2.clients.keycloak.openid.issuer", provider.issuer());
    p.put("fleet.security.oidc.roles-claim", "realm_access.roles");
    p.put("fleet.security.oidc.admin-values", "fleet-admins");
    p.put("fleet.security.oidc.operator-values", "fleet-operators");
    server = ApplicationContext.run(EmbeddedServer.class, Map.copyOf(p));
    admin = Api.asAdmin(io.micronaut.http.client.HttpClient.create(server.getURL()).toBlocking());
  }

  @AfterAll
  void stop() {
    server.close();
    provider.close();
  }

  /** A browser's round trip: the service, the provider, the callback; returns the last answer and its cookies. */
  private record Browser(HttpClient http, CookieManager cookies) {
    HttpResponse<String> get(URI uri) throws Exception {
      return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private Browser signInThroughTheProvider(Map<String, Object> user) throws Exception {
    provider.signInNext(user);
    CookieManager cookies = new CookieManager();
    Browser browser = new Browser(HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build(), cookies);
    HttpResponse<String> start = browser.get(URI.create(server.getURL() + "/oauth/login/keycloak"));
    assertThat(FakeOidcProvider.location(start).toString()).startsWith(provider.issuer() + "/auth");
    HttpResponse<String> atProvider = browser.get(FakeOidcProvider.location(start));
    HttpResponse<String> callback = browser.get(FakeOidcProvider.location(atProvider));
    assertThat(callback.statusCode()).as(callback.body() + " cookies " + cookies.getCookieStore().getCookies()).isBetween(300, 399);
    assertThat(FakeOidcProvider.location(callback).getPath()).isEqualTo("/console/index.html");
    return browser;
  }

  private JsonNode me(Browser browser) throws Exception {
    HttpResponse<String> me = browser.get(URI.create(server.getURL() + "/api/auth/me"));
    return me.statusCode() == 200 ? JSON.readTree(me.body()) : null;
  }

  private boolean hasSession(Browser browser) {
    return browser.cookies().getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals("FLEET_SESSION") && !c.getValue().isEmpty());
  }

  @Test
  void theSignInPageListsTheConfiguredProvider() {
    JsonNode providers = new Api(io.micronaut.http.client.HttpClient.create(server.getURL()).toBlocking()).get("/api/auth/providers").body();
    assertThat(providers.get(0).get("name").asText()).isEqualTo("keycloak");
    assertThat(providers.get(0).get("signIn").asText()).isEqualTo("/oauth/login/keycloak");
  }

  @Test
  void aProviderUserInAMappedGroupIsCreatedWithThatRoleAndGetsAConsoleSession() throws Exception {
    Browser browser = signInThroughTheProvider(Map.of("preferred_username", "kate", "name", "Kate Ops",
        "realm_access", Map.of("roles", List.of("offline_access", "fleet-operators"))));
    JsonNode me = me(browser);
    assertThat(me.get("username").asText()).isEqualTo("kate");
    assertThat(me.get("displayName").asText()).isEqualTo("Kate Ops");
    assertThat(me.get("role").asText()).isEqualTo("operator");
    assertThat(me.get("csrfToken").asText()).isNotBlank();
    assertThat(admin.get("/api/users/kate").body().get("hasPassword").asBoolean()).isFalse();
  }

  @Test
  void theProvidersGroupsDecideTheRoleAtEverySignIn() throws Exception {
    signInThroughTheProvider(Map.of("preferred_username", "lena", "realm_access", Map.of("roles", List.of("fleet-operators"))));
    Browser promoted = signInThroughTheProvider(Map.of("preferred_username", "lena", "realm_access", Map.of("roles", List.of("fleet-admins"))));
    assertThat(me(promoted).get("role").asText()).isEqualTo("admin");
  }

  @Test
  void aProviderUserWithoutAMappedGroupIsRefusedUnlessAnAdminCreatedThem() throws Exception {
    Browser stranger = signInThroughTheProvider(Map.of("preferred_username", "mallory", "realm_access", Map.of("roles", List.of("other"))));
    assertThat(hasSession(stranger)).isFalse();
    assertThat(me(stranger)).isNull();
    assertThat(admin.get("/api/users/mallory").status()).isEqualTo(404);

    admin.post("/api/users", "{\"username\": \"nina\", \"role\": \"viewer\"}");
    Browser known = signInThroughTheProvider(Map.of("preferred_username", "nina"));
    assertThat(me(known).get("role").asText()).isEqualTo("viewer");
  }

  @Test
  void aDisabledUserCannotSignInThroughTheProvider() throws Exception {
    admin.post("/api/users", "{\"username\": \"olga\", \"role\": \"viewer\"}");
    admin.patch("/api/users/olga", "{\"disabled\": true}");
    Browser browser = signInThroughTheProvider(Map.of("preferred_username", "olga", "realm_access", Map.of("roles", List.of("fleet-admins"))));
    assertThat(me(browser)).isNull();
  }

  @Test
  void theProvidersOwnTokensOpenNothingEvenWhenTheyClaimARole() {
    String token = provider.idToken(Map.of("preferred_username", "admin", "roles", List.of("admin", "operator", "viewer")), null);
    Api withProviderToken = new Api(io.micronaut.http.client.HttpClient.create(server.getURL()).toBlocking()).withToken(token);
    assertThat(withProviderToken.get("/api/jobs").status()).isEqualTo(401);
    assertThat(withProviderToken.get("/api/users").status()).isEqualTo(401);
  }
}
