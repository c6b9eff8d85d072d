/** QoS specs ({@code /qos-specs}): named QoS keys and their association with volume types. */
package io.basalt.api.qos;
