import type { PlaybackLinkSet } from './playback-links';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The player of one viewing session for one officer: a `<video>` per segment, played by range
 * through custody (R18.1–R18.4). The links are short-lived; the page asks for fresh ones before
 * they lapse and swaps them in, so playback goes on exactly as long as the session is open.
 * Nothing here offers a download; the server refuses whole-file answers anyway.
 */
export function playerPage(
  links: PlaybackLinkSet,
  context: { purpose: string; expiresAt: string },
  nonce: string,
): string {
  const videos = links.segments
    .map(
      (s) => `<figure>
  <figcaption>${escapeHtml(s.cameraId)} · ${escapeHtml(s.startsAt)} – ${escapeHtml(s.endsAt)}</figcaption>
  <video data-segment="${escapeHtml(s.segmentId)}" src="${escapeHtml(s.url)}" controls controlslist="nodownload noremoteplayback" disablepictureinpicture preload="metadata" width="640"></video>
</figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>Viewing session ${escapeHtml(links.sessionId)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; background: #111; color: #eee; }
figure { margin: 0 0 1.5rem; } figcaption { margin-bottom: .3rem; font-size: .9rem; color: #bbb; }
video { background: #000; max-width: 100%; } .notice { color: #f99; }
</style>
</head>
<body oncontextmenu="return false">
<h1>Viewing session</h1>
<p>Purpose: ${escapeHtml(context.purpose)}<br>Open until ${escapeHtml(context.expiresAt)} (R18.4). Every view is registered (R16.6).</p>
<p class="notice" id="notice" hidden></p>
${videos || '<p>No recorded footage lies in the requested window.</p>'}
<script nonce="${nonce}">
(() => {
  let playerLink = ${JSON.stringify(links.playerLink)};
  const notice = document.getElementById('notice');
  const videos = () => Array.from(document.querySelectorAll('video[data-segment]'));
  const swap = (video, url) => {
    const at = video.currentTime, playing = !video.paused && !video.ended;
    video.src = url;
    video.addEventListener('loadedmetadata', () => { video.currentTime = at; if (playing) video.play().catch(() => undefined); }, { once: true });
  };
  videos().forEach((v) => v.addEventListener('error', () => { if (v.dataset.next) { const next = v.dataset.next; delete v.dataset.next; swap(v, next); } }));
  const refresh = async () => {
    const answer = await fetch('player/links?link=' + encodeURIComponent(playerLink), { cache: 'no-store' });
    if (!answer.ok) {
      notice.textContent = 'The viewing session has ended.';
      notice.hidden = false;
      videos().forEach((v) => { v.pause(); v.removeAttribute('src'); v.load(); });
      return;
    }
    const fresh = await answer.json();
    playerLink = fresh.playerLink;
    const urls = new Map(fresh.segments.map((s) => [s.segmentId, s.url]));
    for (const v of videos()) {
      const url = urls.get(v.dataset.segment);
      if (!url) continue;
      if (v.paused || v.ended) swap(v, url); else v.dataset.next = url;
    }
    setTimeout(refresh, fresh.refreshAfterMs);
  };
  setTimeout(refresh, ${links.refreshAfterMs});
})();
</script>
</body>
</html>
`;
}
