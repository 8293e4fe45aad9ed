import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A refresh-token family ends a fixed time after sign-in, however often it rotates: each token
 * carries when its family started. Existing tokens count their family from the earliest token of
 * the family still stored.
 */
export class RefreshFamilyStart1795490000000 implements MigrationInterface {
    name = 'RefreshFamilyStart1795490000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "family_started_at" TIMESTAMP(3) WITH TIME ZONE`);
        await queryRunner.query(`UPDATE "refresh_tokens" t SET "family_started_at" = f."started" FROM (SELECT "family_id", min("created_at") AS "started" FROM "refresh_tokens" GROUP BY "family_id") f WHERE f."family_id" = t."family_id"`);
        await queryRunner.query(`ALTER TABLE "refresh_tokens" ALTER COLUMN "family_started_at" SET NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "family_started_at"`);
    }
}
