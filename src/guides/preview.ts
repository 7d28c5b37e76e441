/**
 * The guide editor's preview without JavaScript: its "Preview" button posts
 * the title and text to the page itself (`?preview`, no action), which shows
 * them rendered as the public page would, and saves nothing. With JavaScript
 * the preview follows the typing instead (/api/guides/preview).
 */
export const PREVIEW_ADDRESS = '?preview';

/** The title and text posted for a preview; nothing for any other request. */
export async function postedPreview(request: Request, url: URL): Promise<{ title: string; draft: string } | undefined> {
  if (request.method !== 'POST' || !url.searchParams.has('preview') || url.searchParams.has('_action')) return undefined;
  const form = await request.formData().catch(() => new FormData());
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  return { title: text('title'), draft: text('draft') };
}
