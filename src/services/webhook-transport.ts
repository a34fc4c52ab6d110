import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { checkWebhookUrl } from '../domain/webhook-targets.js';

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  allowPrivate: boolean;
  timeoutMs: number;
}

export type WebhookPostResult = { statusCode: number } | { error: string };

// One agent of each kind per setting: they check the address each connection actually goes to, after the
// name is resolved, so a name that resolves somewhere private by delivery time is refused all the same.
const agents = {
  strict: { http: new RequestFilteringHttpAgent({ keepAlive: false }), https: new RequestFilteringHttpsAgent({ keepAlive: false }) },
  private: {
    http: new RequestFilteringHttpAgent({ keepAlive: false, allowPrivateIPAddress: true }),
    https: new RequestFilteringHttpsAgent({ keepAlive: false, allowPrivateIPAddress: true }),
  },
};

/** Refusals name no address or port: the delivery log must not become a map of the internal network. */
export const refusedTargetError = 'target address not allowed';

/**
 * POSTs a webhook body. Redirects are not followed (they would re-post the signed body elsewhere); the
 * answer's body is discarded. Resolves with the status code or a short error; never throws.
 */
export function postWebhook(post: WebhookPost): Promise<WebhookPostResult> {
  const checked = checkWebhookUrl(post.url, post.allowPrivate);
  if (!checked.ok) return Promise.resolve({ error: refusedTargetError });
  const secure = checked.url.protocol === 'https:';
  const set = post.allowPrivate ? agents.private : agents.strict;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: WebhookPostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const request = (secure ? https : http).request(
      checked.url,
      {
        method: 'POST',
        agent: secure ? set.https : set.http,
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
      },
      (response) => {
        response.resume();
        response.on('end', () => finish({ statusCode: response.statusCode ?? 0 }));
        response.on('error', (error) => finish({ error: error.message.slice(0, 500) }));
      },
    );
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${post.timeoutMs} ms`)), post.timeoutMs);
    request.on('error', (error) => {
      const blocked = /is not allowed/.test(error.message);
      finish({ error: blocked ? refusedTargetError : error.message.slice(0, 500) });
    });
    request.end(post.body);
  });
}
