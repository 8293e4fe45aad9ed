import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approval kinds are declared by the modules that own them (src/approval-kinds.ts gathers them);
 * the database refuses any other. A module that adds a kind replaces this constraint in its own
 * migration. Requests of kinds no module declares (only test data ever used them) are removed.
 */
export class ApprovalKindsDeclared1795550000000 implements MigrationInterface {
  name = 'ApprovalKindsDeclared1795550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM approval_requests WHERE subject_kind NOT IN ('channel_match')`);
    await queryRunner.query(`ALTER TABLE "approval_requests" ADD CONSTRAINT "ck_approval_requests_kind" CHECK (subject_kind IN ('channel_match'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "approval_requests" DROP CONSTRAINT "ck_approval_requests_kind"`);
  }
}
