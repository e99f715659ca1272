package io.fleetjobs.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.app.support.openapi.AnyJson;
import io.fleetjobs.client.ApiClient;
import io.fleetjobs.client.ApiException;
import io.fleetjobs.client.api.DeviceSetsApi;
import io.fleetjobs.client.api.DevicesApi;
import io.fleetjobs.client.api.JobsApi;
import io.fleetjobs.client.api.SignInApi;
import io.fleetjobs.client.api.TemplatesApi;
import io.fleetjobs.client.model.Condition;
import io.fleetjobs.client.model.ConditionOperator;
import io.fleetjobs.client.model.DeviceRequest;
import io.fleetjobs.client.model.DeviceSetRequest;
import io.fleetjobs.client.model.DeviceSummary;
import io.fleetjobs.client.model.DeviceView;
import io.fleetjobs.client.model.ExecutionStatus;
import io.fleetjobs.client.model.ExecutionView;
import io.fleetjobs.client.model.JobRequest;
import io.fleetjobs.client.model.JobStatus;
import io.fleetjobs.client.model.JobView;
import io.fleetjobs.client.model.OperationInput;
import io.fleetjobs.client.model.OperationType;
import io.fleetjobs.client.model.Problem;
import io.fleetjobs.client.model.RegisteredDevices;
import io.fleetjobs.client.model.SignInRequest;
import io.fleetjobs.client.model.TemplateDefinitionSetting;
import io.fleetjobs.client.model.TemplateRequest;
import io.fleetjobs.client.model.ValueType;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAPI document is what the service does: a client generated from it at build time (openapi-generator's Java
 * client, {@code target/generated-test-sources/openapi}, compiled with the tests only) drives a whole job as typed
 * calls, over simulated devices, and reads the refusals as the document's problem details. Its JSON mapper refuses
 * any field the document does not name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiClientTest {

  private static final int DEVICES = 3;

  private AppUnderTest app;
  private SimulatedFleet fleet;
  private ApiClient client;
  private TemplatesApi templates;
  private DevicesApi devices;
  private DevicesApi bulk;
  private DeviceSetsApi deviceSets;
  private JobsApi jobs;

  @BeforeAll
  void start() throws Exception {
    app = new AppUnderTest(Map.of());
    client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + app.port());
    client.getObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    String token = new SignInApi(client).login(new SignInRequest().username("admin").password(Api.ADMIN_PASSWORD)).getAccessToken();
    // the generated client calls the APIs' own interceptor, taken when each API is made
    // with the client's own Accept (every documented type, JSON first): the service answers the bulk registration as JSON
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    templates = new TemplatesApi(client);
    devices = new DevicesApi(client);
    bulk = devices;
    deviceSets = new DeviceSetsApi(client);
    jobs = new JobsApi(client);

    templates.createTemplate(new TemplateRequest().id("oc-fridge").name("Fridge of the generated client")
        .addSettingsItem(new TemplateDefinitionSetting().name("fanSpeed").type(ValueType.INTEGER)));
    // one device alone, the rest at once: both registrations' answers are typed by the document
    Map<String, String> secrets = new HashMap<>();
    DeviceView first = devices.registerDevice(device(0));
    secrets.put(first.getId(), first.getCredential().getSecret());
    List<DeviceRequest> rest = IntStream.range(1, DEVICES).mapToObj(this::device).toList();
    RegisteredDevices registered = bulk.registerDevices(rest);
    assertThat(registered.getRegistered()).isEqualTo(DEVICES - 1);
    registered.getDevices().forEach(device -> secrets.put(device.getId(), device.getCredential().getSecret()));
    fleet = SimulatedFleet.builder().brokerHost("127.0.0.1").brokerPort(TestBroker.port())
        .template("oc-fridge").idPrefix("oc-").count(DEVICES).attributes(i -> Map.of("batch", "oc"))
        .behaviour(Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(20)).build())
        .credentials(secrets).build();
    fleet.start();
    deviceSets.createDeviceSet(new DeviceSetRequest().id("oc-batch").name("The generated client's batch").template("oc-fridge")
        .addConditionsItem(new Condition().field("attributes.batch").operator(ConditionOperator.EQ).value(AnyJson.of("oc"))));
    await().atMost(Duration.ofSeconds(30)).until(() -> deviceSets.deviceSetDevices("oc-batch", 0, 100).getItems().stream()
        .filter(d -> d.getPresence() == DeviceSummary.PresenceEnum.ONLINE).count() == DEVICES);
  }

  @AfterAll
  void stop() {
    if (fleet != null) {
      fleet.close();
    }
    app.close();
  }

  private DeviceRequest device(int i) {
    return new DeviceRequest().id("oc-%04d".formatted(i)).template("oc-fridge").attributes(Map.of("batch", "oc"));
  }

  private JobRequest fanSpeed(int speed) {
    return new JobRequest().name("Fan speed " + speed).deviceSetId("oc-batch")
        .addOperationsItem(new OperationInput().type(OperationType.SETTING).name("fanSpeed").value(AnyJson.of(speed)));
  }

  /** The refusal of {@code call}, read by the generated client as the document's problem detail. */
  private Problem refusal(int status, ApiCall call) throws Exception {
    ApiException refused = catchThrowableOfType(ApiException.class, call::run);
    assertThat(refused).as("refused with " + status).isNotNull();
    assertThat(refused.getCode()).as(refused.getResponseBody()).isEqualTo(status);
    assertThat(refused.getResponseHeaders().firstValue("content-type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/problem+json"));
    Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
    assertThat(problem.getStatus()).isEqualTo(status);
    return problem;
  }

  @FunctionalInterface
  private interface ApiCall {
    void run() throws Exception;
  }

  @Test
  void aWholeJobRunsThroughTheGeneratedClientToCompletion() throws Exception {
    JobView created = jobs.createJob(fanSpeed(5));
    assertThat(created.getStatus()).isEqualTo(JobStatus.PENDING);
    assertThat(created.getOperations()).singleElement().satisfies(operation -> assertThat(operation.getValue().node().asInt()).isEqualTo(5));

    JobView running = jobs.runJob(created.getId());
    assertThat(running.getStatus()).isIn(JobStatus.RUNNING, JobStatus.COMPLETED);
    await().atMost(Duration.ofSeconds(30)).until(() -> jobs.getJob(created.getId()).getStatus() == JobStatus.COMPLETED);

    JobView done = jobs.getJob(created.getId());
    assertThat(done.getCounts().getCompleted()).isEqualTo(DEVICES);
    assertThat(done.getFinishedAt()).isNotNull();
    List<ExecutionView> executions = jobs.jobDevices(created.getId(), null, 0, 100).getItems();
    assertThat(executions).hasSize(DEVICES).allSatisfy(execution -> {
      assertThat(execution.getStatus()).isEqualTo(ExecutionStatus.COMPLETED);
      assertThat(execution.getFailureReason()).isNull();
      assertThat(execution.getError()).isNull();
    });
    await().atMost(Duration.ofSeconds(10)).until(() ->
        devices.getDevice("oc-0001").getReportedProperties().getOrDefault("fanSpeed", AnyJson.of(0)).node().asInt() == 5);
  }

  @Test
  void aStoppedJobCannotRunAgainAndItsCopyIsPending() throws Exception {
    JobView created = jobs.createJob(fanSpeed(2));
    JobView stopped = jobs.stopJob(created.getId());
    assertThat(stopped.getStatus()).isEqualTo(JobStatus.STOPPED);
    assertThat(stopped.getCanRun()).isFalse();
    assertThat(stopped.getRunBlockedReason()).isNotBlank();

    Problem conflict = refusal(409, () -> jobs.runJob(created.getId()));
    assertThat(conflict.getDetail()).isNotBlank();

    JobView copy = jobs.copyJob(created.getId());
    assertThat(copy.getStatus()).isEqualTo(JobStatus.PENDING);
    assertThat(copy.getCopiedFrom()).isEqualTo(created.getId());
    assertThat(copy.getOperations()).singleElement().satisfies(operation -> assertThat(operation.getValue().node().asInt()).isEqualTo(2));
  }

  @Test
  void anUnknownJobIsA404ProblemTheClientReads() throws Exception {
    Problem missing = refusal(404, () -> jobs.getJob("no-such-job"));
    assertThat(missing.getInstance()).isEqualTo("/api/jobs/no-such-job");
  }

  @Test
  void aValueOfTheWrongTypeIsA422ProblemNamingTheField() throws Exception {
    JobRequest wrong = fanSpeed(1);
    wrong.getOperations().get(0).value(AnyJson.of("fast"));
    Problem invalid = refusal(422, () -> jobs.createJob(wrong));
    assertThat(invalid.getErrors()).singleElement().satisfies(error -> assertThat(error.getField()).isEqualTo("operations[0].value"));
  }
}
