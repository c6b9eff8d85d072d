/** The per-backend RPC endpoint that carries out volume and snapshot operations and records them in the database. */
package io.basalt.volume.manager;
