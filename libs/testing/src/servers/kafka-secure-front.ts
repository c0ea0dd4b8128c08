import { execFileSync } from 'node:child_process';
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { makeScratchDir } from './scratch';

/**
 * A TLS + SASL front for the harness's Kafka-protocol broker. librdkafka 2.0.2's mock cluster
 * (kcat) speaks neither TLS nor SASL: its ApiVersions lists no SaslHandshake or SaslAuthenticate
 * (kafkajs with any mechanism fails there with "does not support the requested API version").
 * So the front does what a SASL_SSL listener of a real broker does, on the real protocol:
 * - TLS with a certificate made at start by Debian's openssl (a CA of its own, SAN 127.0.0.1 and
 *   localhost); a plaintext client gets no Kafka answer.
 * - SaslHandshake v0–1 and SaslAuthenticate v0–1, also on an open connection (KIP-368
 *   re-authentication): SCRAM-SHA-256/512 as the server side of RFC 5802 / RFC 7677 against
 *   its users, and OAUTHBEARER (RFC 7628) validating the JWT at the OpenID provider's JWKS
 *   (issuer, audience, expiry). A failure answers SASL_AUTHENTICATION_FAILED (58) with the
 *   reason and closes the connection; before success only ApiVersions and SASL pass, and an
 *   OAUTHBEARER session ends when its token does (the client must re-authenticate).
 * - Then bytes go to the mock broker, the front's ApiVersions answers adding the two SASL APIs,
 *   and Metadata (v0–6) and FindCoordinator (v0–2) answers rewritten so that every broker
 *   address is the front's own listener of that broker (one per mock broker): clients dial the
 *   addresses Metadata names. Versions are the ones kafkajs uses (none of them flexible).
 */
export interface KafkaSecureFrontOptions {
  /** The plaintext mock brokers, `host:port`. */
  readonly brokers: readonly string[];
  /** SCRAM users (user → password), each usable with SCRAM-SHA-256 and SCRAM-SHA-512. */
  readonly scramUsers?: Readonly<Record<string, string>>;
  /** OAUTHBEARER tokens: the OpenID provider's issuer, and the audiences the bus accepts. */
  readonly oauthBearer?: { readonly issuer: string; readonly audiences: readonly string[] };
}

export interface KafkaFrontCertificates {
  /** PEM of the CA that signed the front's certificate (what clients trust). */
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

const API = { metadata: 3, findCoordinator: 10, saslHandshake: 17, apiVersions: 18, saslAuthenticate: 36 } as const;
const ERR = { none: 0, illegalSaslState: 34, unsupportedSaslMechanism: 33, saslAuthenticationFailed: 58 } as const;
const SCRAM_ITERATIONS = 4096;
const SCRAM_HASHES: Record<string, { digest: 'sha256' | 'sha512'; length: number }> = {
  'SCRAM-SHA-256': { digest: 'sha256', length: 32 },
  'SCRAM-SHA-512': { digest: 'sha512', length: 64 },
};

/** A CA and a server certificate for 127.0.0.1 / localhost, made by Debian's openssl. */
export function makeTestCertificates(label = 'kafka-tls'): KafkaFrontCertificates {
  const dir = makeScratchDir(label);
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=Custos test CA');
    run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
    fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
    run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '1', '-extfile', 'san.ext');
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
    return { ca: read('ca.pem'), cert: read('server.pem'), key: read('server.key') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export class KafkaSecureFront {
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly servers: tls.Server[],
    /** The front's listeners, one per mock broker, `127.0.0.1:port` (the bootstrap list). */
    readonly brokers: string[],
    readonly certificates: KafkaFrontCertificates,
  ) {}

  static async start(options: KafkaSecureFrontOptions): Promise<KafkaSecureFront> {
    const certificates = makeTestCertificates();
    const scram = scramCredentials(options.scramUsers ?? {});
    const jwks = options.oauthBearer && createRemoteJWKSet(new URL(await jwksUriOf(options.oauthBearer.issuer)));
    const upstreams = options.brokers.map(hostPort);
    const servers: tls.Server[] = [];
    const ports = new Map<number, number>(); // mock broker port → the front's port
    for (const upstream of upstreams) {
      const server = tls.createServer({ key: certificates.key, cert: certificates.cert, minVersion: 'TLSv1.2' });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
      ports.set(upstream.port, (server.address() as net.AddressInfo).port);
      servers.push(server);
    }
    const front = new KafkaSecureFront(
      servers,
      servers.map((s) => `127.0.0.1:${(s.address() as net.AddressInfo).port}`),
      certificates,
    );
    const mechanisms = [...(options.scramUsers ? Object.keys(SCRAM_HASHES) : []), ...(options.oauthBearer ? ['OAUTHBEARER'] : [])];
    servers.forEach((server, i) =>
      server.on('secureConnection', (client) => {
        front.track(client);
        new FrontConnection(client, upstreams[i], {
          mechanisms,
          scram,
          oauthBearer: options.oauthBearer && jwks ? { ...options.oauthBearer, jwks } : undefined,
          portOf: (port) => ports.get(port) ?? port,
          track: (s) => front.track(s),
        });
      }),
    );
    return front;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}

interface ConnectionContext {
  readonly mechanisms: readonly string[];
  readonly scram: Map<string, Map<string, ScramCredential>>;
  readonly oauthBearer?: { readonly issuer: string; readonly audiences: readonly string[]; readonly jwks: ReturnType<typeof createRemoteJWKSet> };
  readonly portOf: (mockPort: number) => number;
  readonly track: (socket: net.Socket) => void;
}

interface ScramCredential {
  readonly salt: Buffer;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

interface Request {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly body: Buffer;
}

type ScramState = { readonly step: 'first' } | { readonly step: 'final'; readonly user: string; readonly nonce: string; readonly firstBare: string; readonly serverFirst: string };

/** One client connection: SASL here, the rest to the mock broker with addresses rewritten. */
class FrontConnection {
  private inbound = Buffer.alloc(0);
  private outbound = Buffer.alloc(0);
  private readonly upstream: net.Socket;
  /** Requests sent upstream whose answers the front rewrites, by correlation id. */
  private readonly pending = new Map<number, { apiKey: number; apiVersion: number }>();
  private mechanism?: string;
  private scramState: ScramState = { step: 'first' };
  private authenticated = false;
  /** When the session ends (an OAUTHBEARER token's expiry): later requests need re-authentication first. */
  private sessionEndsAt = Infinity;
  /** Frames run one at a time (SASL checks are asynchronous; order must hold). */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: tls.TLSSocket,
    target: { host: string; port: number },
    private readonly context: ConnectionContext,
  ) {
    this.upstream = net.connect(target.port, target.host);
    context.track(this.upstream);
    const end = () => {
      client.destroy();
      this.upstream.destroy();
    };
    client.on('error', end).on('close', end);
    this.upstream.on('error', end).on('close', end);
    client.on('data', (chunk: Buffer) => {
      this.inbound = Buffer.concat([this.inbound, chunk]);
      for (let frame = takeFrame(this); frame; frame = takeFrame(this)) {
        const request = frame;
        this.queue = this.queue.then(() => this.onRequest(request)).catch(end);
      }
    });
    this.upstream.on('data', (chunk: Buffer) => {
      this.outbound = Buffer.concat([this.outbound, chunk]);
      while (this.outbound.length >= 4 && this.outbound.length >= 4 + this.outbound.readInt32BE(0)) {
        const size = this.outbound.readInt32BE(0);
        const frame = this.outbound.subarray(4, 4 + size);
        this.outbound = this.outbound.subarray(4 + size);
        this.client.write(sized(this.rewrite(frame)));
      }
    });

    function takeFrame(self: FrontConnection): Buffer | undefined {
      if (self.inbound.length < 4 || self.inbound.length < 4 + self.inbound.readInt32BE(0)) return undefined;
      const size = self.inbound.readInt32BE(0);
      const frame = self.inbound.subarray(4, 4 + size);
      self.inbound = self.inbound.subarray(4 + size);
      return frame;
    }
  }

  private async onRequest(frame: Buffer): Promise<void> {
    const request = parseRequest(frame);
    if (request.apiKey === API.saslHandshake) return this.handshake(request);
    if (request.apiKey === API.saslAuthenticate) return this.authenticate(request);
    const sessionOver = this.authenticated && Date.now() >= this.sessionEndsAt;
    if ((!this.authenticated || sessionOver) && request.apiKey !== API.apiVersions) {
      // A broker's SASL listener closes a connection that skips authentication, or whose
      // session outlived its credential without re-authenticating (KIP-368).
      this.client.destroy();
      return;
    }
    if ([API.apiVersions, API.metadata, API.findCoordinator].includes(request.apiKey as 3)) {
      this.pending.set(request.correlationId, { apiKey: request.apiKey, apiVersion: request.apiVersion });
    }
    this.upstream.write(sized(frame));
  }

  private handshake(request: Request): void {
    const mechanism = readString(request.body, 0).value ?? '';
    const known = this.context.mechanisms.includes(mechanism);
    if (known) {
      this.mechanism = mechanism;
      this.scramState = { step: 'first' };
    }
    const body = new Writer().int16(known ? ERR.none : ERR.unsupportedSaslMechanism).int32(this.context.mechanisms.length);
    for (const m of this.context.mechanisms) body.string(m);
    this.answer(request, body.buffer());
    if (!known) this.client.end();
  }

  private async authenticate(request: Request): Promise<void> {
    const authBytes = readBytes(request.body, 0);
    let outcome: { bytes: Buffer; sessionLifetimeMs?: number; done: boolean };
    try {
      if (!this.mechanism) throw Object.assign(new Error('SaslAuthenticate before SaslHandshake'), { code: ERR.illegalSaslState });
      outcome = this.mechanism === 'OAUTHBEARER' ? await this.oauthBearer(authBytes) : this.scramStep(this.mechanism, authBytes);
    } catch (error) {
      const code = (error as { code?: number }).code ?? ERR.saslAuthenticationFailed;
      const body = new Writer().int16(code).string((error as Error).message).bytes(Buffer.alloc(0));
      if (request.apiVersion >= 1) body.int64(0);
      this.answer(request, body.buffer());
      this.authenticated = false;
      this.client.end();
      return;
    }
    const body = new Writer().int16(ERR.none).string(null).bytes(outcome.bytes);
    if (request.apiVersion >= 1) body.int64(outcome.sessionLifetimeMs ?? 0);
    this.answer(request, body.buffer());
    if (outcome.done) {
      this.authenticated = true;
      this.mechanism = undefined;
      this.sessionEndsAt = outcome.sessionLifetimeMs ? Date.now() + outcome.sessionLifetimeMs : Infinity;
    }
  }

  /** RFC 5802 server side: client-first → server-first; client-final (proof checked) → server-final. */
  private scramStep(mechanism: string, message: Buffer): { bytes: Buffer; done: boolean } {
    const { digest, length } = SCRAM_HASHES[mechanism];
    const text = message.toString('utf8');
    const failed = () => new Error(`Authentication failed during authentication due to invalid credentials with SASL mechanism ${mechanism}`);
    if (this.scramState.step === 'first') {
      // gs2-header "n,," (no channel binding, no authzid), then the bare message n=user,r=nonce.
      const match = /^n,(?:a=[^,]*)?,(n=([^,]*),r=([^,]+)(?:,.*)?)$/.exec(text);
      if (!match) throw new Error(`malformed SCRAM client-first message with SASL mechanism ${mechanism}`);
      const user = match[2].replace(/=2C/g, ',').replace(/=3D/g, '=');
      const credential = this.context.scram.get(mechanism)?.get(user);
      if (!credential) throw failed();
      const nonce = match[3] + randomBytes(18).toString('base64');
      const serverFirst = `r=${nonce},s=${credential.salt.toString('base64')},i=${SCRAM_ITERATIONS}`;
      this.scramState = { step: 'final', user, nonce, firstBare: match[1], serverFirst };
      return { bytes: Buffer.from(serverFirst), done: false };
    }
    const state = this.scramState;
    this.scramState = { step: 'first' };
    const match = /^(c=biws,r=([^,]+)(?:,.*)?),p=([A-Za-z0-9+/=]+)$/.exec(text);
    if (!match || match[2] !== state.nonce) throw failed();
    const credential = this.context.scram.get(mechanism)!.get(state.user)!;
    const authMessage = `${state.firstBare},${state.serverFirst},${match[1]}`;
    const clientSignature = createHmac(digest, credential.storedKey).update(authMessage).digest();
    const proof = Buffer.from(match[3], 'base64');
    if (proof.length !== length) throw failed();
    const clientKey = Buffer.from(proof.map((b, i) => b ^ clientSignature[i]));
    if (!timingSafeEqual(createHash(digest).update(clientKey).digest(), credential.storedKey)) throw failed();
    const serverSignature = createHmac(digest, credential.serverKey).update(authMessage).digest('base64');
    return { bytes: Buffer.from(`v=${serverSignature}`), done: true };
  }

  /** RFC 7628: `n,[a=…],^Aauth=Bearer <jwt>^A…^A^A`; the JWT must verify at the provider. */
  private async oauthBearer(message: Buffer): Promise<{ bytes: Buffer; sessionLifetimeMs: number; done: boolean }> {
    const oauth = this.context.oauthBearer!;
    const match = /\u0001auth=Bearer ([^\u0001]+)\u0001/.exec(message.toString('utf8'));
    if (!match) throw new Error('invalid_request: no bearer token in the OAUTHBEARER message');
    try {
      const { payload } = await jwtVerify(match[1], oauth.jwks, { issuer: oauth.issuer, audience: [...oauth.audiences] });
      // The session lasts as long as the token; the client re-authenticates with a fresh one.
      return { bytes: Buffer.alloc(0), sessionLifetimeMs: Math.max(0, (payload.exp ?? 0) * 1000 - Date.now()), done: true };
    } catch (error) {
      throw new Error(`invalid_token: ${(error as Error).message}`);
    }
  }

  /** A response of the front's own (header v0: the correlation id). */
  private answer(request: Request, body: Buffer): void {
    this.client.write(sized(Buffer.concat([int32(request.correlationId), body])));
  }

  /** Upstream answers: broker addresses become the front's listeners; ApiVersions gains SASL. */
  private rewrite(frame: Buffer): Buffer {
    const correlationId = frame.readInt32BE(0);
    const request = this.pending.get(correlationId);
    if (!request) return frame;
    this.pending.delete(correlationId);
    const body = frame.subarray(4);
    const rewritten =
      request.apiKey === API.metadata
        ? this.rewriteMetadata(body, request.apiVersion)
        : request.apiKey === API.findCoordinator
          ? this.rewriteCoordinator(body, request.apiVersion)
          : withSaslApis(body, request.apiVersion);
    return Buffer.concat([frame.subarray(0, 4), rewritten]);
  }

  private rewriteMetadata(body: Buffer, version: number): Buffer {
    let offset = version >= 3 ? 4 : 0; // throttle_time_ms
    const out = new Writer().raw(body.subarray(0, offset));
    const count = body.readInt32BE(offset);
    offset += 4;
    out.int32(count);
    for (let i = 0; i < count; i++) {
      const nodeId = body.readInt32BE(offset);
      const host = readString(body, offset + 4);
      offset = host.end;
      const port = body.readInt32BE(offset);
      offset += 4;
      out.int32(nodeId).string(host.value).int32(this.context.portOf(port));
      if (version >= 1) {
        const rack = readString(body, offset);
        out.string(rack.value);
        offset = rack.end;
      }
    }
    return Buffer.concat([out.buffer(), body.subarray(offset)]);
  }

  private rewriteCoordinator(body: Buffer, version: number): Buffer {
    let offset = version >= 1 ? 4 + 2 : 2; // throttle_time_ms, error_code
    if (version >= 1) offset = readString(body, offset).end; // error_message
    offset += 4; // node_id
    const host = readString(body, offset);
    const port = body.readInt32BE(host.end);
    return Buffer.concat([body.subarray(0, host.end), int32(this.context.portOf(port)), body.subarray(host.end + 4)]);
  }
}

/** ApiVersions v0–2 answer with SaslHandshake 0–1 and SaslAuthenticate 0–1 listed. */
function withSaslApis(body: Buffer, version: number): Buffer {
  const errorCode = body.readInt16BE(0);
  if (errorCode !== 0) return body;
  const count = body.readInt32BE(2);
  const entries = new Map<number, Buffer>();
  for (let i = 0; i < count; i++) {
    const entry = body.subarray(6 + i * 6, 12 + i * 6);
    entries.set(entry.readInt16BE(0), entry);
  }
  for (const apiKey of [API.saslHandshake, API.saslAuthenticate]) {
    entries.set(apiKey, new Writer().int16(apiKey).int16(0).int16(1).buffer());
  }
  const rest = body.subarray(6 + count * 6); // throttle_time_ms (v1+)
  void version;
  return Buffer.concat([new Writer().int16(0).int32(entries.size).buffer(), ...entries.values(), rest]);
}

function scramCredentials(users: Readonly<Record<string, string>>): Map<string, Map<string, ScramCredential>> {
  const byMechanism = new Map<string, Map<string, ScramCredential>>();
  for (const [mechanism, { digest, length }] of Object.entries(SCRAM_HASHES)) {
    const credentials = new Map<string, ScramCredential>();
    for (const [user, password] of Object.entries(users)) {
      // Only what a broker keeps (RFC 5802 §3): salt, StoredKey and ServerKey, never the password.
      const salt = randomBytes(16);
      const salted = pbkdf2Sync(password, salt, SCRAM_ITERATIONS, length, digest);
      const clientKey = createHmac(digest, salted).update('Client Key').digest();
      credentials.set(user, {
        salt,
        storedKey: createHash(digest).update(clientKey).digest(),
        serverKey: createHmac(digest, salted).update('Server Key').digest(),
      });
    }
    byMechanism.set(mechanism, credentials);
  }
  return byMechanism;
}

async function jwksUriOf(issuer: string): Promise<string> {
  const response = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  const body = (await response.json()) as { jwks_uri?: string };
  if (!body.jwks_uri) throw new Error(`the issuer ${issuer} names no jwks_uri`);
  return body.jwks_uri;
}

function parseRequest(frame: Buffer): Request {
  // Request header v1: api_key, api_version, correlation_id, client_id (nullable string).
  const clientId = readString(frame, 8);
  return { apiKey: frame.readInt16BE(0), apiVersion: frame.readInt16BE(2), correlationId: frame.readInt32BE(4), body: frame.subarray(clientId.end) };
}

function readString(buffer: Buffer, offset: number): { value: string | null; end: number } {
  const length = buffer.readInt16BE(offset);
  if (length < 0) return { value: null, end: offset + 2 };
  return { value: buffer.toString('utf8', offset + 2, offset + 2 + length), end: offset + 2 + length };
}

function readBytes(buffer: Buffer, offset: number): Buffer {
  const length = buffer.readInt32BE(offset);
  return length < 0 ? Buffer.alloc(0) : buffer.subarray(offset + 4, offset + 4 + length);
}

function hostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}

const int32 = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value);
  return b;
};
const sized = (frame: Buffer) => Buffer.concat([int32(frame.length), frame]);

/** The few Kafka primitive types the front writes. */
class Writer {
  private readonly parts: Buffer[] = [];
  raw(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
  int16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    return this.raw(b);
  }
  int32(v: number): this {
    return this.raw(int32(v));
  }
  int64(v: number): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(Math.round(v)));
    return this.raw(b);
  }
  string(v: string | null): this {
    if (v === null) return this.int16(-1);
    const s = Buffer.from(v, 'utf8');
    return this.int16(s.length).raw(s);
  }
  bytes(v: Buffer): this {
    return this.int32(v.length).raw(v);
  }
  buffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}
