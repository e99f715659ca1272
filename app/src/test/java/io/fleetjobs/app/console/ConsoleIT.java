package io.fleetjobs.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Browser;
import io.fleetjobs.app.support.MissingTool;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator console in a real headless Chromium, against the service, a real broker and simulated devices: the
 * demo's template and device sets, as a new user would see them. Screenshots go to target/console-screenshots.
 * Without Debian's chromium and chromium-driver the class is skipped, except on CI ({@code CI=true}), where it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT {

  private AppUnderTest app;
  private io.fleetjobs.app.support.FakeOidcProvider provider;
  private Api api;
  private SimulatedFleet quick;
  private SimulatedFleet slow;
  private Browser browser;
  private ChromeDriver driver;
  private String base;

  @BeforeAll
  void start() throws Exception {
    if (!Browser.available()) {
      MissingTool.skipOrFail(Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
          + " is missing: apt-get install chromium chromium-driver (.ci/run does)");
    }
    provider = new io.fleetjobs.app.support.FakeOidcProvider();
    app = new AppUnderTest(Map.of("fleet.bootstrap.dir", "../config/demo",
        "micronaut.security.oauth2.clients.keycloak.client-id", io.fleetjobs.app.support.FakeOidcProvider.CLIENT_ID,
        "micronaut.security.oauth2.clients.keycloak.client-secret", io.fleetjobs.app.support.FakeOidcProvider.CLIENT_SECRET,
        "micronaut.security.oauth2.clients.keycloak.openid.issuer", provider.issuer(),
        "fleet.security.oidc.operator-values", "fleet-operators"));
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

  /** Signs in through the console's own form, as an operator would; signs out first whoever is signed in. */
  private void signIn(String username, String password) {
    driver.get(base);
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() ->
        !driver.findElements(By.id("sign-in")).isEmpty() || driver.findElement(By.id("who")).isDisplayed());
    if (driver.findElement(By.id("who")).isDisplayed()) {
      driver.findElement(By.id("sign-out")).click();
    }
    awaitElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    awaitText(By.id("who-name"), username);
  }

  @AfterAll
  void stop() {
    // each only if made: a class skipped (or failed) for want of a browser made none of them
    for (AutoCloseable made : new AutoCloseable[] {browser, quick, slow, app, provider}) {
      if (made != null) {
        try {
          made.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private WebElement awaitElement(By by) {
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> driver.findElement(by).isDisplayed());
    return driver.findElement(by);
  }

  /** Clicks an element of a page that re-renders live: one replaced between finding and clicking is found again. */
  private void click(By by) {
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
      driver.findElement(by).click();
      return true;
    });
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
      assertThat(driver.findElement(By.id("who-expiry")).getText()).contains("session ends");
      assertThat(driver.findElement(By.linkText("Audit")).isDisplayed()).isTrue();
      assertThat(driver.findElement(By.linkText("API tokens")).isDisplayed()).isTrue();
      assertThat(driver.findElements(By.linkText("Users"))).noneMatch(WebElement::isDisplayed);
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
  void anAdminCreatesAUserOnTheUsersPageChangesTheirRoleAndThatUserSignsInWithTheGeneratedPassword() {
    driver.get(base + "#/users");
    awaitElement(By.id("user-name")).sendKeys("console-made");
    new Select(driver.findElement(By.id("user-role"))).selectByVisibleText("viewer");
    driver.findElement(By.id("create-user")).click();
    String password = awaitElement(By.id("shown-password")).getText();
    assertThat(password).hasSize(20);
    assertThat(driver.findElement(By.id("user-secret")).getText()).contains("not shown again");
    new Select(awaitElement(By.id("role-console-made"))).selectByVisibleText("operator");
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/users/console-made").body().get("role").asText().equals("operator"));
    browser.screenshot("users");
    try {
      driver.findElement(By.id("sign-out")).click();
      awaitElement(By.id("sign-in"));
      signIn("console-made", password);
      assertThat(driver.findElement(By.id("who-name")).getText()).contains("(operator)");
      assertThat(driver.findElements(By.linkText("Users"))).noneMatch(WebElement::isDisplayed);
      driver.get(base + "#/users");
      awaitText(By.id("main"), "may not do this");
    } finally {
      signIn("admin", Api.ADMIN_PASSWORD);
    }
  }

  @Test
  void aUserIsDisabledOnTheUsersPageAndCanNoLongerSignIn() {
    api.newUser("console-leaver", "operator");
    driver.get(base + "#/users");
    awaitElement(By.cssSelector("[data-standing='console-leaver']")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/users/console-leaver").body().get("disabled").asBoolean());
    awaitText(By.cssSelector("tr[data-user='console-leaver']"), "disabled");
    assertThat(driver.findElement(By.cssSelector("[data-standing='console-leaver']")).getText()).isEqualTo("Enable");
    assertThat(api.withToken(null).post("/api/auth/login", """
        {"username": "console-leaver", "password": "%s"}""".formatted(Api.ADMIN_PASSWORD)).status()).isEqualTo(401);
  }

  @Test
  void aTokenCreatedOnTheApiTokensPageWorksAgainstTheApiUntilItIsRevokedThere() {
    driver.get(base + "#/tokens");
    awaitElement(By.id("token-name")).sendKeys("console-script");
    driver.findElement(By.id("create-token")).click();
    String token = awaitElement(By.id("token-value")).getText();
    assertThat(token).startsWith("fjt_");
    assertThat(driver.findElement(By.id("token-secret")).getText()).contains("shown only this once");
    Api script = api.withToken(token);
    assertThat(script.get("/api/jobs").status()).isEqualTo(200);
    awaitText(By.id("tokens"), "console-script");
    browser.screenshot("api-tokens");

    driver.findElement(By.cssSelector("button[aria-label='Revoke console-script']")).click();
    awaitElement(By.id("confirm-yes")).click();
    awaitText(By.id("tokens"), "revoked");
    assertThat(driver.findElements(By.cssSelector("button[aria-label='Revoke console-script']"))).isEmpty();
    assertThat(script.get("/api/jobs").status()).isEqualTo(401);
  }

  @Test
  void theAuditPageListsTheActionsJustTakenWithWhoAndTheirOutcome() {
    Api auditee = api.newUser("console-auditee", "viewer");
    assertThat(auditee.post("/api/device-sets", """
        {"id": "not-allowed", "name": "x", "template": "vending-fridge"}""").status()).isEqualTo(403);
    driver.get(base + "#/tokens");
    awaitElement(By.id("token-name")).sendKeys("for-the-audit");
    driver.findElement(By.id("create-token")).click();
    awaitElement(By.id("token-value"));

    driver.get(base + "#/audit");
    awaitElement(By.id("a-actor")).sendKeys("admin");
    driver.findElement(By.id("a-action")).sendKeys("POST /api/tokens");
    driver.findElement(By.id("a-apply")).click();
    awaitText(By.id("audit"), "POST /api/tokens");
    String own = driver.findElement(By.id("audit")).getText();
    assertThat(own).contains("admin (session)").contains("201 success").contains("127.0.0.1").doesNotContain("console-auditee");

    WebElement actor = driver.findElement(By.id("a-actor"));
    actor.clear();
    actor.sendKeys("console-auditee");
    driver.findElement(By.id("a-action")).clear();
    new Select(driver.findElement(By.id("a-outcome"))).selectByValue("refused");
    driver.findElement(By.id("a-apply")).click();
    awaitText(By.id("audit"), "POST /api/device-sets");
    assertThat(driver.findElement(By.id("audit")).getText()).contains("console-auditee (bearer)").contains("403 refused")
        .doesNotContain("/api/auth/login");
    browser.screenshot("audit");
  }

  @Test
  void aUserSignsInThroughTheIdentityProviderWithTheButtonOnTheSignInPage() {
    provider.signInNext(Map.of("preferred_username", "pia", "name", "Pia from the provider",
        "roles", List.of("fleet-operators")));
    try {
      driver.get(base);
      awaitElement(By.id("who"));
      driver.findElement(By.id("sign-out")).click();
      awaitElement(By.id("provider-keycloak")).click();
      // the browser goes to the provider and back; the console opens signed in, with the provider's name and role
      awaitText(By.id("who-name"), "Pia from the provider");
      assertThat(driver.findElement(By.id("who-name")).getText()).contains("operator");
      assertThat(driver.findElements(By.linkText("New job"))).isNotEmpty();

      provider.signInNext(Map.of("preferred_username", "quinn", "roles", List.of("nothing-we-know")));
      driver.findElement(By.id("sign-out")).click();
      awaitElement(By.id("provider-keycloak")).click();
      awaitText(By.id("sign-in"), "was refused");
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
    // no value given: the step names the field itself and does not move on
    assertThat(awaitElement(By.id("err-operations[0].value")).getText()).isEqualTo("Give a value.");
    assertThat(driver.findElements(By.id("add-op"))).as("still on the Operations step").isNotEmpty();
    // the input says it is in error and names its message, which screen readers read with it
    WebElement label = driver.findElement(By.id("op-0-value"));
    assertThat(label.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(label.getAttribute("aria-describedby")).isEqualTo("err-operations[0].value");
    assertThat(driver.switchTo().activeElement().getAttribute("id")).as("the focus is on the input in error").isEqualTo("op-0-value");
    driver.executeScript("window.wizardForm = document.getElementById('wizard');");

    new Select(awaitElement(By.id("op-0-type"))).selectByVisibleText("SETTING");
    new Select(awaitElement(By.id("op-0-name"))).selectByVisibleText("fanSpeed");
    awaitElement(By.id("op-0-value")).sendKeys("1.5");
    assertThat(driver.executeScript("return document.getElementById('wizard') === window.wizardForm"))
        .as("changing an operation changes the form, it does not build another").isEqualTo(true);
    assertThat(driver.findElement(By.id("op-0-value")).getAttribute("value")).isEqualTo("1.5");
    next();
    next();
    awaitElement(By.id("save-pending")).click();
    // a value only the service can judge: it refuses with 422 naming operations[0].value, and the wizard goes back to it
    awaitElement(By.id("err-operations[0].value"));
    assertThat(driver.findElement(By.id("err-operations[0].value")).getText()).contains("'fanSpeed' is an integer");
    assertThat(driver.findElement(By.id("op-0-value")).getAttribute("aria-describedby")).isEqualTo("err-operations[0].value");
    assertThat(driver.findElement(By.id("op-0-value")).getAttribute("value")).as("what was typed is kept").isEqualTo("1.5");
  }

  @Test
  void aBrokenSetCannotBeChosenAndSaysWhy() {
    api.post("/api/templates", """
        {"id": "old-kiosk", "name": "Old kiosk", "settings": [{"name": "volume", "type": "INTEGER"}]}""");
    api.post("/api/device-sets", """
        {"id": "old-kiosks", "name": "Old kiosks", "template": "old-kiosk"}""");
    api.delete("/api/templates/old-kiosk?force=true");
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
    click(By.id("stop"));
    click(By.id("confirm-yes"));

    awaitText(By.id("summary"), "STOPPED");
    assertThat(driver.findElements(By.id("run"))).isEmpty();
    assertThat(driver.findElements(By.id("stop"))).isEmpty();
    // the summary re-renders live: read its parts by waiting for them, not from an element that may just be replaced
    awaitText(By.id("run-blocked"), "can never be run again");
    awaitText(By.id("run-blocked"), "copy it");
    awaitText(By.id("count-canceled"), "8");
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
  void theStopButtonKeepsTheFocusWhileLiveUpdatesRedrawTheJob() {
    String id = api.post("/api/jobs", """
        {"name": "Keep the focus", "deviceSetId": "slow-fridges", "run": true,
         "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 3}]}""").body().get("id").asText();
    try {
      driver.get(base + "#/jobs/" + id);
      awaitElement(By.id("stop"));
      driver.executeScript("window.stopButton = document.getElementById('stop'); window.stopButton.focus();");
      // the slow devices answer after 20 to 30 s, each answer a live event that draws the summary and its buttons again
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> Integer.parseInt(driver.findElement(By.id("count-completed")).getText()) >= 1);
      assertThat((Boolean) driver.executeScript(
          "return window.stopButton.isConnected && document.activeElement === window.stopButton"))
          .as("the Stop button is the same element and still has the focus").isTrue();
    } finally {
      api.post("/api/jobs/" + id + "/stop");
    }
  }

  @Test
  void namesThatLookLikeMarkupAreShownAsText() {
    String name = "<img src=x onerror=\"window.injected=1\"><script>window.injected=2</script>";
    String json = name.replace("\"", "\\\"");
    assertThat(api.post("/api/device-sets", """
        {"id": "markup-set", "name": "%s", "template": "vending-fridge"}""".formatted(json)).status()).isEqualTo(201);
    String id = api.post("/api/jobs", """
        {"name": "%s", "deviceSetId": "markup-set", "deviceIds": ["sim-0005"],
         "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 1}]}""".formatted(json)).body().get("id").asText();
    driver.get(base + "#/jobs/" + id);
    awaitText(By.id("job-title"), "<script>");
    assertThat(driver.findElement(By.id("job-title")).getText()).isEqualTo(name);
    assertThat(driver.findElement(By.id("summary")).getText()).contains(name);
    driver.get(base + "#/device-sets");
    awaitText(By.cssSelector("tr[data-set='markup-set']"), "<img src=x");
    driver.get(base + "#/jobs");
    awaitText(By.id("jobs"), "<script>window.injected=2</script>");
    assertThat(driver.findElements(By.cssSelector("#main img, #main script"))).isEmpty();
    assertThat(driver.executeScript("return window.injected === undefined")).isEqualTo(true);
  }

  @Test
  void theDeviceSetsPageShowsHowManyDevicesEachSetHasAndPages() {
    api.post("/api/device-sets", """
        {"id": "nowhere-fridges", "name": "Fridges nowhere", "template": "vending-fridge",
         "conditions": [{"field": "attributes.region", "operator": "EQ", "value": "nowhere"}]}""");
    driver.get(base + "#/device-sets");
    awaitText(By.cssSelector("tr[data-set='north-fridges'] .device-count"), "3 devices");
    awaitText(By.cssSelector("tr[data-set='slow-fridges'] .device-count"), "8 devices");
    awaitText(By.cssSelector("tr[data-set='nowhere-fridges'] .device-count"), "no devices");
    browser.screenshot("device-sets-counts");

    long sets = api.get("/api/device-sets?size=1000").body().get("totalItems").asLong();
    driver.get(base + "#/device-sets?size=2");
    awaitText(By.cssSelector(".pager"), "Page 1 of " + (sets + 1) / 2);
    List<String> first = rowIds();
    assertThat(first).hasSize(2);
    driver.findElement(By.xpath("//nav[@class='pager']/button[text()='Next']")).click();
    awaitText(By.cssSelector(".pager"), "Page 2 of");
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> rowIds().size() == 2 && rowIds().stream().noneMatch(first::contains));
  }

  private List<String> rowIds() {
    return driver.findElements(By.cssSelector("tr[data-set]")).stream().map(row -> row.getAttribute("data-set")).toList();
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
