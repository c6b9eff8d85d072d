-- Basalt schema, part 15: the periodic readers of volumes.status stop scanning the table.
-- The stuck-volume sweeper (scheduler, every 30 s: creating / deleting / extending rows unchanged for 120 s) and
-- the volumes-by-status gauge (api, every 10 s) read every live row since V7 dropped the status index: with
-- bin/bench scale at 100,000 rows, 14-29 ms and 2,800-3,100 pages per sweep, 31-38 ms per gauge refresh, growing
-- with the table. This index holds only the rows that are not settled (not available or in-use: the transitional
-- and error statuses, a small fraction of a healthy cloud), ordered by created_at as the sweeper claims them;
-- the sweep becomes an index scan of the volumes in that status (1.4 ms and 189 pages at 100,000 rows of which
-- 100 are creating; 0.08 ms when none is) and the gauge counts
-- the unsettled statuses from it (index only), counting the settled ones with a full scan only every
-- basalt.api.metrics.settled-refresh-interval (see api-service OperationalGauges).
-- The price, measured (docs/benchmarks.md, "Scale (issue 12)"): a partial index whose predicate names `status`
-- makes every status change a non-HOT update again (V7), about half the volume updates of a create + delete.
CREATE INDEX volumes_unsettled_idx ON volumes (status, created_at)
	WHERE NOT deleted AND status NOT IN ('available', 'in-use');
