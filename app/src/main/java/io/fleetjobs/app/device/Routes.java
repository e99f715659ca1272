package io.fleetjobs.app.device;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each known live device is reached. Read on every device message and every send, so cached; registration,
 * presence and deletion keep it current, and it falls back to the database for devices it has not seen.
 */
@Singleton
class Routes {

  private final DeviceStore store;
  private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();

  Routes(DeviceStore store) {
    this.store = store;
  }

  /** The route of a live device, or empty if none is registered by that id. */
  Optional<Route> of(String deviceId) {
    Route cached = routes.get(deviceId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Route> stored = store.route(deviceId);
    stored.ifPresent(route -> routes.put(deviceId, route));
    return stored;
  }

  /** Only what is cached: for batch writers that load the rest themselves in one query. */
  Route cached(String deviceId) {
    return routes.get(deviceId);
  }

  void put(String deviceId, Route route) {
    routes.put(deviceId, route);
  }

  void remove(String deviceId) {
    routes.remove(deviceId);
  }

  void removeAll(List<String> deviceIds) {
    deviceIds.forEach(routes::remove);
  }
}
