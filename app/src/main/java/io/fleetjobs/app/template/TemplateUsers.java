package io.fleetjobs.app.template;

import java.util.List;

/**
 * What else is built on a template and breaks when it goes: device sets, which select devices of one template. The
 * feature that owns them answers, so that templates need not read their tables.
 */
public interface TemplateUsers {

  /** The device sets over {@code templateId}, each as {@code 'name' (id)}, in name order. */
  List<String> setsOver(String templateId);
}
