import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { isEmail } from 'class-validator';
import { AppModule } from '../app.module';
import { configOrExit } from '../bootstrap';
import { PasswordResetService } from '../modules/identity/password-reset.service';
import { UsersService } from '../modules/identity/users.service';
import { UnitOfWork } from '../platform/database/unit-of-work';

const USAGE = 'usage: npm run admin:create -- --email <address> [--name "<display name>"]';

/**
 * The first administrator of a deployment without demo data. Nobody types a password here: the
 * account gets an unusable one and a password-reset mail (sent by the worker, valid for
 * PASSWORD_RESET_TTL_MINUTES), so the address's owner sets it. Running it for an existing account
 * grants it the admin role and mails a reset link too.
 */
async function main(): Promise<void> {
  configOrExit();
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  const email = values.email?.trim().toLowerCase();
  if (!email || !isEmail(email)) {
    console.error(USAGE);
    process.exit(64);
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(), { logger: ['error', 'warn'] });
  try {
    const users = app.get(UsersService, { strict: false });
    const { created } = await app.get(UnitOfWork, { strict: false })
      .run((em) => users.ensureAdmin(em, email, values.name?.trim() || 'Administrator'));
    await app.get(PasswordResetService, { strict: false }).request(email);
    console.log(`${created ? 'Created' : 'Granted admin to'} ${email}; a password-reset link is on its way to that address.`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error('admin:create failed:', error);
  process.exit(1);
});
