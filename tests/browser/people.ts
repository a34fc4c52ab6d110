import { readFileSync } from 'node:fs';
import type { Harness } from '../helpers/harness.js';

export const sampleArticle = readFileSync(new URL('../fixtures/tass-aliyev-apology.ru.txt', import.meta.url), 'utf8');

/** A named person with roles and language pairs, created the way an admin does it; returns their token. */
export async function createPerson(
  harness: Harness,
  name: string,
  roles: string[],
  languagePairs: Array<{ source: string; target: string }> = [],
): Promise<string> {
  const created = await harness.call('POST', '/api/v1/users', { token: harness.adminToken, json: { name, roles, languagePairs } });
  if (created.status !== 201) throw new Error(`creating ${name}: ${created.status} ${created.text}`);
  return created.body.token as string;
}

/** The sample article submitted through the API, as a pasted page. */
export async function submitSample(harness: Harness, editorToken: string, targets: string[], extra = ''): Promise<string> {
  const answer = await harness.call('POST', `/api/v1/articles?sourceLang=ru&targetLocales=${targets.join(',')}${extra}`, {
    token: editorToken,
    body: sampleArticle,
    headers: { 'content-type': 'text/plain' },
  });
  if (answer.status !== 201) throw new Error(`submitting the sample: ${answer.status} ${answer.text}`);
  return answer.body.id as string;
}
