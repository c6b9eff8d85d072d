-- Basalt schema, part 7: status changes as HOT updates, and no version trigger now that nothing uses JPA.

-- A volume's row is updated three or four times in its life (placed, available, deleting, deleted). With `status`
-- indexed, every status change was a non-HOT update: a new entry in each of the table's ten indexes, and their
-- WAL. Without it, the changes that touch only unindexed columns (available, deleting, error, ...) are HOT
-- updates that touch no index. Measured with bin/bench (docs/benchmarks.md): 285 -> 317-342 creates/s, p99 76 ->
-- 57 ms. The readers that filter on status scan the live rows instead: the stuck-volume sweeper (once per sweep
-- interval) and the volumes-by-status gauge; list filters on status were already served by the project index.
-- `host` stays indexed: the volume service sums the allocated size per backend after every capacity change.
DROP INDEX volumes_status_idx;

-- Room on each page for the new row versions of HOT updates.
ALTER TABLE volumes SET (fillfactor = 85);

-- V6's trigger kept JPA's @Version honest against JDBC writers. The JPA layer is gone (every service writes with
-- guarded JDBC statements, which bump `version` themselves), so the trigger only cost a PL/pgSQL call per UPDATE.
DROP TRIGGER volumes_bump_version ON volumes;
DROP TRIGGER snapshots_bump_version ON snapshots;
DROP FUNCTION basalt_bump_version();
