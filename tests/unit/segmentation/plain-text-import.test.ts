import { describe, expect, it } from 'vitest';
import { importPlainText } from '../../../src/domain/import/plain-text.js';
import { loadSample } from './load-fixtures.js';

describe('importPlainText', () => {
  it('reproduces the gold structure of the sample article', () => {
    const { text, gold } = loadSample();
    const article = importPlainText(text, 'ru');
    const byType = (type: string) => gold.blocks.filter((b) => b.type === type).map((b) => b.text);
    expect(article.headline).toBe(byType('headline')[0]);
    expect(article.dateline).toBe(byType('dateline')[0]);
    const body = gold.blocks.filter((b) => !['chrome', 'headline', 'dateline'].includes(b.type));
    expect(article.blocks).toEqual(body.map((b) => ({ type: b.type, text: b.text })));
  });

  it('handles an English page with a switcher, byline credit and photo caption', () => {
    const text = [
      'English | عربي',
      'Leaders agree to resume talks',
      'September 21, 2023',
      'The two leaders spoke by phone on Wednesday. They agreed to meet next month.',
      'What comes next',
      'Officials said a venue would be chosen soon.',
      'Photo by Jane Doe',
      'Source: Reuters',
    ].join('\n\n');
    const article = importPlainText(text, 'en');
    expect(article.headline).toBe('Leaders agree to resume talks');
    expect(article.dateline).toBe('September 21, 2023');
    expect(article.blocks.map((b) => b.type)).toEqual(['paragraph', 'subheading', 'paragraph', 'caption', 'credit']);
  });

  it('recognises Arabic credits, captions and related links', () => {
    const text = [
      'عنوان الخبر',
      '21 سبتمبر 2023',
      'قال الوزير إن المحادثات كانت مثمرة.',
      'أخبار ذات صلة',
      'صورة: وكالة الأنباء',
      'المصدر: رويترز',
    ].join('\n\n');
    const article = importPlainText(text, 'ar');
    expect(article.dateline).toBe('21 سبتمبر 2023');
    expect(article.blocks.map((b) => b.type)).toEqual(['paragraph', 'related', 'caption', 'credit']);
  });

  it('keeps a sentence that merely starts like a credit as a paragraph', () => {
    const article = importPlainText('Заголовок\n\nПо данным МЧС, пожар потушен к утру.\n\nВторой абзац.', 'ru');
    expect(article.blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
  });

  it('marks a stand-alone quotation as a quote block', () => {
    const article = importPlainText('Title\n\nIntro text here.\n\n"We will not back down."\n\nMore text.', 'en');
    expect(article.blocks.map((b) => b.type)).toEqual(['paragraph', 'quote', 'paragraph']);
  });

  it('treats whitespace-only lines (NBSP included) as blank and joins wrapped lines', () => {
    const article = importPlainText('Title\n\u00a0\u00a0\nFirst line\nsecond line.\n \nNext.', 'en');
    expect(article.dateline).toBeUndefined();
    expect(article.blocks).toEqual([
      { type: 'paragraph', text: 'First line second line.' },
      { type: 'paragraph', text: 'Next.' },
    ]);
  });

  it('returns an empty headline instead of throwing on empty or furniture-only input', () => {
    expect(importPlainText('', 'ru')).toEqual({ headline: '', blocks: [] });
    expect(importPlainText('En Ar\n\n \n', 'ru')).toEqual({ headline: '', blocks: [] });
  });
});
