/** The transport SPI: moves encoded message bodies between clients, servers and the process reply queue. */
package io.basalt.rpc.transport;
