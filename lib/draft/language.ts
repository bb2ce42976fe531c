// The article's language, as the BCP 47 tag Evidence.language stores (ISO 639-1 where there is one). franc
// answers in ISO 639-3; it is limited to the languages the follow-up form offers, which keeps it from mistaking
// short English text for Scots or Urdu for Punjabi. An article in Urdu or Chinese that carries an English summary
// is in Urdu or Chinese: when a good share of its letters are in that script, only that part is looked at.
import { franc } from 'franc';
import type { Proposal } from './types.ts';

const ISO_639_1: Readonly<Record<string, string>> = {
  eng: 'en',
  urd: 'ur',
  cmn: 'zh',
  arb: 'ar',
  pes: 'fa',
  rus: 'ru',
  hin: 'hi',
  pbu: 'ps',
  ben: 'bn',
  tur: 'tr',
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  jpn: 'ja',
  kor: 'ko',
};

const SCRIPTS: { name: string; pattern: RegExp }[] = [
  { name: 'Han', pattern: /\p{Script=Han}/gu },
  { name: 'Arabic', pattern: /\p{Script=Arabic}/gu },
  { name: 'Cyrillic', pattern: /\p{Script=Cyrillic}/gu },
  { name: 'Devanagari', pattern: /\p{Script=Devanagari}/gu },
];

/** The language of `text`, with the sentence that decided it. */
export function detectLanguage(text: string, declared: string | null): Proposal<string> | null {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (!letters) return null;
  let sample = text;
  let rule = 'franc';
  for (const script of SCRIPTS) {
    const count = (text.match(script.pattern) ?? []).length;
    // A fifth of the letters: more than a quoted name, as much as a translated article beside its summary.
    if (count / letters >= 0.2) {
      sample = text
        .split(/\n+|(?<=[.。۔!?])\s+/)
        .filter(
          (part) => (part.match(script.pattern) ?? []).length * 2 >= (part.match(/\p{L}/gu) ?? []).length,
        )
        .join(' ');
      rule = `franc on the ${script.name}-script text`;
      break;
    }
  }
  const code = franc(sample, { only: Object.keys(ISO_639_1), minLength: 10 });
  const tag = ISO_639_1[code];
  if (!tag) {
    if (declared) {
      const primary = declared.split(/[-_]/)[0].toLowerCase();
      return {
        value: primary,
        why: { sentence: `lang="${declared}"`, rule: 'page language', matched: declared },
      };
    }
    return null;
  }
  const excerpt = sample.slice(0, 160);
  return { value: tag, why: { sentence: excerpt, rule, matched: code } };
}
