import { useEffect, useState } from 'preact/hooks';
import { webhooks } from '../../api/endpoints';
import type { Delivery, Webhook } from '../../api/types';
import { Action } from '../../components/action';
import { ProblemBox } from '../../components/problem';
import { formatDateTime, formatList } from '../../lib/format';
import { t } from '../../i18n';
import { webhookEventTypes } from '../../../../src/domain/webhook-events';

const eventTypes = webhookEventTypes;

/** Webhooks: who is told what, and every attempt to tell them. */
export function WebhooksAdmin() {
  const [list, setList] = useState<Webhook[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [form, setForm] = useState({ url: '', secret: '', events: [...eventTypes] as string[] });
  const [deliveries, setDeliveries] = useState<{ hook: Webhook; items: Delivery[] } | null>(null);
  const [chosen, setChosen] = useState<Webhook | null>(null);
  const load = () => webhooks.list().then((answer) => setList(answer.webhooks), setProblem);
  useEffect(() => void load(), []);

  async function create() {
    setProblem(null);
    try {
      await webhooks.create({ url: form.url, secret: form.secret, events: form.events as Array<(typeof eventTypes)[number]> });
      setForm({ ...form, url: '', secret: '' });
      await load();
    } catch (error) {
      setProblem(error);
    }
  }

  return (
    <div class="admin-section">
      <section class="card" aria-labelledby="webhook-form-title">
        <h2 id="webhook-form-title">{t('webhooks.add')}</h2>
        <div class="form-grid">
          <label class="field">
            <span>{t('webhooks.url')}</span>
            <input type="url" dir="ltr" value={form.url} onInput={(event) => setForm({ ...form, url: event.currentTarget.value })} />
          </label>
          <label class="field">
            <span>{t('webhooks.secret')}</span>
            <input dir="ltr" value={form.secret} onInput={(event) => setForm({ ...form, secret: event.currentTarget.value })} />
          </label>
        </div>
        <fieldset>
          <legend>{t('webhooks.events')}</legend>
          {eventTypes.map((type) => (
            <label key={type} class="checkbox">
              <input
                type="checkbox"
                checked={form.events.includes(type)}
                onChange={(event) => setForm({ ...form, events: event.currentTarget.checked ? [...form.events, type] : form.events.filter((e) => e !== type) })}
              />
              {t(`webhooks.event.${type.replace('.', '_')}`)}
            </label>
          ))}
        </fieldset>
        <ProblemBox error={problem} />
        <Action kind="primary" shortcut="Ctrl+Enter" onAction={() => void create()} disabled={!form.url || !form.secret}>
          {t('webhooks.addAction')}
        </Action>
      </section>
      <div class="actions">
        <Action shortcut="Alt+V" disabled={!chosen} onAction={() => chosen && void Promise.all([webhooks.deliveries(chosen.id), load()]).then(([answer]) => setDeliveries({ hook: chosen, items: answer.deliveries }), setProblem)}>
          {t('webhooks.showDeliveries')}
        </Action>
        <Action kind="danger" shortcut="Alt+D" disabled={!chosen} onAction={() => chosen && void webhooks.remove(chosen.id).then(() => (setChosen(null), load()), setProblem)}>
          {t('webhooks.remove')}
        </Action>
      </div>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('webhooks.url')}</th>
              <th scope="col">{t('webhooks.events')}</th>
              <th scope="col">{t('webhooks.counts')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((hook) => (
              <tr key={hook.id}>
                <td dir="ltr">
                  <button type="button" class="link" aria-pressed={chosen?.id === hook.id} onClick={() => setChosen(chosen?.id === hook.id ? null : hook)}>
                    {hook.url}
                  </button>
                </td>
                <td>{formatList(hook.events.map((type) => t(`webhooks.event.${type.replace('.', '_')}`)))}</td>
                <td>{t('webhooks.countsValue', { delivered: hook.delivered, pending: hook.pending, failed: hook.failed })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {deliveries && (
        <section class="card" aria-labelledby="deliveries-title">
          <h2 id="deliveries-title">{t('webhooks.deliveriesOf', { url: `\u2066${deliveries.hook.url}\u2069` })}</h2>
          {deliveries.items.length === 0 && <p class="muted">{t('webhooks.noDeliveries')}</p>}
          <ul>
            {deliveries.items.map((delivery) => (
              <li key={delivery.id}>
                {t(`webhooks.event.${delivery.eventType.replace('.', '_')}`)} · {t(`webhooks.status.${delivery.status}`, { defaultValue: delivery.status })} ·{' '}
                {t('webhooks.attempts', { n: delivery.attempts })}
                {/* The status code and the date isolated: side by side in a right-to-left line their digits
                    would run together. */}
                {delivery.lastStatusCode !== null && (
                  <>
                    {' · '}
                    <bdi dir="ltr">HTTP {delivery.lastStatusCode}</bdi>
                  </>
                )}{' '}
                · <bdi>{formatDateTime(delivery.createdAt)}</bdi>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
