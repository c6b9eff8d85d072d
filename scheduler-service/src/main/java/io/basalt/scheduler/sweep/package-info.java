/** The safety net that finds volumes stuck in a transitional status and sends their work again. */
package io.basalt.scheduler.sweep;
