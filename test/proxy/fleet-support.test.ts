// The fleet test helpers themselves: a private redis-server and the round-robin balancer (no service, no Redis client).
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { startBalancer } from './support/balancer.js';
import { startRedis } from './support/redis-server.js';

/** Sends one inline Redis command over raw TCP; resolves with the first reply line, or the connection error's code. */
function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.on('data', (d: Buffer) => {
      reply += d.toString();
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.slice(0, reply.indexOf('\r\n')));
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    socket.write(`${command}\r\n`);
  });
}

describe('a private redis-server', () => {
  it('answers on its port, is gone after stop(), and starts again empty on the same port', async () => {
    const redis = await startRedis();
    after(() => redis.close());
    assert.equal(redis.url, `redis://127.0.0.1:${redis.port}`);
    assert.equal(await redisCommand(redis.port, 'PING'), '+PONG');
    assert.equal(await redisCommand(redis.port, 'SET fleet-support kept'), '+OK');

    await redis.stop();
    assert.equal(await redisCommand(redis.port, 'PING'), 'ECONNREFUSED');

    await redis.start();
    assert.equal(await redisCommand(redis.port, 'PING'), '+PONG');
    assert.equal(await redisCommand(redis.port, 'GET fleet-support'), '$-1', 'nothing survives a restart');
  });
});

/** A tiny backend answering with its name, the request's method, body and the headers a proxy sets. */
async function backend(name: string) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-backend', name);
      res.end(
        JSON.stringify({ name, method: req.method, url: req.url, body, host: req.headers.host, xff: req.headers['x-forwarded-for'] }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kill = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { origin, kill };
}

describe('the round-robin balancer', () => {
  it('forwards method, path, query, body and headers, taking the backends in turn', async () => {
    const a = await backend('a');
    const b = await backend('b');
    const lb = await startBalancer([a.origin, b.origin]);
    after(async () => {
      await lb.close();
      await a.kill();
      await b.kill();
    });

    const answers: any[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${lb.url}/base/echo?n=${i}`, { method: 'POST', body: `body ${i}` });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json');
      answers.push(await res.json());
    }
    assert.deepEqual(
      answers.map((x) => x.name),
      ['a', 'b', 'a', 'b'],
    );
    assert.deepEqual(answers[1], {
      name: 'b',
      method: 'POST',
      url: '/base/echo?n=1',
      body: 'body 1',
      host: new URL(b.origin).host,
      xff: '127.0.0.1',
    });
    assert.deepEqual(
      [...lb.hits],
      [
        [a.origin, 2],
        [b.origin, 2],
      ],
    );
  });

  it('sends everything to the backends still up when one is killed, and answers 502 when none is', async () => {
    const a = await backend('a');
    const b = await backend('b');
    const lb = await startBalancer([a.origin, b.origin]);
    after(() => lb.close());
    const send = async () => {
      const res = await fetch(`${lb.url}/x`, { method: 'PUT', body: 'retried' });
      return { status: res.status, body: await res.json() };
    };
    await send();
    await send();

    await a.kill();
    for (let i = 0; i < 4; i++) {
      const r = await send();
      assert.equal(r.status, 200);
      assert.equal(r.body.name, 'b');
      assert.equal(r.body.body, 'retried', 'the retried request carries its body');
    }
    assert.equal(lb.hits.get(b.origin), 5);

    await b.kill();
    const r = await send();
    assert.equal(r.status, 502);
    assert.equal(r.body.error, 'no backend answered');
  });
});
