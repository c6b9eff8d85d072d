/** Basalt's Cinder-compatible block-storage API v3 (port 8776): application, configuration, registration. */
package io.basalt.api;
