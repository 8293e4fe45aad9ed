import { DynamicModule, Module } from '@nestjs/common';
import { MailJobHandler } from './mail-job.handler';
import { MailSender } from './mail-sender';

/** SMTP delivery lives in the worker only; the API enqueues `mail.send` jobs. */
@Module({})
export class MailModule {
  static forWorker(): DynamicModule {
    return { module: MailModule, providers: [MailSender, MailJobHandler], exports: [MailSender] };
  }
}
