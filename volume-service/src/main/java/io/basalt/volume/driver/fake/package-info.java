/** An in-memory driver with configurable capacity, latency and failure injection, for tests and benchmarks. */
package io.basalt.volume.driver.fake;
