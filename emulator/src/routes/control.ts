/** The emulator's own control API under /_emulator (used by the demo page through the demo server). */
import { ContactChangeError, type ContactChanges } from '../contact-changes.js';
import { faultSchema, type FaultSwitch } from '../faults.js';
import { emptyReply, jsonReply, type Reply } from '../reply.js';

export interface ControlDeps {
  faults: FaultSwitch;
  requestCount: () => number;
  likeQueries: () => number;
  resetRequests: () => void;
  contacts: ContactChanges;
}

const contactRoute = /^\/_emulator\/contacts\/([^/]+)$/;

function changedFields(body: string): Record<string, unknown> {
  let fields: unknown;
  try {
    fields = JSON.parse(body);
  } catch {
    throw new ContactChangeError(400, 'body must be JSON');
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new ContactChangeError(400, 'body must be a JSON object of field ids and values');
  }
  return fields as Record<string, unknown>;
}

/** `PATCH /_emulator/contacts/<id>` (JSON object of fields) and `DELETE /_emulator/contacts/<id>`. */
function contactReply(method: string, id: string, body: string, contacts: ContactChanges): Reply {
  if (method !== 'PATCH' && method !== 'DELETE') return jsonReply(405, { error: 'use PATCH or DELETE' });
  const contactId = /^\d{1,15}$/.test(id) ? Number(id) : NaN;
  try {
    if (method === 'DELETE') contacts.delete(contactId);
    else contacts.update(contactId, changedFields(body));
    return emptyReply(204);
  } catch (e) {
    if (e instanceof ContactChangeError) return jsonReply(e.status, { error: e.message });
    throw e;
  }
}

export function controlReply(method: string, path: string, body: string, deps: ControlDeps): Reply {
  const route = path.replace(/\/+$/, '').toLowerCase();
  const contact = contactRoute.exec(route);
  if (contact) return contactReply(method, contact[1], body, deps.contacts);
  if (route === '/_emulator/fault') {
    if (method === 'GET') return jsonReply(200, { fault: deps.faults.peek() });
    if (method === 'DELETE') {
      deps.faults.clear();
      return emptyReply(204);
    }
    if (method === 'PUT') {
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        return jsonReply(400, { error: 'body must be JSON' });
      }
      const parsed = faultSchema.safeParse(value);
      if (!parsed.success)
        return jsonReply(400, { error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
      deps.faults.set(parsed.data);
      return jsonReply(200, { fault: deps.faults.peek() });
    }
    return jsonReply(405, { error: 'use GET, PUT or DELETE' });
  }
  if (route === '/_emulator/requests') {
    if (method === 'GET') return jsonReply(200, { count: deps.requestCount(), likeQueries: deps.likeQueries() });
    if (method === 'DELETE') {
      deps.resetRequests();
      return emptyReply(204);
    }
    return jsonReply(405, { error: 'use GET or DELETE' });
  }
  return jsonReply(404, { error: 'unknown control route' });
}
