import { describe, expect, it } from 'vitest';
import { badgeText, SseParser } from './inbox';

describe('the inbox stream’s server-sent events, as the browser reads them (issue 18)', () => {
  it('gives each event once it is complete, whatever the chunks are cut at', () => {
    const text = 'event: counts\ndata: {"coSign":1,"approval":null}\n\n: keep-alive\n\nevent: counts\r\ndata: {"coSign":2}\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.feed(text.slice(0, cut)), ...parser.feed(text.slice(cut))];
      expect([cut, events]).toEqual([
        cut,
        [
          { event: 'counts', data: '{"coSign":1,"approval":null}' },
          { event: 'counts', data: '{"coSign":2}' },
        ],
      ]);
    }
  });

  it('joins several data lines, names an unnamed event "message", and drops events without data and unknown fields', () => {
    const parser = new SseParser();
    expect(parser.feed('id: 7\ndata: a\ndata:b\n\nevent: empty\n\nevent: unauthorized\ndata: {}\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
    expect(parser.feed('\n')).toEqual([{ event: 'unauthorized', data: '{}' }]);
  });

  it('shows a count as a badge: nothing for none or unknown, 100+ at the lists’ cap', () => {
    expect([badgeText(null), badgeText(0), badgeText(3), badgeText(100)]).toEqual([null, null, '3', '100+']);
  });
});
