import { lookup } from 'node:dns/promises';
import { checkWebhookUrl, isPublicAddress, type TargetRefusal } from '../domain/webhook-targets.js';
import { AppError } from '../errors.js';

export type AddressLookup = (host: string) => Promise<string[]>;

const systemLookup: AddressLookup = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Checks a webhook URL at registration: the URL itself, then every address its name resolves to now. A name
 * can resolve elsewhere later (DNS rebinding), so deliveries check the address they connect to again.
 */
export async function checkWebhookTarget(raw: string, allowPrivate: boolean, resolve: AddressLookup = systemLookup): Promise<void> {
  const checked = checkWebhookUrl(raw, allowPrivate);
  if (!checked.ok) throw refused(checked.reason);
  if (allowPrivate || checked.ipLiteral) return;
  let addresses: string[];
  try {
    addresses = await resolve(checked.host);
  } catch {
    throw refused('unresolvable');
  }
  if (addresses.length === 0) throw refused('unresolvable');
  if (!addresses.every(isPublicAddress)) throw refused('private_address');
}

function refused(reason: TargetRefusal): AppError {
  return new AppError('webhook_target_forbidden', { reason }, [{ path: 'url', message: `webhook_target_${reason}` }]);
}
