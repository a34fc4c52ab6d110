import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, submitSample } from './people.js';
import { editorText, screenshot, startWorkbench, type Workbench } from './workbench.js';

// Quality checks on: a blocked submit must explain itself in the person's language.
let workbench: Workbench;
let lena: string;

beforeAll(async () => {
  workbench = await startWorkbench({ qaChecks: 'on' });
  const desk = await createPerson(workbench.harness, 'Desk', ['editor']);
  lena = await createPerson(workbench.harness, 'Lena', ['translator'], [{ source: 'ru', target: 'en' }]);
  await submitSample(workbench.harness, desk, ['en']);
});

afterAll(async () => {
  await workbench?.close();
});

describe('sign-in, an expired session and refused work, in a Russian interface', () => {
  it('explains every refusal in Russian and loses nothing typed when the session ends', async () => {
    const { page, context } = await workbench.person(lena, { languages: ['ru-RU', 'ru'], signedIn: false });
    await page.goto('/app/translate');

    // A wrong token: the API's own problem, localized; no code, no stack.
    const tokenField = page.getByRole('textbox', { name: 'Ваш токен' });
    await tokenField.fill('not-a-token');
    await page.keyboard.press('Enter');
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Требуется аутентификация');
    expect(await refusal.innerText()).not.toMatch(/unauthorized|Error|at /);
    await tokenField.fill(lena);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/translate$/);

    // Work starts; the session then ends elsewhere (revoked, as sign-out on another tab does).
    await page.getByRole('button', { name: /Дальше/ }).waitFor();
    await page.keyboard.press('Alt+N');
    await page.getByRole('textbox', { name: 'Перевод', exact: true }).waitFor();
    await page.keyboard.type('Алиев apologised');
    const cookie = (await context.cookies()).find((c) => c.name === 'dragoman_session');
    expect(cookie).toBeTruthy();
    const signOut = await fetch(`${workbench.harness.baseUrl}/api/v1/session`, { method: 'DELETE', headers: { cookie: `dragoman_session=${cookie!.value}` } });
    expect(signOut.status).toBe(204);

    // The next request finds the session gone: back to sign-in, told why, and then back to the text.
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/\/app\/sign-in\?next=/);
    // The sign-in page may render its notice a moment after the address changed: wait for it, then count.
    const ended = page.getByRole('status').filter({ hasText: 'Сеанс завершён' });
    await ended.waitFor();
    expect(await ended.count()).toBe(1);
    await screenshot(page, 'sign-in-session-ended');
    await page.getByRole('textbox', { name: 'Ваш токен' }).fill(lena);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/translate$/);
    await page.getByRole('textbox', { name: 'Перевод', exact: true }).waitFor();
    expect(await editorText(page, 'Перевод')).toBe('Алиев apologised');

    // Cyrillic left in an English translation blocks the submit, with the reason in Russian.
    await page.getByRole('textbox', { name: 'Перевод', exact: true }).focus();
    await page.keyboard.press('Control+Enter');
    const blocked = page.getByRole('alert').filter({ hasText: 'Проверка качества не пройдена' });
    await blocked.waitFor();
    const explanation = await blocked.innerText();
    expect(explanation).toMatch(/кирилл/i);
    expect(explanation).not.toMatch(/qa_failed|cyrillic_in_target/);
    await screenshot(page, 'translator-qa-blocked-ru');
    // Focus stays in the editor: the fix is typed straight away.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('textbox');
    const blockedTask = await page.locator('article.task').getAttribute('data-task-id');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Aliyev apologised for the deaths of Russian peacekeepers in Karabakh');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction((id) => document.querySelector('article.task')?.getAttribute('data-task-id') !== id, blockedTask);
    expect(await page.getByRole('alert').filter({ hasText: 'Проверка качества не пройдена' }).count()).toBe(0);
  }, 90_000);
});
