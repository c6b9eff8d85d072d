/** Volume attachments: the v3 {@code /attachments} API (3.27+) and the legacy attach/detach actions on its records. */
package io.basalt.api.attachment;
