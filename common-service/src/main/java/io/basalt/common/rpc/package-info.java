/** The RPC names and limits every Basalt service shares ({@code basalt.rpc.*}). */
package io.basalt.common.rpc;
