/** JPA entities and Spring Data repositories mapping the schema of db-migrations (one repository per aggregate). */
package io.basalt.common.db;
