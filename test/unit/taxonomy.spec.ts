import { CROSS_SUBSECTOR_WEIGHT, SAME_SUBSECTOR_WEIGHT, taxonomyPairs } from '../../src/modules/channel-sharing/rules/taxonomy';

describe('default complementarity from the taxonomy', () => {
  const catalogue = [
    { category: '333318', segments: ['utilities', 'industry'] }, // service machinery
    { category: '333415', segments: ['utilities'] }, // HVAC: same subsector 333, group 3334
    { category: '326199', segments: ['utilities'] }, // plastics: another subsector
    { category: '333314', segments: ['industry'] }, // optical instruments: group 3333, as 333318
    { category: '339112', segments: ['healthcare'] }, // surgical instruments: no shared segment
    { category: 'not-a-code', segments: ['utilities'] },
  ];

  it('pairs industries of different groups whose products share a customer segment, closer within a subsector', () => {
    expect(taxonomyPairs(catalogue)).toEqual([
      ['326199', '333318', CROSS_SUBSECTOR_WEIGHT],
      ['326199', '333415', CROSS_SUBSECTOR_WEIGHT],
      ['333318', '333415', SAME_SUBSECTOR_WEIGHT],
    ]);
    expect(SAME_SUBSECTOR_WEIGHT).toBeGreaterThan(CROSS_SUBSECTOR_WEIGHT);
  });

  it('a category\'s segments are those of all its products', () => {
    const pairs = taxonomyPairs([...catalogue, { category: '339112', segments: ['utilities'] }]);
    expect(pairs.filter(([a, b]) => a === '339112' || b === '339112')).toEqual([
      ['326199', '339112', CROSS_SUBSECTOR_WEIGHT],
      ['333318', '339112', CROSS_SUBSECTOR_WEIGHT],
      ['333415', '339112', CROSS_SUBSECTOR_WEIGHT],
    ]);
  });
});
