package io.fleetjobs.app.deviceset;

import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The device ids of explicit-list sets, through {@link MemberRepository}. */
@Singleton
class MemberStore {

  private final MemberRepository rows;

  MemberStore(MemberRepository rows) {
    this.rows = rows;
  }

  void insert(String setId, List<String> deviceIds) {
    if (!deviceIds.isEmpty()) {
      rows.saveAll(deviceIds.stream().map(id -> new Member(setId, id)).toList());
    }
  }

  List<String> after(String setId, String afterId, int limit) {
    return rows.idsAfter(setId, afterId, limit);
  }

  /** Which of {@code deviceIds} the set lists. */
  Set<String> listedAmong(String setId, List<String> deviceIds) {
    return deviceIds.isEmpty() ? Set.of() : new HashSet<>(rows.listedAmong(setId, deviceIds));
  }

  void deleteAll(String setId) {
    rows.deleteAllOf(setId);
  }
}
