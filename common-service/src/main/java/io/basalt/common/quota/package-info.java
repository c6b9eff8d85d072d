/**
 * The one owner of quota arithmetic: {@link io.basalt.common.quota.QuotaLedger} (reserve with limits, commit,
 * roll back, apply, and the in-statement give-backs of the stores), with the row-lock order written once.
 */
package io.basalt.common.quota;
