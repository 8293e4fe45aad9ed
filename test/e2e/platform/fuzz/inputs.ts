import fc from 'fast-check';

/** Values a stranger may put anywhere: wrong types, nulls, edge numbers, text PostgreSQL cannot store, bad dates and ids. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null, true, false, 0, -1, 1.5, -0.0001, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, '', ' ', '0', 'null', 'true',
    'x'.repeat(100_000), 'a\u0000b', '\ud800', '\udfff lone', '2026-02-30', '2026-13-01T00:00:00Z', '2026-12-04T25:61:00Z',
    '20261204', '2026-W49-4', '00000000-0000-0000-0000-00000000000g', 'not-a-uuid', '../../etc/passwd', '%00', '{"$gt": ""}',
    [], [null], [[[[[[[[]]]]]]]], {}, { toString: 1 },
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

const deep = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

/** A whole body: a mutation of a valid one, or something that is not an object at all. */
export function hostileBody(valid: Record<string, unknown>): fc.Arbitrary<{ raw: string | Buffer; type: string }> {
  const keys = Object.keys(valid);
  const json = (value: unknown) => ({ raw: JSON.stringify(value) ?? 'null', type: 'application/json' });
  const mutated = keys.length === 0
    ? hostileValue.map((v) => json({ unknown: v }))
    : fc.tuple(fc.constantFrom(...keys), hostileValue).map(([key, value]) => json({ ...valid, [key]: value }));
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 1, arbitrary: hostileValue.map((v) => json({ ...valid, unexpectedField: v })) },
    { weight: 1, arbitrary: hostileValue.map((v) => json(v)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        json(deep(200)), json(null), json([valid]), json(42), json('a string'),
        { raw: '{"unterminated": ', type: 'application/json' },
        { raw: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), type: 'application/json' },
        { raw: 'email=a@b.c', type: 'application/x-www-form-urlencoded' },
        { raw: JSON.stringify(valid), type: 'text/plain' },
        { raw: '<x/>', type: 'application/xml' },
      ),
    },
  );
}

/** A query string value: what a URL may carry, hostile or not. */
export const hostileQueryValue: fc.Arbitrary<string> = hostileValue.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? ''))
  .map((s) => s.slice(0, 2000));
