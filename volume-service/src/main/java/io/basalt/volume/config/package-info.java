/** The volume service's configuration ({@code basalt.volume.*}) and its Spring wiring. */
package io.basalt.volume.config;
