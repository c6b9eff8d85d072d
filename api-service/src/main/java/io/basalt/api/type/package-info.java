/** Volume types, their extra specs and encryption ({@code /types}, {@code /types/{id}/extra_specs}, {@code /types/{id}/encryption}). */
package io.basalt.api.type;
