package io.fleetjobs.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Browser;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator console in a real headless Chromium, against the service, a real broker and simulated devices: the
 * demo's template and device sets, as a new user would see them. Screenshots go to target/console-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "io.fleetjobs.app.support.Browser#available", disabledReason = "needs Debian's chromium and chromium-driver")
class ConsoleIT {

  private AppUnderTest app;
  private Api api;
  private SimulatedFleet quick;
  private SimulatedFleet slow;
  private Browser browser;
  private ChromeDriver driver;
  private String base;

  @BeforeAll
  void start() {
    app = new AppUnderTest(Map.of("fleet.bootstrap.dir", "../config/demo"));
    api = app.api();
    base = "http://127.0.0.1:" + app.port() + "/console/index.html";
    quick = app.provision(SimulatedFleet.builder().brokerPort(TestBroker.port()).idPrefix("sim-").count(12)
        .behaviour(Behaviour.builder().latency(Duration.ofMillis(100), Duration.ofMillis(800)).build())).build();
    quick.start();
    slow = app.provision(SimulatedFleet.builder().brokerPort(TestBroker.port()).idPrefix("slow-").count(8)
        .attributes(i -> Map.of("region", "slow"))
        .behaviour(Behaviour.builder().latency(Duration.ofSeconds(20), Duration.ofSeconds(30)).build())).build();
    slow.start();
    api.post("/api/device-sets", """
        {"id": "slow-fridges", "name": "Slow fridges", "template": "vending-fridge",
         "conditions": [{"field": "attributes.region", "operator": "EQ", "value": "slow"}]}""");
    api.post("/api/device-sets", """
        {"id": "fan-fridges", "name": "Fridges reporting a fan speed", "template": "vending-fridge",
         "conditions": [{"field": "properties.fanSpeed", "operator": "EXISTS"}]}""");
    await().atMost(Duration.ofSeconds(20)).until(() ->
        api.onlineIn("all-fridges") == 20);
    browser = new Browser();
    driver = browser.driver();
    signIn("admin", Api.ADMIN_PASSWORD);
  }

  /** Signs in through the console's own form, as an operator would. */
  private void signIn(String username, String password) {
    driver.get(base);
    awaitElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    awaitText(By.id("who-name"), username);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    quick.close();
    slow.close();
    app.close();
  }

  private WebElement awaitElement(By by) {
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> driver.findElement(by).isDisplayed());
    return driver.findElement(by);
  }

  private void awaitText(By by, String text) {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> driver.findElement(by).getText().contains(text));
  }

  private void next() {
    driver.findElement(By.id("next")).click();
  }

  @Test
  void aViewerSignsInSeesJobsWithoutTheActionsTheRoleMayNotTakeAndSignsOut() {
    api.newUser("console-viewer", "viewer");
    String id = api.post("/api/jobs", """
        {"name": "Viewer's view", "deviceSetId": "all-fridges", "deviceIds": ["sim-0003"],
         "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 2}]}""").body().get("id").asText();
    try {
      driver.findElement(By.id("sign-out")).click();
      awaitElement(By.id("sign-in"));
      assertThat(driver.findElement(By.id("nav")).isDisplayed()).isFalse();
      // a wrong password keeps the form up with the service's message
      driver.findElement(By.id("username")).sendKeys("console-viewer");
      driver.findElement(By.id("password")).sendKeys("not-the-password");
      driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
      awaitText(By.id("sign-in-error"), "wrong user name or password");
      browser.screenshot("sign-in");

      signIn("console-viewer", Api.ADMIN_PASSWORD);
      assertThat(driver.findElement(By.id("who-name")).getText()).contains("viewer");
      driver.get(base + "#/jobs");
      awaitElement(By.cssSelector("#jobs table"));
      assertThat(driver.findElements(By.linkText("New job"))).isEmpty();
      driver.get(base + "#/jobs/" + id);
      awaitText(By.id("job-title"), "Viewer's view");
      assertThat(driver.findElements(By.id("run"))).isEmpty();
      assertThat(driver.findElements(By.id("copy"))).isEmpty();

      driver.findElement(By.id("sign-out")).click();
      awaitElement(By.id("sign-in"));
      // signed out for real: the browser's cookie no longer opens the API
      driver.get("http://127.0.0.1:" + app.port() + "/api/jobs");
      assertThat(driver.findElement(By.tagName("body")).getText()).contains("401");
    } finally {
      signIn("admin", Api.ADMIN_PASSWORD);
    }
  }

  @Test
  void aJobCreatedInTheWizardRunsOnSimulatedDevicesAndCompletesLive() {
    driver.get(base + "#/jobs/new");
    awaitElement(By.id("job-name")).sendKeys("Fan speed 4 in the north");
    next();
    // a broken set is shown with its reason and cannot be chosen
    awaitElement(By.cssSelector("input[name=set][value=north-fridges]")).click();
    next();
    awaitElement(By.id("add-op")).click();
    new Select(awaitElement(By.id("op-0-type"))).selectByVisibleText("SETTING");
    new Select(awaitElement(By.id("op-0-name"))).selectByVisibleText("fanSpeed");
    awaitElement(By.id("op-0-value")).sendKeys("4");
    browser.screenshot("new-job");
    next();
    assertThat(awaitElement(By.id("all-devices")).isSelected()).isTrue();
    next();
    awaitElement(By.id("run-now")).click();

    awaitText(By.id("job-title"), "Fan speed 4 in the north");
    // the page is not reloaded: the status arrives over server-sent events
    awaitText(By.id("summary"), "COMPLETED");
    assertThat(driver.findElement(By.id("count-completed")).getText()).isEqualTo("3");
    assertThat(driver.findElements(By.id("stop"))).isEmpty();
    browser.screenshot("job-detail");
    assertThat(quick.device("sim-0000").settings().get("fanSpeed").asInt()).isEqualTo(4);
  }

  @Test
  void theWizardShowsTheServicesValidationMessageNextToTheField() {
    driver.get(base + "#/jobs/new");
    awaitElement(By.id("job-name")).sendKeys("Labels");
    next();
    awaitElement(By.cssSelector("input[name=set][value=all-fridges]")).click();
    next();
    awaitElement(By.id("add-op")).click();
    new Select(awaitElement(By.id("op-0-type"))).selectByVisibleText("PROPERTY");
    new Select(awaitElement(By.id("op-0-name"))).selectByVisibleText("label");
    next();
    next();
    awaitElement(By.id("save-pending")).click();
    // no value given: the service refuses with 422 naming operations[0].value, and the wizard goes back to it
    awaitElement(By.id("err-operations[0].value"));
    assertThat(driver.findElement(By.id("err-operations[0].value")).getText()).contains("value is required");
  }

  @Test
  void aBrokenSetCannotBeChosenAndSaysWhy() {
    api.post("/api/templates", """
        {"id": "old-kiosk", "name": "Old kiosk", "settings": [{"name": "volume", "type": "INTEGER"}]}""");
    api.post("/api/device-sets", """
        {"id": "old-kiosks", "name": "Old kiosks", "template": "old-kiosk"}""");
    api.delete("/api/templates/old-kiosk");
    driver.get(base + "#/jobs/new");
    awaitElement(By.id("job-name")).sendKeys("x");
    next();
    WebElement broken = awaitElement(By.cssSelector("input[name=set][value=old-kiosks]"));
    assertThat(broken.isEnabled()).isFalse();
    assertThat(driver.findElement(By.id("wizard")).getText()).contains("Broken: template 'old-kiosk' does not exist");
    browser.screenshot("new-job-device-set");
  }

  @Test
  void stoppingAJobMidWayAsksFirstThenRemovesTheRunAction() {
    String id = api.post("/api/jobs", """
        {"name": "Defrost the slow ones", "deviceSetId": "slow-fridges", "run": true,
         "operations": [{"type": "COMMAND", "name": "defrost", "parameters": {"minutes": 5}}]}""").body().get("id").asText();
    driver.get(base + "#/jobs/" + id);
    awaitText(By.id("summary"), "RUNNING");
    awaitElement(By.id("stop")).click();
    awaitElement(By.id("confirm-yes")).click();

    awaitText(By.id("summary"), "STOPPED");
    assertThat(driver.findElements(By.id("run"))).isEmpty();
    assertThat(driver.findElements(By.id("stop"))).isEmpty();
    assertThat(driver.findElement(By.id("run-blocked")).getText()).contains("can never be run again").contains("copy it");
    assertThat(driver.findElement(By.id("count-canceled")).getText()).isEqualTo("8");
    browser.screenshot("job-stopped");
  }

  @Test
  void theCsvDownloadHoldsOneRowPerDevice() throws IOException {
    String id = api.post("/api/jobs", """
        {"name": "Eco mode", "deviceSetId": "all-fridges", "deviceIds": ["sim-0001", "sim-0002", "slow-0003"], "run": true,
         "operations": [{"type": "SETTING", "name": "ecoMode", "value": true}]}""").body().get("id").asText();
    driver.get(base + "#/jobs/" + id);
    awaitElement(By.id("csv")).click();
    Path csv = browser.downloads().resolve("job-" + id + "-devices.csv");
    await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(csv) && Files.size(csv) > 0);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).startsWith("deviceId,deviceName,deviceDeleted,status");
    assertThat(lines.subList(1, lines.size())).hasSize(3);
    assertThat(lines.get(1)).startsWith("sim-0001,");
    assertThat(lines.get(3)).startsWith("slow-0003,");
  }

  @Test
  void everyPageRendersAndStaysReadableAtPhoneWidth() {
    driver.get(base + "#/jobs");
    awaitElement(By.cssSelector("#jobs table, #jobs .panel"));
    browser.screenshot("jobs");
    driver.get(base + "#/device-sets");
    awaitText(By.id("main"), "Fridges reporting a fan speed");
    browser.screenshot("device-sets");
    driver.get(base + "#/device-sets/north-fridges");
    awaitElement(By.cssSelector("#preview table"));
    driver.get(base + "#/devices");
    awaitElement(By.cssSelector("#list table"));
    assertThat(driver.findElement(By.id("list")).getText()).contains("ONLINE").contains("vending-fridge");
    browser.screenshot("devices");
    driver.get(base + "#/templates");
    awaitText(By.id("main"), "defrost(minutes: INTEGER)");
    browser.screenshot("templates");
    browser.width(390, 844);
    driver.get(base + "#/jobs");
    awaitElement(By.cssSelector("#jobs table, #jobs .panel"));
    Long overflow = (Long) driver.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(overflow).as("the page itself does not scroll sideways on a phone").isLessThanOrEqualTo(0L);
    browser.screenshot("jobs-phone");
    browser.width(1280, 900);
    assertThat(Stream.of("jobs", "device-sets", "devices", "templates")
        .allMatch(name -> Files.exists(Path.of("target", "console-screenshots", name + ".png")))).isTrue();
  }
}
