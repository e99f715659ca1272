package io.fleetjobs.app.support;

/** Request bodies shared by tests. */
public final class Fixtures {

  private Fixtures() {}

  public static String fridgeTemplate(String id) {
    return """
        {"id": "%s", "name": "Refrigerated vending machine",
         "properties": [{"name": "temperature", "type": "NUMBER", "writable": false},
                        {"name": "label", "type": "STRING", "writable": true}],
         "settings": [{"name": "fanSpeed", "type": "INTEGER"}],
         "commands": [{"name": "defrost", "parameters": [{"name": "minutes", "type": "INTEGER"}]},
                      {"name": "reboot", "parameters": []}]}
        """.formatted(id);
  }

  public static String device(String id, String template, String region) {
    return """
        {"id": "%s", "template": "%s", "attributes": {"region": "%s"}}
        """.formatted(id, template, region);
  }

  public static String filterSet(String id, String template, String region) {
    return """
        {"id": "%s", "name": "%s fridges", "template": "%s",
         "conditions": [{"field": "attributes.region", "operator": "EQ", "value": "%s"}]}
        """.formatted(id, region, template, region);
  }

  public static String allOfTemplateSet(String id, String template) {
    return """
        {"id": "%s", "name": "all %s", "template": "%s"}
        """.formatted(id, template, template);
  }

  public static String fanSpeedJob(String setId, int speed, boolean run) {
    return """
        {"name": "Fan speed %d", "deviceSetId": "%s",
         "operations": [{"type": "SETTING", "name": "fanSpeed", "value": %d}], "run": %s}
        """.formatted(speed, setId, speed, run);
  }
}
