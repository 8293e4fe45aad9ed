import { InvalidEnvironmentError, validateEnv } from './config/env.schema';
import type { AppConfig } from './config/app-config';

/**
 * Validates the environment before Nest starts anything, so a bad variable ends the process with
 * one clear message (exit code 78, EX_CONFIG) instead of a stack trace from a failed connection.
 */
export function configOrExit(): AppConfig {
  try {
    return validateEnv(process.env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

/** SIGTERM/SIGINT: Nest closes the server and workers; force-exit if that outlasts the grace period. */
export function exitAfterGrace(seconds: number): void {
  const arm = () => setTimeout(() => process.exit(1), seconds * 1000).unref();
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
