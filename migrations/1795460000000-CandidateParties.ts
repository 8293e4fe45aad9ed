import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A kept pair carries its two organisations, which the worker already knows, so turning pairs
 * into proposals needs no join with the (large) products and channels tables.
 */
export class CandidateParties1795460000000 implements MigrationInterface {
    name = 'CandidateParties1795460000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "match_candidates" ADD "host_organisation_id" uuid`);
        await queryRunner.query(`ALTER TABLE "match_candidates" ADD "guest_organisation_id" uuid`);
        await queryRunner.query(`UPDATE "match_candidates" m SET "host_organisation_id" = c."organisation_id", "guest_organisation_id" = p."organisation_id"
                                 FROM "channels" c, "products" p WHERE c."id" = m."channel_id" AND p."id" = m."product_id"`);
        // Pairs whose channel or product is gone cannot become proposals any more.
        await queryRunner.query(`DELETE FROM "match_candidates" WHERE "host_organisation_id" IS NULL OR "guest_organisation_id" IS NULL`);
        await queryRunner.query(`ALTER TABLE "match_candidates" ALTER COLUMN "host_organisation_id" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "match_candidates" ALTER COLUMN "guest_organisation_id" SET NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "match_candidates" DROP COLUMN "guest_organisation_id"`);
        await queryRunner.query(`ALTER TABLE "match_candidates" DROP COLUMN "host_organisation_id"`);
    }
}
