package io.fleetjobs.app.job;

import io.fleetjobs.app.api.ProblemAnswers;
import io.fleetjobs.app.api.PageQuery;
import io.fleetjobs.app.api.PageResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.sse.Event;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.fleetjobs.app.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

@ProblemAnswers
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "bearer")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Controller("/api/jobs")
@Secured(Role.VIEWER_NAME)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Jobs", description = "Operations applied to the devices of a device set")
class JobController {

  private final JobService jobs;
  private final JobExports exports;
  private final JobFeed feed;

  JobController(JobService jobs, JobExports exports, JobFeed feed) {
    this.jobs = jobs;
    this.exports = exports;
    this.feed = feed;
  }

  @Operation(operationId = "createJob", summary = "Creates a job (PENDING) of operations on a device set")
  @Post
  @Secured(Role.OPERATOR_NAME)
  @Status(HttpStatus.CREATED) // what HttpResponse.created answers; read by the OpenAPI document
  HttpResponse<JobView> create(@Body JobRequest request, Authentication who) {
    JobView view = view(jobs.create(request, who.getName()));
    return HttpResponse.created(view, URI.create("/api/jobs/" + view.id()));
  }

  /** Jobs, running first then newest, optionally of one status and device set. */
  @Operation(operationId = "listJobs", summary = "Lists jobs, running first then newest")
  @Get
  PageResponse<JobView> list(
      @Nullable @QueryValue JobStatus status,
      @Nullable @QueryValue String deviceSetId,
      @Nullable @QueryValue Integer page,
      @Nullable @QueryValue Integer size) {
    PageResponse<Job> result = jobs.list(status, deviceSetId, PageQuery.of(page, size));
    Map<String, JobCounts> counts = jobs.counts(result.items().stream().map(Job::id).toList());
    return result.map(job -> JobView.of(job, counts.getOrDefault(job.id(), JobCounts.NONE)));
  }

  @Operation(operationId = "getJob", summary = "Reads a job with its counts")
  @Get("/{id}")
  JobView get(String id) {
    return view(jobs.get(id));
  }

  @Operation(operationId = "runJob", summary = "Runs a pending job")
  @Post("/{id}/run")
  @Secured(Role.OPERATOR_NAME)
  JobView run(String id, Authentication who) {
    return view(jobs.run(id, who.getName()));
  }

  @Operation(operationId = "stopJob", summary = "Stops a job; its pending executions are canceled")
  @Post("/{id}/stop")
  @Secured(Role.OPERATOR_NAME)
  JobView stop(String id, Authentication who) {
    return view(jobs.stop(id, who.getName()));
  }

  @Operation(operationId = "copyJob", summary = "Copies a job into a new pending one")
  @Post("/{id}/copy")
  @Secured(Role.OPERATOR_NAME)
  @Status(HttpStatus.CREATED) // what HttpResponse.created answers; read by the OpenAPI document
  HttpResponse<JobView> copy(String id, Authentication who) {
    JobView view = view(jobs.copy(id, who.getName()));
    return HttpResponse.created(view, URI.create("/api/jobs/" + view.id()));
  }

  /**
   * Deletes a job that is not running (409 while it runs). When this answers 204 the job is gone from every read
   * (404, listings, counts, CSV); its executions are deleted in the background ({@code fleet_purge_backlog_*}).
   */
  @Operation(operationId = "deleteJob", summary = "Deletes a job that is not running")
  @Delete("/{id}")
  @Secured(Role.OPERATOR_NAME)
  @Status(HttpStatus.NO_CONTENT)
  void delete(String id) {
    jobs.delete(id);
  }

  /** Per-device results, in device id order, optionally of one status. */
  @Operation(operationId = "jobDevices", summary = "Lists the job's per-device results")
  @Get("/{id}/devices")
  PageResponse<ExecutionView> devices(
      String id, @Nullable @QueryValue ExecutionStatus status, @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size) {
    return jobs.executions(id, status, PageQuery.of(page, size)).map(ExecutionView::of);
  }

  /** The job now, then again whenever it changes (at most twice a second), as server-sent events named "job". */
  @Operation(operationId = "jobEvents", summary = "Streams the job as server-sent events named \"job\"",
      description = "The job now, then again whenever it changes (at most twice a second). Each event is named \"job\" "
          + "and its data is the job as JSON (JobView).")
  @ApiResponse(responseCode = "200", description = "server-sent events, each named \"job\", whose data is a JobView",
      content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(implementation = JobView.class)))
  @Get(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
  Publisher<Event<JobView>> events(String id) {
    jobs.get(id);
    return Flux.concat(Flux.just(id), feed.changes().filter(id::equals).sample(Duration.ofMillis(500)))
        .publishOn(Schedulers.boundedElastic())
        .map(changed -> Event.of(view(jobs.get(changed))).name("job"));
  }

  /** The id of every job that changes (each at most once a second), as server-sent events named "changed". */
  @Operation(operationId = "jobsEvents", summary = "Streams the ids of jobs that change as server-sent events named \"changed\"",
      description = "The id of every job that changes (each at most once a second). Each event is named \"changed\" and "
          + "its data is the job's id as plain text; read the job itself with getJob or jobEvents.")
  @ApiResponse(responseCode = "200", description = "server-sent events, each named \"changed\", whose data is a job id",
      content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(type = "string", description = "a job's id")))
  @Get(value = "/events", produces = MediaType.TEXT_EVENT_STREAM)
  Publisher<Event<String>> changes() {
    return feed.changes()
        .groupBy(id -> id)
        .flatMap(group -> group.sample(Duration.ofSeconds(1)))
        .map(id -> Event.of(id).name("changed"));
  }

  /** Every device's result as CSV, streamed page by page. */
  @Operation(operationId = "jobDevicesCsv", summary = "Downloads every device's result as CSV")
  @ApiResponse(responseCode = "200", description = "CSV: a header line, then one row per device in device id order",
      headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"job-{id}-devices.csv\"",
      schema = @Schema(type = "string")), content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
  @Get(value = "/{id}/devices.csv", produces = "text/csv")
  HttpResponse<Publisher<byte[]>> csv(String id) {
    return HttpResponse.ok((Publisher<byte[]>) exports.csv(id))
        .header("Content-Disposition", "attachment; filename=\"job-" + id + "-devices.csv\"");
  }

  /** The job's state history, oldest first: each status it left and entered, when, why and by whom. */
  @Operation(operationId = "jobHistory", summary = "Lists the job's status changes, oldest first")
  @Get("/{id}/history")
  List<JobTransition> history(String id) {
    return jobs.history(id);
  }

  /** Completions and failures over the job's running time, in {@code buckets} slices (default 60). */
  @Operation(operationId = "jobTimeline", summary = "Completions and failures over the job's running time")
  @Get("/{id}/timeline")
  Timeline timeline(String id, @Nullable @QueryValue Integer buckets) {
    return exports.timeline(id, buckets == null ? 60 : buckets);
  }

  private JobView view(Job job) {
    return JobView.of(job, jobs.counts(job.id()));
  }
}
