/** Snapshots ({@code /snapshots}): create (quota, cast to the volume's backend), list, show, update, delete. */
package io.basalt.api.snapshot;
