import { AWS_PACK, AZURE_PACK, checkTerraform, PolicyRule } from '../../lib/policy';
import { RULE_CASES } from './rule-cases';

const RULES: PolicyRule[] = [...AWS_PACK.rules, ...AZURE_PACK.rules];

describe('rule catalog', () => {
  test('every rule of both packs has a failing and a passing case', () => {
    expect(RULES.map((r) => r.id).filter((id) => !RULE_CASES[id])).toEqual([]);
    expect(Object.keys(RULE_CASES).filter((id) => !RULES.some((r) => r.id === id))).toEqual([]);
  });

  test('ids are unique and well formed; each rule has a fix and types', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^(AWS|AZ)-[A-Z0-9]+-\d{3}$/);
      expect(r.fix.length).toBeGreaterThan(5);
      expect(r.resourceTypes.length).toBeGreaterThan(0);
      for (const c of r.checkov ?? []) expect(c).toMatch(/^CKV2?_(AWS|AZURE)_\d+$/);
    }
  });

  test('each pack has at least 40 rules', () => {
    expect(AWS_PACK.rules.length).toBeGreaterThanOrEqual(40);
    expect(AZURE_PACK.rules.length).toBeGreaterThanOrEqual(40);
  });
});

describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  const c = RULE_CASES[id];
  test('fails on the insecure resource', () => {
    const found = checkTerraform(c.bad, [rule], { stage: c.stage, settings: c.settings });
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].ruleId).toBe(id);
    expect(found[0].attribute).toBeTruthy();
  });
  test('passes on the secure variant', () => {
    expect(checkTerraform(c.good, [rule], { stage: c.stage, settings: c.settings })).toEqual([]);
  });
  if (rule.stage === 'production') {
    test('runs only in production', () => {
      expect(checkTerraform(c.bad, [rule], { stage: 'non-production', settings: c.settings })).toEqual([]);
    });
  }
});
