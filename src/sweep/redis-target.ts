import { isIP } from 'node:net';
import type { RedisOptions } from 'ioredis';
import { InputError } from '../common/input-error.js';
import { printable } from '../common/printable.js';

/**
 * Where the queue's Redis is and how to log in. The password comes from the URL (REDIS_URL in
 * the environment, so `ps` does not show it) or from a password file; it is never printed:
 * `shown` is the URL with the password masked, and every message uses `shown`.
 */
export interface RedisTarget {
  /** The URL with the password masked, for messages and logs. */
  shown: string;
  options: RedisOptions;
  /** The password, to scrub from messages that might echo it. */
  secret: string | null;
}

export interface RedisCredentials {
  /** From a password file; overrides a password in the URL. */
  password?: string;
  /** PEM certificates to trust for rediss:// (a private CA). */
  ca?: string;
}

/** Parses `redis://[user:password@]host[:port][/db]` or `rediss://...` (TLS). */
export function redisTarget(url: string, credentials: RedisCredentials = {}, field = '--queue'): RedisTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    parsed = new URL('invalid:');
  }
  const tls = parsed.protocol === 'rediss:';
  if ((parsed.protocol !== 'redis:' && !tls) || parsed.hostname === '') {
    throw new InputError(`expected a Redis URL such as redis://127.0.0.1:6379 or rediss://host:6380, found "${printable(maskUrl(url))}"`, { field });
  }
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) throw new InputError(`expected a database number after the host, found "/${printable(db)}"`, { field });
  const password = credentials.password ?? (parsed.password ? decodeURIComponent(parsed.password) : undefined);
  const username = parsed.username ? decodeURIComponent(parsed.username) : undefined;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const options: RedisOptions = {
    host,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(db !== '' ? { db: Number(db) } : {}),
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    // SNI takes host names only; an IP address is still checked against the certificate.
    ...(tls ? { tls: { ...(isIP(host) ? {} : { servername: host }), ...(credentials.ca ? { ca: [credentials.ca] } : {}) } } : {}),
  };
  const shownUrl = new URL(parsed.href);
  if (password) shownUrl.password = '****';
  return { shown: shownUrl.href.replace(/\/$/, ''), options, secret: password ?? null };
}

/** A URL with any password replaced by ****; for text that may not even parse. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1****@');
}

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** What went wrong connecting, in words: refused, authentication failed, TLS not trusted, timed out. */
export function connectionProblem(error: unknown, target: RedisTarget): string {
  const e = error as NodeJS.ErrnoException;
  const message = scrub(String(e?.message ?? error), target);
  if (e?.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) return 'connection refused (is Redis running and listening there?)';
  if (/WRONGPASS|NOAUTH|invalid (username-)?password|without any password configured|AUTH failed/i.test(message)) {
    return 'authentication failed (check the password in REDIS_URL or the password file)';
  }
  if ((e?.code && TLS_CODES.has(e.code)) || /certificate|self[- ]signed/i.test(message)) {
    return `TLS certificate not trusted (${e?.code ?? message}; give the CA with --redis-ca <file>)`;
  }
  if (e?.code === 'ETIMEDOUT' || /timed? ?out/i.test(message)) return 'timed out';
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN') return 'unknown host';
  return printable(message);
}

/** Removes the password from text that might echo it. */
export function scrub(text: string, target: RedisTarget): string {
  return target.secret ? text.split(target.secret).join('****') : text;
}
