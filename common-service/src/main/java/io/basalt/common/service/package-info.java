/** Service identity, registration in {@code services} and the heartbeat that keeps it up. */
package io.basalt.common.service;
