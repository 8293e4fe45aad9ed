import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One full matching run per cluster at a time: a partial unique index lets PostgreSQL settle
 * concurrent requests (one insert wins, the other gets a unique violation). Runs that already
 * overlap are resolved first: in each cluster the newest running full run stays, older ones fail.
 * `requeues` counts how often the reconciler queued a run's lost jobs again.
 */
export class OneFullRunPerCluster1795520000000 implements MigrationInterface {
    name = 'OneFullRunPerCluster1795520000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`UPDATE "matching_runs" r SET "status" = 'failed', "finished_at" = now(),
            "error" = 'A newer run of this cluster replaced this one; nothing it had not finished was changed.'
            WHERE r."status" = 'running' AND r."organisation_id" IS NULL AND EXISTS (
              SELECT 1 FROM "matching_runs" n WHERE n."cluster_id" = r."cluster_id" AND n."status" = 'running'
                AND n."organisation_id" IS NULL AND (n."created_at", n."id") > (r."created_at", r."id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_matching_runs_full_in_flight" ON "matching_runs" ("cluster_id") WHERE status = 'running' AND organisation_id IS NULL`);
        await queryRunner.query(`ALTER TABLE "matching_runs" ADD "requeues" integer NOT NULL DEFAULT 0`);
        await queryRunner.query(`CREATE INDEX "ix_matching_runs_staff_recent" ON "matching_runs" ("cluster_id", "created_at") WHERE "trigger" = 'staff'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "ix_matching_runs_staff_recent"`);
        await queryRunner.query(`DROP INDEX "uq_matching_runs_full_in_flight"`);
        await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "requeues"`);
    }
}
