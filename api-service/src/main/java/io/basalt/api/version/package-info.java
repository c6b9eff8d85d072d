/** The version document at {@code /} and {@code /v3/}. */
package io.basalt.api.version;
