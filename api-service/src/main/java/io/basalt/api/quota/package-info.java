/** Quotas: limits (project → quota class {@code default} → configuration), usages, reservations, os-quota-sets, os-quota-class-sets, limits. */
package io.basalt.api.quota;
