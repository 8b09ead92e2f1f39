import { PolicyPack } from './types';

/** The rule catalog as a markdown table per pack (README "Policy packs"). */
export function catalogMarkdown(packs: readonly PolicyPack[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out: string[] = [];
  for (const p of packs) {
    out.push(`#### ${p.name === 'aws' ? 'AWS' : p.name === 'azure' ? 'Azure' : p.name} pack (\`${p.name.toUpperCase()}_PACK\`, ${p.rules.length} rules)`, '');
    out.push('| id | severity | checks | resource types | checkov |', '| --- | --- | --- | --- | --- |');
    for (const r of p.rules) {
      const sev = `${r.severity}${r.stage === 'production' ? ' (production)' : ''}`;
      out.push(`| ${r.id} | ${sev} | ${esc(r.description)} | ${r.resourceTypes.map((t) => `\`${t}\``).join(', ')} | ${(r.checkov ?? []).join(', ') || '—'} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
