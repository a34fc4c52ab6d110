import { useEffect, useRef, useState } from 'preact/hooks';
import { users } from '../../api/endpoints';
import type { Role } from '../../api/types';
import type { Person } from '../../api/workbench-types';
import { Action } from '../../components/action';
import { formatPairs, parsePairs } from '../../components/desk/pair-picker';
import { formatList, isolate } from '../../lib/format';
import { ProblemBox } from '../../components/problem';
import { t } from '../../i18n';

const roles: Role[] = ['translator', 'reviewer', 'editor', 'publisher', 'admin'];

function RoleChecks({ value, onChange, name }: { value: Role[]; onChange: (roles: Role[]) => void; name: string }) {
  return (
    <fieldset>
      <legend>{t('users.roles')}</legend>
      {roles.map((role) => (
        <label key={role} class="checkbox">
          <input
            type="checkbox"
            name={name}
            checked={value.includes(role)}
            onChange={(event) => onChange(event.currentTarget.checked ? [...value, role] : value.filter((r) => r !== role))}
          />
          {t(`role.${role}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** People: create them (their token is shown once), change roles, pairs, capacity, shift, rotate a lost token. */
export function UsersAdmin() {
  const [query, setQuery] = useState({ q: '', role: '' });
  const [list, setList] = useState<Person[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [editing, setEditing] = useState<Person | null>(null);
  const [token, setToken] = useState<{ name: string; token: string } | null>(null);

  const load = async (after?: string) => {
    try {
      const page = await users.list({ q: query.q || undefined, role: (query.role || undefined) as Role | undefined, cursor: after, limit: 50 });
      setList((before) => (after ? [...before, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (error) {
      setProblem(error);
    }
  };
  useEffect(() => {
    const timer = setTimeout(() => void load(), 250);
    return () => clearTimeout(timer);
  }, [query.q, query.role]);

  return (
    <div class="admin-section">
      <CreateUser
        onCreated={(created) => {
          setToken(created);
          void load();
        }}
      />
      {token && (
        <div class="banner info" role="status">
          <strong>{t('users.tokenFor', { name: isolate(token.name) })}</strong>
          <p class="token-box" dir="ltr">
            {token.token}
          </p>
          <p>{t('users.tokenOnce')}</p>
        </div>
      )}
      <h2>{t('users.list')}</h2>
      <div class="filters">
        <label class="field">
          <span>{t('users.search')}</span>
          <input type="search" value={query.q} onInput={(event) => setQuery({ ...query, q: event.currentTarget.value })} />
        </label>
        <label class="field">
          <span>{t('users.role')}</span>
          <select value={query.role} onChange={(event) => setQuery({ ...query, role: event.currentTarget.value })}>
            <option value="">{t('articles.any')}</option>
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ProblemBox error={problem} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.roles')}</th>
              <th scope="col">{t('users.pairs')}</th>
              <th scope="col">{t('users.capacity')}</th>
              <th scope="col">{t('users.shift')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((person) => (
              <tr key={person.id}>
                <td>
                  <button type="button" class="link" onClick={() => setEditing(person)}>
                    <bdi>{person.name}</bdi>
                  </button>
                </td>
                <td>{formatList(person.roles.map((role) => t(`role.${role}`)))}</td>
                <td dir="ltr">{formatPairs(person.languagePairs)}</td>
                <td>{person.capacity}</td>
                <td>{person.available ? t('shift.on') : t('shift.off')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cursor && (
        <Action shortcut="Alt+L" onAction={() => void load(cursor)}>
          {t('articles.more')}
        </Action>
      )}
      {editing && (
        <EditUser
          key={editing.id}
          person={editing}
          onSaved={() => void load()}
          onToken={(value) => setToken({ name: editing.name, token: value })}
        />
      )}
    </div>
  );
}

function CreateUser({ onCreated }: { onCreated: (created: { name: string; token: string }) => void }) {
  const [form, setForm] = useState({ name: '', roles: ['translator'] as Role[], pairs: '', capacity: 5 });
  const [problem, setProblem] = useState<unknown>(null);
  async function create() {
    setProblem(null);
    try {
      const created = await users.create({ name: form.name, roles: form.roles, languagePairs: parsePairs(form.pairs), capacity: form.capacity });
      onCreated({ name: created.name, token: created.token });
      setForm({ ...form, name: '', pairs: '' });
    } catch (error) {
      setProblem(error);
    }
  }
  return (
    <section class="card" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('users.create')}</h2>
      <div class="form-grid">
        <label class="field">
          <span>{t('users.name')}</span>
          <input value={form.name} onInput={(event) => setForm({ ...form, name: event.currentTarget.value })} />
        </label>
        <label class="field">
          <span>{t('users.pairs')}</span>
          <input value={form.pairs} dir="ltr" placeholder="ru>en, ru>ar" onInput={(event) => setForm({ ...form, pairs: event.currentTarget.value })} />
        </label>
        <label class="field">
          <span>{t('users.capacity')}</span>
          <input type="number" min={1} max={100} value={form.capacity} onInput={(event) => setForm({ ...form, capacity: Number(event.currentTarget.value) })} />
        </label>
      </div>
      <RoleChecks name="new-roles" value={form.roles} onChange={(value) => setForm({ ...form, roles: value })} />
      <ProblemBox error={problem} />
      <div class="actions">
        <Action kind="primary" shortcut="Ctrl+Enter" onAction={() => void create()} disabled={form.name.trim() === ''}>
          {t('users.createAction')}
        </Action>
      </div>
    </section>
  );
}

function EditUser({ person, onSaved, onToken }: { person: Person; onSaved: () => void; onToken: (token: string) => void }) {
  const [form, setForm] = useState({ roles: person.roles, pairs: formatPairs(person.languagePairs), capacity: person.capacity, available: person.available });
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  // The form opens below the list: the cursor goes to it, so a person choosing from the keyboard edits at once.
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  async function run(action: () => Promise<void>) {
    setProblem(null);
    setSaved(false);
    try {
      await action();
      setSaved(true);
    } catch (error) {
      setProblem(error);
    }
  }
  return (
    <section class="card" aria-labelledby="edit-user-title">
      <h2 id="edit-user-title">{t('users.edit', { name: isolate(person.name) })}</h2>
      <div class="form-grid">
        <label class="field">
          <span>{t('users.pairs')}</span>
          <input ref={first} value={form.pairs} dir="ltr" onInput={(event) => setForm({ ...form, pairs: event.currentTarget.value })} />
        </label>
        <label class="field">
          <span>{t('users.capacity')}</span>
          <input type="number" min={1} max={100} value={form.capacity} onInput={(event) => setForm({ ...form, capacity: Number(event.currentTarget.value) })} />
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={form.available} onChange={(event) => setForm({ ...form, available: event.currentTarget.checked })} />
          {t('shift.on')}
        </label>
      </div>
      <RoleChecks name="edit-roles" value={form.roles} onChange={(value) => setForm({ ...form, roles: value })} />
      <ProblemBox error={problem} />
      {saved && <p role="status">{t('users.saved')}</p>}
      <div class="actions">
        <Action
          kind="primary"
          shortcut="Alt+S"
          onAction={() =>
            void run(async () => {
              await users.update(person.id, { roles: form.roles, languagePairs: parsePairs(form.pairs), capacity: form.capacity, available: form.available });
              onSaved();
            })
          }
        >
          {t('users.save')}
        </Action>
        <Action kind="danger" shortcut="Alt+T" onAction={() => void run(async () => onToken((await users.rotateToken(person.id)).token))}>
          {t('users.rotate')}
        </Action>
      </div>
    </section>
  );
}
