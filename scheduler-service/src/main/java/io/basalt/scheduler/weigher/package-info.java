/** Host weighers: rank the pools that passed the filters and choose one (ordered or stochastic). */
package io.basalt.scheduler.weigher;
