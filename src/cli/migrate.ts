import 'reflect-metadata';
import { AppDataSource } from '../platform/database/data-source';
import { appRoleOf, grantAppRole } from '../platform/database/app-role';

/**
 * Applies pending migrations (each in its own transaction) as the schema's owner, then grants the
 * application's role (DATABASE_URL, when it is another role) its row rights, and exits.
 */
async function main(): Promise<void> {
  await AppDataSource.initialize();
  try {
    const applied = await AppDataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database schema is up to date');
    const role = appRoleOf(process.env.DATABASE_URL, process.env.DATABASE_MIGRATION_URL);
    if (role) {
      await grantAppRole(AppDataSource, role);
      console.log(`granted ${role} row access (audit_log: insert and select only)`);
    }
  } finally {
    await AppDataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error('migration failed:', error);
  process.exit(1);
});
