import { inflateSync } from 'node:zlib';

/**
 * The text a PDF printed by Chromium shows, in reading order per text object, for tests that
 * check what a printed document says (no PDF library is in the workspace). Chromium (Skia)
 * writes plain objects, Flate-compressed content streams, and fonts subset under `/F<n>` names
 * each with a ToUnicode CMap: the glyph codes of every `Tj`/`TJ` are mapped back through the
 * CMap of the font `Tf` selected. Not a general PDF parser: no object streams, no encryption.
 */
export function pdfText(pdf: Buffer): string {
  const objects = new Map<number, { dict: string; stream?: Buffer }>();
  const raw = pdf.toString('latin1');
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2];
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const start = body.indexOf('\n', at) + 1;
    // Exactly /Length bytes: compressed data may itself end in a CR or LF.
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(body.slice(0, at));
    const bytes = Buffer.from(length ? body.slice(start, start + Number(length[1])) : body.slice(start, body.lastIndexOf('endstream')).replace(/\r?\n$/, ''), 'latin1');
    objects.set(Number(m[1]), { dict: body.slice(0, at), stream: /FlateDecode/.test(body.slice(0, at)) ? inflateSafely(bytes) : bytes });
  }
  const ref = (text: string, key: string): number | undefined => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(text);
    return m ? Number(m[1]) : undefined;
  };
  /** A dictionary entry given inline (`/Key << … >>`, one level of nesting) or by reference. */
  const dictOf = (text: string, key: string): string => {
    const inline = new RegExp(`/${key}\\s*<<((?:[^<>]|<<[^<>]*>>|<[0-9A-Fa-f]*>)*)>>`).exec(text);
    if (inline) return inline[1];
    const at = ref(text, key);
    return at === undefined ? '' : (objects.get(at)?.dict ?? '');
  };
  const cmaps = new Map<number, CMap>();
  const cmapOf = (fontObject: number): CMap | undefined => {
    if (!cmaps.has(fontObject)) {
      const at = ref(objects.get(fontObject)?.dict ?? '', 'ToUnicode');
      const stream = at === undefined ? undefined : objects.get(at)?.stream;
      if (stream) cmaps.set(fontObject, parseCMap(stream.toString('latin1')));
    }
    return cmaps.get(fontObject);
  };
  const texts: string[] = [];
  /** Shows a content stream's text under `resources`, and that of the forms (XObjects) it draws. */
  const show = (content: string, resources: string, depth: number): void => {
    const fonts = new Map([...dictOf(resources, 'Font').matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)].map((m) => [m[1], Number(m[2])]));
    const forms = new Map([...dictOf(resources, 'XObject').matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)].map((m) => [m[1], Number(m[2])]));
    let font: CMap | undefined;
    let line = '';
    for (const token of content.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\bET\b|\/([\w.+-]+)\s+Do\b/g)) {
      if (token[1]) font = cmapOf(fonts.get(token[1]) ?? -1);
      else if (token[2] !== undefined && font) line += font.decode(token[2]);
      else if (token[0] === 'ET' && line) {
        texts.push(line);
        line = '';
      } else if (token[3] && depth < 8) {
        const form = objects.get(forms.get(token[3]) ?? -1);
        if (form?.stream && /\/Subtype\s*\/Form/.test(form.dict)) show(form.stream.toString('latin1'), dictOf(form.dict, 'Resources') || resources, depth + 1);
      }
    }
  };
  // Each page names its fonts in its own resources: /F4 on one page may be another font on the next.
  for (const { dict } of objects.values()) {
    if (!/\/Type\s*\/Page\b(?!s)/.test(dict)) continue;
    const contents = /\/Contents\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? /\/Contents\s+\d+ 0 R/.exec(dict)?.[0] ?? '';
    for (const c of contents.matchAll(/(\d+) 0 R/g)) show(objects.get(Number(c[1]))?.stream?.toString('latin1') ?? '', dictOf(dict, 'Resources'), 0);
  }
  // NFKC: a subset font may map a glyph to its compatibility form (⽉ for 月, ﬁ for fi).
  return texts.join('\n').normalize('NFKC');
}

interface CMap {
  decode(hex: string): string;
}

function inflateSafely(bytes: Buffer): Buffer | undefined {
  try {
    return inflateSync(bytes);
  } catch {
    return undefined;
  }
}

/** A ToUnicode CMap's bfchar and bfrange entries; codes are as wide as its code space says. */
function parseCMap(text: string): CMap {
  const width = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(text)?.[1].length ?? 4;
  const map = new Map<number, string>();
  const unicode = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const e of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(e[1], 16), unicode(e[2]));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const e of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const first = parseInt(e[1], 16);
      const base = parseInt(e[3], 16);
      for (let code = first; code <= parseInt(e[2], 16); code++) map.set(code, String.fromCodePoint(base + code - first));
    }
  }
  return {
    decode: (hex) => (hex.match(new RegExp(`.{${width}}`, 'g')) ?? []).map((c) => map.get(parseInt(c, 16)) ?? '').join(''),
  };
}
