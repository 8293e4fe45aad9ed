import { MigrationInterface, QueryRunner } from "typeorm";

export class WorkflowPlatform1795454868478 implements MigrationInterface {
    name = 'WorkflowPlatform1795454868478'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "domain_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" text NOT NULL, "payload" jsonb NOT NULL, "enqueued_at" TIMESTAMP(3) WITH TIME ZONE, "dispatched_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_66e0920a32dda3a89b46ee7a981" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_domain_events_undispatched" ON "domain_events"  ("created_at") WHERE dispatched_at IS NULL`);
        await queryRunner.query(`CREATE TABLE "approval_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cluster_id" uuid NOT NULL, "subject_kind" text NOT NULL, "subject_id" uuid NOT NULL, "party_organisation_ids" uuid array NOT NULL DEFAULT '{}', "party_user_ids" uuid array NOT NULL DEFAULT '{}', "summary" text NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "requested_by" uuid, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'pending', "assignee_id" uuid, "decided_by" uuid, "decided_at" TIMESTAMP(3) WITH TIME ZONE, "reason" text, "reminder_sent_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_484806bb8ff331b851fc75973c0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_approval_requests_due" ON "approval_requests"  ("due_at") WHERE status = 'pending'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_approval_requests_open_subject" ON "approval_requests"  ("subject_kind", "subject_id") WHERE status = 'pending'`);
        await queryRunner.query(`CREATE INDEX "ix_approval_requests_queue" ON "approval_requests"  ("cluster_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "audit_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cluster_id" uuid, "actor_user_id" uuid, "action" text NOT NULL, "subject_kind" text NOT NULL, "subject_id" text NOT NULL, "changes" jsonb NOT NULL DEFAULT '{}', "request_id" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_audit_log_subject" ON "audit_log"  ("subject_kind", "subject_id") `);
        await queryRunner.query(`CREATE INDEX "ix_audit_log_cluster_page" ON "audit_log"  ("cluster_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "category" text NOT NULL, "mode" text NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5906e7816659c2d55066f409bff" PRIMARY KEY ("user_id", "category"))`);
        await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_user_id" uuid, "recipient_email" text NOT NULL, "locale" text NOT NULL DEFAULT 'en', "cluster_id" uuid, "category" text NOT NULL, "template" text NOT NULL, "data" jsonb NOT NULL, "title" text NOT NULL, "in_app" boolean NOT NULL, "email_status" text NOT NULL, "delivery_generation" integer NOT NULL DEFAULT '0', "enqueued_at" TIMESTAMP(3) WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "smtp_message_id" text, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "digest_id" uuid, "read_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_notifications_digest" ON "notifications"  ("recipient_user_id") WHERE email_status = 'digest'`);
        await queryRunner.query(`CREATE INDEX "ix_notifications_failed" ON "notifications"  ("cluster_id", "created_at", "id") WHERE email_status = 'failed'`);
        await queryRunner.query(`CREATE INDEX "ix_notifications_outbox" ON "notifications"  ("created_at") WHERE email_status = 'pending'`);
        await queryRunner.query(`CREATE INDEX "ix_notifications_feed" ON "notifications"  ("recipient_user_id", "created_at", "id") `);
        await queryRunner.query(`ALTER TABLE "users" ADD "locale" text NOT NULL DEFAULT 'en'`);
        // Hand-written (TypeORM does not model triggers): the audit trail is append-only for
        // everyone, the application's own role included.
        await queryRunner.query(`CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
        await queryRunner.query(`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
        await queryRunner.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "locale"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notifications_feed"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notifications_outbox"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notifications_failed"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notifications_digest"`);
        await queryRunner.query(`DROP TABLE "notifications"`);
        await queryRunner.query(`DROP TABLE "notification_preferences"`);
        await queryRunner.query(`DROP TRIGGER audit_log_no_truncate ON "audit_log"`);
        await queryRunner.query(`DROP TRIGGER audit_log_no_update_delete ON "audit_log"`);
        await queryRunner.query(`DROP FUNCTION audit_log_is_append_only()`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_log_cluster_page"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_log_subject"`);
        await queryRunner.query(`DROP TABLE "audit_log"`);
        await queryRunner.query(`DROP INDEX "public"."ix_approval_requests_queue"`);
        await queryRunner.query(`DROP INDEX "public"."uq_approval_requests_open_subject"`);
        await queryRunner.query(`DROP INDEX "public"."ix_approval_requests_due"`);
        await queryRunner.query(`DROP TABLE "approval_requests"`);
        await queryRunner.query(`DROP INDEX "public"."ix_domain_events_undispatched"`);
        await queryRunner.query(`DROP TABLE "domain_events"`);
    }

}
