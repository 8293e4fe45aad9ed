/** Reads a Prometheus text exposition: the value of one sample, or undefined when it is absent. */
export function sampleValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const open = line.indexOf('{');
    const close = line.lastIndexOf('}');
    const given = open >= 0 && close > open ? line.slice(open + 1, close) : '';
    const pairs = Object.fromEntries([...given.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k, v]));
    if (Object.entries(labels).every(([k, v]) => pairs[k] === v)) return Number(line.slice((close >= 0 ? close + 1 : name.length)).trim());
  }
  return undefined;
}

/** GET /metrics with the bearer token; fails the test on anything but 200. */
export async function scrape(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET ${baseUrl}/metrics answered ${response.status}: ${await response.text()}`);
  return response.text();
}

/** Scrapes until `ready(text)` holds or the time is up; returns the last text. */
export async function scrapeUntil(baseUrl: string, token: string, ready: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await scrape(baseUrl, token);
    if (ready(text) || Date.now() > deadline) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
}
