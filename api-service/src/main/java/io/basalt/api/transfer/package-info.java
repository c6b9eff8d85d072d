/** Volume transfers: {@code /os-volume-transfer} and {@code /volume-transfers} (3.55+). */
package io.basalt.api.transfer;
