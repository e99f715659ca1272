package io.fleetjobs.app.audit;

import io.fleetjobs.app.api.ProblemAnswers;
import io.fleetjobs.app.api.PageResponse;
import io.fleetjobs.app.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The audit log: every request that changed something, or tried to. Viewers read everything, this included. */
@ProblemAnswers
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "bearer")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Controller("/api/audit")
@Secured(Role.VIEWER_NAME)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit log", description = "Who changed what, when, from where, and how it was answered")
class AuditController {

  private final AuditStore store;

  AuditController(AuditStore store) {
    this.store = store;
  }

  /**
   * Events, newest first. {@code actor}: a user name; {@code action}: text the method and route contain
   * ({@code POST /api/jobs}, {@code /stop}); {@code outcome}: success, refused, error or a status code;
   * {@code from}/{@code to}: ISO-8601 instants, from inclusive, to exclusive; paged.
   */
  @Operation(operationId = "listAuditEvents", summary = "Lists audit events, newest first")
  @Get
  PageResponse<AuditEventView> list(
      @Nullable @QueryValue String actor,
      @Nullable @QueryValue String action,
      @Nullable @QueryValue String outcome,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to,
      @Nullable @QueryValue Integer page,
      @Nullable @QueryValue Integer size) {
    return store.page(AuditQuery.of(actor, action, outcome, from, to, page, size)).map(AuditEventView::of);
  }
}
