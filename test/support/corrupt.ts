// Corrupts real input files at random, with a fixed seed so every run (and every failure) is the same.
import { mulberry32 } from '../../schema/random.js';

/** The generator's seeded random source: the same seed gives the same corruptions everywhere. */
export const seededRandom = mulberry32;

export type Corruption = 'byte' | 'quote' | 'truncate' | 'invalid-utf8' | 'comma' | 'bracket';
export const CORRUPTIONS: readonly Corruption[] = ['byte', 'quote', 'truncate', 'invalid-utf8', 'comma', 'bracket'];

/** Byte sequences that are not UTF-8: a stray continuation, a lone lead, an overlong slash, a surrogate, 0xFF. */
const NOT_UTF8 = [[0x80], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xf4, 0x90, 0x80, 0x80]];

/** One corruption of `bytes` of the kind asked for, at a random place; describes what it did for failure messages. */
export function corrupt(bytes: Buffer, kind: Corruption, random: () => number): { bytes: Buffer; what: string } {
  const at = Math.floor(random() * bytes.length);
  const splice = (insert: number[], remove = 0) =>
    Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at + remove)]);
  switch (kind) {
    case 'byte': {
      const value = Math.floor(random() * 256);
      return { bytes: splice([value], 1), what: `byte ${at} set to 0x${value.toString(16)}` };
    }
    case 'quote':
      return { bytes: splice([0x22]), what: `a quote inserted at byte ${at}` };
    case 'truncate':
      return { bytes: bytes.subarray(0, at), what: `cut short at byte ${at}` };
    case 'invalid-utf8': {
      const sequence = NOT_UTF8[Math.floor(random() * NOT_UTF8.length)]!;
      return { bytes: splice(sequence), what: `bytes ${sequence.map((b) => b.toString(16))} inserted at ${at}` };
    }
    case 'comma':
      return random() < 0.5
        ? { bytes: splice([0x2c]), what: `a comma inserted at byte ${at}` }
        : { bytes: splice([0x0a]), what: `a line break inserted at byte ${at}` };
    case 'bracket': {
      const value = ':[]{}-#&*!|>'.charCodeAt(Math.floor(random() * 12));
      return { bytes: splice([value]), what: `"${String.fromCharCode(value)}" inserted at byte ${at}` };
    }
  }
}
