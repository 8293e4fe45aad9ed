import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A full run's shards write their own proposals (see ADR 5, "Writing proposals"): each shard
 * records how many it created and updated, and the finaliser sums them.
 */
export class ShardProposals1795470000000 implements MigrationInterface {
    name = 'ShardProposals1795470000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "matching_run_shards" ADD "proposals_created" integer NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE "matching_run_shards" ADD "proposals_updated" integer NOT NULL DEFAULT 0`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "matching_run_shards" DROP COLUMN "proposals_updated"`);
        await queryRunner.query(`ALTER TABLE "matching_run_shards" DROP COLUMN "proposals_created"`);
    }
}
