/** The host manager: the in-memory table of backends and pools built from capability reports and service status. */
package io.basalt.scheduler.host;
