/**
 * Gauges the api-service exports from the database: volumes by status, and each registered service's heartbeat
 * age and up/down state. Refreshed off the request path on Spring's scheduler.
 */
package io.basalt.api.metrics;
