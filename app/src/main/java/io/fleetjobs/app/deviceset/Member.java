package io.fleetjobs.app.deviceset;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/** A row of {@code device_set_member}: one device listed by an explicit-list set. */
@MappedEntity(value = "device_set_member", escape = false)
record Member(@EmbeddedId Key key) {

  Member(String setId, String deviceId) {
    this(new Key(setId, deviceId));
  }

  /** The primary key, which is the whole row. */
  @Embeddable
  record Key(@MappedProperty("set_id") String setId, @MappedProperty("device_id") String deviceId) {}
}
