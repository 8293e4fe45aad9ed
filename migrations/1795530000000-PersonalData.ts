import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Personal-data export and erasure (ADR 0011): the per-person keys that seal personal fields of
 * the append-only audit trail (deleting a key erases what it sealed), and stored exports that are
 * mailed as a link and expire.
 */
export class PersonalData1795530000000 implements MigrationInterface {
    name = 'PersonalData1795530000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "personal_data_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid, "email" text, "key" bytea NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7f735e2ab49f6ab81daea7ca43d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_personal_data_keys_user" ON "personal_data_keys"  ("user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_personal_data_keys_email" ON "personal_data_keys"  ("email") `);
        await queryRunner.query(`CREATE TABLE "personal_data_exports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "document" jsonb NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3eb3893f80f8e5f1c7d9450ddf6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_personal_data_exports_user" ON "personal_data_exports"  ("user_id") `);
        await queryRunner.query(`CREATE INDEX "ix_personal_data_exports_expires" ON "personal_data_exports"  ("expires_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_personal_data_exports_expires"`);
        await queryRunner.query(`DROP INDEX "public"."ix_personal_data_exports_user"`);
        await queryRunner.query(`DROP TABLE "personal_data_exports"`);
        await queryRunner.query(`DROP INDEX "public"."uq_personal_data_keys_email"`);
        await queryRunner.query(`DROP INDEX "public"."uq_personal_data_keys_user"`);
        await queryRunner.query(`DROP TABLE "personal_data_keys"`);
    }
}
