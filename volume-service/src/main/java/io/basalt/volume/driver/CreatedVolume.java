package io.basalt.volume.driver;

/**
 * What a driver returns for a created volume.
 *
 * @param providerLocation where the backend keeps the volume (stored in {@code volumes.provider_location})
 */
public record CreatedVolume(String providerLocation) {
}
