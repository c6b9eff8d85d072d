/**
 * The built-in operator status page at {@code /dashboard} (static HTML and JS in {@code static/dashboard/}) and
 * the JSON it polls, {@code GET /dashboard/api/summary}. Not authenticated: see docs/operations.md.
 */
package io.basalt.api.dashboard;
