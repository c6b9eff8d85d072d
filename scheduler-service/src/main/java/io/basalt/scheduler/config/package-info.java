/** Spring wiring and the typed basalt.scheduler.* properties of the scheduler service. */
package io.basalt.scheduler.config;
