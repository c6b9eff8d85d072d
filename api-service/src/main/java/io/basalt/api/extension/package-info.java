/** {@code /extensions}: the Cinder API extensions Basalt implements. */
package io.basalt.api.extension;
