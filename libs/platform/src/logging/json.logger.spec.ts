import { JsonLogger } from './json.logger';
import { runWithRequestContext } from './request-context';

function capture(level: ConstructorParameters<typeof JsonLogger>[0]['level'] = 'verbose') {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = new JsonLogger({
    service: 'ledger',
    level,
    write: (line) => {
      raw.push(line);
      lines.push(JSON.parse(line));
    },
  });
  return { logger, lines, raw };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with time, level, service, context and message', () => {
    const { logger, lines, raw } = capture();
    logger.log('checkpoint signed', 'Checkpoints');
    expect(raw).toHaveLength(1);
    expect(raw[0].endsWith('\n')).toBe(true);
    expect(raw[0].trimEnd()).not.toContain('\n');
    expect(lines[0]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: 'info',
      service: 'ledger',
      context: 'Checkpoints',
      msg: 'checkpoint signed',
    });
  });

  it('takes the correlation id and service of the work it runs in', () => {
    const { logger, lines } = capture();
    runWithRequestContext({ correlationId: 'c-7', service: 'custody' }, () => logger.warn('late hand-over', 'Custody'));
    expect(lines[0]).toMatchObject({ level: 'warn', service: 'custody', correlationId: 'c-7' });
  });

  it("reads Nest's error(message, stack, context) and a lone stack", () => {
    const { logger, lines } = capture();
    const stack = new Error('boom').stack as string;
    logger.error('failed', stack, 'Relay');
    logger.error('failed again', stack);
    logger.error('failed without stack', 'Relay');
    expect(lines[0]).toMatchObject({ level: 'error', context: 'Relay', msg: 'failed', stack });
    expect(lines[1]).toMatchObject({ msg: 'failed again', stack });
    expect(lines[1].context).toBeUndefined();
    expect(lines[2]).toMatchObject({ msg: 'failed without stack', context: 'Relay' });
    expect(lines[2].stack).toBeUndefined();
  });

  it('merges the fields of an object message, without letting them overwrite the envelope', () => {
    const { logger, lines } = capture();
    logger.log({ msg: 'export packaged', exportId: 'e-1', level: 'fatal', service: 'forged' }, 'Exports');
    expect(lines[0]).toMatchObject({ level: 'info', service: 'ledger', msg: 'export packaged', exportId: 'e-1' });
  });

  it('keeps footage bytes and credentials out of the log', () => {
    const { logger, lines, raw } = capture();
    logger.log({
      msg: 'segment stored',
      segmentId: 's-1',
      chunk: Buffer.alloc(1024, 7),
      headers: { authorization: 'Bearer abc.def', 'x-request': 'ok' },
      password: 'hunter2',
    });
    expect(lines[0]).toMatchObject({
      segmentId: 's-1',
      chunk: '[1024 bytes]',
      headers: { authorization: '[redacted]', 'x-request': 'ok' },
      password: '[redacted]',
    });
    expect(raw[0]).not.toMatch(/hunter2|abc\.def|7,7,7/);
  });

  it('writes nothing below its level', () => {
    const { logger, lines } = capture('warn');
    logger.debug('noise');
    logger.log('info noise');
    logger.warn('kept');
    logger.fatal('kept too');
    expect(lines.map((l) => l.level)).toEqual(['warn', 'fatal']);
  });

  it('follows the levels Nest sets', () => {
    const { logger, lines } = capture('verbose');
    logger.setLogLevels(['error']);
    logger.log('dropped');
    logger.error('kept');
    expect(lines.map((l) => l.msg)).toEqual(['kept']);
  });
});
