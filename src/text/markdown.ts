import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const markdown = new Marked({ gfm: true, breaks: true });

/** What survives sanitising: plain prose formatting and safe links, nothing that runs. */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h3', 'h4', 'h5', 'h6', 'a', 'hr'],
  allowedAttributes: { a: ['href', 'title', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    // Headings a person writes sit below the page's own; every link gets a fixed rel.
    h1: 'h3',
    h2: 'h4',
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
  },
};

/**
 * Renders markdown that a person wrote into HTML that is safe to show:
 * marked turns it into HTML, sanitize-html keeps only an allowlist of tags,
 * attributes and URL schemes. Use for everything people write.
 */
export function renderUserMarkdown(text: string): string {
  return sanitizeHtml(markdown.parse(text, { async: false }), SANITIZE);
}
