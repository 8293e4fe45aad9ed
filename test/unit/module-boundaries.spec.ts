import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The module boundaries the code promises, checked on the source: no module reads or writes
 * another module's (or the platform's) tables with SQL, except where an ADR says why and the
 * exception is listed here; the matching engine imports nothing outside itself; and no import
 * cycle runs through the source.
 */
const SRC = resolve(__dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Where a file belongs: `modules/<name>` or `platform`. */
function owner(file: string): string {
  const parts = relative(SRC, file).split('/');
  return parts[0] === 'modules' ? `modules/${parts[1]}` : parts[0];
}

const all = files(SRC);
const tables = new Map<string, string>();
for (const file of all) {
  for (const m of readFileSync(file, 'utf8').matchAll(/@Entity\('([a-z_]+)'\)/g)) tables.set(m[1], owner(file));
}

/** Cross-boundary SQL that stays, each with the ADR that says why. */
const ALLOWED: { file: string; table: string; adr: string }[] = [];

function sqlTouches(source: string, table: string): boolean {
  return new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+"?${table}"?\\b`, 'i').test(source);
}

describe('module boundaries', () => {
  it('knows the tables of every module', () => {
    expect(tables.get('channel_matches')).toBe('modules/channel-sharing');
    expect(tables.get('organisations')).toBe('modules/directory');
    expect(tables.get('domain_events')).toBe('platform');
    expect(tables.size).toBeGreaterThan(20);
  });

  it('no module reads or writes another module\'s tables with SQL, except the listed ones', () => {
    const found: string[] = [];
    for (const file of all.filter((f) => owner(f).startsWith('modules/'))) {
      const source = readFileSync(file, 'utf8');
      for (const [table, home] of tables) {
        if (home === owner(file) || !sqlTouches(source, table)) continue;
        const rel = relative(SRC, file);
        if (!ALLOWED.some((a) => a.file === rel && a.table === table)) found.push(`${rel} → ${table} (${home})`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the check sees a cross-module join when there is one', () => {
    expect(sqlTouches('SELECT 1 FROM channel_matches m JOIN organisations o ON o.id = m.host_organisation_id', 'organisations')).toBe(true);
    expect(sqlTouches('organisationsService.get()', 'organisations')).toBe(false);
  });

  const imports = (file: string): string[] =>
    [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*?from\s+'(\.[^']+)'/gm)]
      .filter((m) => !/^import type /.test(m[0]))
      .map((m) => resolve(dirname(file), m[1]) + '.ts');

  it('the channel matching engine imports nothing outside its folder', () => {
    const engine = join(SRC, 'modules/channel-sharing/matching');
    const outside = files(engine).flatMap((f) => imports(f).filter((i) => !i.startsWith(engine + '/')).map((i) => `${relative(SRC, f)} → ${relative(SRC, i)}`));
    expect(outside).toEqual([]);
  });

  it('no import cycle runs through the source', () => {
    const graph = new Map(all.map((f) => [f, imports(f).filter((i) => graph_has(i))]));
    function graph_has(f: string) { return all.includes(f); }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const next of graph.get(f) ?? []) visit(next, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of all) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
