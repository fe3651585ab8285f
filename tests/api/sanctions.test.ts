import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertOrganization } from '../../db/organization-repository.js';
import { apiDepsOf, aSignedInUser, type Session, startApi } from '../support/api-client.js';
import { aFlaggedPost } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let reviewer: Session;
let admin: Session;
let outsider: Session;

interface Subject {
  level: string;
  standing: string;
  suggestedNext: string;
  history: { kind: string; skippedSteps?: boolean }[];
}

beforeAll(async () => {
  context = await createTestContext('api-sanctions');
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'rseq', name: 'RSEQ' });
  reviewer = await aSignedInUser(context, api.base, [{ org: 'rseq', role: 'reviewer' }]);
  admin = await aSignedInUser(context, api.base, [{ org: 'rseq', role: 'admin' }]);
  outsider = await aSignedInUser(context, api.base, [{ org: 'other', role: 'reviewer' }]);
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

async function decideOn(author: string, kind: string): Promise<void> {
  const { flagId } = await aFlaggedPost(context, { org: 'rseq', author });
  const response = await reviewer.request('POST', `/api/flags/${flagId}/decision`, { kind, rationale: `Décision ${kind} après examen`, version: 0 });
  expect(response.status).toBe(200);
}

const subject = (member: string, as: Session = reviewer) => as.json<Subject>('GET', `/api/subjects/rseq/${encodeURIComponent(member)}`);

describe('sanctions ladder', () => {
  it('when a member is warned, suspended and blacklisted, then the record follows the ladder and suggests each next step', async () => {
    await decideOn('joueur_7', 'warn');
    expect((await subject('joueur_7')).body).toMatchObject({ level: 'warning', standing: 'good', suggestedNext: 'suspension' });

    await decideOn('joueur_7', 'suspend');
    expect((await subject('joueur_7')).body).toMatchObject({ level: 'suspension', standing: 'suspended', suggestedNext: 'blacklist' });

    const ack = await reviewer.json<Subject>('POST', '/api/subjects/rseq/joueur_7/acknowledge', { rationale: 'A relu et signé le code de conduite' });
    expect(ack.body).toMatchObject({ level: 'suspension', standing: 'good' });

    await decideOn('joueur_7', 'blacklist');
    const record = await subject('joueur_7');
    expect(record.body).toMatchObject({ level: 'blacklist', standing: 'blacklisted' });
    expect(record.body.history.map((h) => h.kind)).toEqual(['warning', 'suspension', 'acknowledged', 'blacklist']);
    expect(record.body.history.some((h) => h.skippedSteps)).toBe(false);
  });

  it('when a blacklist is lifted, then only an administrator with a rationale can do it', async () => {
    const byReviewer = await reviewer.request('POST', '/api/subjects/rseq/joueur_7/lift', { rationale: 'Je pense que ça suffit' });
    const noRationale = await admin.request('POST', '/api/subjects/rseq/joueur_7/lift', {});
    const lifted = await admin.json<Subject>('POST', '/api/subjects/rseq/joueur_7/lift', { rationale: 'Décision du comité de discipline du 12 mai' });

    expect(byReviewer.status).toBe(403);
    expect(noRationale.status).toBe(400);
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ standing: 'good', level: 'suspension', suggestedNext: 'blacklist' });
  });

  it('when an urgent case goes straight to the blacklist, then the skipped steps are recorded', async () => {
    await decideOn('menace_grave', 'blacklist');

    const record = await subject('menace_grave');

    expect(record.body.history).toEqual([expect.objectContaining({ kind: 'blacklist', skippedSteps: true })]);
  });

  it('when the member is not suspended, or belongs to another organization, then it is 409 or 404', async () => {
    await decideOn('poli', 'warn');

    const notSuspended = await reviewer.request('POST', '/api/subjects/rseq/poli/acknowledge', { rationale: 'A relu les règles du groupe' });
    const foreign = await outsider.request('GET', '/api/subjects/rseq/poli');
    const unknown = await reviewer.request('GET', '/api/subjects/rseq/personne');

    expect(notSuspended.status).toBe(409);
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
  });

  it('when two reviewers end the same suspension at once (10 trials), then each time one succeeds and the other gets 409, the history has one entry, and a loser that had written its audit line is audited as refused', async () => {
    const colleague = await aSignedInUser(context, api.base, [{ org: 'rseq', role: 'reviewer' }]);
    for (let trial = 0; trial < 10; trial++) {
      const member = `course_${trial}`;
      await decideOn(member, 'suspend');

      const answers = await Promise.all(
        [reviewer, colleague].map((session) => session.request('POST', `/api/subjects/rseq/${member}/acknowledge`, { rationale: 'A relu et signé le code de conduite' })),
      );

      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const record = await subject(member);
      expect(record.body.standing).toBe('good');
      expect(record.body.history.filter((entry) => entry.kind === 'acknowledged')).toHaveLength(1);
    }
    // A loser that saw the suspension wrote its audit line, then lost the write: its refusal is audited too.
    const targets = (await context.store.models.Subject.find({ org: 'rseq' }).lean()).filter((row) => row.memberKey.startsWith('course_')).map((row) => `subject:${String(row._id)}`);
    const auditedAs = async (action: string) =>
      (await context.store.models.AuditEvent.find({ action }).lean()).filter((entry) => targets.includes(entry.target ?? '')).length;
    const attempts = await auditedAs('subject.acknowledged');
    const refused = await auditedAs('subject.change_refused');
    expect(targets).toHaveLength(10);
    expect(attempts - refused).toBe(10);
  });

  it('when the member page is opened in the console, then it shows the standing and history as text', async () => {
    const page = await (await reviewer.request('GET', '/members/rseq/joueur_7?lang=fr')).text();

    expect(page).toContain('Dossier du membre : joueur_7');
    expect(page).toContain('data-standing="good"');
    expect(page).toContain('Liste noire levée');
  });

  it('when a suspension is ended from the member page with too short a rationale, then the page comes back with the problem and the text typed, the member still suspended; a real rationale ends it', async () => {
    await decideOn('console_suspendu', 'suspend');

    const refused = await reviewer.form('/members/rseq/console_suspendu/acknowledge?lang=fr', { rationale: 'ok <b>' });
    const refusedPage = await refused.text();
    const standingAfterRefusal = (await subject('console_suspendu')).body.standing;
    const accepted = await reviewer.form('/members/rseq/console_suspendu/acknowledge?lang=fr', { rationale: 'A relu et signé le code de conduite' });

    expect(refused.status).toBe(400);
    expect(refusedPage).toContain('Données invalides : form.rationale : Trop petit');
    expect(refusedPage).toContain('name="rationale" required minlength="10" maxlength="2000">ok &lt;b&gt;</textarea>');
    expect(refusedPage).toContain('data-standing="suspended"');
    expect(standingAfterRefusal).toBe('suspended');
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/members/rseq/console_suspendu?lang=fr');
    expect((await subject('console_suspendu')).body.standing).toBe('good');
  });

  it('when a suspension was already ended by a colleague, then the member page comes back with a conflict notice and the current standing', async () => {
    await decideOn('deja_repris', 'suspend');
    await reviewer.json('POST', '/api/subjects/rseq/deja_repris/acknowledge', { rationale: 'A relu et signé le code de conduite' });

    const late = await reviewer.form('/members/rseq/deja_repris/acknowledge?lang=fr', { rationale: 'A aussi relu les règles avec moi' });
    const page = await late.text();

    expect(late.status).toBe(409);
    expect(page).toContain('Le dossier de ce membre a changé entre-temps');
    expect(page).toContain('data-standing="good"');
    expect((await subject('deja_repris')).body.history.filter((entry) => entry.kind === 'acknowledged')).toHaveLength(1);
  });

  it('when a blacklist lift is refused in the console, then the administrator gets the page back in English with the rationale typed, and the member stays blacklisted', async () => {
    await decideOn('liste_noire_console', 'blacklist');

    const refused = await admin.form('/members/rseq/liste_noire_console/lift?lang=en', { rationale: '  ' });
    const page = await refused.text();

    expect(refused.status).toBe(400);
    expect(page).toContain('Invalid input: form.rationale: Too small');
    expect(page).toContain('id="rationale-lift" name="rationale" required minlength="10" maxlength="2000">  </textarea>');
    expect((await subject('liste_noire_console')).body.standing).toBe('blacklisted');
  });

  it('when a flag is about a member with no record yet, then its page links to no member page (there is none); once a decision is recorded, it does', async () => {
    const first = await aFlaggedPost(context, { org: 'rseq', author: 'nouveau_membre' });
    const before = await (await reviewer.request('GET', `/flags/${first.flagId}?lang=fr`)).text();
    await decideOn('nouveau_membre', 'warn');
    const second = await aFlaggedPost(context, { org: 'rseq', author: 'nouveau_membre' });
    const after = await (await reviewer.request('GET', `/flags/${second.flagId}?lang=fr`)).text();

    expect(before).toContain('nouveau_membre');
    expect(before).not.toContain('/members/rseq/nouveau_membre');
    expect(after).toContain('/members/rseq/nouveau_membre?lang=fr');
    expect((await reviewer.request('GET', '/members/rseq/nouveau_membre?lang=fr')).status).toBe(200);
  });
});
