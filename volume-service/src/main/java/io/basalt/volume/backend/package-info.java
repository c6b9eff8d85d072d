/** Assembles each configured backend (driver, manager, RPC server, service row, reporter) and runs its lifecycle. */
package io.basalt.volume.backend;
