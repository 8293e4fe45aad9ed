// E2E tests run against the PostgreSQL, Redis and SMTP catcher that `npm test` starts.
for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'MAIL_WEB_URL', 'JWT_SECRET']) {
  if (!process.env[name]) {
    throw new Error(`${name} is not set: run the e2e tests through \`npm test\`, which starts the services.`);
  }
}
