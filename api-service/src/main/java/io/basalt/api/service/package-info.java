/** {@code os-services}: the service registry with up/down state, enable/disable; the known availability zones. */
package io.basalt.api.service;
