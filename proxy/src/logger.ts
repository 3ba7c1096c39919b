import { pino, type Logger, type DestinationStream } from 'pino';

/**
 * Structured logs. Secrets are redacted by key wherever they appear, and callers' numbers and addresses are
 * only ever logged through the mask helpers below.
 */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'crm-afas' },
      redact: {
        // `*.afas.authorization`: the settings' AFAS connection (settings.afas) holds the token as its header value.
        paths: [
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          '*.headers.authorization',
          'Token',
          '*.Token',
          '*.afas.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** `+31612345678` -> `+316*****678`: enough to correlate a call in the log, not enough to identify the caller. */
export function maskPhone(value: string): string {
  const chars = [...value];
  const digitPositions = chars.flatMap((c, i) => (/\d/.test(c) ? [i] : []));
  const keepHead = Math.min(3, Math.floor(digitPositions.length / 3));
  const keepTail = Math.min(3, Math.floor(digitPositions.length / 3));
  digitPositions.forEach((pos, n) => {
    if (n >= keepHead && n < digitPositions.length - keepTail) chars[pos] = '*';
  });
  return chars.join('').replace(/[A-Za-z]/g, '*');
}

/** `Jan.Jansen@example.nl` -> `J***@e***.nl`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return '***';
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot >= 0 ? domain.slice(dot) : '';
  return `${value[0]}***@${domain[0] ?? ''}***${tld}`;
}
