/** The create-volume flow of seed 003: five tasks, the transactional ones in one transaction with their cast. */
package io.basalt.api.flow;
