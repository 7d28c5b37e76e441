import { describe, expect, it } from 'vitest';
import { renderUserMarkdown } from './markdown.ts';

describe('renderUserMarkdown', () => {
  it('keeps prose formatting', () => {
    expect(renderUserMarkdown('**Hope** and *choice*\n\n- one')).toBe('<p><strong>Hope</strong> and <em>choice</em></p>\n<ul>\n<li>one</li>\n</ul>\n');
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '[x](//evil.example)',
  ])('makes %s inert', (payload) => {
    const html = renderUserMarkdown(payload);
    expect(html).not.toMatch(/<script|onerror|onload|javascript:|<iframe|<svg|style=|href="\/\//i);
  });

  it('marks links as external and not followed', () => {
    expect(renderUserMarkdown('[guide](https://example.org)')).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">guide</a>');
  });
});
