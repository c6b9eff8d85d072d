/** Basalt's scheduler service: places volumes on backend pools (Cinder's filter scheduler). */
package io.basalt.scheduler;
