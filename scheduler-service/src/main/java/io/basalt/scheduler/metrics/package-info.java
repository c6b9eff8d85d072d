/** Micrometer meters of scheduling decisions, filter rejections, known backends and pool capacity. */
package io.basalt.scheduler.metrics;
