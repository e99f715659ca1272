package io.fleetjobs.app.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetjobs.app.deviceset.DeviceSetRequest;
import io.fleetjobs.app.deviceset.DeviceSetService;
import io.fleetjobs.app.template.TemplateRequest;
import io.fleetjobs.app.template.TemplateService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the templates and device sets found under {@code fleet.bootstrap.dir} that do not exist yet, so a fresh
 * installation (the demo, say) starts with them. Files go through the same services, and checks, as the REST API.
 */
@Singleton
@Requires(property = "fleet.bootstrap.dir")
class DefinitionImporter {

  private static final Logger LOG = LoggerFactory.getLogger(DefinitionImporter.class);

  private final BootstrapConfig config;
  private final TemplateService templates;
  private final DeviceSetService sets;
  private final ObjectMapper json;

  DefinitionImporter(BootstrapConfig config, TemplateService templates, DeviceSetService sets, ObjectMapper json) {
    this.config = config;
    this.templates = templates;
    this.sets = sets;
    this.json = json;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    Path root = Path.of(config.dir());
    for (Path file : jsonFiles(root.resolve("templates"))) {
      TemplateRequest request = read(file, TemplateRequest.class);
      if (templates.find(request.id()).isEmpty()) {
        templates.create(request);
        LOG.info("Created template {} from {}", request.id(), file);
      }
    }
    for (Path file : jsonFiles(root.resolve("device-sets"))) {
      DeviceSetRequest request = read(file, DeviceSetRequest.class);
      if (request.id() == null || sets.find(request.id()).isEmpty()) {
        sets.create(request);
        LOG.info("Created device set {} from {}", request.id(), file);
      }
    }
  }

  private <T> T read(Path file, Class<T> type) {
    try {
      return json.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> jsonFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + dir, e);
    }
  }
}
