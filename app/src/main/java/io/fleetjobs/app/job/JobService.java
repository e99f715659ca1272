package io.fleetjobs.app.job;

import io.fleetjobs.app.engine.ExecutionRecorder;
import io.fleetjobs.app.engine.ExecutionReads;
import io.fleetjobs.app.engine.JobMaterializer;
import io.fleetjobs.app.api.PageQuery;
import io.fleetjobs.app.api.PageResponse;
import io.fleetjobs.app.common.Ids;
import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.deviceset.DeviceSet;
import io.fleetjobs.app.deviceset.DeviceSetService;
import io.fleetjobs.app.template.OperationChecker;
import io.fleetjobs.app.template.Template;
import io.fleetjobs.app.template.TemplateService;
import io.fleetjobs.contract.message.Operation;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jobs: definition, run, stop, copy, delete, and what they did per device. */
@Singleton
public class JobService {

  private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
  private static final int BATCH = 1000;

  private final JobStore jobs;
  private final CountsStore counts;
  private final ExecutionReads executions;
  private final ExecutionRecorder recorder;
  private final DeviceSetService sets;
  private final TemplateService templates;
  private final DeviceService devices;
  private final JobMaterializer materializer;
  private final JobsConfig config;
  private final Sql sql;
  private final Clock clock;
  private final ApplicationEventPublisher<Object> events;
  private final PurgeQueue purgeQueue;
  private final JobPurger purger;

  JobService(
      JobStore jobs, CountsStore counts, ExecutionReads executions, ExecutionRecorder recorder, DeviceSetService sets,
      TemplateService templates, DeviceService devices, JobMaterializer materializer, JobsConfig config, Sql sql, Clock clock,
      ApplicationEventPublisher<Object> events, PurgeQueue purgeQueue, JobPurger purger) {
    this.purgeQueue = purgeQueue;
    this.purger = purger;
    this.materializer = materializer;
    this.jobs = jobs;
    this.counts = counts;
    this.executions = executions;
    this.recorder = recorder;
    this.sets = sets;
    this.templates = templates;
    this.devices = devices;
    this.config = config;
    this.sql = sql;
    this.clock = clock;
    this.events = events;
  }

  /** Creates a job as {@code actor} asked (and runs it, if the request says so). */
  public Job create(JobRequest request, String actor) {
    String name = Ids.requireName(request.name(), "name", 200);
    Ids.optionalText(request.description(), "description", 2000);
    DeviceSet set = sets.requireUsable(request.deviceSetId(), "deviceSetId");
    Template template = templates.find(set.templateId()).orElseThrow();
    List<Operation> operations = OperationChecker.check(request.operations(), template);
    Duration delivery = timeout(request.deliveryTimeoutSeconds(), config.deliveryTimeout(), "deliveryTimeoutSeconds");
    Duration execution = timeout(request.executionTimeoutSeconds(), config.executionTimeout(), "executionTimeoutSeconds");
    List<String> subset = request.deviceIds() == null ? null : checkSubset(set, request.deviceIds());
    Job job = Job.pending(Ids.newId(), name, request.description(), set.id(), operations, subset != null, delivery, execution, null, clock.instant(), actor);
    boolean runNow = Boolean.TRUE.equals(request.run());
    // created and started in one transaction: a run that fails (its set emptied meanwhile, the database gone) leaves
    // no job behind that a retry of the request would create again
    JobMaterializer.Step first = sql.inTransaction(() -> {
      jobs.insert(job);
      counts.create(job.id());
      if (subset != null) {
        jobs.insertTargets(job.id(), subset);
      }
      return runNow ? start(job.id(), actor) : null;
    });
    LOG.info("Created job {} '{}' over device set {}", job.id(), name, set.id());
    if (!runNow) {
      return job;
    }
    started(job.id(), first);
    return get(job.id());
  }

  public Job get(String id) {
    return jobs.find(id).orElseThrow(() -> Refusal.notFound("job", id));
  }

  /** The job's state history, oldest first: every status change, when, why and by whom. */
  public List<JobTransition> history(String id) {
    get(id); // 404 for a job that is not there
    return jobs.history(id);
  }

  public JobCounts counts(String id) {
    return counts.get(id);
  }

  public Map<String, JobCounts> counts(List<String> ids) {
    return counts.getAll(ids);
  }

  public PageResponse<Job> list(JobStatus status, String deviceSetId, PageQuery query) {
    return PageResponse.of(jobs.page(status, deviceSetId, query.offset(), query.size()), query, jobs.count(status, deviceSetId));
  }

  /**
   * Runs a pending job: resolves its device set (or chosen subset) in device id order and stores one PENDING execution
   * per device. The first batch is stored with the status change, in one transaction, so an empty set is refused and
   * the dispatcher has work at once; {@link JobMaterializer} stores the rest in the background, and the job cannot
   * finish before it is done.
   */
  public Job run(String id, String actor) {
    JobMaterializer.Step first = sql.inTransaction(() -> start(id, actor));
    started(id, first);
    return get(id);
  }

  /** Starts a pending job in the caller's transaction: its first batch of executions stored, its status RUNNING. */
  private JobMaterializer.Step start(String id, String actor) {
    Job job = get(id);
    requireCan(job, JobStatus.RUNNING, "run");
    DeviceSet set = sets.requireUsable(job.deviceSetId(), "deviceSetId");
    Instant now = clock.instant();
    JobMaterializer.Step step = materializer.storeFirst(job, set, "", now);
    if (step.stored() == 0) {
      throw Refusal.invalid("deviceSetId", "device set '" + set.name() + "' has no devices to run the job on");
    }
    job.start(now, actor, step.next());
    if (!jobs.saveStatus(job)) {
      throw Refusal.conflict("job '" + id + "' changed while starting; try again");
    }
    LOG.info("Started job {}; {} executions stored{}", id, step.stored(), step.next() == null ? "" : ", storing the rest");
    return step;
  }

  /** After the start committed: the live views are told, and the rest of the executions are stored in the background. */
  private void started(String id, JobMaterializer.Step first) {
    events.publishEvent(new JobEvents.Started(id));
    if (first.next() != null) {
      materializer.continueStoring(id);
    }
  }

  /** Stops a job at once: nothing more is sent, unfinished devices become CANCELED, devices at work get a cancel. */
  public Job stop(String id, String actor) {
    sql.inTransaction(() -> {
      // under the job's row lock: a batch of executions being stored commits first, and is canceled with the rest
      Job job = jobs.lock(id).orElseThrow(() -> Refusal.notFound("job", id));
      requireCan(job, JobStatus.STOPPED, "stop");
      Instant now = clock.instant();
      job.stop(now, actor); // storing, if under way, is abandoned
      if (!jobs.saveStatus(job)) {
        throw Refusal.conflict("job '" + id + "' changed while stopping; try again");
      }
      int canceled = recorder.cancelPending(id, now);
      LOG.info("Stopped job {}; {} devices canceled", id, canceled);
    });
    events.publishEvent(new JobEvents.Stopped(id));
    return get(id);
  }

  /** A new PENDING job with the same definition: how a stopped (or any) job is "run again". */
  public Job copy(String id, String actor) {
    Job source = get(id);
    Job copy = Job.pending(
        Ids.newId(), copyName(source.name()), source.description(), source.deviceSetId(), source.operations(), source.subset(),
        source.deliveryTimeout(), source.executionTimeout(), source.id(), clock.instant(), actor);
    sql.inTransaction(() -> {
      jobs.insert(copy);
      counts.create(copy.id());
      if (source.subset()) {
        String after = "";
        List<String> page;
        while (!(page = jobs.targetsAfter(source.id(), after, BATCH)).isEmpty()) {
          jobs.insertTargets(copy.id(), page);
          after = page.get(page.size() - 1);
        }
      }
    });
    return copy;
  }

  /**
   * Deletes a job that is not running: in one transaction its row, counts and chosen devices go and it is queued for
   * {@link JobPurger}, which deletes its executions in the background. From that commit on no read sees the job or its
   * executions, and a crash cannot leave it half deleted: the purge resumes at the next start.
   */
  public void delete(String id) {
    sql.inTransaction(() -> {
      Job job = get(id);
      if (job.status() == JobStatus.RUNNING) {
        throw Refusal.conflict("job '" + id + "' is RUNNING; stop it before deleting it");
      }
      if (!queuePurge(job)) {
        throw Refusal.conflict("job '" + id + "' changed while deleting; try again");
      }
    });
    purger.queued();
    LOG.info("Deleted job {}; its executions are deleted in the background", id);
  }

  /**
   * Deletes finished jobs that finished before {@code cutoff} the way {@link #delete} does, one transaction per job,
   * up to {@code limit} of them; returns how many went.
   */
  public int purgeFinishedBefore(Instant cutoff, int limit) {
    int purged = 0;
    for (String id : jobs.finishedBefore(cutoff, limit)) {
      if (sql.inTransaction(() -> jobs.find(id).filter(j -> j.status().isTerminal()).map(this::queuePurge).orElse(false))) {
        purged++;
      }
    }
    if (purged > 0) {
      purger.queued();
    }
    return purged;
  }

  /** In the caller's transaction; false if the job changed since it was read (its version moved on). */
  private boolean queuePurge(Job job) {
    long executionsOfJob = counts.get(job.id()).total();
    if (!jobs.delete(job)) {
      return false;
    }
    counts.delete(job.id());
    purgeQueue.enqueue(job.id(), executionsOfJob, clock.instant());
    return true;
  }

  public PageResponse<ExecutionDetail> executions(String id, ExecutionStatus status, PageQuery query) {
    get(id);
    JobCounts c = counts.get(id);
    long total = status == null ? c.total() : c.of(status);
    return PageResponse.of(executions.page(id, status, query.offset(), query.size()), query, total);
  }

  /** Why {@code job} cannot take the action, or null if it can. */
  public static String whyNot(Job job, JobStatus target) {
    if (job.status().canBecome(target)) {
      return null;
    }
    if (job.status() == JobStatus.STOPPED && target == JobStatus.RUNNING) {
      return "a stopped job can never be run again; copy it to run the same job anew";
    }
    return "the job is " + job.status();
  }

  private static void requireCan(Job job, JobStatus target, String verb) {
    String why = whyNot(job, target);
    if (why != null) {
      throw Refusal.conflict("cannot " + verb + " job '" + job.name() + "': " + why);
    }
  }

  private List<String> checkSubset(DeviceSet set, List<String> ids) {
    if (ids.isEmpty()) {
      throw Refusal.invalid("deviceIds", "deviceIds, when given, must name at least one device");
    }
    Set<String> unique = new HashSet<>();
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
      for (int i = 0; i < chunk.size(); i++) {
        Ids.require(chunk.get(i), "deviceIds[" + (from + i) + "]");
        if (!unique.add(chunk.get(i))) {
          throw Refusal.invalid("deviceIds[" + (from + i) + "]", "device '" + chunk.get(i) + "' is listed twice");
        }
      }
      Set<String> members = new HashSet<>();
      sets.members(set, devices.liveAmong(chunk)).forEach(d -> members.add(d.id()));
      for (int i = 0; i < chunk.size(); i++) {
        if (!members.contains(chunk.get(i))) {
          throw Refusal.invalid(
              "deviceIds[" + (from + i) + "]", "device '" + chunk.get(i) + "' is not in device set '" + set.name() + "'");
        }
      }
    }
    return List.copyOf(ids);
  }

  private static Duration timeout(Long seconds, Duration fallback, String field) {
    if (seconds == null) {
      return fallback;
    }
    if (seconds < 1 || seconds > Duration.ofDays(30).toSeconds()) {
      throw Refusal.invalid(field, field + " must be between 1 and " + Duration.ofDays(30).toSeconds());
    }
    return Duration.ofSeconds(seconds);
  }

  private static String copyName(String name) {
    String copy = name + " (copy)";
    return copy.length() <= 200 ? copy : name;
  }
}
