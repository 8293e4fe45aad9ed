import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnv } from '../../config/env.schema';
import { dataSourceOptions } from './database.config';

/**
 * The data source the TypeORM CLI uses (`npm run migration:generate`, `migration:run`). It reads
 * only DATABASE_URL so generating a migration needs no other configuration.
 */
export const AppDataSource = new DataSource(
  dataSourceOptions({
    DATABASE_URL: process.env.DATABASE_URL ?? validateEnv(process.env).DATABASE_URL,
  }),
);
