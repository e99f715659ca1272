package io.fleetjobs.app.device;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How devices join the fleet ({@code fleet.security.devices.*}).
 *
 * @param openRegistration register an unknown device from its ONLINE presence naming an existing template, and let
 *     the embedded broker accept devices that give no credential (default {@code false}: devices are registered by an
 *     admin, in bulk, or by enrolment, and each connects with its own credential). For a lab only: any client can then
 *     join the fleet under any unregistered id
 */
@ConfigurationProperties("fleet.security.devices")
public record DevicesConfig(@Bindable(defaultValue = "false") boolean openRegistration) {}
