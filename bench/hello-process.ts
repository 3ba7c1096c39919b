/**
 * The baseline in its own process: the smallest Express 5 app that answers JSON, with the body the benchmark
 * gives it in BENCH_HELLO_BODY (the cached lookup's answer, so both sides send the same bytes).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { announce } from './child-io.js';

const body: unknown = JSON.parse(process.env.BENCH_HELLO_BODY ?? '{"hello":"world"}');

const app = express();
app.get('/hello', (_q, r) => r.json(body));

const server: Server = await new Promise((resolve, reject) => {
  const s = app.listen(0, '127.0.0.1', () => resolve(s));
  s.once('error', reject);
});
const { port } = server.address() as AddressInfo;

announce(
  `http://127.0.0.1:${port}/hello`,
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);
