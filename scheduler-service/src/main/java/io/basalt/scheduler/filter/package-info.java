/** Host filters: pure predicates that remove pools unable to take a request, with per-filter rejection counts. */
package io.basalt.scheduler.filter;
