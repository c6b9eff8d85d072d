/** The create-volume flow of seed 003: five tasks with reverts, the transactional outbox and its relay. */
package io.basalt.api.flow;
