/** {@code GET /limits}: the absolute limits and usage of the caller's project. */
package io.basalt.api.limits;
