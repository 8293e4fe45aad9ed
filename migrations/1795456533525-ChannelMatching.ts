import { MigrationInterface, QueryRunner } from "typeorm";

export class ChannelMatching1795456533525 implements MigrationInterface {
    name = 'ChannelMatching1795456533525'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "channel_matches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cluster_id" uuid NOT NULL, "channel_id" uuid NOT NULL, "product_id" uuid NOT NULL, "host_organisation_id" uuid NOT NULL, "guest_organisation_id" uuid NOT NULL, "score" real NOT NULL, "factors" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'proposed', "approval_id" uuid, "run_id" uuid, "host_accepted_at" TIMESTAMP(3) WITH TIME ZONE, "guest_accepted_at" TIMESTAMP(3) WITH TIME ZONE, "declined_by_organisation_id" uuid, "decline_reason" text, "respond_by" TIMESTAMP(3) WITH TIME ZONE, "reminder_sent_at" TIMESTAMP(3) WITH TIME ZONE, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "agreement_commission_pct" numeric(5,2), "agreement_capacity" integer, "agreement_term_months" integer, "agreement_starts_on" date, "agreed_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_644cc5e60553c796cc96b2ac991" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_channel_matches_guest" ON "channel_matches"  ("guest_organisation_id") `);
        await queryRunner.query(`CREATE INDEX "ix_channel_matches_host" ON "channel_matches"  ("host_organisation_id") `);
        await queryRunner.query(`CREATE INDEX "ix_channel_matches_cluster_page" ON "channel_matches"  ("cluster_id", "created_at", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_channel_matches_open_pair" ON "channel_matches"  ("channel_id", "product_id") WHERE status IN ('proposed', 'approved', 'accepted', 'agreed')`);
        await queryRunner.query(`CREATE TABLE "matching_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cluster_id" uuid NOT NULL, "organisation_id" uuid, "status" text NOT NULL DEFAULT 'running', "k" integer NOT NULL, "shards_total" integer NOT NULL, "channels" integer NOT NULL DEFAULT '0', "products" integer NOT NULL DEFAULT '0', "pairs_kept" integer, "proposals_created" integer, "proposals_updated" integer, "proposals_expired" integer, "requested_by" uuid, "error" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_c0bebed77bb3aa81e48b4654d40" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_matching_runs_cluster_page" ON "matching_runs"  ("cluster_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "matching_run_shards" ("run_id" uuid NOT NULL, "shard" integer NOT NULL, "side" text NOT NULL, "ids" uuid array NOT NULL, "status" text NOT NULL DEFAULT 'pending', "pairs_scored" bigint NOT NULL DEFAULT '0', "pairs_kept" integer NOT NULL DEFAULT '0', "millis" integer, "finished_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_f044ad0700af84cfee71eca27d8" PRIMARY KEY ("run_id", "shard"))`);
        await queryRunner.query(`CREATE TABLE "match_candidates" ("run_id" uuid NOT NULL, "shard" integer NOT NULL, "channel_id" uuid NOT NULL, "product_id" uuid NOT NULL, "score" real NOT NULL, "factors" jsonb NOT NULL, CONSTRAINT "PK_5655a595654f2c8bc3f000ce4b3" PRIMARY KEY ("run_id", "shard", "channel_id", "product_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_match_candidates_pair" ON "match_candidates"  ("run_id", "channel_id", "product_id") `);
        await queryRunner.query(`CREATE INDEX "ix_domain_events_type_created" ON "domain_events"  ("type", "created_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_domain_events_type_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_match_candidates_pair"`);
        await queryRunner.query(`DROP TABLE "match_candidates"`);
        await queryRunner.query(`DROP TABLE "matching_run_shards"`);
        await queryRunner.query(`DROP INDEX "public"."ix_matching_runs_cluster_page"`);
        await queryRunner.query(`DROP TABLE "matching_runs"`);
        await queryRunner.query(`DROP INDEX "public"."uq_channel_matches_open_pair"`);
        await queryRunner.query(`DROP INDEX "public"."ix_channel_matches_cluster_page"`);
        await queryRunner.query(`DROP INDEX "public"."ix_channel_matches_host"`);
        await queryRunner.query(`DROP INDEX "public"."ix_channel_matches_guest"`);
        await queryRunner.query(`DROP TABLE "channel_matches"`);
    }

}
