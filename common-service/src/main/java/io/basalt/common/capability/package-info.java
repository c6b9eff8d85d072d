/** What volume backends report about their capacity and features, shared by the scheduler and volume services. */
package io.basalt.common.capability;
