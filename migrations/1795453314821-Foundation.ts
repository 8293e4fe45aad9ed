import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795453314821 implements MigrationInterface {
    name = 'Foundation1795453314821'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "clusters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "country" character(2) NOT NULL, "description" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_56c8e201f375e1e961dcdd6831c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_clusters_name" ON "clusters"  ("name") `);
        await queryRunner.query(`CREATE TABLE "cluster_partnerships" ("cluster_a_id" uuid NOT NULL, "cluster_b_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_cluster_partnerships_order" CHECK ("cluster_a_id" < "cluster_b_id"), CONSTRAINT "PK_9cf508ab13a9f9dd198edc1f9d7" PRIMARY KEY ("cluster_a_id", "cluster_b_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_cluster_partnerships_b" ON "cluster_partnerships"  ("cluster_b_id") `);
        await queryRunner.query(`CREATE TABLE "regions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cluster_id" uuid NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4fcd12ed6a046276e2deb08801c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_regions_cluster_name" ON "regions"  ("cluster_id", "name") `);
        await queryRunner.query(`CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cluster_id" uuid NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "naics_codes" text array NOT NULL DEFAULT '{}', "region_id" uuid, "country" character(2) NOT NULL, "employee_count" integer NOT NULL, "website" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_organisations_cluster_page" ON "organisations"  ("cluster_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" text NOT NULL, "email" text NOT NULL, "kind" text NOT NULL, "cluster_id" uuid NOT NULL, "organisation_id" uuid, "organisation_role" text, "invited_by" uuid NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_invitations_token_hash" ON "invitations"  ("token_hash") `);
        await queryRunner.query(`CREATE INDEX "ix_invitations_cluster_page" ON "invitations"  ("cluster_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "password_hash" text, "display_name" text NOT NULL, "roles" text array NOT NULL DEFAULT '{}', "cluster_id" uuid, "email_verified_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users"  ("email") `);
        await queryRunner.query(`CREATE INDEX "ix_users_cluster" ON "users"  ("cluster_id") `);
        await queryRunner.query(`CREATE TABLE "organisation_members" ("organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3cc6551a3f80b7aca61439ac6a5" PRIMARY KEY ("organisation_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_organisation_members_user" ON "organisation_members"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "talent_profiles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "home_cluster_id" uuid NOT NULL, "headline" text, "skills" text array NOT NULL DEFAULT '{}', "languages" text array NOT NULL DEFAULT '{}', "years_of_experience" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_c5735de7605665c0d137fe045f" UNIQUE ("user_id"), CONSTRAINT "PK_e4eee4327b8ed3e4c7cab5d4cc2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_talent_profiles_user" ON "talent_profiles"  ("user_id") `);
        await queryRunner.query(`CREATE INDEX "ix_talent_profiles_cluster_page" ON "talent_profiles"  ("home_cluster_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "email_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" text NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_08abb3fa348e894c274a6730d35" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_email_tokens_user" ON "email_tokens"  ("user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_email_tokens_hash" ON "email_tokens"  ("token_hash") `);
        await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens"  ("user_id") `);
        await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens"  ("family_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens"  ("token_hash") `);
        await queryRunner.query(`ALTER TABLE "cluster_partnerships" ADD CONSTRAINT "FK_876c61e74763e7e7c798a9e8cb9" FOREIGN KEY ("cluster_a_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cluster_partnerships" ADD CONSTRAINT "FK_36da517262ac035f80197c191c9" FOREIGN KEY ("cluster_b_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "regions" ADD CONSTRAINT "FK_26c4788cc2760abaaf4131b70c9" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisations" ADD CONSTRAINT "FK_89fde8eaca9d0312634930942b0" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisations" ADD CONSTRAINT "FK_4f6c538e372f7aa6818a88b453a" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_48cd140b6226fb176dabf363829" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_db8eb6da8f383cb3443217d8536" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation_members" ADD CONSTRAINT "FK_588fd3930af62ea399879e1d7ab" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation_members" ADD CONSTRAINT "FK_6d808506119822a1e47422b512a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "talent_profiles" ADD CONSTRAINT "FK_c5735de7605665c0d137fe045fa" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "talent_profiles" ADD CONSTRAINT "FK_422c369da273e96447364e7579c" FOREIGN KEY ("home_cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "email_tokens" ADD CONSTRAINT "FK_018295f41628791c301bfe8b625" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"`);
        await queryRunner.query(`ALTER TABLE "email_tokens" DROP CONSTRAINT "FK_018295f41628791c301bfe8b625"`);
        await queryRunner.query(`ALTER TABLE "talent_profiles" DROP CONSTRAINT "FK_422c369da273e96447364e7579c"`);
        await queryRunner.query(`ALTER TABLE "talent_profiles" DROP CONSTRAINT "FK_c5735de7605665c0d137fe045fa"`);
        await queryRunner.query(`ALTER TABLE "organisation_members" DROP CONSTRAINT "FK_6d808506119822a1e47422b512a"`);
        await queryRunner.query(`ALTER TABLE "organisation_members" DROP CONSTRAINT "FK_588fd3930af62ea399879e1d7ab"`);
        await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_db8eb6da8f383cb3443217d8536"`);
        await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_48cd140b6226fb176dabf363829"`);
        await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "FK_4f6c538e372f7aa6818a88b453a"`);
        await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "FK_89fde8eaca9d0312634930942b0"`);
        await queryRunner.query(`ALTER TABLE "regions" DROP CONSTRAINT "FK_26c4788cc2760abaaf4131b70c9"`);
        await queryRunner.query(`ALTER TABLE "cluster_partnerships" DROP CONSTRAINT "FK_36da517262ac035f80197c191c9"`);
        await queryRunner.query(`ALTER TABLE "cluster_partnerships" DROP CONSTRAINT "FK_876c61e74763e7e7c798a9e8cb9"`);
        await queryRunner.query(`DROP INDEX "public"."uq_refresh_tokens_hash"`);
        await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_family"`);
        await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_user"`);
        await queryRunner.query(`DROP TABLE "refresh_tokens"`);
        await queryRunner.query(`DROP INDEX "public"."uq_email_tokens_hash"`);
        await queryRunner.query(`DROP INDEX "public"."ix_email_tokens_user"`);
        await queryRunner.query(`DROP TABLE "email_tokens"`);
        await queryRunner.query(`DROP INDEX "public"."ix_talent_profiles_cluster_page"`);
        await queryRunner.query(`DROP INDEX "public"."uq_talent_profiles_user"`);
        await queryRunner.query(`DROP TABLE "talent_profiles"`);
        await queryRunner.query(`DROP INDEX "public"."ix_organisation_members_user"`);
        await queryRunner.query(`DROP TABLE "organisation_members"`);
        await queryRunner.query(`DROP INDEX "public"."ix_users_cluster"`);
        await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
        await queryRunner.query(`DROP TABLE "users"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invitations_cluster_page"`);
        await queryRunner.query(`DROP INDEX "public"."uq_invitations_token_hash"`);
        await queryRunner.query(`DROP TABLE "invitations"`);
        await queryRunner.query(`DROP INDEX "public"."ix_organisations_cluster_page"`);
        await queryRunner.query(`DROP TABLE "organisations"`);
        await queryRunner.query(`DROP INDEX "public"."uq_regions_cluster_name"`);
        await queryRunner.query(`DROP TABLE "regions"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cluster_partnerships_b"`);
        await queryRunner.query(`DROP TABLE "cluster_partnerships"`);
        await queryRunner.query(`DROP INDEX "public"."uq_clusters_name"`);
        await queryRunner.query(`DROP TABLE "clusters"`);
    }

}
