import { architectureOf, architectureOfStack, selectArchitectures, patternMatchesStack, patternMayMatchArchitecture, requestedPatterns } from '../../lib/core/select';

describe('stack selection patterns (CDKTF_STACKS)', () => {
  test('a plain name selects that stack and every <name>-... stack', () => {
    expect(patternMatchesStack('stockwiz', 'stockwiz-dev')).toBe(true);
    expect(patternMatchesStack('stockwiz-dev', 'stockwiz-dev')).toBe(true);
    expect(patternMatchesStack('stockwiz-dev', 'stockwiz-prod')).toBe(false);
    expect(patternMatchesStack('stock', 'stockwiz-dev')).toBe(false);
    expect(patternMatchesStack('tfstate', 'tfstate-aws')).toBe(true);
  });

  test('globs match whole stack names', () => {
    expect(patternMatchesStack('*-prod', 'canalco-prod')).toBe(true);
    expect(patternMatchesStack('*-prod', 'canalco-prod-eu')).toBe(false);
    expect(patternMatchesStack('canalco-*', 'canalco-staging')).toBe(true);
    expect(patternMatchesStack('canalco-*', 'stockwiz-dev')).toBe(false);
  });

  test('an architecture is built when one of its stacks may match, and only then', () => {
    expect(patternMayMatchArchitecture('stockwiz-dev', 'stockwiz')).toBe(true);
    expect(patternMayMatchArchitecture('stockwiz-dev', 'canalco')).toBe(false);
    expect(patternMayMatchArchitecture('tfstate', 'tfstate-aws')).toBe(true);
    expect(patternMayMatchArchitecture('personal-tech', 'personal-tech')).toBe(true);
    expect(patternMayMatchArchitecture('canalco-*', 'canalco')).toBe(true);
    expect(patternMayMatchArchitecture('canalco-*', 'stockwiz')).toBe(false);
    expect(patternMayMatchArchitecture('*-dev', 'stockwiz')).toBe(true); // conservative: stacks are filtered by name after
  });

  test('patterns come from CDKTF_STACKS, else from the context key "stacks"; empty means everything', () => {
    expect(requestedPatterns({ CDKTF_STACKS: 'stockwiz-dev, canalco  tfstate-aws' })).toEqual(['stockwiz-dev', 'canalco', 'tfstate-aws']);
    expect(requestedPatterns({ CDKTF_CONTEXT_JSON: JSON.stringify({ stacks: ['canalco-prod'] }) })).toEqual(['canalco-prod']);
    expect(requestedPatterns({ CDKTF_CONTEXT_JSON: JSON.stringify({ stacks: 'stockwiz' }) })).toEqual(['stockwiz']);
    expect(requestedPatterns({ CDKTF_STACKS: ' ' })).toBeUndefined();
    expect(requestedPatterns({})).toBeUndefined();
  });

  test('architecture names from add functions and from stack names', () => {
    expect(architectureOf({ name: 'addPersonalTechStacks' })).toBe('personal-tech');
    expect(architectureOf({ name: 'addTfstateAwsStack' })).toBe('tfstate-aws');
    expect(architectureOf({ name: 'addServerlessPlatformStacks' })).toBe('serverless-platform');
    expect(() => architectureOf({ name: 'build' })).toThrow('architectureOf: build is not named add<Architecture>Stack(s)');
    expect(architectureOfStack('serverless-platform-qa', ['serverless', 'serverless-platform'])).toBe('serverless-platform');
    expect(architectureOfStack('tfstate-aws', ['tfstate-aws', 'tfstate-azure'])).toBe('tfstate-aws');
    expect(architectureOfStack('other-dev', ['stockwiz'])).toBeUndefined();
  });

  test('selectArchitectures keeps the selected builders, from a list of add functions or a map', () => {
    const saved = process.env.CDKTF_STACKS;
    process.env.CDKTF_STACKS = 'canalco-prod';
    try {
      function addStockwizStacks(): void {}
      function addCanalcoStacks(): void {}
      expect(selectArchitectures([addStockwizStacks, addCanalcoStacks])).toEqual([addCanalcoStacks]);
      const canalco = (): void => undefined;
      expect(selectArchitectures({ stockwiz: (): void => undefined, canalco })).toEqual([canalco]);
    } finally {
      if (saved === undefined) delete process.env.CDKTF_STACKS;
      else process.env.CDKTF_STACKS = saved;
    }
  });
});
