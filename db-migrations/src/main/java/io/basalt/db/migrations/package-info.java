/** Flyway migrations of Basalt's PostgreSQL schema ({@code classpath:db/migration}) and a runner to apply them. */
package io.basalt.db.migrations;
