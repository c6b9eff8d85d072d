/** {@code basalt-manage}: operator commands on the database (after {@code cinder-manage}), plain JDBC. */
package io.basalt.db.manage;
