import { describe, expect, it } from 'vitest';
import { extractMentions, mentionKeyOf } from '../../src/domain/mentions.js';

describe('mentions in comments', () => {
  it('finds @words once each, in order, without trailing punctuation', () => {
    expect(extractMentions('@Lena, is this right? Ask @lena_ivanova and @Лена. Thanks @Lena!')).toEqual(['lena', 'lena_ivanova', 'лена']);
    expect(extractMentions('@سارة هل هذا صحيح؟')).toEqual(['سارة']);
  });

  it('ignores e-mail addresses and a lone @', () => {
    expect(extractMentions('write to desk@example.com or @ nobody')).toEqual([]);
  });

  it('keys a name the way people type it', () => {
    expect(mentionKeyOf(' Lena  Ivanova ')).toBe('lena_ivanova');
  });
});
