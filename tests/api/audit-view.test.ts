import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabel, renderAudit } from '../../api/console/audit-view.js';
import { PROJECT_ROOT } from '../../lib/paths.js';

/** Every audited action the code writes: the quoted codes after `action:` in the source folders. */
function actionsWrittenByTheCode(): string[] {
  const codes = new Set<string>();
  for (const folder of ['api', 'app', 'crawler', 'db', 'jobs', 'lib']) {
    for (const file of readdirSync(join(PROJECT_ROOT, folder), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(join(PROJECT_ROOT, folder, file), 'utf8');
      for (const [, expression] of source.matchAll(/\baction: ([^,}\n]+)/g)) {
        for (const [, code] of expression!.matchAll(/'([a-z_.]+)'/g)) codes.add(code!);
      }
    }
  }
  return [...codes].sort();
}

describe('audit log page', () => {
  it('when the code writes an audited action, then the page has a French and an English label for it', () => {
    const codes = actionsWrittenByTheCode();

    expect(codes).toEqual(expect.arrayContaining(['authz_denied', 'flag.decide', 'flag.legal_hold_lifted', 'flag.reveal', 'user.disabled']));
    expect(codes.filter((code) => auditActionLabel('fr', code) === code || auditActionLabel('en', code) === code)).toEqual([]);
  });

  it('when an entry is shown, then its action is named in the reader\'s language beside its code, and an unknown code is shown as it is, escaped', () => {
    const entries = [
      { seq: 2, at: new Date('2026-11-23T15:00:00Z'), actor: 'user:1', action: 'flag.claim', org: 'portage', target: 'flag:abc' },
      { seq: 1, at: new Date('2026-11-23T14:00:00Z'), actor: 'cli', action: 'later.<added>' },
    ];
    const user = { email: 'admin@example.org', csrfToken: 't', isAdmin: true, adminOf: ['portage'] };

    const french = renderAudit({ locale: 'fr', user, entries });
    const english = renderAudit({ locale: 'en', user, entries });

    expect(french).toContain('<td>Prise en charge<br><code class="muted">flag.claim</code></td>');
    expect(english).toContain('<td>Flag claimed<br><code class="muted">flag.claim</code></td>');
    expect(french).toContain('<td>later.&lt;added&gt;<br><code class="muted">later.&lt;added&gt;</code></td>');
  });
});
