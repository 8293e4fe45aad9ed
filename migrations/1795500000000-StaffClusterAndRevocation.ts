import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A staff member's cluster and a talent's home cluster are different facts. `users.cluster_id`
 * held both; it becomes `users.staff_cluster_id`, set only for staff (the home cluster already
 * lives on `talent_profiles.home_cluster_id`). A staff account takes the cluster of the last staff
 * invitation it accepted, which an admin chose, since a talent-profile edit may have rewritten the
 * old column; accounts created without an invitation (seeded ones) keep what they had.
 * Invitations can be revoked: `revoked_at` and `revoked_by`.
 */
export class StaffClusterAndRevocation1795500000000 implements MigrationInterface {
    name = 'StaffClusterAndRevocation1795500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_users_cluster"`);
        await queryRunner.query(`ALTER TABLE "users" RENAME COLUMN "cluster_id" TO "staff_cluster_id"`);
        await queryRunner.query(`UPDATE "users" SET "staff_cluster_id" = NULL WHERE NOT ('staff' = ANY("roles"))`);
        await queryRunner.query(`
            UPDATE "users" u SET "staff_cluster_id" = i."cluster_id"
            FROM (SELECT DISTINCT ON ("email") "email", "cluster_id" FROM "invitations"
                  WHERE "kind" = 'staff' AND "accepted_at" IS NOT NULL ORDER BY "email", "accepted_at" DESC) i
            WHERE i."email" = u."email" AND 'staff' = ANY(u."roles")`);
        await queryRunner.query(`CREATE INDEX "ix_users_staff_cluster" ON "users" ("staff_cluster_id") `);
        await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "ck_users_staff_cluster" CHECK ("staff_cluster_id" IS NULL OR 'staff' = ANY("roles"))`);
        await queryRunner.query(`ALTER TABLE "invitations" ADD "revoked_at" TIMESTAMP(3) WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "invitations" ADD "revoked_by" uuid`);
        await queryRunner.query(`CREATE INDEX "ix_invitations_organisation_page" ON "invitations" ("organisation_id", "created_at", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_invitations_organisation_page"`);
        await queryRunner.query(`ALTER TABLE "invitations" DROP COLUMN "revoked_by"`);
        await queryRunner.query(`ALTER TABLE "invitations" DROP COLUMN "revoked_at"`);
        await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_staff_cluster"`);
        await queryRunner.query(`DROP INDEX "public"."ix_users_staff_cluster"`);
        await queryRunner.query(`ALTER TABLE "users" RENAME COLUMN "staff_cluster_id" TO "cluster_id"`);
        await queryRunner.query(`UPDATE "users" u SET "cluster_id" = t."home_cluster_id" FROM "talent_profiles" t WHERE t."user_id" = u."id" AND u."cluster_id" IS NULL`);
        await queryRunner.query(`CREATE INDEX "ix_users_cluster" ON "users" ("cluster_id") `);
    }
}
