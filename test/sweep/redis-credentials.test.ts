import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, REDIS_MISSING, startRedisServer, stopChild, type RedisServer } from './helpers/redis-server.js';
import { rackplan, rackplanWith, readSweep, requireBuild, startRackplan, TINY_SWEEP, waitFor } from './helpers/sweep-cli.js';

/**
 * Credentials: REDIS_URL or a password file, never printed; what went wrong said in words.
 * Every server here is on 127.0.0.1.
 */
if (REDIS_MISSING) console.warn(`test/sweep/redis-credentials.test.ts: ${REDIS_MISSING}`);
const OPENSSL_MISSING = spawnSync('openssl', ['version']).error ? 'openssl is not installed (.ci/run installs it): the rediss:// tests are skipped' : null;
if (OPENSSL_MISSING) console.warn(`test/sweep/redis-credentials.test.ts: ${OPENSSL_MISSING}`);

const PASSWORD = 'cred-test-secret-91c4';
let work: string;
let cache: string;
let secured: RedisServer;

/** `rackplan worker` that must fail to connect: one line, exit 2, and the password nowhere. */
function failingWorker(env: Record<string, string>, ...args: string[]) {
  const result = rackplanWith(env, cache, 'worker', '--results-root', join(work, 'results'), '--redis-timeout-seconds', '2', ...args);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr + result.stdout).not.toContain(PASSWORD);
  return result.stderr.trim();
}

describe.skipIf(REDIS_MISSING !== null)('Redis credentials and connection errors', () => {
  beforeAll(async () => {
    requireBuild();
    work = mkdtempSync(join(tmpdir(), 'rackplan-redis-credentials-'));
    cache = join(work, 'cache');
    secured = await startRedisServer({ password: PASSWORD });
  });

  afterAll(async () => {
    await secured?.stop();
  });

  it('says "authentication failed" for a wrong password file, and masks the password', () => {
    const file = join(work, 'wrong-password');
    writeFileSync(file, 'not-the-password\n');
    expect(failingWorker({}, '--queue', secured.url, '--redis-password-file', file)).toBe(
      `rackplan: --queue: cannot use Redis at redis://:****@127.0.0.1:${new URL(secured.url).port}: authentication failed (check the password in REDIS_URL or the password file)`,
    );
  });

  it('says "authentication failed" without a password, and masks a wrong one in REDIS_URL', () => {
    expect(failingWorker({}, '--queue', secured.url)).toMatch(/: authentication failed/);
    const url = secured.url.replace('redis://', `redis://:${PASSWORD}x@`);
    expect(failingWorker({ REDIS_URL: url })).toMatch(/^rackplan: --queue: cannot use Redis at redis:\/\/:\*\*\*\*@127\.0\.0\.1:\d+: authentication failed/);
  });

  it('says "connection refused" when nothing listens', async () => {
    const port = await freePort();
    expect(failingWorker({}, '--queue', `redis://127.0.0.1:${port}`)).toBe(`rackplan: --queue: cannot use Redis at redis://127.0.0.1:${port}: connection refused (is Redis running and listening there?)`);
  });

  it('says "timed out" when the server never answers', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const port = (silent.address() as { port: number }).port;
    try {
      expect(failingWorker({}, '--queue', `redis://127.0.0.1:${port}`)).toBe(`rackplan: --queue: cannot use Redis at redis://127.0.0.1:${port}: timed out`);
    } finally {
      silent.close();
    }
  });

  it('says "REDIS_URL is not set" for a bare --queue without it', () => {
    const result = rackplanWith({ REDIS_URL: '' }, cache, 'sweep', TINY_SWEEP, '--queue', '--out', join(work, 'unset'));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('rackplan: --queue: --queue without a URL reads REDIS_URL, which is not set\n');
  });

  it('runs a sweep through the password-protected Redis with REDIS_URL and a password file', async () => {
    const file = join(work, 'password');
    writeFileSync(file, `${PASSWORD}\n`);
    const out = join(work, 'results', 'secured');
    const worker = startRackplan(cache, 'worker', '--queue', secured.url, '--redis-password-file', file, '--queue-name', 'secured', '--workers', '1', '--results-root', join(work, 'results'));
    try {
      await waitFor(() => /taking runs/.test(worker.log()), 30_000, 'the worker to connect', worker.log);
      const submit = rackplanWith({ REDIS_URL: secured.url.replace('redis://', `redis://:${PASSWORD}@`) }, cache, 'sweep', TINY_SWEEP, '--queue', '--queue-name', 'secured', '--out', out);
      expect(submit.code, submit.stderr).toBe(0);
      expect(readSweep(out).results).toHaveLength(6);
      expect(submit.stderr + worker.log()).not.toContain(PASSWORD);
    } finally {
      await stopChild(worker.child);
    }
  });
});

describe.skipIf(REDIS_MISSING !== null || OPENSSL_MISSING !== null)('rediss:// with a private CA', () => {
  let tls: RedisServer;
  let cert: string;

  beforeAll(async () => {
    requireBuild();
    const dir = mkdtempSync(join(tmpdir(), 'rackplan-redis-tls-'));
    cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=rackplan-test', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    tls = await startRedisServer({ tls: { cert, key } });
  });

  afterAll(async () => {
    await tls?.stop();
  });

  it('says "TLS certificate not trusted" without the CA', () => {
    expect(failingWorker({}, '--queue', tls.url)).toMatch(/^rackplan: --queue: cannot use Redis at rediss:\/\/127\.0\.0\.1:\d+: TLS certificate not trusted \(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT/);
  });

  it('runs a sweep over TLS with --redis-ca, the same sweep.json as on local threads', async () => {
    const local = join(work, 'tls-local');
    expect(rackplan(cache, 'sweep', TINY_SWEEP, '--out', local, '--workers', '1').code).toBe(0);
    const worker = startRackplan(cache, 'worker', '--queue', tls.url, '--redis-ca', cert, '--queue-name', 'tls', '--workers', '1', '--results-root', join(work, 'results'));
    try {
      await waitFor(() => /taking runs/.test(worker.log()), 30_000, 'the worker to connect over TLS', worker.log);
      const out = join(work, 'results', 'tls');
      const submit = rackplan(cache, 'sweep', TINY_SWEEP, '--queue', tls.url, '--redis-ca', cert, '--queue-name', 'tls', '--out', out);
      expect(submit.code, submit.stderr + worker.log()).toBe(0);
      expect(readFileSync(join(out, 'sweep.json'))).toEqual(readFileSync(join(local, 'sweep.json')));
    } finally {
      await stopChild(worker.child);
    }
  });
});
