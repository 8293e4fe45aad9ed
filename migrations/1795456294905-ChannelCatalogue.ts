import { MigrationInterface, QueryRunner } from "typeorm";

export class ChannelCatalogue1795456294905 implements MigrationInterface {
    name = 'ChannelCatalogue1795456294905'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "channels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "cluster_id" uuid NOT NULL, "name" text NOT NULL, "type" text NOT NULL, "markets" text array NOT NULL DEFAULT '{}', "segments" text array NOT NULL DEFAULT '{}', "capacity" integer NOT NULL, "used_capacity" integer NOT NULL DEFAULT '0', "capacity_unit" text NOT NULL, "commission_pct" numeric(5,2) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_channels_capacity" CHECK ("used_capacity" >= 0 AND "used_capacity" <= "capacity"), CONSTRAINT "PK_bc603823f3f741359c2339389f9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_channels_organisation" ON "channels"  ("organisation_id") `);
        await queryRunner.query(`CREATE INDEX "ix_channels_cluster_page" ON "channels"  ("cluster_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "complementarity_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cluster_id" uuid NOT NULL, "category_a" text NOT NULL, "category_b" text NOT NULL, "weight" real NOT NULL, "source" text NOT NULL, "learned_weight" real, "decisions_approved" integer NOT NULL DEFAULT '0', "decisions_total" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_complementarity_rules_weight" CHECK ("weight" >= 0 AND "weight" <= 1), CONSTRAINT "ck_complementarity_rules_order" CHECK ("category_a" < "category_b"), CONSTRAINT "PK_5a843ad5b02a18a89b1719af13d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_complementarity_rules_pair" ON "complementarity_rules"  ("cluster_id", "category_a", "category_b") `);
        await queryRunner.query(`CREATE TABLE "products" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "cluster_id" uuid NOT NULL, "name" text NOT NULL, "category" text NOT NULL, "grade" smallint NOT NULL, "segments" text array NOT NULL DEFAULT '{}', "markets" text array NOT NULL DEFAULT '{}', "price_band" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_products_organisation" ON "products"  ("organisation_id") `);
        await queryRunner.query(`CREATE INDEX "ix_products_cluster_page" ON "products"  ("cluster_id", "created_at", "id") `);
        await queryRunner.query(`ALTER TABLE "channels" ADD CONSTRAINT "FK_1c8f6312bcd00936c60c6931f7d" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "products" ADD CONSTRAINT "FK_10ccddc5eadf7e0b03bac4357f9" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "products" DROP CONSTRAINT "FK_10ccddc5eadf7e0b03bac4357f9"`);
        await queryRunner.query(`ALTER TABLE "channels" DROP CONSTRAINT "FK_1c8f6312bcd00936c60c6931f7d"`);
        await queryRunner.query(`DROP INDEX "public"."ix_products_cluster_page"`);
        await queryRunner.query(`DROP INDEX "public"."ix_products_organisation"`);
        await queryRunner.query(`DROP TABLE "products"`);
        await queryRunner.query(`DROP INDEX "public"."uq_complementarity_rules_pair"`);
        await queryRunner.query(`DROP TABLE "complementarity_rules"`);
        await queryRunner.query(`DROP INDEX "public"."ix_channels_cluster_page"`);
        await queryRunner.query(`DROP INDEX "public"."ix_channels_organisation"`);
        await queryRunner.query(`DROP TABLE "channels"`);
    }

}
