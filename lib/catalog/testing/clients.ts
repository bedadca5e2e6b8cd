/**
 * Small protocol clients the catalog tests run in a client container (`python3 -c <script> args…`):
 * Debian's python3-amqp for RabbitMQ, and NATS' text protocol over a plain socket.
 */

/** AMQP: `put` publishes argv[3] persistently to a durable queue, `get` prints one message (or nothing). */
export const amqpScript = (host: string, action: 'put' | 'get') =>
  [
    'import amqp, sys',
    `c = amqp.Connection(host="${host}:5672", userid=sys.argv[1], password=sys.argv[2], confirm_publish=True); c.connect()`,
    'ch = c.channel(); ch.queue_declare("berth-test", durable=True, auto_delete=False)',
    action === 'put'
      ? 'ch.basic_publish(amqp.Message(sys.argv[3], delivery_mode=2), routing_key="berth-test"); print("sent")'
      : 'm = ch.basic_get("berth-test", no_ack=True); print("" if m is None else m.body if isinstance(m.body, str) else m.body.decode())',
    'c.close()',
  ].join('\n');

/**
 * NATS: connects to argv[1]:4222 as argv[2]/argv[3], subscribes, publishes argv[4] to the same
 * subject and prints `jetstream=<bool> got=<message>`; on a server error prints it and exits 1.
 */
export const NATS_SCRIPT = [
  'import json, socket, sys',
  's = socket.create_connection((sys.argv[1], 4222), timeout=10); f = s.makefile("rb")',
  'info = json.loads(f.readline().decode()[5:])',
  'connect = {"user": sys.argv[2], "pass": sys.argv[3], "verbose": False, "pedantic": False}',
  'body = sys.argv[4].encode()',
  's.sendall(b"CONNECT " + json.dumps(connect).encode() + b"\\r\\nSUB berth.test 1\\r\\nPUB berth.test " + str(len(body)).encode() + b"\\r\\n" + body + b"\\r\\nPING\\r\\n")',
  'for raw in f:',
  '    line = raw.decode().strip()',
  '    if line.startswith("-ERR"): print(line); sys.exit(1)',
  '    if line.startswith("MSG"): print("jetstream=%s got=%s" % (bool(info.get("jetstream")), f.readline().decode().strip())); sys.exit(0)',
].join('\n');
