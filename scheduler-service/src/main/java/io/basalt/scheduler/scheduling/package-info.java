/** The filter scheduler: candidates, filters, weighers, choice and in-memory consumption. */
package io.basalt.scheduler.scheduling;
