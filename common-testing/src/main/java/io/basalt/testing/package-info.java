/** Integration-test harness: fresh PostgreSQL databases and RabbitMQ vhosts found by {@link io.basalt.testing.TestServices}. */
package io.basalt.testing;
