/** The emulator's own control API under /_emulator (used by the demo page through the demo server). */
import { faultSchema, type FaultSwitch } from '../faults.js';
import { emptyReply, jsonReply, type Reply } from '../reply.js';

export interface ControlDeps {
  faults: FaultSwitch;
  requestCount: () => number;
  resetRequests: () => void;
}

export function controlReply(method: string, path: string, body: string, deps: ControlDeps): Reply {
  const route = path.replace(/\/+$/, '').toLowerCase();
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
    if (method === 'GET') return jsonReply(200, { count: deps.requestCount() });
    if (method === 'DELETE') {
      deps.resetRequests();
      return emptyReply(204);
    }
    return jsonReply(405, { error: 'use GET or DELETE' });
  }
  return jsonReply(404, { error: 'unknown control route' });
}
