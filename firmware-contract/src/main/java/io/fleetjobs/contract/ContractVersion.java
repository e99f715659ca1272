package io.fleetjobs.contract;

/** The version of the firmware contract this library speaks. Every message carries it as {@code contractVersion}. */
public final class ContractVersion {

  /** Contract version 1, the only one so far. Its topics live under {@code fleet/v1}. */
  public static final int CURRENT = 1;

  private ContractVersion() {}
}
