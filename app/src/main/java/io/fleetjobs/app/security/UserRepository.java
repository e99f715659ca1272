package io.fleetjobs.app.security;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.ANSI)
interface UserRepository extends CrudRepository<User, String> {

  List<User> findAllOrderByUsername();

  long countByRoleAndDisabled(Role role, boolean disabled);
}
