import { Module } from '@nestjs/common';
import { MailSender } from './mail-sender';

/** The SMTP pool. Only the worker imports it: the API writes notifications, never mail. */
@Module({ providers: [MailSender], exports: [MailSender] })
export class MailModule {}
