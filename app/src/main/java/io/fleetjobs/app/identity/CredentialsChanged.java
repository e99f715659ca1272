package io.fleetjobs.app.identity;

import java.util.List;

/**
 * Published after device credentials were issued, rotated, revoked or removed, once the change is committed: whatever
 * keeps a copy of the usable credentials outside the database (an external broker's password file) refreshes it.
 */
public record CredentialsChanged(List<String> deviceIds) {

  public CredentialsChanged {
    deviceIds = List.copyOf(deviceIds);
  }
}
