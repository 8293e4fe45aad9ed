import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface SinkMessage {
  id: string | null;
  messageId: string | null;
  to: string[];
  subject: string | null;
}

/**
 * A controllable SMTP server in its own process (scripts/smtp-sink.mjs): start, stop, refuse
 * addresses, and read back every message it accepted, in order.
 */
export class SmtpSink {
  readonly messages: SinkMessage[] = [];
  private child: ChildProcess | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(options: { reject?: string } = {}): Promise<void> {
    const args = [join(__dirname, '..', '..', 'scripts', 'smtp-sink.mjs'), '--port', String(this.port)];
    if (options.reject) args.push('--reject', options.reject);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.messages.push(JSON.parse(line) as SinkMessage);
    });
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('listening')) resolve();
      });
      child.on('exit', () => reject(new Error(`smtp sink exited: ${err}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.child = null;
    await new Promise((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
  }

  to(address: string): SinkMessage[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  /** How many times each X-Clusterlink-Message-Id arrived. */
  countsById(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) if (m.id) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
    return counts;
  }
}

export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
