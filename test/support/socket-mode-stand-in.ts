import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * A loopback stand-in for Slack's Socket Mode: `apps.connections.open` and `auth.test` over HTTP (point
 * SLACK_API_URL at `apiUrl`), and a minimal RFC 6455 WebSocket server that says hello, sends envelopes and
 * records the acks the app sends back. Text, ping and close frames only; enough for the Slack client.
 */
export class SocketModeStandIn {
  readonly acks: { envelope_id: string; payload?: unknown }[] = [];
  private socket?: Duplex;
  private server: Server;
  private port = 0;
  private connected!: Promise<void>;
  private onConnected!: () => void;
  private ackWaiters: (() => void)[] = [];

  constructor() {
    this.connected = new Promise((r) => (this.onConnected = r));
    this.server = createServer((req, res) => {
      req.resume();
      const body = req.url?.endsWith('/apps.connections.open')
        ? { ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=t1&app_id=A0KAIHEI1` }
        : { ok: true, user_id: 'U0BOT0001', bot_id: 'B0BOT0001', team_id: 'T0KAIHEI1' };
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
    });
    this.server.on('upgrade', (req, socket) => this.accept(req.headers['sec-websocket-key'] as string, socket));
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  whenConnected(): Promise<void> {
    return this.connected;
  }

  private accept(key: string, socket: Duplex): void {
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    this.socket = socket;
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let frame = readFrame(pending); frame; frame = readFrame(pending)) {
        pending = pending.subarray(frame.length);
        this.onFrame(frame.opcode, frame.payload);
      }
    });
    socket.on('error', () => undefined);
    this.send({ type: 'hello', num_connections: 1, debug_info: { host: 'stand-in' }, connection_info: { app_id: 'A0KAIHEI1' } });
    this.onConnected();
  }

  private onFrame(opcode: number, payload: Buffer): void {
    if (opcode === 0x1) {
      this.acks.push(JSON.parse(payload.toString('utf8')) as { envelope_id: string });
      for (const w of this.ackWaiters.splice(0)) w();
    } else if (opcode === 0x9) this.socket?.write(frame(0xa, payload));
    else if (opcode === 0x8) this.socket?.end(frame(0x8, Buffer.alloc(0)));
  }

  send(message: object): void {
    this.socket?.write(frame(0x1, Buffer.from(JSON.stringify(message))));
  }

  /** Resolves at the next ack (or at once when `count` acks arrived already). */
  async nextAck(count: number): Promise<void> {
    while (this.acks.length < count) await new Promise<void>((r) => this.ackWaiters.push(r));
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    await new Promise((r) => this.server.close(r));
  }
}

function frame(opcode: number, payload: Buffer): Buffer {
  const head =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, payload.length])
      : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, payload]);
}

/** One complete client frame from the buffer (client frames are masked), or undefined when incomplete. */
function readFrame(buf: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (buf.length < 2) return undefined;
  let len = buf[1]! & 0x7f;
  let offset = 2;
  if (len === 126) {
    if (buf.length < 4) return undefined;
    len = buf.readUInt16BE(2);
    offset = 4;
  } else if (len === 127) {
    if (buf.length < 10) return undefined;
    len = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const masked = (buf[1]! & 0x80) !== 0;
  const maskOffset = offset;
  if (masked) offset += 4;
  if (buf.length < offset + len) return undefined;
  const payload = Buffer.from(buf.subarray(offset, offset + len));
  if (masked) for (let i = 0; i < len; i++) payload[i]! ^= buf[maskOffset + (i % 4)]!;
  return { opcode: buf[0]! & 0x0f, payload, length: offset + len };
}
