package io.basalt.api.transfer;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.basalt.api.quota.QuotaEngine;
import io.basalt.api.volume.VolumeLookup;
import io.basalt.api.volume.VolumeRecord;
import io.basalt.api.volume.VolumeStore;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.ListParams;
import io.basalt.api.web.Timestamps;

import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.VolumeStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Volume transfers in the API process (Cinder's {@code transfer/api.py}). Create: an {@code available} volume
 * (and, unless {@code no_snapshots}, only {@code available} snapshots) becomes {@code awaiting-transfer} and the
 * transfer row is written, in one transaction. Accept (by another project): the transfer, the volume and its
 * snapshots are locked in that order, the key is checked (400, nothing changed, when wrong), then the volume,
 * its snapshots and their quota usage move to the accepting project, all in one transaction; usage rows are
 * locked project by project in project-id order (and by resource within one, as the quota engine does), so two
 * accepts in opposite directions cannot deadlock. Delete: the transfer is closed and the volume is
 * {@code available} again. No RPC: ownership is the database's alone. Thread-safe.
 */
@Service
class TransferApi {

	/** The auth key a create answers with, once. */
	record Created(TransferRecord transfer, String authKey) {
	}

	private final TransferStore transfers;

	private final VolumeLookup volumes;

	private final VolumeStore volumeStore;

	private final QuotaEngine quotas;

	private final TransactionOperations transactions;

	private final Clock clock;

	TransferApi(TransferStore transfers, VolumeLookup volumes, VolumeStore volumeStore, QuotaEngine quotas,
			TransactionOperations transactions, Clock clock) {
		this.transfers = transfers;
		this.volumes = volumes;
		this.volumeStore = volumeStore;
		this.quotas = quotas;
		this.transactions = transactions;
		this.clock = clock;
	}

	Created create(ApiRequest req, String volumeId, String name, boolean noSnapshots) {
		VolumeRecord volume = this.volumes.get(volumeId, req.isAdmin() ? null : req.projectId());
		if (!VolumeStatus.AVAILABLE.is(volume.status())) {
			throw ApiException.badRequest("Invalid volume: status must be available");
		}
		String salt = AuthKeys.random(AuthKeys.SALT_LENGTH);
		String authKey = AuthKeys.random(AuthKeys.KEY_LENGTH);
		TransferRecord transfer = new TransferRecord(UUID.randomUUID().toString(), volume.id(), name, salt,
				AuthKeys.hash(salt, authKey), noSnapshots, volume.projectId(), null, false,
				Timestamps.dbNow(this.clock));
		try {
			this.transactions.executeWithoutResult(t -> {
				if (!noSnapshots && this.transfers.lockSnapshots(volume.id())
					.stream()
					.anyMatch(s -> !SnapshotStatus.AVAILABLE.is(s.status()))) {
					throw ApiException.badRequest("Invalid snapshot: Snapshot status must be available");
				}
				if (!this.volumeStore.transition(volume.id(), VolumeStatus.OFFER_TRANSFER, now())) {
					throw ApiException.badRequest("Invalid volume: status must be available");
				}
				this.transfers.insert(transfer);
			});
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.badRequest("Invalid volume: status must be available");
		}
		return new Created(transfer, authKey);
	}

	TransferRecord get(ApiRequest req, String id) {
		return this.transfers.find(id, req.isAdmin() ? null : req.projectId()).orElseThrow(() -> notFound(id));
	}

	/** A page of open transfers of {@code scope} (any project when null). */
	List<TransferRecord> list(String scope, ListParams params) {
		return this.transfers.list(scope, params.filters(), params.marker(), params.limit(), params.offset());
	}

	void delete(ApiRequest req, String id) {
		TransferRecord transfer = get(req, id);
		this.transactions.executeWithoutResult(t -> {
			String volumeId = this.transfers.delete(transfer.id(), now());
			if (volumeId == null) {
				throw notFound(id);
			}
			this.volumeStore.transition(volumeId, VolumeStatus.WITHDRAW_TRANSFER, now());
		});
	}

	/** Accepts a transfer for the caller's project; returns it as it was. */
	TransferRecord accept(ApiRequest req, String id, String authKey) {
		String recipient = req.context().projectId();
		String user = req.context().userId();
		return this.transactions.execute(t -> {
			TransferRecord transfer = this.transfers.lock(id).orElseThrow(() -> notFound(id));
			if (!AuthKeys.matches(transfer.salt(), transfer.cryptHash(), authKey)) {
				throw ApiException.badRequest("Invalid auth key: Attempt to transfer " + id + " with invalid auth "
						+ "key.");
			}
			TransferStore.Owned volume = this.transfers.lockVolume(transfer.volumeId())
				.orElseThrow(() -> VolumeLookup.notFound(transfer.volumeId()));
			if (!VolumeStatus.AWAITING_TRANSFER.is(volume.status())) {
				throw ApiException.badRequest("Invalid volume: Volume " + volume.id() + " status must be "
						+ "awaiting-transfer, but current status is: " + volume.status() + ".");
			}
			List<TransferStore.Owned> snapshots = transfer.noSnapshots() ? List.of()
					: this.transfers.lockSnapshots(volume.id());
			moveQuota(volume, snapshots, volume.projectId(), recipient);
			this.transfers.moveVolume(volume.id(), recipient, user, transfer.noSnapshots(), now());
			this.transfers.markAccepted(transfer.id(), recipient, now());
			return transfer;
		});
	}

	/**
	 * Takes the volume's and snapshots' usage from the donor and gives it to the recipient (413 when over its
	 * limits), locking the two projects' usage rows in project-id order.
	 */
	private void moveQuota(TransferStore.Owned volume, List<TransferStore.Owned> snapshots, String donor,
			String recipient) {
		Map<String, Integer> deltas = new LinkedHashMap<>();
		if (volume.useQuota()) {
			add(deltas, "volumes", volume.typeName(), 1, volume.size());
		}
		for (TransferStore.Owned s : snapshots) {
			if (s.useQuota()) {
				add(deltas, "snapshots", s.typeName(), 1, s.size());
			}
		}
		if (deltas.isEmpty()) {
			return;
		}
		Map<String, Integer> giveBack = new LinkedHashMap<>();
		deltas.forEach((k, v) -> giveBack.put(k, -v));
		Runnable take = () -> this.quotas.consumeVolume(recipient, deltas, volume.size());
		Runnable release = () -> this.quotas.apply(donor, giveBack);
		if (recipient.compareTo(donor) <= 0) {
			take.run();
			release.run();
		}
		else {
			release.run();
			take.run();
		}
	}

	private static void add(Map<String, Integer> deltas, String count, String type, int n, int gigabytes) {
		deltas.merge(count, n, Integer::sum);
		deltas.merge("gigabytes", gigabytes, Integer::sum);
		if (type != null) {
			deltas.merge(count + "_" + type, n, Integer::sum);
			deltas.merge("gigabytes_" + type, gigabytes, Integer::sum);
		}
	}

	static ApiException notFound(String id) {
		return ApiException.notFound("Transfer " + id + " could not be found.");
	}

	private Instant now() {
		return this.clock.instant();
	}

}
