package io.fleetjobs.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.support.openapi.DocumentedResponses;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document asks for a bearer token or the session on every operation but the ones that sign in. */
class OpenApiSecurityTest {

  private static final List<Map<String, List<String>>> SIGNED_IN = List.of(Map.of("bearer", List.of()), Map.of("session", List.of()));

  @Test
  @SuppressWarnings("unchecked")
  void onlySigningInNeedsNoSecurity() throws Exception {
    Map<String, Object> document;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(DocumentedResponses.DOCUMENT)) {
      document = new Yaml().load(in);
    }
    assertThat(document).doesNotContainKey("security");
    Map<String, Object> security = new TreeMap<>();
    ((Map<String, Map<String, Map<String, Object>>>) document.get("paths")).forEach((path, item) -> item.forEach((method, operation) ->
        security.put(method.toUpperCase() + " " + path, operation.get("security"))));
    Map<String, Object> open = new TreeMap<>();
    security.forEach((operation, requirement) -> {
      if (requirement == null) {
        open.put(operation, null);
      } else {
        assertThat(requirement).as(operation).isEqualTo(SIGNED_IN);
      }
    });
    assertThat(open.keySet()).containsExactly(
        "DELETE /api/auth/session", "GET /api/auth/providers", "POST /api/auth/login", "POST /api/auth/session");
  }
}
