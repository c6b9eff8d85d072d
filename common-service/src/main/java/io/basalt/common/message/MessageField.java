package io.basalt.common.message;

/**
 * Cinder's {@code cinder/message/message_field.py}: the resource, action and detail of a user message. The event
 * id is {@code VOLUME_<resource>_<action>_<detail>} and the text shown is {@code "<action>: <detail>"}, both
 * derived from the stored action and detail ids (unknown ids read as Cinder's fallbacks).
 */
public final class MessageField {

	/** The only resource type Cinder records messages for. */
	public static final String RESOURCE_VOLUME = "VOLUME";

	/** The only level Cinder records. */
	public static final String LEVEL_ERROR = "ERROR";

	private MessageField() {
	}

	/** What was being done. */
	public enum Action {

		SCHEDULE_ALLOCATE_VOLUME("001", "schedule allocate volume"), ATTACH_VOLUME("002", "attach volume"),
		COPY_VOLUME_TO_IMAGE("003", "copy volume to image"), UPDATE_ATTACHMENT("004", "update attachment"),
		COPY_IMAGE_TO_VOLUME("005", "copy image to volume"), UNMANAGE_VOLUME("006", "unmanage volume"),
		EXTEND_VOLUME("007", "extend volume");

		private final String id;

		private final String text;

		Action(String id, String text) {
			this.id = id;
			this.text = text;
		}

		public String id() {
			return this.id;
		}

		/** The text of an action id; Cinder's {@code unknown action} for others. */
		public static String text(String id) {
			for (Action a : values()) {
				if (a.id.equals(id)) {
					return a.text;
				}
			}
			return "unknown action";
		}

	}

	/** Why it failed. */
	public enum Detail {

		UNKNOWN_ERROR("001", "An unknown error occurred."),
		DRIVER_NOT_INITIALIZED("002", "Driver is not initialized at present."),
		NO_BACKEND_AVAILABLE("003", "Could not find any available weighted backend."),
		FAILED_TO_UPLOAD_VOLUME("004", "Failed to upload volume to image at backend."),
		VOLUME_ATTACH_MODE_INVALID("005", "Volume's attach mode is invalid."),
		QUOTA_EXCEED("006", "Not enough quota resource for operation."),
		NOT_ENOUGH_SPACE_FOR_IMAGE("007", "Image used for creating volume exceeds available space."),
		UNMANAGE_ENC_NOT_SUPPORTED("008", "Unmanaging encrypted volumes is not supported."),
		NOTIFY_COMPUTE_SERVICE_FAILED("009", "Compute service failed to extend volume."),
		DRIVER_FAILED_EXTEND("010", "Volume Driver failed to extend volume."),
		SIGNATURE_VERIFICATION_FAILED("011", "Image signature verification failed.");

		private final String id;

		private final String text;

		Detail(String id, String text) {
			this.id = id;
			this.text = text;
		}

		public String id() {
			return this.id;
		}

		/** The text of a detail id; Cinder's unknown-error text for others. */
		public static String text(String id) {
			for (Detail d : values()) {
				if (d.id.equals(id)) {
					return d.text;
				}
			}
			return UNKNOWN_ERROR.text;
		}

	}

	/** {@code VOLUME_<resource>_<action>_<detail>}, e.g. {@code VOLUME_VOLUME_001_003}. */
	public static String eventId(String resourceType, Action action, Detail detail) {
		return "VOLUME_" + resourceType + "_" + action.id() + "_" + detail.id();
	}

	/** The text a user reads: {@code "<action>: <detail>"}. */
	public static String userMessage(String actionId, String detailId) {
		return Action.text(actionId) + ": " + Detail.text(detailId);
	}

}
