import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig, InjectConfig } from '../../config/app-config';
import { Metrics } from '../metrics/metrics';
import { MailMessage } from './mail-message';

/** Sends rendered mail through a pooled SMTP transport built from SMTP_URL. */
@Injectable()
export class MailSender implements OnModuleDestroy {
  private readonly logger = new Logger('MailSender');
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    const url = new URL(config.SMTP_URL);
    this.domain = new URL(config.APP_URL).hostname;
    this.transport = createTransport({
      pool: true,
      maxConnections: config.SMTP_POOL_SIZE,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      // Local catchers speak plain SMTP; real relays upgrade with STARTTLS when they offer it.
      ignoreTLS: url.hostname === '127.0.0.1' || url.hostname === 'localhost',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  /** The Message-ID header a message gets: stable per message id, so a repeat is recognisable. */
  messageIdFor(id: string): string {
    return `<${id}@${this.domain}>`;
  }

  /** Returns the Message-ID the message went out with. */
  async send(message: MailMessage): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: this.messageIdFor(message.id),
      headers: { 'X-Clusterlink-Message-Id': message.id },
    }).catch((error: { responseCode?: number }) => {
      const code = Number(error?.responseCode);
      this.metrics.mailFailures.inc({ reply: code >= 400 && code < 600 ? `${String(code)[0]}xx` : 'none' });
      throw error;
    });
    this.logger.debug({ messageId: message.id, response: info.response }, 'mail sent');
    return String(info.messageId);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
