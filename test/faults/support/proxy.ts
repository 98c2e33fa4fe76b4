import net from 'node:net';

/**
 * A TCP proxy on loopback between one client and the server, to cut that client's transport:
 * - `blackhole()` stops carrying bytes either way but keeps the connections open, as a dead Wi-Fi
 *   link does: neither side is told, data waits in the buffers;
 * - `reset()` drops every connection and refuses new ones, as a cable pulled out does;
 * - `restore()` carries on (buffered bytes flow, new connections are accepted).
 */
export class CuttableProxy {
  private server: net.Server;
  private pairs = new Set<[net.Socket, net.Socket]>();
  private mode: 'open' | 'blackhole' | 'reset' = 'open';
  port = 0;

  constructor(private readonly targetPort: number) {
    this.server = net.createServer((client) => {
      if (this.mode === 'reset') return client.destroy();
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      const pair: [net.Socket, net.Socket] = [client, upstream];
      this.pairs.add(pair);
      client.pipe(upstream);
      upstream.pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      if (this.mode === 'blackhole') this.hold(pair);
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.address() as net.AddressInfo).port;
        resolve(this.port);
      }),
    );
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private hold([a, b]: [net.Socket, net.Socket]) {
    a.unpipe(b);
    b.unpipe(a);
    a.pause();
    b.pause();
  }

  blackhole(): void {
    this.mode = 'blackhole';
    for (const pair of this.pairs) this.hold(pair);
  }

  reset(): void {
    this.mode = 'reset';
    for (const [a, b] of this.pairs) {
      a.resetAndDestroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  restore(): void {
    const wasHeld = this.mode === 'blackhole';
    this.mode = 'open';
    if (!wasHeld) return;
    for (const [a, b] of this.pairs) {
      a.pipe(b);
      b.pipe(a);
    }
  }

  close(): Promise<void> {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
