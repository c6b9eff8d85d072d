package io.basalt.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint method as callable over RPC. Nothing else is: dispatch is explicit. The wire name is
 * {@link #value()}, or the Java name in snake_case ({@code createVolume} → {@code create_volume}).
 * Parameters are bound by name from the message's {@code args} (Java names in snake_case, so compile with
 * {@code -parameters}) and converted to their declared types; a {@link RequestContext} parameter receives the
 * caller's context. The return value is the call's result.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RpcMethod {

	/** The method name on the wire; empty means the Java name in snake_case. */
	String value() default "";

}
