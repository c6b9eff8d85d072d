/** Spring wiring shared by the services: the {@code Rpc} bean and the RPC API stubs. */
package io.basalt.common.config;
