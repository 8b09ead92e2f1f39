import * as fs from 'fs';
import * as path from 'path';
import { GENERATED_BEGIN, HAND_KEPT, handKeptDuplicates, parseSkip, renderSkipsFile, splitSkipsFile } from '../../lib/policy/checkov';
import { expectedSkipsFile } from '../../scripts/checkov-skips';

const FILE = path.resolve(__dirname, '..', '..', '.checkov-skips');

describe('.checkov-skips', () => {
  const current = fs.readFileSync(FILE, 'utf8');

  test('is generated from the in-code suppressions (run `npm run policy:skips` after changing one)', () => {
    const { text, duplicates } = expectedSkipsFile(current);
    expect(duplicates).toEqual([]);
    expect(current).toBe(text);
  });

  test('every generated line has a stack, a reason and no hand-kept twin', () => {
    const { generated, handKept } = splitSkipsFile(current);
    expect(generated.length).toBeGreaterThan(50);
    for (const l of generated) {
      const s = parseSkip(l)!;
      expect(s.id).toMatch(/^CKV2?_(AWS|AZURE)_\d+$/);
      expect(s.stacks[0]).not.toBe('*');
      expect(s.reason.length).toBeGreaterThanOrEqual(10);
    }
    expect(handKeptDuplicates(generated.map((l) => parseSkip(l)!), handKept)).toEqual([]);
  });

  test('every exception lives in code: the hand-kept section holds no skip', () => {
    const { handKept } = splitSkipsFile(current);
    expect(handKept.filter((l) => parseSkip(l))).toEqual([]);
  });
});

describe('skip-list generator', () => {
  const gen = [{ id: 'CKV_AZURE_33', stacks: ['personal-tech-dev', 'personal-tech-prod'], path: 'Backups', reason: 'classic queue logging needs shared keys' }];

  test('a hand-kept line that repeats an in-code suppression is reported', () => {
    expect(handKeptDuplicates(gen, ['CKV_AZURE_33 *: queue logging', 'CKV_AZURE_33 flowlite-*: queue logging', '# comment'])).toEqual(['CKV_AZURE_33 *: queue logging']);
  });

  test('the hand-kept section survives regeneration verbatim', () => {
    const text = renderSkipsFile(gen, ['# flowlite (seed 000)', 'CKV_AZURE_33 flowlite-*: queue logging']);
    expect(text).toContain(`${GENERATED_BEGIN}\nCKV_AZURE_33 personal-tech-dev,personal-tech-prod Backups: classic queue logging needs shared keys\n`);
    expect(text.endsWith(`${HAND_KEPT}\n# flowlite (seed 000)\nCKV_AZURE_33 flowlite-*: queue logging\n`)).toBe(true);
    expect(splitSkipsFile(text).handKept).toEqual(['# flowlite (seed 000)', 'CKV_AZURE_33 flowlite-*: queue logging']);
    // A file written by hand before the generator existed: every line is hand-kept.
    expect(splitSkipsFile('# old\nCKV_AWS_2 stockwiz-*: reason here\n').handKept).toEqual(['CKV_AWS_2 stockwiz-*: reason here']);
  });

  test('parses generated and hand-kept lines (reasons may contain colons)', () => {
    expect(parseSkip('CKV_AWS_103 stockwiz-*: same: no ACM certificate')).toEqual({ id: 'CKV_AWS_103', stacks: ['stockwiz-*'], path: '', reason: 'same: no ACM certificate' });
    expect(parseSkip('CKV_AWS_2 stockwiz-dev,stockwiz-prod Alb: seed 003: HTTP only')).toEqual({ id: 'CKV_AWS_2', stacks: ['stockwiz-dev', 'stockwiz-prod'], path: 'Alb', reason: 'seed 003: HTTP only' });
    expect(parseSkip('CKV_AZURE_33 *: logs via diagnostic settings')!.stacks).toEqual(['*']);
  });
});
