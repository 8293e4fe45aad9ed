import { Injectable } from '@nestjs/common';
import { JobHandler } from '../queue/job-handler.decorator';
import { MailMessage } from './mail-message';
import { MailSender } from './mail-sender';

/** Worker side of `mail.send`: one SMTP delivery per job; BullMQ retries with backoff. */
@Injectable()
export class MailJobHandler {
  constructor(private readonly sender: MailSender) {}

  @JobHandler('mail.send')
  async send(message: MailMessage): Promise<{ smtpId: string }> {
    return { smtpId: await this.sender.send(message) };
  }
}
