import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../src/platform/http/domain-error';
import { DeclaredError, declaredErrors } from '../../src/platform/http/error-catalogue';

const SRC = path.resolve(__dirname, '../../src');

/** Every `*.errors.ts` under src, relative to the repository. */
export function errorFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.errors.ts')) out.push(full);
    }
  };
  walk(SRC);
  return out.sort();
}

export interface LoadedErrorFile {
  file: string;
  /** Exported catalogues (what `defineErrors` returned), by export name. */
  catalogues: Record<string, Record<string, DeclaredError>>;
  /** Exported classes that extend DomainError. */
  classes: Array<new (...args: never[]) => DomainError>;
}

const isCatalogue = (value: unknown): value is Record<string, DeclaredError> =>
  !!value && typeof value === 'object' && Object.values(value).length > 0 &&
  Object.values(value).every((v) => v && typeof v === 'object' && typeof (v as DeclaredError).code === 'string');

/** Loads every error file, so that every catalogue is declared; what each exports. */
export function loadErrorFiles(): LoadedErrorFile[] {
  return errorFiles().map((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(file) as Record<string, unknown>;
    const catalogues = Object.fromEntries(Object.entries(exports).filter(([, v]) => isCatalogue(v))) as LoadedErrorFile['catalogues'];
    const classes = Object.values(exports).filter(
      (v): v is new (...args: never[]) => DomainError => typeof v === 'function' && v.prototype instanceof DomainError,
    );
    return { file: path.relative(path.resolve(SRC, '..'), file), catalogues, classes };
  });
}

/** Every declared problem code, every catalogue loaded. */
export function allDeclaredErrors(): DeclaredError[] {
  loadErrorFiles();
  return declaredErrors();
}
