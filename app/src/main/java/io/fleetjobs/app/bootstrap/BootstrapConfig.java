package io.fleetjobs.app.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Definitions loaded at start-up ({@code fleet.bootstrap.*}).
 *
 * @param dir a folder with {@code templates/*.json} and {@code device-sets/*.json}, each the body of the matching
 *     {@code POST} request; those whose id does not exist yet are created at start-up (default: none)
 */
@ConfigurationProperties("fleet.bootstrap")
public record BootstrapConfig(@Nullable String dir) {}
