/** Periodic and on-change capability reports from each backend to the schedulers, and capacity gauges. */
package io.basalt.volume.report;
