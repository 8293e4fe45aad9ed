import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnv } from '../../config/env.schema';
import { dataSourceOptions } from './database.config';

/**
 * The data source of the migration CLI, the seed and the TypeORM CLI (`npm run migration:generate`).
 * It connects as the schema's owner (DATABASE_MIGRATION_URL) when one is configured, else as
 * DATABASE_URL, and reads nothing else, so generating a migration needs no other configuration.
 */
export const AppDataSource = new DataSource(
  dataSourceOptions({
    DATABASE_URL: process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL || validateEnv(process.env).DATABASE_URL,
  }),
);
