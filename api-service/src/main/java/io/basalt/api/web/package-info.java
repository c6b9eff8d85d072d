/** Cross-cutting web layer: request ids, microversions, authentication, the request context and Cinder faults. */
package io.basalt.api.web;
