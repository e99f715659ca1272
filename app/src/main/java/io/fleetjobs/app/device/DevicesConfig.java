package io.fleetjobs.app.device;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How devices join the fleet ({@code fleet.devices.*}).
 *
 * @param autoRegister register an unknown device whose ONLINE presence names an existing template (default {@code
 *     true}); when false, only devices registered through the REST API are served
 */
@ConfigurationProperties("fleet.devices")
public record DevicesConfig(@Bindable(defaultValue = "true") boolean autoRegister) {}
