package io.basalt.api.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The policy rule (Cinder's name, e.g. {@code volume:get}) a v3 handler method is authorized by before it runs,
 * with the URL's project as the target. A handler whose rule depends on its input (the {@code action} routes)
 * names {@link #PER_ACTION} and its dispatcher asks the policy for the action's rule. Every v3 handler carries
 * this annotation; a test fails the build for one that does not.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PolicyRule {

	/** The marker of a handler that authorizes per action, inside its dispatcher. */
	String PER_ACTION = "<per-action>";

	/** The rule name. */
	String value();

	/**
	 * The path variable naming the target project (e.g. {@code target} of {@code os-quota-sets/{target}});
	 * empty: the URL's project.
	 */
	String targetProject() default "";

}
