import net from 'node:net';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/**
 * A TCP proxy that a test can cut and restore, in the spirit of Toxiproxy: clients connect to
 * the proxy, which forwards bytes to the real server. `cut()` drops every open connection and
 * refuses new ones (accepted then reset) until `restore()`.
 */
export class FaultProxy {
  private readonly sockets = new Set<net.Socket>();
  private down = false;

  private constructor(
    private readonly server: net.Server,
    readonly target: HostPort,
    readonly listen: HostPort,
  ) {}

  static async start(target: HostPort): Promise<FaultProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as net.AddressInfo;
    const proxy = new FaultProxy(server, target, { host: '127.0.0.1', port });
    server.on('connection', (client) => proxy.accept(client));
    return proxy;
  }

  get url(): string {
    return `${this.listen.host}:${this.listen.port}`;
  }

  get isCut(): boolean {
    return this.down;
  }

  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.down) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

function parseHostPort(address: string): HostPort {
  const i = address.lastIndexOf(':');
  return { host: address.slice(0, i), port: Number(address.slice(i + 1)) };
}

/**
 * Kafka clients learn broker addresses from metadata, so a proxy in front of the bootstrap
 * address alone would be bypassed. This proxies every broker and hands kafkajs a socket
 * factory that dials each broker through its proxy.
 */
export class KafkaFaultProxy {
  private constructor(private readonly proxies: Map<string, FaultProxy>) {}

  static async start(brokers: string[]): Promise<KafkaFaultProxy> {
    const entries = await Promise.all(
      brokers.map(async (b) => [b, await FaultProxy.start(parseHostPort(b))] as const),
    );
    return new KafkaFaultProxy(new Map(entries));
  }

  /** Bootstrap list that goes through the proxies. */
  get brokers(): string[] {
    return [...this.proxies.values()].map((p) => p.url);
  }

  /** kafkajs `socketFactory`: every broker connection passes a proxy. */
  readonly socketFactory = ({ host, port, onConnect }: { host: string; port: number; onConnect: () => void }): net.Socket => {
    const proxy = this.proxies.get(`${host}:${port}`) ?? [...this.proxies.values()].find((p) => p.listen.port === port);
    const via = proxy ? proxy.listen : { host, port };
    const socket = net.connect({ host: via.host, port: via.port }, onConnect);
    socket.setKeepAlive(true, 1000);
    return socket;
  };

  cut(): void {
    this.proxies.forEach((p) => p.cut());
  }

  restore(): void {
    this.proxies.forEach((p) => p.restore());
  }

  async close(): Promise<void> {
    await Promise.all([...this.proxies.values()].map((p) => p.close()));
  }
}
