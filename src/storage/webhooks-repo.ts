import type { Db } from './pool.js';

export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
}

const columns = `id, url, events, active, created_at AS "createdAt"`;

export async function insertWebhook(db: Db, hook: { id: string; url: string; events: string[]; secret: string }): Promise<WebhookRow> {
  const result = await db.query<WebhookRow>(
    `INSERT INTO webhooks (id, url, events, secret) VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
    [hook.id, hook.url, hook.events, hook.secret],
  );
  return result.rows[0]!;
}

export async function listWebhooks(db: Db) {
  const result = await db.query(
    `SELECT w.id, w.url, w.events, w.active, w.created_at AS "createdAt",
            count(d.id) FILTER (WHERE d.status = 'delivered')::int AS delivered,
            count(d.id) FILTER (WHERE d.status = 'pending')::int AS pending,
            count(d.id) FILTER (WHERE d.status = 'failed')::int AS failed
     FROM webhooks w LEFT JOIN webhook_deliveries d ON d.webhook_id = w.id GROUP BY w.id ORDER BY w.created_at`,
  );
  return result.rows;
}

export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  const result = await db.query(`DELETE FROM webhooks WHERE id = $1`, [id]);
  return result.rowCount === 1;
}

export async function listDeliveries(db: Db, webhookId: string, limit = 100) {
  const result = await db.query(
    `SELECT d.id, d.event_id AS "eventId", e.type AS "eventType", d.status, d.attempts, d.last_status_code AS "lastStatusCode",
            d.last_error AS "lastError", d.created_at AS "createdAt", d.delivered_at AS "deliveredAt"
     FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE d.webhook_id = $1 ORDER BY d.event_id DESC LIMIT $2`,
    [webhookId, limit],
  );
  return result.rows;
}

/**
 * Turns events not yet fanned out into one delivery per subscribed webhook, in one transaction; returns
 * the new delivery ids to queue after commit.
 */
export async function fanOutEvents(db: Db, batch = 200): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `WITH pending AS (
       SELECT id, type FROM events WHERE NOT fanned_out ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED),
     marked AS (UPDATE events e SET fanned_out = true FROM pending p WHERE e.id = p.id RETURNING e.id, e.type)
     INSERT INTO webhook_deliveries (id, webhook_id, event_id)
     SELECT gen_random_uuid(), w.id, m.id FROM marked m JOIN webhooks w ON w.active AND m.type = ANY(w.events)
     ON CONFLICT DO NOTHING RETURNING id`,
    [batch],
  );
  return result.rows.map((r) => r.id);
}

export async function listPendingDeliveries(db: Db): Promise<string[]> {
  const result = await db.query<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE status = 'pending'`);
  return result.rows.map((r) => r.id);
}

export interface DeliveryWork {
  id: string;
  status: string;
  url: string;
  secret: string;
  eventId: number;
  eventType: string;
  payload: object;
  createdAt: Date;
}

export async function loadDelivery(db: Db, id: string): Promise<DeliveryWork | null> {
  const result = await db.query<DeliveryWork>(
    `SELECT d.id, d.status, w.url, w.secret, e.id AS "eventId", e.type AS "eventType", e.payload, e.created_at AS "createdAt"
     FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN events e ON e.id = d.event_id WHERE d.id = $1`,
    [id],
  );
  return result.rows[0] ?? null;
}

export async function recordAttempt(
  db: Db,
  id: string,
  outcome: { status: 'pending' | 'delivered' | 'failed'; statusCode: number | null; error: string | null },
): Promise<void> {
  await db.query(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, status = $2, last_status_code = $3, last_error = $4,
            delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
     WHERE id = $1`,
    [id, outcome.status, outcome.statusCode, outcome.error],
  );
}

export async function eventsAfter(db: Db, afterId: number, limit = 500) {
  const result = await db.query<{ id: number; type: string; articleId: string; payload: object; createdAt: Date }>(
    `SELECT id, type, article_id AS "articleId", payload, created_at AS "createdAt" FROM events WHERE id > $1 ORDER BY id LIMIT $2`,
    [afterId, limit],
  );
  return result.rows;
}

export async function latestEventId(db: Db): Promise<number> {
  const result = await db.query<{ id: number | null }>(`SELECT max(id) AS id FROM events`);
  return Number(result.rows[0]?.id ?? 0);
}

export async function eventsByIds(db: Db, ids: number[]) {
  const result = await db.query<{ id: number; type: string; articleId: string; payload: object; createdAt: Date }>(
    `SELECT id, type, article_id AS "articleId", payload, created_at AS "createdAt" FROM events WHERE id = ANY($1::bigint[]) ORDER BY id`,
    [ids],
  );
  return result.rows;
}
