import fc from 'fast-check';
import { isDecimal } from '../../src/platform/http/decimal.decorator';

describe('isDecimal', () => {
  it('takes numbers with at most the given decimals, exponent forms included', () => {
    expect([0, 1, 0.7, 0.125, 12.5, -3.25, 1e3].map((v) => isDecimal(v, 3))).toEqual([true, true, true, true, true, true, true]);
    // Found by fuzzing: class-validator's maxDecimalPlaces threw on these, which answered 500.
    expect([7e-323, -7e-323, 1e-7, 0.0001, 0.1234].map((v) => isDecimal(v, 3))).toEqual([false, false, false, false, false]);
    expect([NaN, Infinity, '0.5', null].map((v) => isDecimal(v, 3))).toEqual([false, false, false, false]);
  });

  it('agrees with counting decimals in the plain decimal form, for any double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), (v) => {
      const plain = v.toFixed(20).replace(/0+$/, '').split('.')[1] ?? '';
      const byCount = Number(v.toFixed(2)) === v && plain.length <= 20;
      expect(isDecimal(v, 2)).toBe(byCount);
    }), { seed: 20261204, numRuns: 2000 });
  });
});
