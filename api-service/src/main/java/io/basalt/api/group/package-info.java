/** Generic volume groups: group types and their specs, groups and group snapshots (Cinder 3.11–3.20). */
package io.basalt.api.group;
