package io.fleetjobs.sim.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet.PlannedDevice;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers a simulated fleet with the service before it connects, as an admin would: one bulk registration of the
 * devices a {@link io.fleetjobs.sim.SimulatedFleet.Builder#plan() plan} lists, answered with every device's secret.
 * Uses only the service's published REST API (an admin's bearer token or API token).
 */
public final class Provisioner {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 50_000;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String bearer;

  public Provisioner(String apiBase, String bearer) {
    this.base = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
    this.bearer = bearer;
  }

  /** A bearer token for {@code username} ({@code POST /api/auth/login}). */
  public static String signIn(String apiBase, String username, String password) {
    Provisioner anonymous = new Provisioner(apiBase, null);
    ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
    return anonymous.ok(anonymous.send("POST", "/api/auth/login", body.toString()), "sign-in of " + username).get("accessToken").asText();
  }

  /**
   * Makes sure every planned device is registered and returns the secret of each device on its own connection
   * (children have none): devices not registered yet are registered in bulk; registered ones whose secret
   * {@code known} does not hold get a new one.
   */
  public Map<String, String> ensure(List<PlannedDevice> plan, Map<String, String> known) {
    try {
      return register(plan); // a fresh database: one bulk registration does it
    } catch (Conflict someExist) {
      // some are registered already: look each one up (rare: a re-run over an existing fleet)
    }
    Map<String, String> secrets = new LinkedHashMap<>();
    List<PlannedDevice> missing = new ArrayList<>();
    for (PlannedDevice device : plan) {
      HttpResponse<String> found = send("GET", "/api/devices/" + device.id(), null);
      if (found.statusCode() != 200 || json(found.body()).path("deleted").asBoolean()) {
        missing.add(device);
      } else if (device.gatewayId() == null && known.containsKey(device.id())) {
        secrets.put(device.id(), known.get(device.id()));
      } else if (device.gatewayId() == null) {
        secrets.put(device.id(), ok(send("POST", "/api/devices/" + device.id() + "/credential", ""), "new credential of " + device.id())
            .get("secret").asText());
      }
    }
    secrets.putAll(register(missing));
    return secrets;
  }

  /** A bulk registration refused because a device of it is registered already. */
  static final class Conflict extends IllegalStateException {
    Conflict(String message) {
      super(message);
    }
  }

  /** Registers devices none of which is registered yet, in bulk; returns the secrets of those that get one. */
  public Map<String, String> register(List<PlannedDevice> devices) {
    Map<String, String> secrets = new LinkedHashMap<>();
    if (devices.isEmpty()) {
      return secrets;
    }
    for (int from = 0; from < devices.size(); from += CHUNK) {
      ArrayNode body = JSON.createArrayNode();
      for (PlannedDevice d : devices.subList(from, Math.min(devices.size(), from + CHUNK))) {
        ObjectNode row = body.addObject().put("id", d.id()).put("template", d.template());
        ObjectNode attributes = row.putObject("attributes");
        d.attributes().forEach(attributes::put);
        row.put("transport", d.protocol() == SimulatedDevice.Protocol.COAP ? "COAP" : "MQTT");
        if (d.gatewayId() != null) {
          row.put("gatewayId", d.gatewayId());
        }
      }
      HttpResponse<String> response = send("POST", "/api/devices/bulk", body.toString());
      if (response.statusCode() == 409) {
        throw new Conflict(response.body());
      }
      JsonNode answer = ok(response, "bulk registration");
      for (JsonNode device : answer.get("devices")) {
        if (device.hasNonNull("credential")) {
          secrets.put(device.get("id").asText(), device.get("credential").get("secret").asText());
        }
      }
    }
    return secrets;
  }

  private JsonNode ok(HttpResponse<String> response, String what) {
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
    }
    return json(response.body());
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }

  private HttpResponse<String> send(String method, String path, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
