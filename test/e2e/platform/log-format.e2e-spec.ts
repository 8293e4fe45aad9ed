import request from 'supertest';
import { startApi, startWorker } from '../../support/processes';

/** Lines a process printed, blank ones dropped. */
const linesOf = (output: string) => output.split('\n').filter((line) => line.trim() !== '');

describe('log format', () => {
  it('writes JSON lines by default, and no line per module, controller or route at info', async () => {
    const api = await startApi({ LOG_LEVEL: 'info', HTTP_LOGS: 'true' });
    try {
      await request(api.url).get('/health').expect(200);
    } finally {
      await api.stop();
    }
    const lines = linesOf(api.output());
    const parsed = lines.map((line) => JSON.parse(line) as { level: number; msg: string; context?: string });
    expect(parsed.some((entry) => entry.msg === 'api listening')).toBe(true);
    expect(parsed.some((entry) => entry.msg === 'request completed')).toBe(true);
    expect(parsed.filter((entry) => /^Mapped \{|Controller \{|dependencies initialized/.test(entry.msg))).toEqual([]);
    expect(parsed.filter((entry) => ['RouterExplorer', 'RoutesResolver', 'InstanceLoader'].includes(entry.context ?? ''))).toEqual([]);
    // A boot is a handful of lines, not one per route (there are over 60).
    expect(lines.length).toBeLessThan(20);
  });

  it('still names each mapped route at debug, for whoever debugs the wiring', async () => {
    const worker = await startWorker({ LOG_LEVEL: 'debug' });
    await worker.stop();
    const api = await startApi({ LOG_LEVEL: 'debug' });
    await api.stop();
    const mapped = linesOf(api.output()).map((line) => JSON.parse(line) as { level: number; msg: string }).filter((e) => e.msg.startsWith('Mapped {'));
    expect(mapped.length).toBeGreaterThan(15);
    expect(new Set(mapped.map((entry) => entry.level))).toEqual(new Set([20]));
    expect(worker.output()).toContain('dependencies initialized');
  });

  it('writes readable lines with LOG_FORMAT=pretty, which npm start sets only for a terminal', async () => {
    const api = await startApi({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' });
    await api.stop();
    const lines = linesOf(api.output());
    expect(lines.some((line) => /^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.*: .*api listening/.test(line))).toBe(true);
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
  });
});
