package io.fleetjobs.app.device;

/** How the service reaches a device. Set when the device registers, or by the protocol it comes online with. */
public enum Transport {
  MQTT,
  COAP
}
