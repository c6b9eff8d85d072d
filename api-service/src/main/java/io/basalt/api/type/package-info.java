/** Volume types and their extra specs ({@code /types}, {@code /types/{id}/extra_specs}). */
package io.basalt.api.type;
