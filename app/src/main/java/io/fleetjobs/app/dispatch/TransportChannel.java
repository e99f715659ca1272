package io.fleetjobs.app.dispatch;

import io.fleetjobs.app.device.Transport;

/** A {@link DeviceChannel} of one transport; {@link RoutingDeviceChannel} picks one per device. */
public interface TransportChannel extends DeviceChannel {

  Transport transport();
}
