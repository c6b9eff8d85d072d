/** The volume driver SPI: what a storage backend must do for the volume manager, and the records it exchanges. */
package io.basalt.volume.driver;
