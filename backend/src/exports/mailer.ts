/**
 * E-mail through SMTP (nodemailer) when the server has SMTP_URL; otherwise nothing is sent and the
 * in-app alert is the only delivery (said once per process in the log, not on every export).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';

let transport: { url: string; transporter: Transporter } | undefined;
let reportedNoSmtp = false;

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends `mail`; returns false when SMTP is not configured. Send errors are thrown to the caller. */
export async function sendMail(env: Env, logger: Logger, mail: Mail): Promise<boolean> {
  if (!env.SMTP_URL || !env.MAIL_FROM) {
    if (!reportedNoSmtp) {
      reportedNoSmtp = true;
      logger.info('SMTP_URL is not set: export links are announced in the app only, not e-mailed');
    }
    return false;
  }
  if (transport?.url !== env.SMTP_URL) transport = { url: env.SMTP_URL, transporter: nodemailer.createTransport(env.SMTP_URL) };
  await transport.transporter.sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
  return true;
}
