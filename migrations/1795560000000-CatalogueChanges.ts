import { MigrationInterface, QueryRunner } from 'typeorm';

/** Channel sharing records catalogue changes in its own table instead of reading the event log. */
export class CatalogueChanges1795560000000 implements MigrationInterface {
  name = 'CatalogueChanges1795560000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "catalogue_changes" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "cluster_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "changed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8fc6198e730e58c6637668b0654" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_catalogue_changes_cluster_time" ON "catalogue_changes" ("cluster_id", "changed_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_catalogue_changes_cluster_time"`);
    await queryRunner.query(`DROP TABLE "catalogue_changes"`);
  }
}
