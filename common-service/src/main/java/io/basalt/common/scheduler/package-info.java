/** The scheduler service's RPC contract: its client stub and the records it carries. */
package io.basalt.common.scheduler;
