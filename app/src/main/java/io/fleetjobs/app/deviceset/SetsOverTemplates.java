package io.fleetjobs.app.deviceset;

import io.fleetjobs.app.template.TemplateUsers;
import jakarta.inject.Singleton;
import java.util.List;

/** Tells templates which device sets are over them, so that deleting one does not silently break them. */
@Singleton
class SetsOverTemplates implements TemplateUsers {

  private final DeviceSetStore store;

  SetsOverTemplates(DeviceSetStore store) {
    this.store = store;
  }

  @Override
  public List<String> setsOver(String templateId) {
    return store.over(templateId);
  }
}
