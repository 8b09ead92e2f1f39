import * as fs from 'fs';
import * as path from 'path';
import { withCatalog } from '../../scripts/policy-catalog';

test('the README rule catalog matches the packs (run `npm run policy:catalog`)', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(readme).toContain('## Policy packs');
  expect(withCatalog(readme)).toBe(readme);
});
