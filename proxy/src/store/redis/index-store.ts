import type { Logger } from 'pino';
import type { QualityReport } from '../../index/data-quality.js';
import type { IndexChange, IndexMeta, IndexStore } from '../../index/index-store.js';
import type { IndexedContact, IndexTable } from '../../index/index-table.js';
import { PREFIX, type RedisLink } from './connection.js';
import { luaScript } from './script.js';

/** The builder's lease: another instance takes over this long after the builder stopped renewing it. */
const LEASE_MS = 30_000;
/** How often every instance reads the index's state (freshness, counts, the generation to read from). */
const META_POLL_MS = 1_000;
/** An index nobody refreshes any more (its settings changed) is gone after this. */
const KEEP_MS = 2 * 24 * 3_600_000;
/** A replaced generation stays readable this long, for instances that have not seen the new one yet. */
const OLD_GENERATION_MS = 60_000;
const FIELDS_PER_COMMAND = 1000;

const leadLua = luaScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0`);

// KEYS: values hash, contacts hash. ARGV: then per change: op ('p' or 'r'), id, case keys JSON, hashes JSON.
// Returns { contacts now, change in values }. A contact's entry in the values hash is [id, caseKeys].
const changeLua = luaScript(`
local delta = 0
local function without(hash, id)
  local raw = redis.call('HGET', KEYS[1], hash)
  if not raw then return end
  local kept = {}
  for _, e in ipairs(cjson.decode(raw)) do if e[1] ~= id then table.insert(kept, e) end end
  if #kept == 0 then redis.call('HDEL', KEYS[1], hash) else redis.call('HSET', KEYS[1], hash, cjson.encode(kept)) end
end
for i = 1, #ARGV, 4 do
  local op, id = ARGV[i], ARGV[i + 1]
  local old = redis.call('HGET', KEYS[2], id)
  if old then
    local hashes = cjson.decode(old).h
    for _, h in ipairs(hashes) do without(tostring(h), id) end
    delta = delta - #hashes
    redis.call('HDEL', KEYS[2], id)
  end
  if op == 'p' then
    local keys = cjson.decode(ARGV[i + 2])
    local hashes = cjson.decode(ARGV[i + 3])
    for _, h in ipairs(hashes) do
      local raw = redis.call('HGET', KEYS[1], tostring(h))
      local list = raw and cjson.decode(raw) or {}
      table.insert(list, { id, keys })
      redis.call('HSET', KEYS[1], tostring(h), cjson.encode(list))
    end
    delta = delta + #hashes
    redis.call('HSET', KEYS[2], id, cjson.encode({ h = hashes, k = keys }))
  end
end
return { redis.call('HLEN', KEYS[2]), delta }`);

/** Gives the lease up, if this instance still holds it: another instance takes over at its next check. */
const releaseLua = luaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

const emptyMeta = (): IndexMeta => ({ syncedFrom: 0, nextRebuildAt: 0, contacts: 0, values: 0 });

/** cjson writes an empty Lua table as `{}`. */
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * The caller index on Redis for a fleet: built and refreshed by the one instance that holds the lease, read by all.
 * Per generation (a full build) a hash of value hash → [[contact id, case keys], …] (one HMGET per ring) and a hash
 * of contact id → its value hashes and case keys (to change a contact in one script on a refresh).
 */
export function redisIndexStore(link: RedisLink, signature: string, logger: Logger): IndexStore {
  const redis = link.commands;
  const base = `${PREFIX}index:${signature.slice(0, 16)}`;
  const keys = { lease: `${base}:lease`, meta: `${base}:meta`, generation: `${base}:generation`, quality: `${base}:quality` };
  const values = (g: string) => `${base}:${g}:values`;
  const contacts = (g: string) => `${base}:${g}:contacts`;
  let meta = emptyMeta();
  let generation = '0';
  let leading = false;

  async function poll(): Promise<void> {
    try {
      const [text, g] = await redis.mget(keys.meta, keys.generation);
      if (text) meta = JSON.parse(text) as IndexMeta;
      if (g) generation = g;
    } catch {
      // Redis unreachable: the last state seen stays, and ages (the index turns stale, lookups search live).
    }
  }
  void poll();
  const timer = setInterval(() => void poll(), META_POLL_MS);
  timer.unref();

  const keep = () =>
    redis
      .multi()
      .pexpire(keys.meta, KEEP_MS)
      .pexpire(keys.generation, KEEP_MS)
      .pexpire(keys.quality, KEEP_MS)
      .pexpire(values(generation), KEEP_MS)
      .pexpire(contacts(generation), KEEP_MS)
      .exec();

  return {
    async lead() {
      leading = (await leadLua(redis, [keys.lease], [link.instanceId, LEASE_MS])) === 1;
      if (leading) await poll();
      return leading;
    },
    meta: () => meta,
    async setMeta(next) {
      meta = next;
      const steps = redis.multi().set(keys.meta, JSON.stringify(next), 'PX', KEEP_MS);
      if (leading) steps.pexpire(keys.lease, LEASE_MS);
      await steps.exec();
    },
    async find(hashes) {
      if (hashes.length === 0) return [];
      const found = await redis.hmget(values(generation), ...hashes.map(String));
      const byId = new Map<string, IndexedContact>();
      for (const raw of found) {
        if (raw === null) continue;
        for (const [id, caseKeys] of JSON.parse(raw) as [string, unknown][])
          byId.set(String(id), { id: String(id), caseKeys: list(caseKeys) });
      }
      return [...byId.values()];
    },
    async replace(table: IndexTable) {
      const next = `${Date.now().toString(36)}${link.instanceId.slice(0, 4)}`;
      const byValue = new Map<number, [string, string[]][]>();
      let batch: string[] = [];
      const pending: Promise<unknown>[] = [];
      const flush = (key: string) => {
        if (batch.length > 0) pending.push(redis.hset(key, ...batch));
        batch = [];
      };
      for (const { contact, hashes } of table.contactsWithHashes()) {
        for (const h of hashes) {
          const holders = byValue.get(h) ?? [];
          holders.push([contact.id, contact.caseKeys]);
          byValue.set(h, holders);
        }
        batch.push(contact.id, JSON.stringify({ h: hashes, k: contact.caseKeys }));
        if (batch.length >= 2 * FIELDS_PER_COMMAND) flush(contacts(next));
      }
      flush(contacts(next));
      for (const [h, holders] of byValue) {
        batch.push(String(h), JSON.stringify(holders));
        if (batch.length >= 2 * FIELDS_PER_COMMAND) flush(values(next));
      }
      flush(values(next));
      await Promise.all(pending);
      const previous = generation;
      await redis
        .multi()
        .set(keys.generation, next, 'PX', KEEP_MS)
        .pexpire(values(next), KEEP_MS)
        .pexpire(contacts(next), KEEP_MS)
        .pexpire(values(previous), OLD_GENERATION_MS)
        .pexpire(contacts(previous), OLD_GENERATION_MS)
        .exec();
      generation = next;
      logger.debug({ generation: next, values: byValue.size }, 'caller index stored in Redis');
    },
    async change(changes: readonly IndexChange[]) {
      if (changes.length === 0) {
        await keep();
        return { contacts: meta.contacts, values: meta.values };
      }
      const args = changes.flatMap((c) =>
        'remove' in c ? ['r', c.remove, '[]', '[]'] : ['p', c.put.id, JSON.stringify(c.put.caseKeys), JSON.stringify(c.hashes)],
      );
      const [count, delta] = (await changeLua(redis, [values(generation), contacts(generation)], args)) as [number, number];
      await keep();
      return { contacts: count, values: meta.values + delta };
    },
    async quality() {
      const text = await redis.get(keys.quality);
      return text ? (JSON.parse(text) as QualityReport) : undefined;
    },
    async setQuality(report) {
      await redis.set(keys.quality, JSON.stringify(report), 'PX', KEEP_MS);
    },
    async held() {
      const [v, c] = await Promise.all([redis.hgetall(values(generation)), redis.hgetall(contacts(generation))]);
      return [...Object.entries(v), ...Object.entries(c)].flat();
    },
    async close() {
      clearInterval(timer);
      if (leading) await releaseLua(redis, [keys.lease], [link.instanceId]).catch(() => undefined);
      leading = false;
    },
  };
}
