import { ChildProcess, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './processes';
import { eventually } from './smtp-sink';

/** One Redis command over a socket (redis-cli is not always installed); resolves the raw reply. */
export function redisCall(port: number, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection(port, '127.0.0.1');
    let out = '';
    sock.on('data', (d) => { out += d.toString(); sock.end(); });
    sock.on('end', () => resolve(out));
    sock.on('error', reject);
    sock.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}

/**
 * A Redis server the test owns (not the one `npm test` shares), without persistence: killing and
 * starting it again is Redis losing every job.
 */
export class OwnRedis {
  private proc: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Kills the server hard (if running) and starts an empty one on the same port. */
  async restart(): Promise<void> {
    await this.kill();
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    await eventually(async () => (await redisCall(this.port, ['PING']).catch(() => '')).startsWith('+PONG'), 'the test Redis');
  }

  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  }
}
