/**
 * Authorization with Cinder's policy rules: oslo.policy check strings parsed once into immutable trees, Cinder
 * Zed's defaults, an operator's override file reloaded when it changes, and the {@code PolicyEnforcer} that
 * handlers ask.
 */
package io.basalt.api.policy;
