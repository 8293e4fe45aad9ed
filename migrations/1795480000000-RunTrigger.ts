import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What started a matching run, so staff can tell a run they asked for from the nightly one, the
 * rebuild after a rule change and an organisation's refresh. Existing rows are classified from
 * what they recorded: a refresh has an organisation, a staff run a requester, the rest were
 * scheduled (rule-change rebuilds did not exist before this migration).
 */
export class RunTrigger1795480000000 implements MigrationInterface {
    name = 'RunTrigger1795480000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "matching_runs" ADD "trigger" text`);
        await queryRunner.query(`UPDATE "matching_runs" SET "trigger" = CASE WHEN "organisation_id" IS NOT NULL THEN 'refresh' WHEN "requested_by" IS NOT NULL THEN 'staff' ELSE 'schedule' END`);
        await queryRunner.query(`ALTER TABLE "matching_runs" ALTER COLUMN "trigger" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "matching_runs" ADD CONSTRAINT "ck_matching_runs_trigger" CHECK ("trigger" IN ('staff', 'schedule', 'rules_changed', 'refresh'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "matching_runs" DROP CONSTRAINT "ck_matching_runs_trigger"`);
        await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "trigger"`);
    }
}
