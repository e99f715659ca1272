package io.fleetjobs.app.deviceset;

import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.support.ComponentTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/** {@link DeviceSetStoresContract} on H2. */
@MicronautTest(transactional = false)
class DeviceSetStoresTest extends ComponentTest implements DeviceSetStoresContract {

  @Inject
  DeviceSetStore sets;

  @Inject
  MemberStore members;

  @Inject
  Sql sql;

  @Override
  public DeviceSetStore sets() {
    return sets;
  }

  @Override
  public MemberStore members() {
    return members;
  }

  @Override
  public Sql sql() {
    return sql;
  }
}
