import { describe, expect, it } from 'vitest';
import { postedPreview, PREVIEW_ADDRESS } from './preview.ts';

const post = (address: string, body: Record<string, string>) => {
  const url = new URL(address, 'http://peerpath.test/guides/g1');
  return [new Request(url, { method: 'POST', body: new URLSearchParams(body) }), url] as const;
};

describe('the guide preview without JavaScript', () => {
  it('shows the posted title and text', async () => {
    expect(await postedPreview(...post(PREVIEW_ADDRESS, { title: 'Ward guide', draft: '## Purpose', intent: 'x' }))).toEqual({ title: 'Ward guide', draft: '## Purpose' });
    expect(await postedPreview(...post(PREVIEW_ADDRESS, {}))).toEqual({ title: '', draft: '' });
  });

  it('is nothing for a page view, a form action or a post elsewhere', async () => {
    const url = new URL('http://peerpath.test/guides/g1?preview');
    expect(await postedPreview(new Request(url), url)).toBeUndefined();
    expect(await postedPreview(...post('?preview&_action=guides.save', { title: 'x' }))).toBeUndefined();
    expect(await postedPreview(...post('/guides/g1', { title: 'x' }))).toBeUndefined();
  });
});
