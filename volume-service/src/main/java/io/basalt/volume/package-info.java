/** The volume service application: drivers, per-backend managers and capability reports. */
package io.basalt.volume;
