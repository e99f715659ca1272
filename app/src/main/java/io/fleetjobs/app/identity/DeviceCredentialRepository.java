package io.fleetjobs.app.identity;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.ANSI)
interface DeviceCredentialRepository extends CrudRepository<DeviceCredential, String> {

  List<DeviceCredential> findByRevokedAtIsNullOrderByDeviceId();

  /** A device deleted and registered again may have left its old credential behind. */
  void deleteByDeviceIdIn(java.util.Collection<String> deviceIds);
}
