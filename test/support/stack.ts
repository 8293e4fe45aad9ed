import request from 'supertest';
import { World } from '../factories/world';
import { RunningApi, RunningProcess, startApi, startWorker } from './processes';

/** What a spec talks to: its own API (and worker), and the world factory on the shared database. */
export interface Stack {
  readonly api: RunningApi;
  readonly world: World;
  http(): ReturnType<typeof request>;
}

/**
 * Starts an API (and a worker, if asked) before the spec's tests and stops them after, so a spec
 * declares what it needs in one line. Read the fields inside tests and hooks, once started.
 */
export function useStack(options: { worker?: boolean; env?: Record<string, string> } = {}): Stack {
  let api: RunningApi | undefined;
  let worker: RunningProcess | undefined;
  let world: World | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: use the stack inside tests and hooks`);
    return value;
  };
  beforeAll(async () => {
    api = await startApi(options.env);
    if (options.worker) worker = await startWorker(options.env);
    world = new World(api.url);
  });
  afterAll(async () => {
    await world?.close();
    await api?.stop();
    await worker?.stop();
  });
  return {
    get api() { return started(api, 'the API'); },
    get world() { return started(world, 'the world'); },
    http: () => request(started(api, 'the API').url),
  };
}
