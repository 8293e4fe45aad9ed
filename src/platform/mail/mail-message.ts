/** A rendered email, ready for SMTP. `id` becomes the Message-ID, so a receiver can spot a repeat. */
export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}
