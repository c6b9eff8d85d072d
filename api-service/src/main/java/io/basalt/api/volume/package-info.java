/** Volumes: the REST controller, the volume "api" (validation, quota, database, casts), storage and views. */
package io.basalt.api.volume;
