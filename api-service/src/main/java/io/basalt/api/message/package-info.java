/** User messages (3.3): {@code /v3/{project_id}/messages} list, show and delete, and their expiry. */
package io.basalt.api.message;
