/** User messages (Cinder's {@code cinder.message}): event ids, texts, and the SQL that records one. */
package io.basalt.common.message;
