// A small SMTP server that accepts (or refuses) mail and prints one JSON line per message on
// stdout: {"id": X-Clusterlink-Message-Id, "messageId", "to", "subject"}. Used by the e2e tests that
// stop, refuse or count deliveries, and by bench:outbox as its sink.
//   node scripts/smtp-sink.mjs --port 2525 [--reject 'bounce-'] [--quiet]
import { SMTPServer } from 'smtp-server';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg('port') ?? 2525);
const reject = arg('reject') ? new RegExp(arg('reject')) : null;
const quiet = process.argv.includes('--quiet');
let count = 0;

const header = (head, name) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? null;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 10 * 1024 * 1024,
  onRcptTo(address, _session, callback) {
    if (reject?.test(address.address)) {
      const error = new Error(`mailbox ${address.address} does not exist`);
      error.responseCode = 550;
      return callback(error);
    }
    callback();
  },
  onData(stream, session, callback) {
    let raw = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      if (raw.length < 64 * 1024) raw += chunk;
    });
    stream.on('end', () => {
      count += 1;
      const head = raw.split(/\r?\n\r?\n/, 1)[0];
      const line = {
        id: header(head, 'X-Clusterlink-Message-Id'),
        messageId: header(head, 'Message-ID'),
        to: session.envelope.rcptTo.map((r) => r.address),
        subject: header(head, 'Subject'),
      };
      if (!quiet) process.stdout.write(`${JSON.stringify(line)}\n`);
      callback();
    });
  },
});

server.on('error', (error) => process.stderr.write(`smtp-sink: ${error.message}\n`));
server.listen(port, '127.0.0.1', () => process.stderr.write(`smtp-sink listening on ${port}\n`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    process.stderr.write(`smtp-sink: ${count} messages\n`);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
