/**
 * Keystone token validation, as keystonemiddleware's {@code auth_token} does it for Cinder: Basalt's own service
 * token, {@code GET /v3/auth/tokens} per caller token, a bounded cache of the answers
 * ({@code basalt.api.auth.strategy=keystone}).
 */
package io.basalt.api.auth.keystone;
