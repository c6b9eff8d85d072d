/** User metadata of volumes and snapshots: the rows, their reads and writes, and Cinder's body rules. */
package io.basalt.api.metadata;
