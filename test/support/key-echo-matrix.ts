/**
 * The leak matrix of issue 19: 5 key shapes × 10 encodings a hostile or careless server may
 * echo a key in. Keys are fresh random values on every run, so a test that finds one in an
 * output finds a real leak, not a fixture.
 */
import { randomBytes } from 'node:crypto';

/** A key of one shape, with the prefix a server might drop. */
export interface KeyShape {
  shape: string;
  key: string;
  prefix: string;
}

const b64 = (bytes: number) => randomBytes(bytes).toString('base64url');
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Five shapes the composer accepts: Anthropic's two kinds and three no pattern knows. */
export function keyShapes(): KeyShape[] {
  return [
    { shape: 'compliance key', key: `sk-ant-api01-${b64(64)}-${b64(15)}AA`, prefix: 'sk-ant-api01-' },
    { shape: 'admin key', key: `sk-ant-admin01-${b64(64)}AA`, prefix: 'sk-ant-admin01-' },
    { shape: 'vault reference', key: `acme-vault:${hex(16)}+Z/`, prefix: 'acme-vault:' },
    { shape: 'dotted corporate key', key: `corp.key.${hex(12)}`, prefix: 'corp.key.' },
    { shape: 'key with symbols', key: `k!${b64(12)}~@#$^*=?|.${b64(9)}:Z`, prefix: 'k!' },
  ];
}

/** The shortest tail recognised (echo-scan.ts ECHO_PROBE_LENGTH); the test uses exactly that. */
const TAIL = 16;

/** The ten encodings, each as the exact text the server sends. */
export const ENCODINGS: ReadonlyArray<readonly [string, (k: KeyShape) => string]> = [
  ['plain', (k) => k.key],
  ['percent-encoded', (k) => encodeURIComponent(k.key)],
  ['percent-encoded twice', (k) => encodeURIComponent(encodeURIComponent(k.key))],
  ['base64', (k) => Buffer.from(k.key).toString('base64')],
  ['base64url', (k) => Buffer.from(k.key).toString('base64url')],
  ['hex', (k) => Buffer.from(k.key).toString('hex')],
  ['without its prefix', (k) => k.key.slice(k.prefix.length)],
  ['a tail cut from the front', (k) => `…${k.key.slice(-TAIL)}`],
  ['split by a newline', (k) => `${k.key.slice(0, k.key.length >> 1)}\n${k.key.slice(k.key.length >> 1)}`],
  ['lowercase', (k) => k.key.toLowerCase()],
];

/** One cell of the matrix: what the server sends, and the secret text that must not come out. */
export interface EchoCase {
  label: string;
  shape: KeyShape;
  echo: string;
  /** The exact strings searched for in every output (the secret part of the echo, raw and JSON-escaped). */
  needles: string[];
}

/** The 100 cases over `shapes`. */
export function echoCases(shapes: readonly KeyShape[]): EchoCase[] {
  return shapes.flatMap((shape) =>
    ENCODINGS.map(([encoding, encode]) => {
      const echo = encode(shape);
      const secret = echo.startsWith('…') ? echo.slice(1) : echo;
      const needles = [...new Set([secret, JSON.stringify(secret).slice(1, -1), ...secret.split('\n')])];
      return {
        label: `${shape.shape} / ${encoding}`,
        shape,
        echo,
        needles: needles.filter((n) => n.length >= 8),
      };
    }),
  );
}

/** Labels of the cases whose needles occur in `text`. */
export function leakedCases(cases: readonly EchoCase[], text: string): string[] {
  return cases.filter((c) => c.needles.some((n) => text.includes(n))).map((c) => c.label);
}
