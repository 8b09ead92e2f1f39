import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { archiveDirectory, zipDirectory } from '../../lib/core/archive';

describe('archive', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-src-'));
  fs.mkdirSync(path.join(dir, 'pkg'));
  fs.mkdirSync(path.join(dir, '__pycache__'));
  fs.writeFileSync(path.join(dir, 'handler.py'), 'def handler(event, context):\n    return {"ok": True}\n');
  fs.writeFileSync(path.join(dir, 'pkg', 'util.py'), 'X = 1\n'.repeat(100));
  fs.writeFileSync(path.join(dir, '__pycache__', 'handler.cpython-311.pyc'), 'junk');
  fs.writeFileSync(path.join(dir, '.env'), 'SECRET=1');

  test('a standard zip reader lists and extracts the files, skipping caches and dot-files', () => {
    const { file } = archiveDirectory(dir);
    const listing = execFileSync('python3', ['-c', 'import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print(sorted(z.namelist()));print(z.read("pkg/util.py").decode().count("X = 1"))', file], { encoding: 'utf8' });
    expect(listing.trim().split('\n')).toEqual(["['handler.py', 'pkg/util.py']", '100']);
  });

  test('the bytes depend only on names and contents', () => {
    const a = zipDirectory(dir);
    fs.utimesSync(path.join(dir, 'handler.py'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(zipDirectory(dir).equals(a)).toBe(true);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-src-'));
    fs.writeFileSync(path.join(other, 'handler.py'), 'changed');
    expect(zipDirectory(other).equals(a)).toBe(false);
  });
});
