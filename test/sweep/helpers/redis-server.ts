import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A throwaway redis-server for the queue tests: 127.0.0.1, a free port, no persistence.
 * `.ci/run` installs Debian's redis-server; without it the queue tests skip and say why.
 */
export const REDIS_MISSING: string | null = spawnSync('redis-server', ['--version']).error
  ? 'redis-server is not installed (apt-get install redis-server; .ci/run does): the BullMQ queue tests are skipped'
  : null;

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** requirepass; the configuration goes in on stdin, so the password is not in `ps`. */
  password?: string;
  /** Serve TLS only (rediss://) with this certificate and key (PEM files). */
  tls?: { cert: string; key: string };
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const config = [
    'bind 127.0.0.1',
    'save ""',
    'appendonly no',
    ...(options.tls ? ['port 0', `tls-port ${port}`, `tls-cert-file ${options.tls.cert}`, `tls-key-file ${options.tls.key}`, `tls-ca-cert-file ${options.tls.cert}`, 'tls-auth-clients no'] : [`port ${port}`]),
    ...(options.password ? [`requirepass ${options.password}`] : []),
  ];
  const child = spawn('redis-server', ['-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin!.end(`${config.join('\n')}\n`);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}:\n${output}`)));
  });
  return { url: `${options.tls ? 'rediss' : 'redis'}://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
