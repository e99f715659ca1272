package io.fleetjobs.app.mqtt;

/**
 * Something that must be in place on an external broker before the service's own client connects to it, such as the
 * service's account in mosquitto's password file. Every such bean runs once, in the order Micronaut gives them.
 */
public interface BrokerPreparation {

  /** Blocking; throws if the broker cannot be prepared, which stops the start. */
  void prepareBroker();
}
