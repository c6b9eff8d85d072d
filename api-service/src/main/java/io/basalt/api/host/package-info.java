/** {@code /os-hosts}: the hosts of the registered services, and the volume usage per project on one of them. */
package io.basalt.api.host;
