import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ANALYZE needs the table's owner, and the application's role owns nothing (docs/adr/0012). This
 * function runs as its owner and refreshes the planner statistics of the named public tables,
 * which changes no row and no definition; `npm run migrate` grants EXECUTE to the application.
 */
export class RefreshStatistics1795540000000 implements MigrationInterface {
  name = 'RefreshStatistics1795540000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION refresh_statistics(tables text[]) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE t text;
      BEGIN
        FOREACH t IN ARRAY tables LOOP
          IF NOT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = t) THEN
            RAISE EXCEPTION 'refresh_statistics: no table public.%', t USING ERRCODE = 'undefined_table';
          END IF;
          EXECUTE format('ANALYZE public.%I', t);
        END LOOP;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION refresh_statistics(text[]) FROM PUBLIC`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION refresh_statistics(text[])`);
  }
}
